import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation
@testable import GongwenServer
import Gongwen
import GongwenData
import GongwenModel
import TestSupport

/// The 考核 page (issue 18, item 7): the 南岭省 rules over 2023 and 2024 through the page.
@Suite("考核 page")
struct AssessPageTests {
    static let rules = Repository.path("Examples/南岭省/考核办法.xml")

    static func server() throws -> TestServer {
        try TestServer { $0.rulesPath = rules }
    }

    @Test("2023 then 2024: the 2024 一票否决 of 盘州市 with its explanation, the .xlsx read back, the documents' .zip")
    func flow() async throws {
        let server = try Self.server()
        try await server.app.test(.router) { client in
            let (first, _) = try await client.assess("2023", "考核/2023.xlsx")
            #expect(first.status == .seeOther)
            let (second, _) = try await client.assess("2024", "考核/2024.xlsx")
            #expect(second.status == .seeOther)
            let location = try #require(second.location)
            let id = String(location.dropFirst("/assess/".count))
            #expect(AssessRuns.isValidID(id))

            let (status, page) = try await client.get(location)
            #expect(status == .ok)
            #expect(page.contains("考核结果：2024年"))
            #expect(page.contains("<table class=\"decisions\">"))
            let veto = try #require(page.components(separatedBy: "<tr>").first { $0.contains("盘州市") && $0.contains("一票否决") })
            #expect(veto.contains("第五条"))
            #expect(veto.contains("未完成上级下达的人口计划"))
            #expect(veto.contains("出生率 13.90‰"))
            #expect(veto.contains("2024.xlsx 第16行"))
            #expect(page.contains("全办公室共用"))
            for kind in ["xlsx", "csv", "html"] { #expect(page.contains("/assess/\(id)/download/\(kind)")) }

            // The .xlsx, read back with GongwenData.
            let xlsx = try await client.execute(uri: "/assess/\(id)/download/xlsx", method: .get, headers: clerk(1)) { response in
                #expect(response.status == .ok)
                return [UInt8](buffer: response.body)
            }
            let path = temporaryDirectory().appendingPathComponent("考核结果-2024.xlsx").path
            try Data(xlsx).write(to: URL(fileURLWithPath: path))
            let table = try DataReader.table(path: path)
            let header = try #require(table.rows.first).cells
            #expect(header.contains(.string("名称")))
            #expect(table.rows.contains { row in row.cells.contains(.string("盘州市")) && row.cells.contains(.string("一票否决")) })

            // The documents, as a .zip holding the 一票否决决定 .odt.
            let generated = try await client.execute(uri: "/assess/\(id)/documents", method: .post, headers: clerk(1, formHeaders),
                                                     body: formBody([("csrf", "test-token"), ("format", "odt")])) { $0 }
            #expect(generated.status == .seeOther, "\(String(buffer: generated.body).components(separatedBy: "<li>").dropFirst().prefix(3))")
            let (after, withZip) = try await client.get(location)
            #expect(after == .ok)
            #expect(withZip.contains("/assess/\(id)/download/zip"))
            let zip = try await client.execute(uri: "/assess/\(id)/download/zip", method: .get, headers: clerk(1)) { response in
                #expect(response.status == .ok)
                return [UInt8](buffer: response.body)
            }
            let archive = try Archive(data: Data(zip), accessMode: .read)
            let names = archive.map(\.path)
            #expect(names.contains { $0.contains("一票否决决定") && $0.hasSuffix(".odt") }, "\(names)")

            // The form lists the stored periods and the next one.
            let (_, form) = try await client.get("/assess")
            #expect(form.contains("已存入考核历史"))
            #expect(form.contains("2025"))
            #expect(form.contains("id=\"nav-assess\""))
        }
    }

    @Test("a period out of order, a second 2023 without 替换, a replace of an older period: refused, nothing stored")
    func refusals() async throws {
        let server = try Self.server()
        try await server.app.test(.router) { client in
            let (skip, skipPage) = try await client.assess("2024", "考核/2024.xlsx")
            #expect(skip.status == .seeOther, "the first period may be any")
            _ = skipPage
            let (early, earlyPage) = try await client.assess("2023", "考核/2023.xlsx")
            #expect(early.status.code >= 400 && early.status.code < 500)
            #expect(earlyPage.contains("期别不连续"))
            #expect(earlyPage.contains("考核历史没有改动"))

            let (gap, gapPage) = try await client.assess("2026", "考核/2025.xlsx")
            #expect(gap.status.code >= 400 && gap.status.code < 500)
            #expect(gapPage.contains("期别不连续"))
            #expect(gapPage.contains("下一期应为2025年"))

            let (twice, twicePage) = try await client.assess("2024", "考核/2024.xlsx")
            #expect(twice.status == .conflict)
            #expect(twicePage.contains("2024年已考核并已存入历史"))
            #expect(twicePage.contains("重新考核并替换"))

            let (replaced, _) = try await client.assess("2024", "考核/2024.xlsx", replace: true)
            #expect(replaced.status == .seeOther, "the latest period may be replaced")

            let (next, _) = try await client.assess("2025", "考核/2025.xlsx")
            #expect(next.status == .seeOther)
            let (older, olderPage) = try await client.assess("2024", "考核/2024.xlsx", replace: true)
            #expect(older.status == .conflict)
            #expect(olderPage.contains("不能替换"))
            #expect(server.services.assess.storedPeriods().map(\.description) == ["2024", "2025"])
            // Only the three runs that were stored kept a folder.
            #expect(server.services.assess.list().count == 3)
        }
    }

    @Test("hostile input: wrong file type, bad period, markup in the period, a broken workbook — Chinese errors, escaped")
    func hostile() async throws {
        let server = try Self.server()
        try await server.app.test(.router) { client in
            let (exe, exePage) = try await client.assess("2023", nil, upload: ("../../evil.exe", [0x4D, 0x5A]))
            #expect(exe.status == .badRequest)
            #expect(exePage.contains("不支持的文件类型"))

            let (bad, badPage) = try await client.assess("<script>alert(1)</script>", "考核/2023.xlsx")
            #expect(bad.status == .badRequest)
            #expect(badPage.contains("无法识别的考核期别"))
            #expect(!badPage.contains("<script>alert"))
            #expect(badPage.contains("&lt;script&gt;"))

            let (broken, brokenPage) = try await client.assess("2023", nil, upload: ("2023.xlsx", Array("not a workbook".utf8)))
            #expect(broken.status == .badRequest)
            #expect(brokenPage.contains("2023.xlsx"))
            #expect(!brokenPage.contains(server.dataDirectory), "the server's folders are not shown")

            let (csv, csvPage) = try await client.assess("2023", nil, upload: ("指标.csv", Array("行政区划代码,名称\n1,<b>x</b>\n".utf8)))
            #expect(csv.status == .badRequest)
            #expect(!csvPage.contains("<b>x</b>"))

            let (empty, emptyPage) = try await client.assess("", "考核/2023.xlsx")
            #expect(empty.status == .badRequest)
            #expect(emptyPage.contains("请填写考核期别"))
            #expect(server.services.assess.storedPeriods().isEmpty)
            #expect(server.services.assess.list().isEmpty)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: server.services.assess.root)
            #expect(leftovers.isEmpty, "no folder is left by a refused run: \(leftovers)")
        }
    }

    @Test("after a restart the result page, its downloads and the stored periods are still there")
    func restart() async throws {
        let server = try Self.server()
        let location = try await server.app.test(.router) { client in
            let (response, _) = try await client.assess("2023", "考核/2023.xlsx")
            return try #require(response.location)
        }
        // A second server on the same data folder, as after `gongwen serve` is started again.
        let services = try Services(configuration: server.services.configuration, startSweeper: false)
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: TestClerkMiddleware())
        Pages.addRoutes(to: router, services: services)
        try await Application(router: router).test(.router) { client in
            let (status, page) = try await client.get(location)
            #expect(status == .ok)
            #expect(page.contains("考核结果：2023年"))
            #expect(try await client.get(location + "/download/csv").0 == .ok)
            let (_, form) = try await client.get("/assess")
            #expect(form.contains("已存入考核历史：<span class=\"period\">2023年</span>"))
            #expect(form.contains("value=\"2024\""))
        }
    }

