import Foundation
import GRDB
import Hummingbird

/// Who may come in. Installed on the router before any route:
///
/// - On 127.0.0.1 without accounts every request is `Clerk.local`; the page answers only to
///   loopback host names (a DNS-rebinding page cannot talk to it).
/// - Otherwise a clerk signs in at /login; her session is the `gongwen_session` cookie
///   (HttpOnly, SameSite=Strict, Path=/, 12 h; not `Secure`, as the server speaks plain HTTP —
///   behind an HTTPS proxy the proxy should add it). Pages answer 303 to /login without a
///   session, everything else 401.
/// - Every POST/PUT/PATCH/DELETE (also /login and /logout) needs the CSRF token (`X-CSRF-Token`,
///   form field `csrf`, or `?csrf=` for streamed uploads) and is refused when it comes from
///   another site (`Origin`, `Sec-Fetch-Site`).
/// - Every response gets the security headers (`SecurityHeaders`) and a fresh CSP nonce.
public struct AccessControl: Sendable {
    public static let sessionCookie = "gongwen_session"
    public static let csrfCookie = "gongwen_csrf"

    let configuration: ServerConfiguration
    let accounts: Accounts
    let sessions: SessionStore
    let throttle: LoginThrottle
    /// The CSRF token of a loopback server without accounts: one per server process.
    let processToken = RandomToken.hex(bytes: 32)

    public init(configuration: ServerConfiguration, database: DatabasePool) {
        self.init(configuration: configuration, database: database, now: { Date() })
    }

    init(configuration: ServerConfiguration, database: DatabasePool, now: @escaping @Sendable () -> Date,
         throttlePolicy: LoginThrottle.Policy = .init(), cost: UInt8 = PasswordHasher.cost) {
        self.configuration = configuration
        self.accounts = Accounts(database: database, cost: cost)
        self.sessions = SessionStore(database: database, now: now)
        self.throttle = LoginThrottle(policy: throttlePolicy, now: now)
    }

    /// Adds the middleware and the sign-in pages; call before adding any other route.
    public func install(on router: Router<ServerRequestContext>) throws {
        router.add(middleware: AccessMiddleware(access: self))
        LoginRoutes(access: self).add(to: router)
    }

    /// Paths anyone may fetch without signing in.
    static func isPublic(_ path: String) -> Bool {
        path == "/login" || path == "/logout" || path == "/healthz" || isStaticAsset(path)
    }

    static func isStaticAsset(_ path: String) -> Bool {
        (path == "/style.css" || path.hasPrefix("/static/")) && !path.contains("..") && !path.contains("%")
    }

    /// True on a loopback server with no account: everyone is `Clerk.local`.
    func isOpenLocal() throws -> Bool {
        try configuration.isLocalOnly && accounts.count() == 0
    }

    struct Identity {
        var clerk: Clerk?
        var csrfToken: String
        var cookies: [Cookie] = []
    }

    /// The clerk and CSRF token of a request, and the cookies to set or clear.
    func identify(_ request: Request) throws -> Identity {
        let cookies = request.cookies
        if try isOpenLocal() {
            var identity = Identity(clerk: .local, csrfToken: processToken)
            if cookies[Self.csrfCookie]?.value != processToken { identity.cookies.append(Self.cookie(Self.csrfCookie, processToken)) }
            return identity
        }
        var cleared: [Cookie] = []
        if let value = cookies[Self.sessionCookie]?.value {
            if let session = try sessions.session(cookieValue: value) {
                return Identity(clerk: session.clerk, csrfToken: session.csrfToken)
            }
            cleared.append(Self.expiredCookie(Self.sessionCookie))
        }
        if let token = cookies[Self.csrfCookie]?.value, RandomToken.isHex(token) {
            return Identity(clerk: nil, csrfToken: token, cookies: cleared)
        }
        let token = RandomToken.hex(bytes: 32)
        return Identity(clerk: nil, csrfToken: token, cookies: cleared + [Self.cookie(Self.csrfCookie, token)])
    }

    static func cookie(_ name: String, _ value: String, maxAge: Int = Int(SessionStore.lifetime)) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: false, httpOnly: true, sameSite: .strict)
    }

    static func expiredCookie(_ name: String) -> Cookie {
        cookie(name, "", maxAge: 0)
    }
}

/// Why `gongwen serve` may not start.
public struct StartRefused: Error, CustomStringConvertible {
    public let description: String
}

extension AccessControl {
    /// Refuses a server reachable from other machines while no clerk has an account: it would
    /// let anyone on the network in.
    public static func checkStart(_ configuration: ServerConfiguration) throws {
        guard !configuration.isLocalOnly else { return }
        let count = try Accounts.open(dataDirectory: configuration.dataDirectory).count()
        guard count == 0 else { return }
        throw StartRefused(description: """
            拒绝启动：监听 \(configuration.host) 会让办公网络上的其他电脑访问本网页，但还没有任何账户。
            请先添加账户：gongwen users add 姓名 --data-dir \(configuration.dataDirectory)
            或者不加 --host，只在本机（127.0.0.1）使用。
            """)
    }
}
