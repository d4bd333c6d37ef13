import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
@testable import GongwenServer
import TestSupport

/// Test-only: the clerk named by the `X-Test-Clerk` header (the real server sets it from the session).
struct TestClerkMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let id = request.headers[HTTPField.Name("X-Test-Clerk")!].flatMap({ Int64($0) }) {
            context.clerk = Clerk(id: id, name: "科员\(id)")
        }
        context.csrfToken = "test-token"
        context.cspNonce = "test-nonce"
        return try await next(request, context)
    }
}

/// A server on a fresh data folder with the shipped templates, and its services.
struct TestServer: @unchecked Sendable {
    let services: Services
    let dataDirectory: String
    let app: Application<RouterResponder<ServerRequestContext>>

    init(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        dataDirectory = temporaryDirectory().path
        var configuration = ServerConfiguration(templatesDirectory: Repository.path("Templates"), dataDirectory: dataDirectory)
        configure(&configuration)
        services = try Services(configuration: configuration, startSweeper: false)
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: TestClerkMiddleware())
        Pages.addRoutes(to: router, services: services)
        app = Application(router: router)
    }
}

/// A multipart/form-data body.
struct Multipart {
    static let boundary = "----gongwen-test-boundary"
    var body = ByteBuffer()

    mutating func file(_ field: String, name: String, bytes: [UInt8]) {
        body.writeString("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(name)\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n")
    }

    mutating func field(_ name: String, _ value: String) {
        body.writeString("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
    }

    var finished: ByteBuffer {
        var copy = body
        copy.writeString("--\(Self.boundary)--\r\n")
        return copy
    }

    static var headers: HTTPFields { [.contentType: "multipart/form-data; boundary=\(boundary)"] }
}

func clerk(_ id: Int64, _ more: HTTPFields = [:]) -> HTTPFields {
    var fields = more
    fields[HTTPField.Name("X-Test-Clerk")!] = String(id)
    return fields
}

func formBody(_ pairs: [(String, String)]) -> ByteBuffer {
    ByteBuffer(string: pairs.map { k, v in
        let allowed = CharacterSet.alphanumerics
        return (k.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "=" + (v.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }.joined(separator: "&"))
}

let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

func bytes(_ relative: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: Repository.path(relative))))
}

extension TestClientProtocol {
    /// Starts a job with a shipped template; returns its id.
    func newJob(_ template: String, clerk id: Int64 = 1) async throws -> String {
        try await execute(uri: "/jobs/new", method: .post, headers: clerk(id, formHeaders),
                          body: formBody([("csrf", "test-token"), ("template", template)])) { response in
            let location = response.headers[.location] ?? ""
            return String(location.dropFirst("/jobs/".count).prefix(32))
        }
    }

    /// Uploads data (and a region list) to a job; returns the response status and page.
    @discardableResult
    func upload(_ job: String, data: (String, [UInt8])?, regions: (String, [UInt8])? = nil, fields: [(String, String)] = [],
                clerk id: Int64 = 1) async throws -> (HTTPResponse.Status, String) {
        var form = Multipart()
        form.field("csrf", "test-token")
        if let data { form.file("data", name: data.0, bytes: data.1) }
        if let regions { form.file("regions", name: regions.0, bytes: regions.1) }
        for (k, v) in fields { form.field(k, v) }
        return try await execute(uri: "/jobs/\(job)/data?csrf=test-token", method: .post, headers: clerk(id, Multipart.headers),
                                 body: form.finished) { ($0.status, String(buffer: $0.body)) }
    }

    func get(_ uri: String, clerk id: Int64 = 1) async throws -> (HTTPResponse.Status, String) {
        try await execute(uri: uri, method: .get, headers: clerk(id)) { ($0.status, String(buffer: $0.body)) }
    }

    func post(_ uri: String, _ pairs: [(String, String)] = [], clerk id: Int64 = 1) async throws -> HTTPResponse.Status {
        try await execute(uri: uri, method: .post, headers: clerk(id, formHeaders), body: formBody([("csrf", "test-token")] + pairs)) { $0.status }
    }
}

/// The first rows of the province's county table (with its region list), for quick batches.
func smallCounties(_ rows: Int) throws -> [UInt8] {
    let text = try String(contentsOfFile: Repository.path("Examples/南岭省/counties.csv"), encoding: .utf8)
    return Array(text.split(whereSeparator: \.isNewline).prefix(rows + 1).joined(separator: "\n").utf8) + [10]
}