    @Test("without --rules the page says how to set it up")
    func noRules() async throws {
        let server = try TestServer()
        try await server.app.test(.router) { client in
            let (status, page) = try await client.get("/assess")
            #expect(status == .ok)
            #expect(page.contains("还没有设置考核办法"))
            #expect(page.contains("--rules"))
        }
    }

    @Test("a broken rules file stops the server with the located error")
    func brokenRules() throws {
        let folder = temporaryDirectory().path
        let rules = (folder as NSString).appendingPathComponent("考核办法.xml")
        try Data("<考核办法 名称=\"x\">\n  <bogus/>\n</考核办法>\n".utf8).write(to: URL(fileURLWithPath: rules))
        var configuration = ServerConfiguration(templatesDirectory: Repository.path("Templates"), dataDirectory: folder + "/data")
        configuration.rulesPath = rules
        #expect {
            _ = try WebServer.makeRouter(configuration)
        } throws: { error in
            guard let error = error as? DiagnosticError else { return false }
            return error.diagnostics.contains { $0.location?.line == 2 && $0.location?.column == 3 && $0.location?.file.hasSuffix("考核办法.xml") == true }
        }
    }

    // MARK: Access

    static func harness() throws -> (AuthHarness, ServerConfiguration) {
        let harness = try AuthHarness()
        var configuration = harness.configuration
        configuration.templatesDirectory = Repository.path("Templates")
        configuration.rulesPath = rules
        return (harness, configuration)
    }

    @Test("signed out: every 考核 route is refused or sent to /login; POST without CSRF refused; ids that are paths refused; results shared by the office")
    func access() async throws {
        let (harness, configuration) = try Self.harness()
        defer { harness.remove() }
        let router = try WebServer.makeRouter(configuration)
        try await Application(router: router).test(.router) { client in
            var alice = TestBrowser(client)
            #expect(try await alice.signIn(AuthHarness.alice.name, AuthHarness.alice.password).status == .seeOther)
            try await alice.request("/assess")
            let upload = try await alice.assess("2023", "考核/2023.xlsx")
            #expect(upload.status == .seeOther)
            let location = try #require(upload.headers[.location])
            let id = String(location.dropFirst("/assess/".count))

            // Signed out: pages go to /login, everything else is 401; nothing is stored.
            var stranger = TestBrowser(client)
            let gets = ["/assess", location, "\(location)/download/xlsx", "\(location)/download/csv", "\(location)/download/html",
                        "\(location)/download/zip"]
            for uri in gets {
                let page = try await stranger.request(uri, headers: [.accept: "text/html"])
                #expect(page.status == .seeOther && page.headers[.location] == "/login", "\(uri)")
                let plain = try await stranger.request(uri)
                #expect(plain.status == .unauthorized, "\(uri)")
                #expect(!String(buffer: plain.body).contains("盘州市"))
            }
            try await stranger.request("/login")
            for uri in ["/assess?csrf=\(stranger.csrf)", "\(location)/documents"] {
                let post = try await stranger.request(uri, method: .post, form: [("csrf", stranger.csrf), ("format", "odt")])
                #expect(post.status == .unauthorized, "\(uri)")
            }
            let sneaky = try await stranger.assess("2024", "考核/2024.xlsx")
            #expect(sneaky.status == .unauthorized)

            // Signed in but without the CSRF token.
            let noToken = try await alice.request("\(location)/documents", method: .post, form: [("format", "odt")])
            #expect(noToken.status == .forbidden)
            let wrongToken = try await alice.request("\(location)/documents", method: .post, form: [("format", "odt"), ("csrf", "0")])
            #expect(wrongToken.status == .forbidden)
            let uploadNoToken = try await alice.assess("2024", "考核/2024.xlsx", token: false)
            #expect(uploadNoToken.status == .forbidden)
            #expect(try AssessmentServiceProbe.periods(configuration) == ["2023"])

            // Ids that are paths, or not ids.
            for bad in ["..", "%2e%2e", "..%2F..%2Fjobs", "%2F etc%2Fpasswd", String(repeating: "g", count: 32),
                        String(id.dropLast()) + "/", id.uppercased(), id + "x"] {
                for suffix in ["", "/download/xlsx", "/download/zip"] {
                    let response = try await alice.request("/assess/\(bad)\(suffix)")
                    #expect(response.status == .notFound || response.status == .badRequest, "\(bad)\(suffix): \(response.status)")
                }
                let post = try await alice.request("/assess/\(bad)/documents", method: .post, form: [("csrf", alice.csrf), ("format", "odt")])
                #expect(post.status == .notFound || post.status == .badRequest, "\(bad): \(post.status)")
            }
            #expect(try await alice.request("\(location)/download/..%2F..%2F考核历史.sqlite").status == .notFound)
            #expect(try await alice.request("\(location)/download/run.json").status == .notFound)

            // The history is the office's: bob sees alice's result.
            var bob = TestBrowser(client)
            #expect(try await bob.signIn(AuthHarness.bob.name, AuthHarness.bob.password).status == .seeOther)
            let shared = try await bob.request(location)
            #expect(shared.status == .ok)
            #expect(String(buffer: shared.body).contains("全办公室共用"))

            // A second upload of the same period without 替换 is refused with the message.
            try await bob.request("/assess")
            let again = try await bob.assess("2023", "考核/2023.xlsx")
            #expect(again.status == .conflict)
            #expect(String(buffer: again.body).contains("2023年已考核并已存入历史"))
        }
    }
}

