import Foundation
@testable import Gongwen
import GongwenModel
import Testing
import TestSupport

/// A failed run leaves the output exactly as it was; a file of the user's is replaced only when
/// asked (`--overwrite`), a folder never; staging folders of dead runs are removed. (Issue 15,
/// items 1, 2, 4 and 8; the full disk and the read-only parent are in Tests/Reliability/*.sh, which
/// need a tmpfs mounted as root.)
@Suite("Output safety")
struct OutputSafetyTests {
    static let form = "<文书 文种=\"承诺书\"><正文><段>{{ 户主 }}</段><if test=\"户主 == '户坏'\"><fail>不能印</fail></if></正文></文书>"

    func workspace(rows: [String]) -> (URL, RenderOptions) {
        let dir = temporaryDirectory()
        writeFiles(["t/template.xml": Self.form, "d.csv": "户主\n" + rows.joined(separator: "\n") + "\n"], into: dir)
        let options = RenderOptions(templatePath: dir.appendingPathComponent("t/template.xml").path,
                                    dataPath: dir.appendingPathComponent("d.csv").path, formats: [.html],
                                    outputDirectory: dir.appendingPathComponent("out").path, namePattern: "{{ 户主 }}")
        return (dir, options)
    }

    func renderError(_ options: RenderOptions) -> [String] {
        do {
            _ = try Pipeline.render(options)
            return []
        } catch {
            return error.diagnostics.map(\.id)
        }
    }

    @Test("a file of the same name stops the batch unless --overwrite, and the folder is left exactly as it was")
    func refusesToReplace() throws {
        let (dir, options) = workspace(rows: (1...600).map { "户\($0)" })
        writeFiles(["out/户300.html": "我自己的文件", "out/说明.txt": "别动"], into: dir)
        let before = snapshot(dir)
        #expect(renderError(options) == ["output-exists"])
        #expect(snapshot(dir) == before)
    }

    @Test("a folder with an output file's name is never deleted, even with --overwrite")
    func folderInTheWay() throws {
        var (dir, options) = workspace(rows: ["户1", "户2", "户3"])
        writeFiles(["out/户2.html/里面的文件.txt": "要留着"], into: dir)
        let before = snapshot(dir)
        #expect(renderError(options) == ["output-folder-in-the-way"])
        options.overwrite = true
        #expect(renderError(options) == ["output-folder-in-the-way"])
        #expect(snapshot(dir) == before)
    }

    @Test("a zip of the same name is replaced only with --overwrite; a folder named like the zip never")
    func zipTarget() throws {
        var (dir, options) = workspace(rows: ["户1", "户2"])
        options.outputDirectory = dir.appendingPathComponent("批次.zip").path
        writeFiles(["批次.zip": "旧的 zip", "文件夹.zip/x.txt": "要留着"], into: dir)
        let before = snapshot(dir)
        #expect(renderError(options) == ["output-exists"])
        #expect(snapshot(dir) == before)
        options.overwrite = true
        let report = try Pipeline.render(options)
        #expect(report.replacedCount == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: options.outputDirectory)).starts(with: [0x50, 0x4B]))
        options.outputDirectory = dir.appendingPathComponent("文件夹.zip").path
        #expect(renderError(options) == ["output-folder-in-the-way"])
        #expect(try String(contentsOf: dir.appendingPathComponent("文件夹.zip/x.txt"), encoding: .utf8) == "要留着")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["d.csv", "t", "批次.zip", "文件夹.zip"])
    }

    @Test("--out naming a file is an error that names it; the file stays")
    func outIsAFile() throws {
        var (dir, options) = workspace(rows: ["户1"])
        writeFiles(["报告.txt": "不是文件夹"], into: dir)
        options.outputDirectory = dir.appendingPathComponent("报告.txt").path
        let before = snapshot(dir)
        #expect(renderError(options) == ["output-not-a-folder"])
        #expect(snapshot(dir) == before)
    }

    @Test("a record that fails after files were staged leaves no output folder and none of the folders above it that the run created")
    func failureRemovesCreatedParents() throws {
        var (dir, options) = workspace(rows: (1...700).map { "户\($0)" } + ["户坏"])
        options.outputDirectory = dir.appendingPathComponent("一/二/out").path
        #expect(renderError(options) == ["template-fail"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["d.csv", "t"])
    }

    @Test("a failure into an existing folder with --overwrite puts every replaced file back")
    func failureKeepsReplacedFiles() throws {
        var (dir, options) = workspace(rows: (1...700).map { "户\($0)" } + ["户坏"])
        options.overwrite = true
        writeFiles(["out/户1.html": "旧1", "out/户699.html": "旧699"], into: dir)
        let before = snapshot(dir)
        #expect(renderError(options) == ["template-fail"])
        #expect(snapshot(dir) == before)
    }

