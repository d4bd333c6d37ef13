import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GongwenServer

@Suite("Web server")
struct WebServerTests {
    @Test("the start page answers in Chinese")
    func startPage() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-server-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let router = try WebServer.makeRouter(ServerConfiguration(templatesDirectory: "Templates", dataDirectory: data))
        let app = Application(router: router)
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("公文生成"))
            }
        }
    }
}