/// Reads the server's history as the page does.
enum AssessmentServiceProbe {
    static func periods(_ configuration: ServerConfiguration) throws -> [String] {
        let path = (configuration.dataDirectory as NSString).appendingPathComponent("考核历史.sqlite")
        return try AssessmentService.storedPeriods(historyPath: path).map(\.description)
    }
}

extension TestResponse {
    var location: String? { headers[.location] }
}

extension TestClientProtocol {
    /// The 考核 form: `period`, the example file (under Examples/南岭省/) or `upload` (name, bytes).
    func assess(_ period: String, _ example: String?, upload: (String, [UInt8])? = nil, replace: Bool = false,
                clerk id: Int64 = 1) async throws -> (TestResponse, String) {
        var form = Multipart()
        form.field("csrf", "test-token")
        form.field("period", period)
        if replace { form.field("replace", "1") }
        if let example {
            form.file("data", name: (example as NSString).lastPathComponent, bytes: try bytes("Examples/南岭省/" + example))
        } else if let upload {
            form.file("data", name: upload.0, bytes: upload.1)
        }
        let response = try await execute(uri: "/assess?csrf=test-token", method: .post, headers: clerk(id, Multipart.headers), body: form.finished)
        return (response, String(buffer: response.body))
    }
}

extension TestBrowser {
    /// The 考核 form sent as a browser would (its cookies, the page's token in the query).
    mutating func assess(_ period: String, _ example: String, token: Bool = true) async throws -> TestResponse {
        var form = Multipart()
        form.field("csrf", token ? csrf : "")
        form.field("period", period)
        form.file("data", name: (example as NSString).lastPathComponent, bytes: try bytes("Examples/南岭省/" + example))
        var headers = Multipart.headers
        if !cookies.isEmpty { headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return try await client.execute(uri: token ? "/assess?csrf=\(csrf)" : "/assess", method: .post, headers: headers, body: form.finished)
    }
}
