import Foundation
import Gongwen
import GongwenAssess
import GongwenModel
import Hummingbird

/// The 考核 page: upload a period's indicators, see the decisions with their explanations, download
/// the reports, render the notices. Every route is behind the access control (sign-in, CSRF on
/// POST) and checks again that a clerk is signed in: the results are the whole office's.
enum AssessPages {
    static func addRoutes(to router: Router<ServerRequestContext>, services: Services) {
        let runs = services.assess
        router.get("/assess") { _, context in
            try signedIn(context)
            return formPage(context, services)
        }
        router.post("/assess") { request, context in
            try signedIn(context)
            return try await assess(request, context, services)
        }
        router.get("/assess/:id") { _, context in
            try signedIn(context)
            return try resultPage(try run(context, runs), context, services)
        }
        router.get("/assess/:id/download/:kind") { _, context in
            try signedIn(context)
            let run = try run(context, runs)
            let kind = context.parameters.get("kind") ?? ""
            let file: String?
            switch kind {
            case "xlsx", "csv", "html": file = run.reports.first { $0.hasSuffix("." + kind) }
            case "zip": file = run.documentsZip
            default: file = nil
            }
            guard let file else { throw HTTPError(.notFound, message: "没有这个文件 / no such file") }
            let type = kind == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/octet-stream"
            return try Pages.download(runs.file(run.id, file), name: (file as NSString).lastPathComponent, type: type)
        }
        router.post("/assess/:id/documents") { request, context in
            try signedIn(context)
            return try await documents(request, context, services)
        }
    }

    /// Refuses a request without a signed-in clerk (the middleware already did; this keeps the
    /// page safe if a route is ever mounted elsewhere).
    static func signedIn(_ context: ServerRequestContext) throws {
        guard context.clerk != nil else { throw HTTPError(.unauthorized, message: "请先登录。") }
    }

    /// The run named in the path; 404 for an id that is not one (`..`, another shape) or unknown.
    static func run(_ context: ServerRequestContext, _ runs: AssessRuns) throws -> AssessRun {
        guard let id = context.parameters.get("id"), AssessRuns.isValidID(id), let run = runs.run(id) else {
            throw HTTPError(.notFound, message: "没有这次考核 / no such assessment")
        }
        return run
    }

    static let shared = "考核历史由全办公室共用：本页的考核结果，所有已登录的人员都能看到。"

    // MARK: The form

    struct Typed {
        var period = ""
        var date = ""
        var replace = false
    }

    static func formPage(_ context: ServerRequestContext, _ services: Services, errors: [String] = [], typed: Typed? = nil) -> Response {
        let runs = services.assess
        guard runs.rulesPath != nil else {
            return Pages.html(Page.shell(title: "考核", body: """
                <h1>考核</h1>
                <section class="panel bad" id="assess-setup">
                <h2>还没有设置考核办法</h2>
                <p>考核页按本单位的考核办法（规则文件，如 <code>考核办法.xml</code>）计算得分、排名和决定。</p>
                <p>请管理员停止本网页，用 <code>--rules</code> 指定规则文件后重新启动，例如：</p>
                <pre>gongwen serve --rules Examples/南岭省/考核办法.xml</pre>
                <p class="note">考核历史保存在数据文件夹的 考核历史.sqlite 中。</p>
                </section>
                """))
        }
        let stored = runs.storedPeriods()
        let kinds = Dictionary(grouping: stored, by: \.kind)
        let latest = kinds.values.compactMap { $0.max() }.sorted()
        let next = latest.map { $0.back(-1) }
        var storedText = "<p id=\"stored-periods\">考核历史中还没有任何一期。</p>"
        if !stored.isEmpty {
            storedText = "<p id=\"stored-periods\">已存入考核历史：" + stored.map { "<span class=\"period\">\(Page.escape($0.chineseName))</span>" }.joined(separator: "、") + "。</p>"
            storedText += "<p id=\"next-period\">下一期应为：" + next.map { "<strong>\(Page.escape($0.description))</strong>（\(Page.escape($0.chineseName))）" }.joined(separator: "，或 ")
                + "。重新考核只能替换最近存入的一期：" + latest.map { Page.escape($0.description) }.joined(separator: "、") + "。</p>"
        }
        let typed = typed ?? Typed(period: next.count == 1 ? next[0].description : "")
        let errorList = errors.isEmpty ? "" : "<div class=\"errors\" id=\"errors\"><h2>未考核，考核历史没有改动</h2><ul>"
            + errors.map { "<li>\(Page.escape($0))</li>" }.joined() + "</ul><p>改好后请重新选择数据文件，再点“开始考核”。</p></div>"
        let history = runs.list()
        var table = ""
        if !history.isEmpty {
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            table = "<h2>以前的考核</h2><table id=\"assess-runs\"><thead><tr><th>期别</th><th>数据</th><th>决定</th><th>考核人</th><th>时间</th></tr></thead><tbody>"
            for run in history.prefix(50) {
                let counts = run.counts.map { "\($0.outcome) \($0.count)" }.joined(separator: "，")
                table += "<tr><td><a id=\"run-\(run.id)\" href=\"/assess/\(run.id)\">\(Page.escape(run.periodName))</a>\(run.replaced ? "（重新考核）" : "")</td>"
                    + "<td>\(Page.escape(run.dataName))</td><td>\(Page.escape(counts.isEmpty ? "无" : counts))</td>"
                    + "<td>\(Page.escape(run.clerk))</td><td>\(formatter.string(from: run.createdAt))</td></tr>"
            }
            table += "</tbody></table>"
        }
        let limit = services.configuration.maxUploadBytes >> 20
        return Pages.html(Page.shell(title: "考核", body: """
            <h1>考核</h1>
            <p>上传一期的指标数据，按考核办法（\(Page.escape(((runs.rulesPath ?? "") as NSString).lastPathComponent))）计算得分、排名和决定（一票否决、通报批评、诫勉谈话、表彰……），每项决定附依据；考核结果存入考核历史，可下载报告、生成文书。</p>
            <p class="note" id="shared-note">\(shared)</p>
            \(errorList)
            <section class="panel" id="assess-periods">\(storedText)</section>
            <section class="panel">
            <h2>考核一期</h2>
            <form method="post" action="/assess?\(Pages.csrfQuery(context))" enctype="multipart/form-data" id="assess-form">\(Pages.csrf(context))
            <div class="field-grid">
            <p><label for="period">考核期别（年：2024；月：2025-06；季：2025-Q2；半年：2025-H1）</label>
            <input type="text" name="period" id="period" maxlength="20" required value="\(Page.escape(typed.period))"></p>
            <p><label for="decision-date">决定日期（可不填，默认为考核期最后一天）</label>
            <input type="date" name="date" id="decision-date" value="\(Page.escape(typed.date))"></p>
            </div>
            <p><label for="data-file">本期指标数据（.xlsx .ods .csv，每行一个地区，最大 \(limit) MB）</label>
            <input type="file" name="data" id="data-file" accept=".xlsx,.ods,.csv" required></p>
            <label><input type="checkbox" name="replace" value="1" id="replace"\(typed.replace ? " checked" : "")> 重新考核并替换（本期已存入考核历史时；只能替换最近存入的一期）</label>
            <p><button type="submit" id="assess-button">开始考核</button></p>
            </form></section>
            \(table)
            """))
    }

