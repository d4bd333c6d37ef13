import ArgumentParser
import Foundation
import Gongwen
import GongwenModel
import GongwenServer
import Hummingbird

/// `gongwen serve`: the office's web page at http://127.0.0.1:8080.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "启动本机网页（浏览器打开 http://127.0.0.1:8080） / serve the web page for clerks")

    @Option(name: .long, help: "监听地址；默认 127.0.0.1（只有本机可访问） / address to listen on")
    var host = "127.0.0.1"

    @Option(name: .long, help: "端口，默认 8080 / port")
    var port = 8080

    @OptionGroup var lookup: TemplateLookupOptions

    @Option(name: .long, help: "存放任务文件夹和账户的文件夹，默认 ./gongwen-data / folder for jobs and accounts")
    var dataDir = "gongwen-data"

    @Option(name: .long, help: "上传文件的大小上限（MB），默认 200 / largest upload in MB")
    var maxUploadMb = 200

    @Option(name: .long, help: "同时生成的批次数，默认 1（其余排队） / batch renders at once")
    var maxBatches = 1

    @Option(name: .long, help: "考核办法（规则文件，如 Examples/南岭省/考核办法.xml），供“考核”页使用；启动时检查，有错误则不启动 / the rules of the 考核 page")
    var rules: String?

    func run() throws {
        guard (1...4096).contains(maxUploadMb) else { throw ValidationError("--max-upload-mb 应在 1 到 4096 之间 / must be 1–4096") }
        guard (1...16).contains(maxBatches) else { throw ValidationError("--max-batches 应在 1 到 16 之间 / must be 1–16") }
        lookup.apply()
        var configuration = ServerConfiguration(templatesDirectory: TemplateCatalog.root, dataDirectory: dataDir)
        configuration.host = host
        configuration.port = port
        configuration.maxUploadBytes = maxUploadMb << 20
        configuration.maxConcurrentBatches = maxBatches
        configuration.rulesPath = rules
        do {
            try AccessControl.checkStart(configuration)
        } catch let refusal as StartRefused {
            FileHandle.standardError.write(Data("错误：\(refusal.description)\n".utf8))
            throw ExitCode(2)
        }
        let app: any ApplicationProtocol
        do {
            app = try WebServer.application(configuration)
        } catch let error as DiagnosticError {
            // A broken 考核办法 stops the server with the located error (file:line:column).
            FileHandle.standardError.write(Data("考核办法 \(rules ?? "") 有错误，网页未启动。 / the rules file has errors; not serving\n".utf8))
            throw Report.fail(error)
        }
        print("公文生成网页：http://\(host == "0.0.0.0" ? "本机地址" : host):\(port)/ （按 Ctrl-C 停止） / serving")
        try WaitFor.completion { try await app.runService() }
    }
}
