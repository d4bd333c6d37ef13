import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation
@testable import GongwenServer
import TestSupport

@Suite("Uploads")
struct UploadTests {
    func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test("an upload is streamed to a file named by the server; the clerk's name is only shown, escaped")
    func unsafeNames() async throws {
        let server = try TestServer()
        try await server.app.test(.router) { client in
            let id = try await client.newJob("目标管理责任书")
            let (status, _) = try await client.upload(id, data: ("../../<b>x</b>/..\\evil.csv", try smallCounties(2)))
            #expect(status == .seeOther)
            #expect(files(in: server.services.folder(id)) == ["upload-1.csv"])
            let page = try await client.get("/jobs/\(id)/data").1
            #expect(page.contains("..\\evil.csv") || page.contains("evil.csv"))
            #expect(!page.contains("<b>x</b>"))
            // A type that is not data is refused with the reason, nothing kept.
            let (refused, message) = try await client.upload(id, data: ("名单.exe", [0x4D, 0x5A]))
            #expect(refused == .badRequest)
            #expect(message.contains("不支持的文件类型") && message.contains("名单.exe"))
            #expect(files(in: server.services.folder(id)) == ["upload-1.csv"])
        }
    }

    @Test("a workbook's sheets are offered as a list; another sheet is chosen without uploading again")
    func sheetList() async throws {
        let server = try TestServer()
        try await server.app.test(.router) { client in
            let id = try await client.newJob("目标管理责任书")
            let (status, _) = try await client.upload(id, data: ("县级指标.xlsx", try bytes("Tests/Fixtures/data/县级指标.xlsx")))
            #expect(status == .seeOther)
            var page = try await client.get("/jobs/\(id)/data").1
            #expect(page.contains("<select name=\"sheet\" id=\"sheet\">"))
            #expect(page.contains("<option value=\"县级指标\" selected>县级指标</option>"))
            #expect(page.contains("<option value=\"有错误\">有错误</option>"))
            #expect(page.contains("4 条记录"))
            // The second tab, chosen from the list: the same file is read again from that sheet.
            let (again, _) = try await client.upload(id, data: nil, fields: [("sheet", "有错误")])
            #expect(again == .seeOther)
            page = try await client.get("/jobs/\(id)/data").1
            #expect(page.contains("<option value=\"有错误\" selected>有错误</option>"))
            #expect(page.contains("3 条记录"))
            #expect(files(in: server.services.folder(id)) == ["upload-1.xlsx"])
        }
    }

    @Test("an upload over the limit is refused early and leaves nothing on disk")
    func sizeLimit() async throws {
        let server = try TestServer { $0.maxUploadBytes = 64 << 10 }
        try await server.app.test(.router) { client in
            let id = try await client.newJob("目标管理责任书")
            let big = [UInt8](repeating: 0x41, count: 100 << 10)
            let (status, page) = try await client.upload(id, data: ("big.csv", big))
            #expect(status == .contentTooLarge)
            #expect(page.contains("上传的文件太大"))
            #expect(files(in: server.services.folder(id)).isEmpty)
            // Refused from the declared length, before the body is read (the test router sets the real length,
            // so the request is made here).
            let path = server.services.folder(id) + "/upload-9.csv"
            var head = HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/")
            head.headerFields[.contentLength] = String(10 << 30)
            let request = Request(head: head, body: RequestBody(buffer: ByteBuffer(string: "x")))
            await #expect(throws: UploadError.self) { try await Uploads.stream(request, to: path, limit: 64 << 10) }
            #expect(files(in: server.services.folder(id)).isEmpty)
        }
    }

    @Test("a bad data file ends in the CLI's Chinese message on the page")
    func badData() async throws {
        let server = try TestServer()
        try await server.app.test(.router) { client in
            let id = try await client.newJob("目标管理责任书")
            let (status, page) = try await client.upload(id, data: ("坏.xlsx", Array("not a zip".utf8)))
            #expect(status == .badRequest)
            #expect(page.contains("id=\"errors\""))
            #expect(files(in: server.services.folder(id)).isEmpty)
        }
    }

    func zip(_ entries: [(String, [UInt8])]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, bytes) in entries {
            let data = Data(bytes)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { p, n in
                data.subdata(in: Int(p)..<Int(p) + n)
            }
        }
        return Array(archive.data!)
    }

    func uploadTemplate(_ client: some TestClientProtocol, _ name: String, _ bytes: [UInt8]) async throws -> (HTTPResponse.Status, String, String?) {
        var form = Multipart()
        form.file("template", name: name, bytes: bytes)
        return try await client.execute(uri: "/templates?csrf=test-token", method: .post, headers: clerk(1, Multipart.headers),
                                        body: form.finished) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
    }

    @Test("a template .zip is unpacked sandboxed: no .. paths, no zip bombs; a good one starts a job")
    func templateZip() async throws {
        let server = try TestServer { $0.maxTemplateBytes = 1 << 20 }
        let xml = try bytes("Templates/通报批评/template.xml")
        try await server.app.test(.router) { client in
            var (status, page, location) = try await uploadTemplate(client, "t.zip", try zip([("../escape/template.xml", xml)]))
            #expect(status == .badRequest && page.contains("不安全的路径"))
            (status, page, location) = try await uploadTemplate(client, "bomb.zip", try zip([("template.xml", [UInt8](repeating: 32, count: 3 << 20))]))
            #expect(status == .contentTooLarge && page.contains("压缩炸弹"))
            (status, page, location) = try await uploadTemplate(client, "x.docx", xml)
            #expect(status == .badRequest && page.contains("不支持的模板文件"))
            (status, page, location) = try await uploadTemplate(client, "bad.xml", Array("<文书><正文>{{ </正文></文书>".utf8))
            #expect(status == .badRequest && page.contains("模板有错误"))
            (status, page, location) = try await uploadTemplate(client, "我的通报.zip", try zip([("通报/template.xml", xml)]))
            #expect(status == .seeOther)
            let id = String((location ?? "").dropFirst("/jobs/".count).prefix(32))
            #expect(try await client.get("/jobs/\(id)/data").1.contains("我的通报.zip"))
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: server.services.jobsRoot)) ?? []
            #expect(leftovers.allSatisfy { !$0.hasPrefix("tmp-") })
        }
    }

    @Test("an XXE template is refused, not resolved")
    func xxe() async throws {
        let server = try TestServer()
        let xml = """
            <?xml version="1.0"?><!DOCTYPE 文书 [<!ENTITY x SYSTEM "file:///etc/passwd">]><文书 文种="通知"><标题>&x;</标题><正文><段>a</段></正文></文书>
            """
        try await server.app.test(.router) { client in
            let (status, page, _) = try await uploadTemplate(client, "template.xml", Array(xml.utf8))
            #expect(status == .badRequest)
            #expect(!page.contains("root:"))
        }
    }
}
