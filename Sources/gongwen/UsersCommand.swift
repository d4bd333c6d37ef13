import ArgumentParser
import Foundation
import GongwenServer
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `gongwen users`: the accounts of `gongwen serve` on an office network.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "管理网页账户（用 --host 在办公网络上提供网页时必须有账户） / manage the accounts of gongwen serve",
        subcommands: [Add.self, List.self, Remove.self, Passwd.self])

    struct DataOptions: ParsableArguments {
        @Option(name: .long, help: "存放任务文件夹和账户的文件夹，默认 ./gongwen-data（与 serve 相同） / data folder")
        var dataDir = "gongwen-data"

        func accounts() throws -> Accounts { try Accounts.open(dataDirectory: dataDir) }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "添加账户 / add an account")
        @Argument(help: "账户名 / account name") var name: String
        @OptionGroup var data: DataOptions
        @Flag(name: .long, help: "从标准输入读一行作为密码（不提示） / read the password from stdin") var passwordStdin = false

        func run() throws {
            try Users.run {
                try Accounts.validate(name: name)
                let accounts = try data.accounts()
                if try accounts.list().contains(where: { $0.name.lowercased() == name.lowercased() }) { throw AccountError.duplicateName(name) }
                let password = try Users.readNewPassword(fromStdin: passwordStdin)
                try accounts.add(name: name, password: password)
                print("已添加账户“\(name)”。")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出账户 / list the accounts")
        @OptionGroup var data: DataOptions

        func run() throws {
            try Users.run {
                let all = try data.accounts().list()
                if all.isEmpty { print("还没有账户（gongwen users add 姓名 可添加）。"); return }
                let format = DateFormatter()
                format.dateFormat = "yyyy-MM-dd HH:mm"
                for account in all { print("\(account.name)\t创建于 \(format.string(from: account.createdAt))") }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "删除账户并使其退出登录 / remove an account")
        @Argument(help: "账户名 / account name") var name: String
        @OptionGroup var data: DataOptions

        func run() throws {
            try Users.run {
                try data.accounts().remove(name: name)
                print("已删除账户“\(name)”。")
            }
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "passwd", abstract: "修改密码并使其在各处退出登录 / change a password")
        @Argument(help: "账户名 / account name") var name: String
        @OptionGroup var data: DataOptions
        @Flag(name: .long, help: "从标准输入读一行作为密码（不提示） / read the password from stdin") var passwordStdin = false

        func run() throws {
            try Users.run {
                let accounts = try data.accounts()
                guard try accounts.list().contains(where: { $0.name == name }) else { throw AccountError.unknownName(name) }
                try accounts.setPassword(name: name, password: try Users.readNewPassword(fromStdin: passwordStdin))
                print("已修改“\(name)”的密码；该账户已在各处退出登录。")
            }
        }
    }
}

/// Password prompts and Chinese errors for `gongwen users`.
enum Users {
    /// Runs `body`, printing an `AccountError` in Chinese on stderr and exiting 1.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as AccountError {
            FileHandle.standardError.write(Data("错误：\(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// One line of stdin, or the password typed twice at the terminal without echo.
    static func readNewPassword(fromStdin: Bool) throws -> String {
        if fromStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw AccountError.emptyPassword }
            try Accounts.validate(password: line)
            return line
        }
        let first = try readSecret(prompt: "密码（至少 \(Accounts.minPasswordLength) 个字符）：")
        try Accounts.validate(password: first)
        let second = try readSecret(prompt: "再输入一次：")
        guard first == second else { throw AccountError.passwordsDiffer }
        return first
    }

    /// Reads a line from the terminal with echo turned off.
    static func readSecret(prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        let isTerminal = isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &saved) == 0
        if isTerminal {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        defer {
            if isTerminal {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw AccountError.emptyPassword }
        return line
    }
}
