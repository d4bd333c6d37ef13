import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import GongwenServer

/// A data folder with two clerks (alice and bob, cheap bcrypt cost) and a router with the
/// access control installed, on a test clock.
struct AuthHarness {
    static let alice = (name: "alice", password: "alice-password")
    static let bob = (name: "bob", password: "bob-password")

    let dataDirectory: String
    let configuration: ServerConfiguration
    let database: DatabasePool
    let clock = TestClock()

    init(host: String = "0.0.0.0", clerks: [(name: String, password: String)] = [alice, bob]) throws {
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-auth-\(UUID().uuidString)").path
        var configuration = ServerConfiguration(templatesDirectory: "Templates", dataDirectory: dataDirectory)
        configuration.host = host
        self.configuration = configuration
        database = try ServerDatabase.open(in: dataDirectory)
        let accounts = Accounts(database: database, cost: 4)
        for clerk in clerks { try accounts.add(name: clerk.name, password: clerk.password) }
    }

    var accounts: Accounts { Accounts(database: database, cost: 4) }

    /// A router with the access control and a few plain routes: "/" shows the clerk's name,
    /// "/thing" answers every method with the form body it got.
    func router(policy: LoginThrottle.Policy = .init(), routes: (Router<ServerRequestContext>) -> Void = { _ in }) throws -> Router<ServerRequestContext> {
        let router = Router(context: ServerRequestContext.self)
        let clock = self.clock
        try AccessControl(configuration: configuration, database: database, now: { clock.now }, throttlePolicy: policy, cost: 4)
            .install(on: router)
        router.get("/") { _, context -> String in "clerk=\(context.clerk?.name ?? "none") csrf=\(context.csrfToken)" }
        for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
            router.on("/thing", method: method) { request, _ -> String in
                var request = request
                let body = try await request.collectBody(upTo: 1 << 16)
                return "done:" + String(buffer: body)
            }
        }
        routes(router)
        return router
    }

    /// The application of `router`, to test with `.router`.
    func app(_ router: Router<ServerRequestContext>) -> some ApplicationProtocol {
        Application(router: router)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }
}
