import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GongwenServer

@Suite("Security headers")
struct SecurityHeadersTests {
    func expectHeaders(_ response: TestResponse, noStore: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
        let csp = response.headers[.contentSecurityPolicy] ?? ""
        #expect(csp.contains("default-src 'none'"), sourceLocation: sourceLocation)
        #expect(csp.contains("script-src 'self' 'nonce-"), sourceLocation: sourceLocation)
        #expect(csp.contains("frame-src 'self'") && !csp.contains("unsafe-inline"), sourceLocation: sourceLocation)
        #expect(csp.contains("frame-ancestors 'self'") && csp.contains("base-uri 'none'") && csp.contains("form-action 'self'"),
                sourceLocation: sourceLocation)
        #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), sourceLocation: sourceLocation)
        #expect(response.headers[.xContentTypeOptions] == "nosniff", sourceLocation: sourceLocation)
        #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", sourceLocation: sourceLocation)
        #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "SAMEORIGIN", sourceLocation: sourceLocation)
        #expect((response.headers[.cacheControl] == "no-store") == noStore, sourceLocation: sourceLocation)
    }

    @Test("every response has them: pages, refusals, redirects, unknown paths")
    func everywhere() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            expectHeaders(try await browser.request("/login"))
            expectHeaders(try await browser.request("/"))
            expectHeaders(try await browser.request("/", headers: [.accept: "text/html"]))
            expectHeaders(try await browser.request("/login", method: .post))
            expectHeaders(try await browser.request("/static/none.css"), noStore: false)
            try await browser.signIn("alice", "alice-password")
            expectHeaders(try await browser.request("/"))
            expectHeaders(try await browser.request("/no/such/page"))
        }
    }

    @Test("the nonce is fresh for every response and is the one the page gets")
    func nonce() async throws {
        let harness = try AuthHarness(host: "127.0.0.1", clerks: [])
        defer { harness.remove() }
        let router = try harness.router { router in
            router.get("/nonce") { _, context -> String in context.cspNonce }
        }
        try await harness.app(router).test(.router) { client in
            var browser = TestBrowser(client)
            let first = try await browser.request("/nonce"), second = try await browser.request("/nonce")
            let nonce = String(buffer: first.body)
            #expect(nonce.count == 32)
            #expect(first.headers[.contentSecurityPolicy]?.contains("'nonce-\(nonce)'") == true)
            #expect(String(buffer: second.body) != nonce)
        }
    }

    @Test("a preview keeps its own, stricter policy: no script at all, sandboxed")
    func previewPolicy() async throws {
        let policy = SecurityHeaders.previewPolicy(nonce: "abc")
        #expect(!policy.contains("script-src"))
        #expect(policy.contains("default-src 'none'"))
        #expect(policy.hasSuffix("sandbox"))
        #expect(policy.contains("form-action 'none'"))
        let harness = try AuthHarness(host: "127.0.0.1", clerks: [])
        defer { harness.remove() }
        let router = try harness.router { router in
            router.get("/preview") { _, context -> Response in
                Response(status: .ok, headers: [.contentSecurityPolicy: SecurityHeaders.previewPolicy(nonce: context.cspNonce)])
            }
        }
        try await harness.app(router).test(.router) { client in
            let response: TestResponse = try await client.execute(uri: "/preview", method: .get)
            #expect(response.headers[.contentSecurityPolicy]?.hasSuffix("sandbox") == true)
            #expect(response.headers[values: .contentSecurityPolicy].count == 1)
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
        }
    }
}
