import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GongwenServer

/// Things owned by a clerk, for proving `assertOwnership` on a route that uses `requireOwner`.
final class OwnedThings: @unchecked Sendable {
    private let lock = NSLock()
    private var owners: [Int: Int64] = [:]

    func add(owner: Int64) -> Int { lock.withLock { owners[owners.count + 1] = owner; return owners.count } }
    func owner(of id: Int) -> Int64? { lock.withLock { owners[id] } }
}

@Suite("Ownership")
struct OwnershipTests {
    static func router(_ harness: AuthHarness, checked: Bool) throws -> Router<ServerRequestContext> {
        let things = OwnedThings()
        return try harness.router { router in
            router.post("/things") { _, context -> Response in
                let id = things.add(owner: context.clerk!.id)
                return Response(status: .seeOther, headers: [.location: "/things/\(id)"])
            }
            for method in [HTTPRequest.Method.get, .delete] {
                router.on("/things/{id}", method: method) { _, context -> String in
                    guard let id = context.parameters.get("id", as: Int.self), let owner = things.owner(of: id) else {
                        throw HTTPError(.notFound)
                    }
                    if checked { try requireOwner(owner, context: context) }
                    return "thing \(id)"
                }
            }
        }
    }

    @Test("a route that checks the owner answers 404 to the other clerk", arguments: [HTTPRequest.Method.get, .delete])
    func refusesOtherClerk(method: HTTPRequest.Method) async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await assertOwnership(router: try Self.router(harness, checked: true), method: method) { alice in
            try await alice.request("/things", method: .post, csrf: true).headers[.location]!
        }
    }

    @Test("the helper notices a route that forgets the check")
    func catchesMissingCheck() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        await withKnownIssue {
            try await assertOwnership(router: try Self.router(harness, checked: false)) { alice in
                try await alice.request("/things", method: .post, csrf: true).headers[.location]!
            }
        }
    }
}
