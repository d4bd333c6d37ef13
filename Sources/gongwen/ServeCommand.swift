import ArgumentParser
import Foundation
import Gongwen
import GongwenServer

/// `gongwen serve`: the office's web page at http://127.0.0.1:8080.
struct ServeCommand: AsyncParsableCommand {
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

    func run() async throws {
        lookup.apply()
        var configuration = ServerConfiguration(templatesDirectory: TemplateCatalog.root, dataDirectory: dataDir)
        configuration.host = host
        configuration.port = port
        let app = try WebServer.application(configuration)
        print("公文生成网页：http://\(host == "0.0.0.0" ? "本机地址" : host):\(port)/ （按 Ctrl-C 停止） / serving")
        try await app.runService()
    }
}
