import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GongwenServer

/// Proves a route refuses the other clerk: alice signs in and `create` makes something of hers
/// (through her browser) and returns its uri; alice gets it with `method` (status below 400),
/// bob, signed in too, gets 404, exactly as for an id that does not exist.
///
/// For the pages' routes pass `WebServer.makeRouter` of `harness.configuration` (the accounts
/// are already in its data folder):
///
///     let harness = try AuthHarness()
///     try await assertOwnership(router: try WebServer.makeRouter(harness.configuration)) { alice in
///         let upload = try await alice.request("/jobs?csrf=\(alice.csrf)", method: .post, body: "…")
///         return upload.headers[.location]!
///     }
func assertOwnership(router: Router<ServerRequestContext>, method: HTTPRequest.Method = .get,
                     sourceLocation: SourceLocation = #_sourceLocation,
                     create: @escaping @Sendable (inout TestBrowser) async throws -> String) async throws {
    try await Application(router: router).test(.router) { client in
        var alice = TestBrowser(client), bob = TestBrowser(client)
        #expect(try await alice.signIn(AuthHarness.alice.name, AuthHarness.alice.password).status == .seeOther, sourceLocation: sourceLocation)
        #expect(try await bob.signIn(AuthHarness.bob.name, AuthHarness.bob.password).status == .seeOther, sourceLocation: sourceLocation)
        let uri = try await create(&alice)
        let other = try await bob.request(uri, method: method, csrf: true)
        #expect(other.status == .notFound, "bob must not reach alice's \(uri)", sourceLocation: sourceLocation)
        let own = try await alice.request(uri, method: method, csrf: true)
        #expect(own.status.code < 400, "alice must reach her own \(uri)", sourceLocation: sourceLocation)
    }
}
