import Foundation
import Hummingbird

/// `gongwen serve`: the office's web page, on the same library as the command line.
public enum WebServer {
    /// The application for `configuration`; `run()` serves until SIGINT/SIGTERM.
    public static func application(_ configuration: ServerConfiguration) throws -> some ApplicationProtocol {
        try AccessControl.checkStart(configuration)
        let router = try makeRouter(configuration)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "gongwen")
        )
    }

    /// Every route of the page; separate from `application` so route tests can use it.
    public static func makeRouter(_ configuration: ServerConfiguration) throws -> Router<ServerRequestContext> {
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        let router = Router(context: ServerRequestContext.self)
        let database = try ServerDatabase.open(in: configuration.dataDirectory)
        try AccessControl(configuration: configuration, database: database).install(on: router)
        // access control is installed above this line
        router.get("/healthz") { _, _ in "ok" }
        try Pages.addRoutes(to: router, configuration: configuration, database: database)
        return router
    }
}
