import Foundation
import Testing
@testable import GongwenServer

@Suite("Starting on an office network")
struct StartRefusalTests {
    @Test("a non-loopback address without accounts refuses to start, naming gongwen users add")
    func refused() throws {
        let harness = try AuthHarness(host: "0.0.0.0", clerks: [])
        defer { harness.remove() }
        let error = #expect(throws: StartRefused.self) { try AccessControl.checkStart(harness.configuration) }
        #expect(error?.description.contains("gongwen users add") == true)
        #expect(error?.description.contains("拒绝启动") == true)
        #expect(throws: StartRefused.self) { _ = try WebServer.application(harness.configuration) }
    }

    @Test("with an account, or on loopback, it starts")
    func allowed() throws {
        let withAccount = try AuthHarness(host: "192.168.1.10")
        defer { withAccount.remove() }
        try AccessControl.checkStart(withAccount.configuration)
        for host in ["127.0.0.1", "::1", "localhost"] {
            let loopback = try AuthHarness(host: host, clerks: [])
            defer { loopback.remove() }
            try AccessControl.checkStart(loopback.configuration)
        }
    }
}
