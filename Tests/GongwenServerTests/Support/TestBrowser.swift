import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A browser for route tests: keeps the cookies the server sets and the CSRF token of the last
/// page with a form, and sends both back like a real browser on the same origin.
struct TestBrowser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf = ""

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    /// Sends a request; `csrf: true` adds the `X-CSRF-Token` header, `form` sends a url-encoded body.
    @discardableResult
    mutating func request(_ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:],
                          form: [(String, String)]? = nil, body: String? = nil, csrf sendToken: Bool = false) async throws -> TestResponse {
        var headers = headers
        if !cookies.isEmpty { headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if sendToken { headers[HTTPField.Name("X-CSRF-Token")!] = csrf }
        var body = body
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        }
        let response: TestResponse = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if header.contains("Max-Age=0") || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        let html = String(buffer: response.body)
        if let token = Self.csrfField(in: html) { csrf = token }
        return response
    }

    /// Opens /login, signs in with the form, and picks up the session's CSRF token.
    @discardableResult
    mutating func signIn(_ name: String, _ password: String) async throws -> TestResponse {
        try await request("/login")
        let response = try await request("/login", method: .post, form: [("name", name), ("password", password), ("csrf", csrf)])
        if response.status == .seeOther { try await request("/login") }
        return response
    }

    static func csrfField(in html: String) -> String? {
        guard let start = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

/// A clock the tests move forward (session expiry, lock-outs).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time = Date(timeIntervalSince1970: 1_800_000_000)

    var now: Date { lock.withLock { time } }
    func advance(_ seconds: TimeInterval) { lock.withLock { time += seconds } }
}
