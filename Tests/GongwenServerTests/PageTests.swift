import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GongwenServer
import TestSupport

@Suite("Pages")
struct PageTests {
    @Test("home lists the shipped templates as cards, with the upload form")
    func home() async throws {
        let server = try TestServer()
        try await server.app.test(.router) { client in
            let (status, page) = try await client.get("/")
            #expect(status == .ok)
            for id in ["template-目标管理责任书", "template-通报批评", "use-目标管理责任书", "template-file", "template-upload-button"] {
                #expect(page.contains("id=\"\(id)\""), "\(id)")
            }
            #expect(page.contains("出生率目标（千分率，0 到 40）"))
            #expect(page.contains("name=\"csrf\" value=\"test-token\""))
            #expect(!page.contains("onclick"))
            let (cssStatus, css) = try await client.get("/style.css")
            #expect(cssStatus == .ok && css.contains("--red"))
            let (jsStatus, js) = try await client.get("/static/app.js")
            #expect(jsStatus == .ok && js.contains("EventSource"))
        }
    }

    @Test("every page of a job loads, and the form asks for what the data lacks")
    func everyPage() async throws {
        let server = try TestServer()
        try await server.app.test(.router) { client in
            let id = try await client.newJob("目标管理责任书")
            #expect(JobStore.isValidID(id))
            var (status, page) = try await client.get("/jobs/\(id)/data")
            #expect(status == .ok)
            for element in ["data-file", "regions-file", "sheet", "header-row", "encoding", "data-upload-button"] {
                #expect(page.contains("id=\"\(element)\""), "\(element)")
            }
            (status, page) = try await client.upload(id, data: ("县级指标.csv", try smallCounties(3)),
                                                     regions: ("区划代码.csv", try bytes("Examples/南岭省/区划代码.csv")))
            #expect(status == .seeOther)
            (status, page) = try await client.get("/jobs/\(id)/data")
            #expect(page.contains("id=\"fields-form\"") && page.contains("id=\"check-button\""))
            #expect(page.contains("id=\"field-年度\""))
            #expect(page.contains("县级指标.csv") && page.contains("3 条记录"))
            // A wrong value is refused on the page; the right one is remembered for next time.
            #expect(try await client.post("/jobs/\(id)/fields", [("field-年度", "二〇二五")]) == .badRequest)
            #expect(try await client.post("/jobs/\(id)/fields", [("field-年度", "2026")]) == .seeOther)
            (status, page) = try await client.get("/jobs/\(id)/check")
            #expect(status == .ok)
            #expect(page.contains("id=\"check-summary\"") && page.contains("共 3 份文档") && page.contains("id=\"preview-link\""))
            (status, page) = try await client.get("/jobs/\(id)/preview?n=2")
            #expect(status == .ok)
            for element in ["preview-frame", "preview-count", "preview-previous", "preview-next", "generate-link"] {
                #expect(page.contains("id=\"\(element)\""), "\(element)")
            }
            #expect(page.contains("第 2 份，共 3 份"))
            try await client.execute(uri: "/jobs/\(id)/document?n=2", method: .get, headers: clerk(1)) { response in
                #expect(response.status == .ok)
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("default-src 'none'"))
                let html = String(buffer: response.body)
                #expect(html.contains("2026年度"))
                #expect(!html.contains("<script>"))
            }
            (status, page) = try await client.get("/jobs/\(id)/generate")
            for element in ["output-zip", "output-combined", "format-odt", "format-html", "format-fodt", "copies", "copy-numbers",
                            "duplex", "manifest", "name-pattern", "generate-button"] {
                #expect(page.contains("id=\"\(element)\""), "\(element)")
            }
            (status, page) = try await client.get("/jobs")
            #expect(status == .ok && page.contains("id=\"jobs\"") && page.contains("id=\"delete-\(id)\""))
            // The next job of this template starts with the remembered value.
            let second = try await client.newJob("目标管理责任书")
            try await client.upload(second, data: ("a.csv", try smallCounties(1)))
            (_, page) = try await client.get("/jobs/\(second)/data")
            #expect(page.contains("id=\"field-年度\" value=\"2026\"") || page.contains("value=\"2026\""))
        }
    }

    @Test("another clerk's job is not found, and a job can be removed")
    func otherClerk() async throws {
        let server = try TestServer()
        try await server.app.test(.router) { client in
            let id = try await client.newJob("通报批评", clerk: 1)
            for path in ["data", "check", "preview", "generate", "events", "download", "problems.xlsx"] {
                #expect(try await client.get("/jobs/\(id)/\(path)", clerk: 2).0 == .notFound, "\(path)")
            }
            #expect(try await client.post("/jobs/\(id)/delete", clerk: 2) == .notFound)
            #expect(try await client.upload(id, data: ("a.csv", [65]), clerk: 2).0 == .notFound)
            #expect(try await client.get("/jobs", clerk: 2).1.contains("还没有任务"))
            #expect(try await client.post("/jobs/\(id)/delete", clerk: 1) == .seeOther)
            #expect(try await client.get("/jobs/\(id)/data", clerk: 1).0 == .notFound)
            #expect(!FileManager.default.fileExists(atPath: server.services.folder(id)))
        }
    }

    @Test("expired job folders are swept")
    func sweep() async throws {
        let server = try TestServer { $0.jobLifetime = .seconds(3600) }
        try await server.app.test(.router) { client in
            let id = try await client.newJob("通报批评")
            server.services.sweep(now: Date())
            #expect(FileManager.default.fileExists(atPath: server.services.folder(id)))
            server.services.sweep(now: Date().addingTimeInterval(7200))
            #expect(!FileManager.default.fileExists(atPath: server.services.folder(id)))
            #expect(try await client.get("/jobs/\(id)/data").0 == .notFound)
            // A folder no job knows is removed once it is as old as a job may get.
            let stray = (server.services.jobsRoot as NSString).appendingPathComponent("tmp-stray")
            try FileManager.default.createDirectory(atPath: stray, withIntermediateDirectories: true)
            server.services.sweep(now: Date())
            #expect(FileManager.default.fileExists(atPath: stray))
            server.services.sweep(now: Date().addingTimeInterval(7200))
            #expect(!FileManager.default.fileExists(atPath: stray))
        }
    }
}
