import Foundation
import Gongwen
import GongwenData
import GongwenModel
import GongwenTemplate
import GRDB
import Hummingbird

/// The clerk's pages: choose a template, upload data, fill in the missing fields, check,
/// preview, generate, download; and the list of recent jobs.
public enum Pages {
    /// Adds every page's route (after the access control middleware) with the server's services.
    public static func addRoutes(to router: Router<ServerRequestContext>, configuration: ServerConfiguration,
                                 database: DatabasePool? = nil) throws {
        addRoutes(to: router, services: try Services(configuration: configuration, database: database))
    }

    static func addRoutes(to router: Router<ServerRequestContext>, services: Services) {
        router.get("/style.css") { _, _ in asset(Assets.styleSheet, type: "text/css; charset=utf-8") }
        router.get("/static/app.js") { _, _ in asset(Assets.script, type: "text/javascript; charset=utf-8") }
        router.get("/") { _, context in try home(context, services) }
        router.post("/jobs/new") { request, context in try await newJob(request, context, services) }
        router.post("/templates") { request, context in try await uploadTemplate(request, context, services) }
        router.get("/jobs") { _, context in try jobsPage(context, services) }
        router.get("/jobs/:id/data") { _, context in try dataPage(try job(context, services), context, services) }
        router.post("/jobs/:id/data") { request, context in try await uploadData(request, context, services) }
        router.post("/jobs/:id/fields") { request, context in try await saveFields(request, context, services) }
        router.get("/jobs/:id/check") { _, context in try await checkPage(try job(context, services), context, services) }
        router.get("/jobs/:id/problems.xlsx") { _, context in try await problemsWorkbook(try job(context, services), services) }
        router.post("/jobs/:id/skip") { _, context in
            var row = try job(context, services)
            row.settings.skipBadRecords = true
            try services.store.update(row.id, settings: row.settings)
            return redirect("/jobs/\(row.id)/preview")
        }
        router.get("/jobs/:id/preview") { request, context in try await previewPage(request, try job(context, services), context, services) }
        router.get("/jobs/:id/document") { request, context in try await previewDocument(request, try job(context, services), context, services) }
        router.get("/jobs/:id/generate") { _, context in try generatePage(try job(context, services), context, services) }
        router.post("/jobs/:id/generate") { request, context in try await generate(request, context, services) }
        router.post("/jobs/:id/cancel") { _, context in
            let row = try job(context, services)
            services.run(row.id)?.cancellation.cancel()
            return redirect("/jobs/\(row.id)/generate")
        }
        router.get("/jobs/:id/events") { _, context in try events(try job(context, services), services) }
        router.get("/jobs/:id/download") { _, context in
            let row = try job(context, services)
            guard row.state == "done", let file = row.settings.outputFile, let name = row.settings.outputName else { throw HTTPError(.notFound) }
            return try download((services.folder(row.id) as NSString).appendingPathComponent(file), name: name)
        }
        router.get("/jobs/:id/manifest") { _, context in
            let row = try job(context, services)
            guard row.state == "done", let file = row.settings.manifestFile else { throw HTTPError(.notFound) }
            return try download((services.folder(row.id) as NSString).appendingPathComponent(file), name: "清单.csv")
        }
        router.post("/jobs/:id/delete") { _, context in
            let row = try job(context, services)
            services.remove(row.id)
            return redirect("/jobs")
        }
        AssessPages.addRoutes(to: router, services: services)
    }

    // MARK: Helpers

    static func owner(_ context: ServerRequestContext) -> Int64 { (context.clerk ?? .local).id }

    /// The job named in the path if it is this clerk's; 404 otherwise (another clerk's job is not found).
    static func job(_ context: ServerRequestContext, _ services: Services) throws -> JobRow {
        guard let id = context.parameters.get("id"), let row = try services.store.find(id, owner: owner(context)) else {
            throw HTTPError(.notFound, message: "没有这个任务 / no such job")
        }
        return row
    }

