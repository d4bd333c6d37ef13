import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GongwenServer
import Gongwen
import GongwenModel
import TestSupport

@Suite("Check, preview, generate")
struct FlowTests {
    /// A job of 目标管理责任书 with data, the region list and 年度 filled in.
    func prepared(_ client: some TestClientProtocol, data: (String, [UInt8])) async throws -> String {
        let id = try await client.newJob("目标管理责任书")
        let (status, _) = try await client.upload(id, data: data, regions: ("区划代码.csv", try bytes("Examples/南岭省/区划代码.csv")))
        #expect(status == .seeOther)
        #expect(try await client.post("/jobs/\(id)/fields", [("field-年度", "2025")]) == .seeOther)
        return id
    }

    func waitUntilFinished(_ server: TestServer, _ id: String) async throws -> JobRow {
        for _ in 0..<600 {
            let row = try #require(try server.services.store.find(id, owner: 1))
            if !["queued", "running"].contains(row.state), server.services.run(id)?.snapshot.state != "running" { return row }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the batch did not finish")
        return try #require(try server.services.store.find(id, owner: 1))
    }

    @Test("the bad workbook's three problems are listed with their rows, downloadable as .xlsx; skipping goes on")
    func checkTable() async throws {
        let server = try TestServer()
        try await server.app.test(.router) { client in
            let id = try await prepared(client, data: ("县级指标-有错误.xlsx", try bytes("Examples/南岭省/县级指标-有错误.xlsx")))
            let (status, page) = try await client.get("/jobs/\(id)/check")
            #expect(status == .ok)
            #expect(page.contains("id=\"problems\""))
            #expect(page.components(separatedBy: "<tr class=\"error\">").count - 1 == 3)
            for row in ["41", "56", "71"] { #expect(page.contains("<td class=\"row\">\(row)</td>"), "row \(row)") }
            #expect(page.contains("1２.3‰") && page.contains("石门县") && page.contains("190"))
            #expect(page.contains("共 3 个问题，涉及 3 条记录"))
            for element in ["check-summary", "problems-download", "skip-button", "stop-link"] {
                #expect(page.contains("id=\"\(element)\""), "\(element)")
            }
            try await client.execute(uri: "/jobs/\(id)/problems.xlsx", method: .get, headers: clerk(1)) { response in
                #expect(response.status == .ok)
                let entries = try unzip(Array(buffer: response.body))
                let sheet = try #require(entries.first { $0.path == "xl/worksheets/sheet1.xml" })
                #expect(wellFormednessError(sheet.bytes) == nil)
                let text = String(decoding: sheet.bytes, as: UTF8.self)
                #expect(text.contains(">41<") && text.contains(">56<") && text.contains(">71<") && text.contains("不是数字"))
            }
            #expect(try await client.post("/jobs/\(id)/skip") == .seeOther)
            let preview = try await client.get("/jobs/\(id)/preview").1
            #expect(preview.contains("共 87 份"))
        }
    }

    @Test("generate: a .zip of valid documents, progress as server-sent events, a manifest")
    func generateZip() async throws {
        let server = try TestServer()
        try await server.app.test(.router) { client in
            let id = try await prepared(client, data: ("县级指标.csv", try smallCounties(4)))
            // Hold the batch queue, so the events show the job waiting, then running, then done.
            await server.services.gate.acquire()
            #expect(try await client.post("/jobs/\(id)/generate", [("output", "zip"), ("format", "odt"), ("format", "html"),
                                                                  ("manifest", "1"), ("name-pattern", "{{ 名称 }}-责任书")]) == .seeOther)
            #expect(try await client.get("/jobs/\(id)/generate").1.contains("id=\"cancel-button\""))
            async let events = client.execute(uri: "/jobs/\(id)/events", method: .get, headers: clerk(1)) { response in
                (response.headers[.contentType], String(buffer: response.body))
            }
            try await Task.sleep(for: .milliseconds(500))
            await server.services.gate.release()
            let (type, stream) = try await events
            #expect(type == "text/event-stream")
            #expect(stream.contains("event: progress\ndata: {\"done\":0,\"total\":4,\"state\":\"queued\"}"))
            #expect(stream.contains("event: end") && stream.contains("\"state\":\"done\""))
            let row = try await waitUntilFinished(server, id)
            #expect(row.state == "done", "\(row.message)")
            let page = try await client.get("/jobs/\(id)/generate").1
            #expect(page.contains("id=\"download-link\""))
            try await client.execute(uri: "/jobs/\(id)/download", method: .get, headers: clerk(1)) { response in
                #expect(response.status == .ok)
                let entries = try unzip(Array(buffer: response.body))
                let names = entries.map(\.path).sorted()
                #expect(names.contains("中山区-责任书.odt") && names.contains("中山区-责任书.html"))
                #expect(names.contains("清单.csv"))
                #expect(names.filter { $0.hasSuffix(".odt") }.count == 4)
                // The result line counts what is in the .zip, not the .zip.
                #expect(row.message.hasPrefix("已生成 \(names.count) 个文件（4 条记录），打包为 "), "\(row.message)")
                for odt in entries where odt.path.hasSuffix(".odt") {
                    let parts = try unzip(odt.bytes)
                    let content = try #require(parts.first { $0.path == "content.xml" })
                    #expect(wellFormednessError(content.bytes) == nil)
                    #expect(String(decoding: content.bytes, as: UTF8.self).contains("2025年度"))
                }
            }
            #expect(try await client.get("/jobs/\(id)/manifest").0 == .ok)
            let jobs = try await client.get("/jobs").1
            #expect(jobs.contains("id=\"download-\(id)\"") && jobs.contains("已完成"))
        }
    }

    @Test("generate one combined print file")
    func combined() async throws {
        let server = try TestServer()
        try await server.app.test(.router) { client in
            let id = try await prepared(client, data: ("县级指标.csv", try smallCounties(3)))
            #expect(try await client.post("/jobs/\(id)/generate", [("output", "combined"), ("format", "html"), ("duplex", "1")]) == .seeOther)
            let row = try await waitUntilFinished(server, id)
            #expect(row.state == "done", "\(row.message)")
            #expect(row.settings.outputName?.hasSuffix(".html") == true)
            let (status, html) = try await client.get("/jobs/\(id)/download")
            #expect(status == .ok && html.contains("<!DOCTYPE html>") && html.contains("中山区"))
        }
    }

    @Test("generate one combined PDF, laid out by Gongwen, when the machine has CJK fonts",
          .enabled(if: OutputFormat.pdf.unavailableReason == nil, "no CJK font or HarfBuzz subsetter installed"))
    func combinedPDF() async throws {
        let server = try TestServer()
        try await server.app.test(.router) { client in
            #expect(try await client.get("/jobs").0 == .ok)
            let id = try await prepared(client, data: ("县级指标.csv", try smallCounties(2)))
            #expect(try await client.get("/jobs/\(id)/generate").1.contains("id=\"format-pdf\">"))
            #expect(try await client.post("/jobs/\(id)/generate", [("output", "combined"), ("format", "pdf")]) == .seeOther)
            let row = try await waitUntilFinished(server, id)
            #expect(row.state == "done", "\(row.message)")
            try await client.execute(uri: "/jobs/\(id)/download", method: .get, headers: clerk(1)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/pdf")
                let bytes = Array(buffer: response.body)
                #expect(bytes.starts(with: Array("%PDF-1.7".utf8)))
                #expect(String(decoding: bytes.suffix(6), as: UTF8.self) == "%%EOF\n")
            }
        }
    }

    @Test("a cancelled batch stops and leaves no output")
    func cancel() async throws {
        let server = try TestServer()
        try await server.app.test(.router) { client in
            let id = try await prepared(client, data: ("县级指标.csv", try smallCounties(4)))
            await server.services.gate.acquire()
            #expect(try await client.post("/jobs/\(id)/generate", [("format", "odt")]) == .seeOther)
            #expect(try await client.post("/jobs/\(id)/cancel") == .seeOther)
            await server.services.gate.release()
            let row = try await waitUntilFinished(server, id)
            #expect(row.state == "cancelled")
            #expect(try await client.get("/jobs/\(id)/download").0 == .notFound)
            #expect(try await client.get("/jobs/\(id)/generate").1.contains("已取消"))
        }
    }
}

@Suite("Batch cancellation")
struct CancellationTests {
    @Test("a cancelled render throws “已取消” and writes nothing")
    func cancelledRender() throws {
        let out = temporaryDirectory().appendingPathComponent("out").path
        var options = RenderOptions(templatePath: Repository.path("Templates/目标管理责任书"),
                                    dataPath: Repository.path("Templates/目标管理责任书/data.yaml"), formats: [.odt], outputDirectory: out)
        options.cancellation = Cancellation()
        options.cancellation?.cancel()
        #expect(throws: DiagnosticError.self) { try Pipeline.render(options) }
        do { _ = try Pipeline.render(options) } catch { #expect(error.diagnostics.first?.id == "cancelled") }
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
