import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GongwenServer

@Suite("CSRF")
struct CSRFTests {
    static let unsafeMethods: [HTTPRequest.Method] = [.post, .put, .patch, .delete]

    @Test("every unsafe method needs the session's token: missing or wrong is 403, right is let through")
    func tokenRequired() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            try await browser.signIn("alice", "alice-password")
            let token = browser.csrf
            #expect(token.count == 64)
            for method in Self.unsafeMethods {
                let missing = try await browser.request("/thing", method: method)
                #expect(missing.status == .forbidden, "\(method) without a token")
                #expect(String(buffer: missing.body).contains("CSRF"))
                browser.csrf = String(repeating: "a", count: 64)
                #expect(try await browser.request("/thing", method: method, csrf: true).status == .forbidden, "\(method) wrong token")
                browser.csrf = ""
                #expect(try await browser.request("/thing", method: method, csrf: true).status == .forbidden, "\(method) empty token")
                browser.csrf = token
                #expect(try await browser.request("/thing", method: method, csrf: true).status == .ok, "\(method) right header")
                #expect(try await browser.request("/thing?csrf=\(token)", method: method).status == .ok, "\(method) right query")
            }
        }
    }

    @Test("another session's token does not do")
    func otherSessionsToken() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var alice = TestBrowser(client), bob = TestBrowser(client)
            try await alice.signIn("alice", "alice-password")
            try await bob.signIn("bob", "bob-password")
            alice.csrf = bob.csrf
            #expect(try await alice.request("/thing", method: .post, csrf: true).status == .forbidden)
        }
    }

    @Test("the form field works, and the route still reads the whole form")
    func formField() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            try await browser.signIn("alice", "alice-password")
            let ok = try await browser.request("/thing", method: .post, form: [("title", "通知"), ("csrf", browser.csrf)])
            #expect(ok.status == .ok)
            #expect(String(buffer: ok.body) == "done:title=%E9%80%9A%E7%9F%A5&csrf=\(browser.csrf)")
            let wrong = try await browser.request("/thing", method: .post, form: [("title", "x"), ("csrf", "0")])
            #expect(wrong.status == .forbidden)
        }
    }

    @Test("a request from another site is refused even with the right token")
    func crossSite() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            try await browser.signIn("alice", "alice-password")
            for method in Self.unsafeMethods {
                for headers: HTTPFields in [
                    [.origin: "http://evil.example"], [.origin: "null"], [.origin: "http://localhost.evil.example"],
                    [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"], [HTTPField.Name("Sec-Fetch-Site")!: "same-site"],
                ] {
                    let response = try await browser.request("/thing", method: method, headers: headers, csrf: true)
                    #expect(response.status == .forbidden, "\(method) \(headers)")
                }
                let same: HTTPFields = [.origin: "http://localhost", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"]
                #expect(try await browser.request("/thing", method: method, headers: same, csrf: true).status == .ok)
                // What Chromium sends for a form of this site's own page: an opaque origin, same-origin fetch.
                let opaque: HTTPFields = [.origin: "null", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"]
                #expect(try await browser.request("/thing", method: method, headers: opaque, csrf: true).status == .ok)
                #expect(try await browser.request("/thing", method: method, headers: opaque, csrf: false).status == .forbidden,
                        "the token is still needed")
            }
        }
    }

    @Test("signing in needs the pre-session token too (no login CSRF)")
    func loginNeedsToken() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            try await browser.request("/login")
            let noField = try await browser.request("/login", method: .post, form: [("name", "alice"), ("password", "alice-password")])
            #expect(noField.status == .forbidden)
            var fresh = TestBrowser(client)
            let noCookie = try await fresh.request("/login", method: .post, form: [
                ("name", "alice"), ("password", "alice-password"), ("csrf", browser.csrf),
            ])
            #expect(noCookie.status == .forbidden)
            #expect(fresh.cookies[AccessControl.sessionCookie] == nil)
        }
    }

    @Test("logging out needs the token, so another site cannot sign a clerk out")
    func logoutNeedsToken() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            try await browser.signIn("alice", "alice-password")
            #expect(try await browser.request("/logout", method: .post).status == .forbidden)
            #expect(try await browser.request("/").status == .ok)
        }
    }
}