    static func csrf(_ context: ServerRequestContext) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(Page.escape(context.csrfToken))\">"
    }

    /// `?csrf=` for multipart forms (their body is streamed to disk, not read for the token).
    static func csrfQuery(_ context: ServerRequestContext) -> String {
        "csrf=" + (context.csrfToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=300"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func errorPage(_ title: String, _ messages: [String], back: String, status: HTTPResponse.Status = .badRequest) -> Response {
        let items = messages.map { "<li>\(Page.escape($0))</li>" }.joined()
        return html(Page.shell(title: title, body: """
            <h1>\(Page.escape(title))</h1>
            <div class="errors" id="errors"><ul>\(items)</ul></div>
            <p><a class="button" id="back-link" href="\(Page.escape(back))">返回</a></p>
            """), status: status)
    }

    /// `a=1&b=%E4%B8%AD` → values by name (a name may repeat).
    static func parseForm(_ text: String) -> [String: [String]] {
        var values: [String: [String]] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let key = decode(parts[0])
            values[key, default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        return values
    }

    static func form(_ request: Request, _ context: ServerRequestContext) async throws -> [String: [String]] {
        let body = try await request.body.collect(upTo: 1 << 20)
        return parseForm(String(buffer: body))
    }

    static func query(_ request: Request) -> [String: [String]] { parseForm(request.uri.query ?? "") }

    static func steps(_ current: Int, _ id: String?) -> String {
        let names = ["选择模板", "上传数据", "检查", "预览", "生成"]
        let paths = ["/", "data", "check", "preview", "generate"]
        var out = "<ol class=\"steps\">"
        for (i, name) in names.enumerated() {
            let cls = i == current ? " class=\"current\"" : ""
            if i < current, let id {
                let href = i == 0 ? "/" : "/jobs/\(id)/\(paths[i])"
                out += "<li\(cls)><a href=\"\(href)\">\(name)</a></li>"
            } else {
                out += "<li\(cls)>\(name)</li>"
            }
        }
        return out + "</ol>"
    }

    static let stateNames = ["new": "新建", "queued": "排队中", "running": "生成中", "done": "已完成", "failed": "失败", "cancelled": "已取消"]

    // MARK: Home

    static func home(_ context: ServerRequestContext, _ services: Services) throws -> Response {
        let root = services.configuration.templatesDirectory
        var cards = ""
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
        var problems: [String] = []
        for name in names {
            let path = ((root as NSString).appendingPathComponent(name) as NSString).appendingPathComponent("template.xml")
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do throws(DiagnosticError) {
                let template = try Template.load(path: path)
                let purpose = TemplateInfo.purpose(folder: (root as NSString).appendingPathComponent(name))
                let fields = template.contract?.fields.map { "<li>\(Page.escape($0.summary))</li>" }.joined() ?? ""
                let others = template.referencedFields.filter { f in
                    f != DataCheck.regionField && !(template.contract?.fields.contains { $0.name == f } ?? false)
                }
                let e = Page.escape(name)
                cards += """
                    <section class="card" id="template-\(e)">
                    <h2>\(e)</h2><p class="kind">文种：\(Page.escape(template.kind ?? "—"))</p>
                    <p>\(Page.escape(purpose))</p>
                    \(fields.isEmpty ? "" : "<details><summary>数据要求（每条记录）</summary><ul class=\"fields\">\(fields)</ul></details>")
                    \(others.isEmpty ? "" : "<p class=\"note\">还用到：\(Page.escape(others.joined(separator: "、")))</p>")
                    <form method="post" action="/jobs/new">\(csrf(context))<input type="hidden" name="template" value="\(e)">
                    <button type="submit" id="use-\(e)">使用此模板</button></form>
                    </section>
                    """
            } catch {
                problems += error.diagnostics.map { "\(name)：\($0.message)" }
            }
        }
        let problemList = problems.isEmpty ? "" : "<div class=\"errors\"><ul>" + problems.map { "<li>\(Page.escape($0))</li>" }.joined() + "</ul></div>"
        return html(Page.shell(title: "公文生成", body: """
            <h1>公文生成</h1>
            \(steps(0, nil))
            <p>选择一个模板，上传数据表（Excel、WPS 表格、CSV），检查、预览后生成公文。</p>
            \(problemList)
            <div class="cards" id="templates">\(cards)</div>
            <section class="panel" id="template-upload">
            <h2>上传模板</h2>
            <p>上传 template.xml，或把模板文件夹压缩成 .zip 上传（最大 \(services.configuration.maxTemplateBytes >> 20) MB）。</p>
            <form method="post" action="/templates?\(csrfQuery(context))" enctype="multipart/form-data">\(csrf(context))
            <input type="file" name="template" id="template-file" accept=".xml,.zip" required>
            <button type="submit" id="template-upload-button">上传模板</button></form>
            </section>
            """))
    }

    static func newJob(_ request: Request, _ context: ServerRequestContext, _ services: Services) async throws -> Response {
        let values = try await form(request, context)
        let name = values["template"]?.first ?? ""
        let root = services.configuration.templatesDirectory
        let folder = (root as NSString).appendingPathComponent(name)
        let path = (folder as NSString).appendingPathComponent("template.xml")
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."), FileManager.default.fileExists(atPath: path) else {
            return errorPage("没有这个模板", ["没有名为“\(name)”的模板 / no such template"], back: "/", status: .notFound)
        }
        let id = try services.store.create(owner: owner(context), settings: JobSettings(templateName: name, templatePath: path))
        try FileManager.default.createDirectory(atPath: services.folder(id), withIntermediateDirectories: true)
        return redirect("/jobs/\(id)/data")
    }

    static func uploadTemplate(_ request: Request, _ context: ServerRequestContext, _ services: Services) async throws -> Response {
        let limit = services.configuration.maxTemplateBytes
        let scratch = (services.jobsRoot as NSString).appendingPathComponent("tmp-" + JobStore.newID())
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        var keep = false
        defer { if !keep { try? FileManager.default.removeItem(atPath: scratch) } }
        do {
            var shown = ""
            var stored: (path: String, ext: String)?
            _ = try await Uploads.receive(request, scratch: scratch + ".body", limit: limit) { field, fileName in
                guard field == "template" else { return nil }
                shown = Uploads.displayName(fileName)
                guard let ext = Uploads.safeExtension(fileName, allowed: Uploads.templateExtensions) else {
                    throw UploadError(message: "不支持的模板文件 “\(shown)”：请上传 template.xml 或模板文件夹的 .zip / expected template.xml or a .zip")
                }
                let path = (scratch as NSString).appendingPathComponent("upload-1.\(ext)")
                stored = (path, ext)
                return path
            }
            guard let stored else { throw UploadError(message: "请选择模板文件 / choose a template file") }
            let templatePath: String
            if stored.ext == "zip" {
                let folder = (scratch as NSString).appendingPathComponent("template")
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                templatePath = try Uploads.unpackTemplate(stored.path, into: folder, limit: limit)
                try? FileManager.default.removeItem(atPath: stored.path)
            } else {
                let folder = (scratch as NSString).appendingPathComponent("template")
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                templatePath = (folder as NSString).appendingPathComponent("template.xml")
                try FileManager.default.moveItem(atPath: stored.path, toPath: templatePath)
            }
            // The template is compiled now, so its problems are shown at once (as `gongwen check` prints them).
            let relative = String(templatePath.dropFirst(scratch.count + 1))
            do {
                _ = try await offload { () throws -> Int in _ = try Template.load(path: templatePath); return 0 }
            } catch let error as DiagnosticError {
                return errorPage("模板有错误", error.diagnostics.filter(\.isError).map(describe), back: "/")
            }
            let id = try services.store.create(owner: owner(context), settings: JobSettings(templateName: shown, templatePath: ""))
            let folder = services.folder(id)
            try FileManager.default.moveItem(atPath: scratch, toPath: folder)
            keep = true
            var row = try services.store.find(id, owner: owner(context))!
            row.settings.templatePath = (folder as NSString).appendingPathComponent(relative)
            row.settings.uploads = 1
            try services.store.update(id, settings: row.settings)
            return redirect("/jobs/\(id)/data")
        } catch let error as UploadError {
            return errorPage("上传失败", [error.message], back: "/", status: error.status)
        }
    }

    /// A diagnostic as one line for the page: where (row and column, or template line) and what.
    static func describe(_ d: Diagnostic) -> String {
        var place = ""
        if let l = d.dataLocation {
            if let row = l.row { place += "第\(row)行 " }
            if let record = l.record { place += "第\(record)条记录 " }
            if let field = l.field { place += "“\(field)” " }
        } else if let l = d.location {
            place = "\((l.file as NSString).lastPathComponent) 第\(l.line)行 "
        }
        return place + d.message
    }

    // MARK: Data

    static func dataPage(_ row: JobRow, _ context: ServerRequestContext, _ services: Services,
                         errors: [String] = [], fieldErrors: [String: String] = [:], typed: [String: String] = [:]) throws -> Response {
        let s = row.settings
        let id = row.id
        var current = ""
        if let name = s.dataName {
            current = "<p class=\"current-file\" id=\"data-current\">已上传：<strong>\(Page.escape(name))</strong>"
                + (s.dataRecords.map { "，\($0) 条记录" } ?? "")
                + (s.regionsName.map { "；区划代码表：<strong>\(Page.escape($0))</strong>" } ?? "") + "</p>"
        }
        let errorList = errors.isEmpty ? "" : "<div class=\"errors\" id=\"errors\"><ul>" + errors.map { "<li>\(Page.escape($0))</li>" }.joined() + "</ul></div>"
        let encodings = [("", "自动识别"), ("utf-8", "UTF-8"), ("gb18030", "GB18030（含 GBK）"), ("utf-16", "UTF-16")]
        let encodingOptions = encodings.map { value, label in
            "<option value=\"\(value)\"\((s.encoding ?? "") == value ? " selected" : "")>\(label)</option>"
        }.joined()
        var fieldsForm = ""
        if s.dataFile != nil {
            let template = try? services.template(row)
            let remembered = (try? services.store.remembered(owner: owner(context), template: s.templateName)) ?? [:]
            let specs: (fields: [FieldForm.Spec], carried: [String]) =
                template.map { FieldForm.fields(template: $0, headers: s.headers ?? []) } ?? (fields: [], carried: [])
            var inputs = ""
            for spec in specs.fields {
                let value = typed[spec.name] ?? remembered[spec.name] ?? spec.example ?? ""
                inputs += FieldForm.input(spec, value: value, error: fieldErrors[spec.name])
            }
            let carried = specs.carried.isEmpty ? "" :
                "<p class=\"note\">以下共用内容沿用模板的示例数据：\(Page.escape(specs.carried.joined(separator: "、")))</p>"
            fieldsForm = """
                <section class="panel">
                <h2>补充数据表中没有的内容</h2>
                <form method="post" action="/jobs/\(id)/fields" id="fields-form">\(csrf(context))
                \(inputs.isEmpty ? "<p>数据表已包含模板需要的全部字段。</p>" : "<div class=\"field-grid\">\(inputs)</div>")
                \(carried)
                <button type="submit" id="check-button">检查数据</button>
                </form></section>
                """
        }
        return html(Page.shell(title: "上传数据 - \(s.templateName)", body: """
            <h1>上传数据：\(Page.escape(s.templateName))</h1>
            \(steps(1, id))
            \(errorList)
            <section class="panel">
            <h2>数据表</h2>
            \(current)
            <form method="post" action="/jobs/\(id)/data?\(csrfQuery(context))" enctype="multipart/form-data" id="data-form">\(csrf(context))
            <p><label for="data-file">数据文件（.xlsx .ods .csv .json .yaml，最大 \(services.configuration.maxUploadBytes >> 20) MB）</label>
            <input type="file" name="data" id="data-file" accept=".xlsx,.ods,.csv,.txt,.tsv,.json,.yaml,.yml"\(s.dataFile == nil ? " required" : "")></p>
            <p><label for="regions-file">行政区划代码表（可选，.csv .xlsx；用来核对代码与名称、查出上级单位）</label>
            <input type="file" name="regions" id="regions-file" accept=".csv,.xlsx"></p>
            <div class="field-grid">
            \(sheetChoice(s))
            <p><label for="header-row">表头所在行（默认自动识别）</label><input type="number" name="header-row" id="header-row" min="1" max="1000" value="\(s.headerRow.map(String.init) ?? "")"></p>
            <p><label for="encoding">CSV 编码</label><select name="encoding" id="encoding">\(encodingOptions)</select></p>
            </div>
            <button type="submit" id="data-upload-button">上传数据</button>
            </form></section>
            \(fieldsForm)
            """))
    }

    /// The sheet of an uploaded workbook chosen from its tabs; a name to type before the first
    /// upload (or for an .ods).
    static func sheetChoice(_ s: JobSettings) -> String {
        guard let sheets = s.sheets, sheets.count > 1 else {
            return "<p><label for=\"sheet\">工作表（默认第一个）</label><input type=\"text\" name=\"sheet\" id=\"sheet\" maxlength=\"100\" value=\"\(Page.escape(s.sheet ?? ""))\"></p>"
        }
        let chosen = s.sheet ?? sheets[0]
        let options = sheets.map { name in
            "<option value=\"\(Page.escape(name))\"\(name == chosen ? " selected" : "")>\(Page.escape(name))</option>"
        }.joined()
        return "<p><label for=\"sheet\">工作表（改选后点“上传数据”，不必重新选文件）</label><select name=\"sheet\" id=\"sheet\">\(options)</select></p>"
    }

    static func uploadData(_ request: Request, _ context: ServerRequestContext, _ services: Services) async throws -> Response {
        var row = try job(context, services)
        let folder = services.folder(row.id)
        var uploads = row.settings.uploads
        var refused: UploadError?
        do {
            let form = try await Uploads.receive(request, scratch: (folder as NSString).appendingPathComponent("incoming-\(JobStore.newID())"),
                                                 limit: services.configuration.maxUploadBytes) { field, fileName in
                let allowed: [String]
                switch field {
                case "data": allowed = Uploads.dataExtensions
                case "regions": allowed = Uploads.regionExtensions
                default: return nil
                }
                guard let ext = Uploads.safeExtension(fileName, allowed: allowed) else {
                    let list = allowed.filter { $0 != "txt" && $0 != "tsv" && $0 != "yml" }.map { "." + $0 }.joined(separator: " ")
                    throw UploadError(message: "不支持的文件类型 “\(Uploads.displayName(fileName))”：请上传 \(list) 文件 / unsupported file type")
                }
                uploads += 1
                return (folder as NSString).appendingPathComponent("upload-\(uploads).\(ext)")
            }
            var s = row.settings
            s.uploads = uploads
            if let data = form.files["data"] {
                if let old = s.dataFile { try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(old)) }
                s.dataFile = (data.path as NSString).lastPathComponent
                s.dataName = Uploads.displayName(data.name)
            }
            if let regions = form.files["regions"] {
                if let old = s.regionsFile { try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(old)) }
                s.regionsFile = (regions.path as NSString).lastPathComponent
                s.regionsName = Uploads.displayName(regions.name)
            }
            let sheet = form.fields["sheet"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            s.sheet = sheet.isEmpty ? nil : sheet
            let header = form.fields["header-row"]?.trimmingCharacters(in: .whitespaces) ?? ""
            if header.isEmpty {
                s.headerRow = nil
            } else if let n = Int(header), (1...1000).contains(n) {
                s.headerRow = n
            } else {
                throw UploadError(message: "表头所在行应为 1 到 1000 的整数 / the header row must be 1–1000")
            }
            let encoding = form.fields["encoding"] ?? ""
            s.encoding = TextEncoding(name: encoding) == nil ? nil : encoding
            guard let dataFile = s.dataFile else { throw UploadError(message: "请选择数据文件 / choose a data file") }
            // Read now, so a file that cannot be read is refused with the CLI's message on this page.
            let path = (folder as NSString).appendingPathComponent(dataFile)
            let read = Services.readOptions(s)
            let regions = s.regionsFile.map { (folder as NSString).appendingPathComponent($0) }
            do {
                let (headers, count, sheets) = try await offload { () throws -> ([String], Int, [String]?) in
                    if let regions { _ = try RegionList.read(path: regions) }
                    let data = try DataReader.read(path: path, options: read, keepingBadRows: true)
                    var headers = data.shared.order
                    for record in data.records.prefix(50) { for key in record.order where !headers.contains(key) { headers.append(key) } }
                    return (headers, data.records.count, try DataReader.sheetNames(path: path))
                }
                s.sheets = sheets
                s.headers = headers
                s.dataRecords = count
                s.skipBadRecords = false
                row.settings = s
                try services.store.update(row.id, settings: s, state: "new")
            } catch let error as DiagnosticError {
                s.dataFile = nil
                s.dataName = nil
                row.settings = s
                try? FileManager.default.removeItem(atPath: path)
                try services.store.update(row.id, settings: s)
                return try dataPage(row, context, services, errors: error.diagnostics.filter(\.isError).prefix(20).map(describe))
                    .withStatus(.badRequest)
            }
        } catch let error as UploadError {
            refused = error
        }
        if let refused {
            return try dataPage(row, context, services, errors: [refused.message]).withStatus(refused.status)
        }
        return redirect("/jobs/\(row.id)/data")
    }

    static func saveFields(_ request: Request, _ context: ServerRequestContext, _ services: Services) async throws -> Response {
        let row = try job(context, services)
        guard row.settings.dataFile != nil else { return redirect("/jobs/\(row.id)/data") }
        let values = try await form(request, context)
        let template = try services.template(row)
        let specs = FieldForm.fields(template: template, headers: row.settings.headers ?? [])
        var typed: [String: String] = [:]
        var errors: [String: String] = [:]
        for spec in specs.fields {
            let value = (values["field-" + spec.name]?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            typed[spec.name] = value
            if let problem = FieldForm.validate(spec, value) { errors[spec.name] = problem }
        }
        if !errors.isEmpty {
            return try dataPage(row, context, services, errors: ["请改正标红的内容 / please correct the marked fields"],
                                fieldErrors: errors, typed: typed).withStatus(.badRequest)
        }
        try services.store.remember(owner: owner(context), template: row.settings.templateName, values: typed)
        // The shared fields: the template's example values, with what the clerk typed over them.
        var pairs: [(String, String)] = []
        let example = FieldForm.example(template: template)
        // A field left empty keeps the example's value (the form showed it as the default).
        for key in example.order where typed[key]?.isEmpty ?? true {
            if let value = example[key] { pairs.append((key, FieldForm.json(value))) }
        }
        for spec in specs.fields {
            guard let value = typed[spec.name], !value.isEmpty else { continue }
            pairs.append((spec.name, FieldForm.json(.string(value))))
        }
        let json = "{" + pairs.map { "\(FieldForm.json(.string($0.0))): \($0.1)" }.joined(separator: ",\n") + "}\n"
        try Data(json.utf8).write(to: URL(fileURLWithPath: services.sharedPath(row.id)))
        try services.store.update(row.id)
        return redirect("/jobs/\(row.id)/check")
    }

    // MARK: Check

    static func checkPage(_ row: JobRow, _ context: ServerRequestContext, _ services: Services) async throws -> Response {
        guard row.settings.dataFile != nil else { return redirect("/jobs/\(row.id)/data") }
        let result = try await services.check(row)
        let id = row.id
        var body = "<h1>检查：\(Page.escape(row.settings.templateName))</h1>" + steps(2, id)
        if result.problems.isEmpty {
            body += """
                <p class="ok" id="check-summary">模板和数据无误，共 \(result.count) 份文档。</p>
                <p><a class="button" id="preview-link" href="/jobs/\(id)/preview">预览</a></p>
                """
        } else {
            let rows = Set(result.problems.compactMap { d in d.dataLocation.flatMap { $0.row ?? $0.record } }).count
            body += "<p class=\"bad\" id=\"check-summary\">共 \(result.problems.count) 个问题" + (rows > 0 ? "，涉及 \(rows) 条记录" : "") + "。</p>"
            body += "<table id=\"problems\"><thead><tr><th>行号</th><th>列</th><th>值</th><th>问题</th></tr></thead><tbody>"
            for (d, cells) in zip(result.problems, ProblemsWorkbook.rows(result.problems)) {
                let place = cells[0].isEmpty ? (d.location.map { "模板第\($0.line)行" } ?? "") : cells[0]
                body += "<tr class=\"error\"><td class=\"row\">\(Page.escape(place))</td><td class=\"column\">\(Page.escape(cells[1]))</td>"
                    + "<td class=\"value\">\(Page.escape(cells[2]))</td><td class=\"message\">\(Page.escape(d.message))</td></tr>"
            }
            body += "</tbody></table>"
            body += """
                <div class="actions">
                <a class="button secondary" id="problems-download" href="/jobs/\(id)/problems.xlsx">下载问题清单（.xlsx）</a>
                <a class="button secondary" id="stop-link" href="/jobs/\(id)/data">停止：改好数据后重新上传</a>
                <form method="post" action="/jobs/\(id)/skip">\(csrf(context))<button type="submit" id="skip-button">跳过有问题的记录，生成其余的</button></form>
                </div>
                """
            if row.settings.skipBadRecords {
                body += "<p><a class=\"button\" id=\"preview-link\" href=\"/jobs/\(id)/preview\">预览（已跳过有问题的记录）</a></p>"
            }
        }
        if !result.warnings.isEmpty {
            body += "<h2>提示</h2><ul class=\"warnings\" id=\"warnings\">" + result.warnings.prefix(100).map { "<li>\(Page.escape(describe($0)))</li>" }.joined() + "</ul>"
        }
        return html(Page.shell(title: "检查 - \(row.settings.templateName)", body: body))
    }

    static func problemsWorkbook(_ row: JobRow, _ services: Services) async throws -> Response {
        let result = try await services.check(row)
        let path = (services.folder(row.id) as NSString).appendingPathComponent("问题清单.xlsx")
        try ProblemsWorkbook.write(result.problems, to: path)
        return try download(path, name: "问题清单.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    // MARK: Preview

    static func previewPage(_ request: Request, _ row: JobRow, _ context: ServerRequestContext, _ services: Services) async throws -> Response {
        let n = max(1, query(request)["n"]?.first.flatMap { Int($0) } ?? 1)
        let id = row.id
        let count: Int
        do {
            count = try await services.preview(row, index: n - 1).count
        } catch let error as DiagnosticError {
            return errorPage("无法预览", error.diagnostics.filter(\.isError).prefix(20).map(describe), back: "/jobs/\(id)/check")
        }
        let k = min(n, count)
        let previous = k > 1 ? "<a class=\"button secondary\" id=\"preview-previous\" href=\"/jobs/\(id)/preview?n=\(k - 1)\">上一份</a>"
            : "<span class=\"button disabled\" id=\"preview-previous\">上一份</span>"
        let next = k < count ? "<a class=\"button secondary\" id=\"preview-next\" href=\"/jobs/\(id)/preview?n=\(k + 1)\">下一份</a>"
            : "<span class=\"button disabled\" id=\"preview-next\">下一份</span>"
        return html(Page.shell(title: "预览 - \(row.settings.templateName)", body: """
            <h1>预览：\(Page.escape(row.settings.templateName))</h1>
            \(steps(3, id))
            <div class="navigator">\(previous)<span id="preview-count">第 \(k) 份，共 \(count) 份</span>\(next)
            <a class="button" id="generate-link" href="/jobs/\(id)/generate">生成全部</a></div>
            <iframe id="preview-frame" class="preview" src="/jobs/\(id)/document?n=\(k)" sandbox="allow-scripts" title="预览"></iframe>
            """))
    }

    /// One document as the HTML writer prints it, for the preview frame: its own strict CSP (no
    /// network, its pagination script only by nonce), shown in a sandboxed frame.
    static func previewDocument(_ request: Request, _ row: JobRow, _ context: ServerRequestContext, _ services: Services) async throws -> Response {
        let n = max(1, query(request)["n"]?.first.flatMap { Int($0) } ?? 1)
        let html: String
        do {
            html = try await services.preview(row, index: n - 1).html
        } catch let error as DiagnosticError {
            return errorPage("无法预览", error.diagnostics.filter(\.isError).prefix(20).map(describe), back: "/jobs/\(row.id)/check")
        }
        let nonce = context.cspNonce.isEmpty ? JobStore.newID() : context.cspNonce
        let page = html.replacingOccurrences(of: "<script>", with: "<script nonce=\"\(nonce)\">")
        let policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; script-src 'nonce-\(nonce)'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                               .contentSecurityPolicy: policy],
                        body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    // MARK: Generate

    static func generatePage(_ row: JobRow, _ context: ServerRequestContext, _ services: Services, errors: [String] = []) throws -> Response {
        let id = row.id
        let running = row.state == "queued" || row.state == "running"
        var status = ""
        if running {
            let snapshot = services.run(id)?.snapshot
            let total = max(snapshot?.total ?? 0, row.settings.dataRecords ?? 0, 1)
            status = """
                <section class="panel" id="status">
                <h2>\(row.state == "queued" ? "排队中（前面有其他任务在生成）" : "正在生成")</h2>
                <progress id="progress" max="\(total)" value="\(snapshot?.done ?? 0)" data-events="/jobs/\(id)/events"></progress>
                <p id="progress-text">\(snapshot?.done ?? 0) / \(total)</p>
                <form method="post" action="/jobs/\(id)/cancel">\(csrf(context))<button type="submit" id="cancel-button" class="secondary">取消</button></form>
                </section>
                """
        } else if row.state == "done", let name = row.settings.outputName {
            status = """
                <section class="panel ok" id="status">
                <h2>已完成</h2><p id="result-message">\(Page.escape(row.message))</p>
                <p><a class="button" id="download-link" href="/jobs/\(id)/download">下载 \(Page.escape(name))</a>
                \(row.settings.manifestFile != nil ? "<a class=\"button secondary\" id=\"manifest-link\" href=\"/jobs/\(id)/manifest\">清单.csv</a>" : "")</p>
                </section>
                """
        } else if row.state == "failed" || row.state == "cancelled" {
            status = """
                <section class="panel bad" id="status"><h2>\(row.state == "failed" ? "生成失败" : "已取消")</h2>
                <pre id="result-message">\(Page.escape(row.message))</pre></section>
                """
        }
        let errorList = errors.isEmpty ? "" : "<div class=\"errors\" id=\"errors\"><ul>" + errors.map { "<li>\(Page.escape($0))</li>" }.joined() + "</ul></div>"
        let head = running ? "\n<noscript><meta http-equiv=\"refresh\" content=\"3\"></noscript>" : ""
        // Gongwen's own PDF, offered when this machine has the fonts for it (else said why).
        let pdfChoice = OutputFormat.pdf.unavailableReason.map {
            "<label><input type=\"checkbox\" name=\"format\" value=\"pdf\" id=\"format-pdf\" disabled> PDF（不可用：\(Page.escape($0))）</label>"
        } ?? "<label><input type=\"checkbox\" name=\"format\" value=\"pdf\" id=\"format-pdf\"> PDF（直接打印，由 Gongwen 排版）</label>"
        return html(Page.shell(title: "生成 - \(row.settings.templateName)", body: """
            <h1>生成：\(Page.escape(row.settings.templateName))</h1>
            \(steps(4, id))
            \(errorList)
            \(status)
            <section class="panel">
            <form method="post" action="/jobs/\(id)/generate" id="generate-form">\(csrf(context))
            <fieldset><legend>输出方式</legend>
            <label><input type="radio" name="output" value="zip" id="output-zip" checked> 每条记录一个文件（打包为 .zip）</label>
            <label><input type="radio" name="output" value="combined" id="output-combined"> 合并为一个打印文件（每条记录另起一页）</label>
            </fieldset>
            <fieldset><legend>格式</legend>
            <label><input type="checkbox" name="format" value="odt" id="format-odt" checked> ODT（WPS、LibreOffice、Word）</label>
            <label><input type="checkbox" name="format" value="html" id="format-html"> HTML（浏览器打印）</label>
            <label><input type="checkbox" name="format" value="fodt" id="format-fodt"> FODT（单文件 ODF）</label>
            \(pdfChoice)
            </fieldset>
            <fieldset><legend>份数与打印</legend>
            <p><label for="copies">每条记录印几联（默认按模板）</label><input type="number" name="copies" id="copies" min="1" max="20"></p>
            <p><label for="copy-numbers">按份号印制，如 1-50</label><input type="text" name="copy-numbers" id="copy-numbers" pattern="[0-9]+-[0-9]+" maxlength="15"></p>
            <label><input type="checkbox" name="duplex" value="1" id="duplex"> 双面打印（合并文件中每条记录从奇数页开始）</label>
            <label><input type="checkbox" name="manifest" value="1" id="manifest"> 附清单（每个文件对应的记录、大小和 SHA-256）</label>
            </fieldset>
            <p><label for="name-pattern">文件名（可用字段，如 {{ 名称 }}-责任书；默认 模板名-序号）</label>
            <input type="text" name="name-pattern" id="name-pattern" maxlength="200"></p>
            <button type="submit" id="generate-button"\(running ? " disabled" : "")>开始生成</button>
            </form></section>
            """, head: head))
    }

    static func generate(_ request: Request, _ context: ServerRequestContext, _ services: Services) async throws -> Response {
        let row = try job(context, services)
        guard row.settings.dataFile != nil else { return redirect("/jobs/\(row.id)/data") }
        let values = try await form(request, context)
        var errors: [String] = []
        var g = GenerateRequest()
        g.combine = values["output"]?.first == "combined"
        let formats = (values["format"] ?? []).compactMap { OutputFormat(rawValue: $0) }
        if formats.isEmpty { errors.append("请至少选择一种格式 / choose a format") }
        g.formats = formats
        if let text = values["copies"]?.first?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if let n = Int(text), (1...20).contains(n) { g.copies = n } else { errors.append("联数应在 1 到 20 之间 / copies must be 1–20") }
        }
        if let text = values["copy-numbers"]?.first?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if let range = CopyPlan.numbers(text), range.count <= 10_000 { g.copyNumbers = range } else {
                errors.append("份号应写作 1-50（1 到 999999，最多 10000 份） / expected a range like 1-50")
            }
        }
        g.duplex = values["duplex"]?.first == "1"
        g.manifest = values["manifest"]?.first == "1"
        if let pattern = values["name-pattern"]?.first?.trimmingCharacters(in: .whitespaces), !pattern.isEmpty { g.namePattern = pattern }
        if !errors.isEmpty { return try generatePage(row, context, services, errors: errors).withStatus(.badRequest) }
        try services.startBatch(row, g)
        return redirect("/jobs/\(row.id)/generate")
    }

    /// Server-sent events: `progress` with {done, total, state} a few times a second, then `end`.
    static func events(_ row: JobRow, _ services: Services) throws -> Response {
        let run = services.run(row.id)
        let store = services.store, id = row.id, owner = row.owner
        let fallbackTotal = row.settings.dataRecords ?? 0
        let body = ResponseBody { writer in
            while true {
                let snapshot = run?.snapshot ?? (done: 0, total: fallbackTotal, state: (try? store.find(id, owner: owner))?.state ?? "failed")
                let (reported, counted, state) = snapshot
                // The renderer's count once it started (records left after skipping), else the data's.
                let total = counted > 0 ? counted : fallbackTotal
                let done = state == "done" ? total : reported
                let finished = !(state == "queued" || state == "running")
                let json = "{\"done\":\(done),\"total\":\(total),\"state\":\"\(state)\"}"
                try await writer.write(ByteBuffer(string: "event: progress\ndata: \(json)\n\n"))
                if finished {
                    try await writer.write(ByteBuffer(string: "event: end\ndata: \(json)\n\n"))
                    break
                }
                try await Task.sleep(for: .milliseconds(300))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    static func download(_ path: String, name: String, type: String = "application/octet-stream") throws -> Response {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw HTTPError(.notFound) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download"
        let contentType = type != "application/octet-stream" ? type : name.hasSuffix(".zip") ? "application/zip"
            : name.hasSuffix(".odt") ? "application/vnd.oasis.opendocument.text" : name.hasSuffix(".pdf") ? "application/pdf"
            : name.hasSuffix(".html") ? "text/html; charset=utf-8"
            : name.hasSuffix(".csv") ? "text/csv; charset=utf-8" : type
        let body = ResponseBody(contentLength: size) { writer in
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: contentType, .contentDisposition: "attachment; filename*=UTF-8''\(encoded)",
                                               .cacheControl: "no-store"], body: body)
    }

    // MARK: Jobs

    static func jobsPage(_ context: ServerRequestContext, _ services: Services) throws -> Response {
        let rows = try services.store.list(owner: owner(context))
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        var table = "<table id=\"jobs\"><thead><tr><th>模板</th><th>数据</th><th>状态</th><th>更新时间</th><th>结果</th><th></th></tr></thead><tbody>"
        for row in rows {
            let id = row.id
            var result = Page.escape(row.message)
            if row.state == "done", row.settings.outputName != nil {
                result = "<a id=\"download-\(id)\" href=\"/jobs/\(id)/download\">下载</a>"
                    + (row.settings.manifestFile != nil ? " <a id=\"manifest-\(id)\" href=\"/jobs/\(id)/manifest\">清单</a>" : "")
                    + "<br>\(Page.escape(row.message))"
            }
            table += """
                <tr id="job-\(id)"><td><a id="open-\(id)" href="/jobs/\(id)/\(row.settings.dataFile == nil ? "data" : row.state == "new" ? "check" : "generate")">\(Page.escape(row.template))</a></td>
                <td>\(Page.escape(row.settings.dataName ?? "—"))</td><td>\(stateNames[row.state] ?? Page.escape(row.state))</td>
                <td>\(formatter.string(from: row.updatedAt))</td><td>\(result)</td>
                <td><form method="post" action="/jobs/\(id)/delete" data-confirm="删除这个任务及其文件？">\(csrf(context))
                <button type="submit" class="secondary" id="delete-\(id)">删除</button></form></td></tr>
                """
        }
        table += "</tbody></table>"
        let hours = services.configuration.jobLifetime.components.seconds / 3600
        return html(Page.shell(title: "最近的任务", body: """
            <h1>最近的任务</h1>
            <p class="note">任务文件在最后一次使用 \(hours) 小时后自动删除。</p>
            \(rows.isEmpty ? "<p id=\"no-jobs\">还没有任务。</p>" : "")
            \(table)
            """))
    }
}

extension Response {
    func withStatus(_ status: HTTPResponse.Status) -> Response {
        var copy = self
        copy.status = status
        return copy
    }
}

/// What a template says about itself for its card: the first paragraph of its README.
enum TemplateInfo {
    static func purpose(folder: String) -> String {
        guard let text = try? String(contentsOfFile: (folder as NSString).appendingPathComponent("README.md"), encoding: .utf8) else { return "" }
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("#") { if lines.isEmpty { continue } else { break } }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { if lines.isEmpty { continue } else { break } }
            lines.append(line)
        }
        let joined = lines.joined()
        return joined.count > 200 ? String(joined.prefix(200)) + "…" : joined
    }
}
