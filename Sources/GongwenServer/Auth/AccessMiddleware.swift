import Foundation
import Hummingbird

/// Runs before every route: sets `clerk`, `csrfToken` and `cspNonce`, turns away requests
/// without a session or without the CSRF token, and adds the security headers.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let access: AccessControl

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.cspNonce = RandomToken.hex(bytes: 16)
        var cookies: [Cookie] = []
        var response: Response
        do {
            response = try await admit(request, context: &context, cookies: &cookies, next: next)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        SecurityHeaders.apply(to: &response.headers, nonce: context.cspNonce, path: request.uri.path)
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    private func admit(_ request: Request, context: inout Context, cookies: inout [Cookie],
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        let authority = request.head.authority
        if access.configuration.isLocalOnly, let authority, !Self.isLoopback(authority: authority) {
            return AuthPage.refusal(.misdirectedRequest, "本网页只接受本机地址（127.0.0.1 或 localhost）的访问。", nonce: context.cspNonce)
        }
        let identity = try access.identify(request)
        context.clerk = identity.clerk
        context.csrfToken = identity.csrfToken
        cookies += identity.cookies

        let path = request.uri.path
        let safeMethods: [HTTPRequest.Method] = [.get, .head, .options]
        let isUnsafe = !safeMethods.contains(request.method)
        if context.clerk == nil, !AccessControl.isPublic(path) {
            if !isUnsafe, request.headers[.accept]?.contains("text/html") ?? false {
                return Response(status: .seeOther, headers: [.location: "/login"])
            }
            return AuthPage.refusal(.unauthorized, "请先登录。", nonce: context.cspNonce)
        }
        guard isUnsafe else { return try await next(request, context) }

        if Self.isCrossSite(request, authority: authority) {
            return AuthPage.refusal(.forbidden, "拒绝来自其他网站的请求。请在本网页上操作。", nonce: context.cspNonce)
        }
        var request = request
        guard try await Self.carriesToken(context.csrfToken, in: &request, limit: context.maxUploadSize) else {
            return AuthPage.refusal(.forbidden, "页面已过期或缺少校验码（CSRF）。请刷新页面后重试。", nonce: context.cspNonce)
        }
        return try await next(request, context)
    }

    /// `Sec-Fetch-Site` says another site, or `Origin` names another origin than this server.
    static func isCrossSite(_ request: Request, authority: String?) -> Bool {
        if let site = request.headers[.secFetchSite]?.lowercased(), site == "cross-site" || site == "same-site" { return true }
        guard let origin = request.headers[.origin] else { return false }
        // An opaque origin (`null`: a sandboxed frame, a file, a privacy setting) is trusted only
        // when the browser itself says the request comes from this site.
        if origin == "null" { return request.headers[.secFetchSite]?.lowercased() != "same-origin" }
        guard let range = origin.range(of: "://"), let authority else { return true }
        return origin[range.upperBound...].lowercased() != authority.lowercased()
    }

    /// The token from the `X-CSRF-Token` header, the `csrf` query item (multipart uploads, whose
    /// body is streamed to disk) or the `csrf` field of a url-encoded form (read in full, then
    /// handed on, up to the form limit).
    static func carriesToken(_ expected: String, in request: inout Request, limit: Int) async throws -> Bool {
        if let header = request.headers[.xCSRFToken] { return RandomToken.constantTimeEquals(header, expected) }
        if let query = request.uri.queryParameters["csrf"] { return RandomToken.constantTimeEquals(query, expected) }
        if FormFields.isForm(request.headers[.contentType]) {
            let body = try await request.collectBody(upTo: limit)
            if let field = FormFields.parse(String(buffer: body))["csrf"] { return RandomToken.constantTimeEquals(field, expected) }
        }
        return false
    }

    /// 127.0.0.1, [::1], localhost (with any port).
    static func isLoopback(authority: String) -> Bool {
        var host = Substring(authority.lowercased())
        if host.hasPrefix("[") {
            host = host.dropFirst().prefix { $0 != "]" }
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        return host == "localhost" || host == "::1" || (host.hasPrefix("127.") && host.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") })
    }
}
