import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GongwenServer

/// Over a real HTTP/1 connection, where the request's authority comes from its Host header.
@Suite("Access control on a live connection")
struct LiveServerTests {
    @Test("a loopback server refuses other host names (DNS rebinding); same-origin POST passes, cross-origin does not")
    func live() async throws {
        let harness = try AuthHarness(host: "127.0.0.1", clerks: [])
        defer { harness.remove() }
        let app = Application(router: try harness.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await TestClient.withClient(host: "127.0.0.1", port: port) { raw in
                let here = "127.0.0.1:\(port)"
                let evil = try await raw.execute(.init("/", method: .get, authority: "rebound.example:\(port)"))
                #expect(evil.status == .misdirectedRequest)
                let home = try await raw.execute(.init("/", method: .get, authority: here))
                #expect(home.status == .ok)
                let body = home.body.map { String(buffer: $0) } ?? ""
                let token = String(body.split(separator: "=").last ?? "")
                #expect(token.count == 64)
                let csrf = HTTPField.Name("X-CSRF-Token")!
                let same = try await raw.execute(.init("/thing", method: .post, authority: here,
                                                       headers: [.origin: "http://\(here)", csrf: token]))
                #expect(same.status == .ok)
                let cross = try await raw.execute(.init("/thing", method: .post, authority: here,
                                                        headers: [.origin: "http://rebound.example:\(port)", csrf: token]))
                #expect(cross.status == .forbidden)
            }
        }
    }
}