    static func assess(_ request: Request, _ context: ServerRequestContext, _ services: Services) async throws -> Response {
        let runs = services.assess
        guard runs.rulesPath != nil else { return formPage(context, services).withStatus(.badRequest) }
        let id = JobStore.newID()
        let folder = runs.folder(id)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var typed = Typed()
        var kept = false
        defer { if !kept { try? FileManager.default.removeItem(atPath: folder) } }
        do {
            let form = try await Uploads.receive(request, scratch: (folder as NSString).appendingPathComponent("incoming"),
                                                 limit: services.configuration.maxUploadBytes) { field, fileName in
                guard field == "data" else { return nil }
                guard let ext = Uploads.safeExtension(fileName, allowed: ["xlsx", "ods", "csv"]) else {
                    throw UploadError(message: "不支持的文件类型 “\(Uploads.displayName(fileName))”：请上传 .xlsx、.ods 或 .csv 文件 / unsupported file type")
                }
                let input = (folder as NSString).appendingPathComponent("input")
                try? FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
                return (input as NSString).appendingPathComponent(AssessRuns.uploadName(fileName, ext: ext))
            }
            typed.period = (form.fields["period"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            typed.date = (form.fields["date"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            typed.replace = form.fields["replace"] == "1"
            guard !typed.period.isEmpty else { throw UploadError(message: "请填写考核期别，如 2024 或 2025-06 / enter the period") }
            guard typed.period.count <= 40, typed.date.count <= 40 else { throw UploadError(message: "考核期别或决定日期太长 / too long") }
            guard let data = form.files["data"] else { throw UploadError(message: "请选择本期的指标数据文件 / choose a data file") }
            let clerk = context.clerk?.name ?? ""
            let run = try await runs.assess(AssessRuns.Request(period: typed.period, date: typed.date.isEmpty ? nil : typed.date,
                                                               replace: typed.replace, dataPath: data.path,
                                                               dataName: Uploads.displayName(data.name), clerk: clerk), id: id)
            kept = true
            return Pages.redirect("/assess/\(run.id)")
        } catch let error as UploadError {
            return formPage(context, services, errors: [error.message], typed: typed).withStatus(error.status)
        } catch let refusal as AssessRefusal {
            return formPage(context, services, errors: refusal.messages, typed: typed).withStatus(status(refusal))
        }
    }

    static func status(_ refusal: AssessRefusal) -> HTTPResponse.Status {
        switch refusal.status {
        case .badRequest: .badRequest
        case .conflict: .conflict
        case .notFound: .notFound
        }
    }

    // MARK: The result

    static func resultPage(_ run: AssessRun, _ context: ServerRequestContext, _ services: Services, errors: [String] = []) throws -> Response {
        let runs = services.assess
        let fragment = (try? String(contentsOfFile: runs.file(run.id, "fragment.html"), encoding: .utf8)) ?? ""
        let id = run.id
        let counts = run.counts.isEmpty ? "<p id=\"assess-counts\">本期没有作出任何决定。</p>"
            : "<ul class=\"counts\" id=\"assess-counts\">" + run.counts.map { "<li>\(Page.escape($0.outcome)) <strong>\($0.count)</strong> 个</li>" }.joined() + "</ul>"
        let labels = ["xlsx": "考核结果（Excel，.xlsx）", "csv": "决定（.csv）", "html": "报告（网页，.html）"]
        let downloads = ["xlsx", "csv", "html"].filter { kind in run.reports.contains { $0.hasSuffix("." + kind) } }.map { kind in
            "<a class=\"button secondary\" id=\"download-\(kind)\" href=\"/assess/\(id)/download/\(kind)\">下载\(labels[kind]!)</a>"
        }.joined(separator: "\n")
        let errorList = errors.isEmpty ? "" : "<div class=\"errors\" id=\"errors\"><ul>" + errors.map { "<li>\(Page.escape($0))</li>" }.joined() + "</ul></div>"
        var documents = ""
        if let zip = run.documentsZip {
            let notes = (run.documentsNotes ?? []).map { "<li>\(Page.escape($0))</li>" }.joined()
            documents = """
                <div class="ok" id="documents-result"><p>已生成 \(run.documentsCount ?? 0) 个文书文件。
                <a class="button" id="download-zip" href="/assess/\(id)/download/zip">下载 \(Page.escape(zip))</a></p>
                \(notes.isEmpty ? "" : "<p>请注意：</p><ul class=\"warnings\" id=\"documents-notes\">\(notes)</ul>")</div>
                """
        }
        let pdfChoice = OutputFormat.pdf.unavailableReason.map {
            "<label><input type=\"checkbox\" name=\"format\" value=\"pdf\" id=\"doc-format-pdf\" disabled> PDF（不可用：\(Page.escape($0))）</label>"
        } ?? "<label><input type=\"checkbox\" name=\"format\" value=\"pdf\" id=\"doc-format-pdf\"> PDF（直接打印，由 Gongwen 排版）</label>"
        return Pages.html(Page.shell(title: "考核结果 - \(run.periodName)", body: """
            <h1>考核结果：\(Page.escape(run.periodName))</h1>
            <p><a href="/assess" id="back-to-assess">← 返回考核页</a></p>
            \(errorList)
            <section class="panel ok" id="assess-summary">
            <h2>已考核并存入考核历史\(run.replaced ? "（替换了原来的结果）" : "")</h2>
            <p>数据：\(Page.escape(run.dataName))；决定日期：\(Page.escape(run.decisionDate))；参评 \(run.jurisdictions) 个地区；考核人：\(Page.escape(run.clerk))。</p>
            \(counts)
            <div class="actions">\(downloads)</div>
            <p class="note">\(shared)</p>
            </section>
            <section class="panel" id="documents">
            <h2>生成文书</h2>
            <p>按本期的决定生成一票否决决定、通报批评、诫勉谈话通知、动态综合排名通报、表彰通报等文书（名单和理由来自决定，不需手工填写），打包为一个 .zip。</p>
            \(documents)
            <form method="post" action="/assess/\(id)/documents" id="documents-form">\(Pages.csrf(context))
            <fieldset><legend>格式</legend>
            <label><input type="checkbox" name="format" value="odt" id="doc-format-odt" checked> ODT（WPS、LibreOffice、Word）</label>
            <label><input type="checkbox" name="format" value="html" id="doc-format-html"> HTML（浏览器打印）</label>
            \(pdfChoice)
            </fieldset>
            <button type="submit" id="documents-button">生成文书</button>
            </form></section>
            <section class="report" id="assess-report">
            \(fragment)
            </section>
            """))
    }

    static func documents(_ request: Request, _ context: ServerRequestContext, _ services: Services) async throws -> Response {
        let run = try run(context, services.assess)
        let values = try await Pages.form(request, context)
        let formats = (values["format"] ?? []).compactMap { OutputFormat(rawValue: $0) }.filter { [.odt, .html, .pdf].contains($0) }
        guard !formats.isEmpty else {
            return try resultPage(run, context, services, errors: ["请至少选择一种格式 / choose a format"]).withStatus(.badRequest)
        }
        do {
            _ = try await services.assess.documents(run.id, formats: formats, templatesDirectory: services.configuration.templatesDirectory)
        } catch let refusal as AssessRefusal {
            return try resultPage(run, context, services, errors: refusal.messages).withStatus(status(refusal))
        }
        return Pages.redirect("/assess/\(run.id)#documents")
    }
}
