import Foundation
import Testing

/// `gongwen users …` and `gongwen serve --host` run as the clerk runs them: the built
/// executable, which sits beside the test bundle in the products folder.
enum GongwenExecutable {
    static let url: URL? = {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("gongwen")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()
}

@Suite("gongwen users and serve (the executable)", .enabled(if: GongwenExecutable.url != nil))
struct UsersCommandTests {

    struct Run {
        var status: Int32
        var out: String
        var err: String
    }

    func gongwen(_ arguments: [String], input: String = "") throws -> Run {
        let process = Process()
        process.executableURL = GongwenExecutable.url
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile(), err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, out: String(decoding: out, as: UTF8.self), err: String(decoding: err, as: UTF8.self))
    }

    @Test("add, duplicate, list, passwd, remove — errors in Chinese, exit 1")
    func users() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-users-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let add = try gongwen(["users", "add", "王芳", "--data-dir", data, "--password-stdin"], input: "first-password\n")
        #expect(add.status == 0, "\(add.err)")
        #expect(add.out.contains("已添加账户“王芳”"))
        let again = try gongwen(["users", "add", "王芳", "--data-dir", data, "--password-stdin"], input: "first-password\n")
        #expect(again.status == 1)
        #expect(again.err.contains("账户“王芳”已存在"))
        let short = try gongwen(["users", "add", "li", "--data-dir", data, "--password-stdin"], input: "short\n")
        #expect(short.status == 1)
        #expect(short.err.contains("密码太短"))
        let list = try gongwen(["users", "list", "--data-dir", data])
        #expect(list.status == 0)
        #expect(list.out.contains("王芳") && !list.out.contains("li\t"))
        #expect(!list.out.contains("first-password"))
        let passwd = try gongwen(["users", "passwd", "王芳", "--data-dir", data, "--password-stdin"], input: "second-password\n")
        #expect(passwd.status == 0, "\(passwd.err)")
        let remove = try gongwen(["users", "remove", "王芳", "--data-dir", data])
        #expect(remove.status == 0)
        let gone = try gongwen(["users", "remove", "王芳", "--data-dir", data])
        #expect(gone.status == 1)
        #expect(gone.err.contains("没有名为“王芳”的账户"))
    }

    @Test("serve --host 0.0.0.0 without accounts refuses to start")
    func serveRefused() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-serve-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let run = try gongwen(["serve", "--host", "0.0.0.0", "--port", "18799", "--data-dir", data])
        #expect(run.status != 0)
        #expect(run.err.contains("拒绝启动") && run.err.contains("gongwen users add"))
    }
}
