import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GongwenServer

@Suite("Sign-in and sessions")
struct LoginTests {
    @Test("the login page is in Chinese, carries a CSRF field and sets the pre-session cookie")
    func loginPage() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            let page = try await browser.request("/login")
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("登录") && html.contains("账户名") && html.contains("密码"))
            #expect(TestBrowser.csrfField(in: html)?.count == 64)
            #expect(browser.cookies[AccessControl.csrfCookie] == browser.csrf)
        }
    }

    @Test("the store keeps only a digest of the session's secret: a copy of the file is not a cookie")
    func sessionSecretNotStored() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        let store = SessionStore(database: harness.database, now: { Date() })
        let (cookie, _) = try store.create(for: Clerk(id: 1, name: "alice"))
        let verifier = String(cookie.split(separator: ".")[1])
        let stored = try await harness.database.read { db in try String.fetchOne(db, sql: "SELECT verifier FROM auth_session") }
        #expect(stored != nil && stored != verifier)
        #expect(stored == SessionStore.digest(verifier))
        #expect(try store.session(cookieValue: cookie)?.clerk.name == "alice")
        let selector = cookie.split(separator: ".")[0]
        #expect(try store.session(cookieValue: "\(selector).\(stored!.prefix(64))") == nil, "the stored value does not sign in")
    }

    @Test("without a session pages go to /login (303) and everything else is 401")
    func signInRequired() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            let page = try await browser.request("/", headers: [.accept: "text/html,application/xhtml+xml"])
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login")
            #expect(try await browser.request("/").status == .unauthorized)
            #expect(try await browser.request("/jobs/1", headers: [.accept: "application/json"]).status == .unauthorized)
            #expect(try await browser.request("/thing", method: .post, csrf: true).status == .unauthorized)
            #expect(try await browser.request("/static/app.js").status == .notFound, "public paths reach the router")
        }
    }

    @Test("a good password signs in with a strict, HttpOnly session cookie")
    func signInAndCookieFlags() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            try await browser.request("/login")
            let response = try await browser.request("/login", method: .post, form: [
                ("name", "alice"), ("password", "alice-password"), ("csrf", browser.csrf),
            ])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("gongwen_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Path=/"))
            #expect(cookie.contains("Max-Age=43200"))
            #expect(!cookie.contains("Secure"))
            let home = try await browser.request("/")
            #expect(home.status == .ok)
            #expect(String(buffer: home.body).hasPrefix("clerk=alice "))
        }
    }

    @Test("a wrong password or an unknown name is refused in Chinese, without a session")
    func badPassword() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            for (name, password) in [("alice", "wrong-password"), ("mallory", "alice-password"), ("alice", "")] {
                var browser = TestBrowser(client)
                let response = try await browser.signIn(name, password)
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("账户名或密码不正确"))
                #expect(browser.cookies[AccessControl.sessionCookie] == nil)
                #expect(try await browser.request("/").status == .unauthorized)
            }
        }
    }

    @Test("logging out ends the session on the server, not just in the browser")
    func logout() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            try await browser.signIn("alice", "alice-password")
            let stolen = browser
            let out = try await browser.request("/logout", method: .post, form: [("csrf", browser.csrf)])
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/login")
            #expect(browser.cookies[AccessControl.sessionCookie] == nil)
            var replay = stolen
            #expect(try await replay.request("/").status == .unauthorized)
        }
    }

    @Test("a session ends 12 hours after sign-in")
    func sessionExpiry() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            try await browser.signIn("alice", "alice-password")
            harness.clock.advance(12 * 3600 - 60)
            #expect(try await browser.request("/").status == .ok)
            harness.clock.advance(61)
            let expired = try await browser.request("/")
            #expect(expired.status == .unauthorized)
            #expect(expired.headers[values: .setCookie].contains { $0.hasPrefix("gongwen_session=;") && $0.contains("Max-Age=0") })
        }
    }

    @Test("a forged or tampered session cookie is ignored")
    func forgedCookie() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            try await browser.signIn("alice", "alice-password")
            let real = try #require(browser.cookies[AccessControl.sessionCookie])
            let selector = real.split(separator: ".")[0]
            for value in ["\(selector).\(String(repeating: "0", count: 64))", "1", "'; DROP TABLE auth_session; --", real + "0"] {
                var forger = TestBrowser(client)
                forger.cookies[AccessControl.sessionCookie] = value
                #expect(try await forger.request("/").status == .unauthorized)
            }
            #expect(try await browser.request("/").status == .ok)
        }
    }

    @Test("a new password and a removed account sign the clerk out everywhere")
    func passwordChangeSignsOut() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var alice = TestBrowser(client), bob = TestBrowser(client)
            try await alice.signIn("alice", "alice-password")
            try await bob.signIn("bob", "bob-password")
            try harness.accounts.setPassword(name: "alice", password: "another-password")
            try harness.accounts.remove(name: "bob")
            #expect(try await alice.request("/").status == .unauthorized)
            #expect(try await bob.request("/").status == .unauthorized)
            #expect(try await alice.signIn("alice", "another-password").status == .seeOther)
        }
    }

    @Test("on 127.0.0.1 without accounts everyone is 本机, CSRF still holds, and other host names are refused")
    func loopbackWithoutAccounts() async throws {
        let harness = try AuthHarness(host: "127.0.0.1", clerks: [])
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            let home = try await browser.request("/")
            #expect(home.status == .ok)
            let body = String(buffer: home.body)
            #expect(body.hasPrefix("clerk=本机 "))
            let token = try #require(browser.cookies[AccessControl.csrfCookie])
            #expect(body.hasSuffix("csrf=\(token)"))
            browser.csrf = token
            #expect(try await browser.request("/thing", method: .post).status == .forbidden)
            #expect(try await browser.request("/thing", method: .post, csrf: true).status == .ok)
            #expect(AccessMiddleware.isLoopback(authority: "127.0.0.1:8080"))
            #expect(AccessMiddleware.isLoopback(authority: "localhost"))
            #expect(AccessMiddleware.isLoopback(authority: "[::1]:8080"))
            #expect(!AccessMiddleware.isLoopback(authority: "127.evil.example:8080"))
            #expect(!AccessMiddleware.isLoopback(authority: "evil.example"))
        }
    }

    @Test("on 127.0.0.1 with accounts the clerk signs in")
    func loopbackWithAccounts() async throws {
        let harness = try AuthHarness(host: "127.0.0.1")
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            let first = try await browser.request("/")
            #expect(first.status == .unauthorized)
            #expect(try await browser.signIn("bob", "bob-password").status == .seeOther)
            #expect(String(buffer: try await browser.request("/").body).hasPrefix("clerk=bob "))
        }
    }
}