    @Test("a move that fails half-way is rolled back: the new files go, the replaced ones come back")
    func rollBack() throws {
        let dir = temporaryDirectory()
        writeFiles(["out/a.html": "旧 a", "out/x.txt": "别动"], into: dir)
        let out = dir.appendingPathComponent("out").path
        let before = snapshot(dir)
        let staged = try StagedOutput(directory: out, overwrite: true)
        for name in ["a.html", "b.html", "c.html", "d.html", "e.html"] {
            try staged.write(name, Array("新 \(name)".utf8))
        }
        // Appears after the files were registered, so only the move meets it.
        try FileManager.default.createDirectory(atPath: out + "/d.html", withIntermediateDirectories: false)
        #expect(throws: DiagnosticError.self) { try staged.commit() }
        try FileManager.default.removeItem(atPath: out + "/d.html")
        #expect(snapshot(dir) == before)
    }

    @Test("a staging folder whose process is gone is removed by the next run; one still locked by a live run stays")
    func staleStaging() throws {
        let (dir, options) = workspace(rows: ["户1", "户2"])
        let out = dir.appendingPathComponent("out").path
        writeFiles(["out/.gongwen-staging-999999-dead/户1.html": "半截", "out/.gongwen-staging-999999-dead/户2.html": "半截",
                    ".out.gongwen-staging-999998-dead/户1.html": "半截", "out/说明.txt": "别动"], into: dir)
        // A live run's folder: locked as StagingFolder locks it (another open file description).
        let live = try StagingFolder(in: out, prefix: "", display: out)
        defer { live.remove() }
        var overwriting = options
        overwriting.overwrite = true
        _ = try Pipeline.render(overwriting)
        let inside = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(inside == [(live.path as NSString).lastPathComponent, "户1.html", "户2.html", "说明.txt"].sorted())
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".out.gongwen-staging-999998-dead").path))
        // Beside a new output folder too.
        var fresh = options
        fresh.outputDirectory = dir.appendingPathComponent("新").path
        writeFiles([".新.gongwen-staging-1-dead/户1.html": "半截"], into: dir)
        _ = try Pipeline.render(fresh)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".新.gongwen-staging-1-dead").path))
    }

    @Test("a full disk is said as 磁盘已满 with the path, a missing permission as 没有写入权限; never Foundation's error text")
    func messages() {
        let full = WriteFailure.diagnostic(errno: ENOSPC, action: "写入", path: "/media/U盘/通报.odt")
        #expect(full.id == "output-disk-full")
        #expect(full.message.hasPrefix("无法写入 “/media/U盘/通报.odt”：磁盘已满"))
        let quota = WriteFailure.diagnostic(errno: EDQUOT, action: "写入", path: "x")
        #expect(quota.id == "output-disk-full" && quota.message.contains("磁盘已满"))
        #expect(WriteFailure.diagnostic(errno: EACCES, action: "创建文件夹", path: "/srv/out").message.contains("没有写入权限"))
        #expect(WriteFailure.diagnostic(errno: EROFS, action: "写入", path: "x").message.contains("只读"))
        for code in [ENOSPC, EACCES, EROFS, EIO, ENAMETOOLONG, EXDEV, 9999] {
            #expect(!WriteFailure.diagnostic(errno: code, action: "写入", path: "x").message.contains("NSCocoaErrorDomain"))
        }
    }

    @Test("the workers' writes after a failure throw the first failure: the batch reports it once")
    func firstFailureWins() throws {
        let dir = temporaryDirectory()
        let staged = try StagedOutput(directory: dir.appendingPathComponent("out").path)
        let first = staged.fail(WriteFailure.error(errno: ENOSPC, action: "写入", path: "a"))
        #expect(throws: DiagnosticError.self) { try staged.writeUnregistered("b.html", [1]) }
        do { try staged.writeUnregistered("c.html", [1]) } catch { #expect(error.diagnostics == first.diagnostics) }
        staged.abort()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}

/// Every file and folder under `root` (hidden ones included) with its contents: equal snapshots
/// mean the folder is exactly as it was.
func snapshot(_ root: URL) -> [String: String] {
    var result: [String: String] = [:]
    let fm = FileManager.default
    func walk(_ relative: String) {
        let path = relative.isEmpty ? root.path : root.path + "/" + relative
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue {
            result[relative + "/"] = "folder"
            for name in (try? fm.contentsOfDirectory(atPath: path)) ?? [] { walk(relative.isEmpty ? name : relative + "/" + name) }
        } else {
            result[relative] = (try? Data(contentsOf: URL(fileURLWithPath: path)))?.base64EncodedString() ?? "?"
        }
    }
    walk("")
    return result
}
