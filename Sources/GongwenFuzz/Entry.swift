import Foundation

#if FUZZING
/// libFuzzer's driver, started from `main` (SwiftPM gives an executable its own `main`, so the
/// one in libFuzzer's runtime is not linked); built with `-sanitize=fuzzer -D FUZZING`, see
/// Tests/Fuzz/run.sh. The target is chosen by GONGWEN_FUZZ_TARGET.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@main
struct Fuzz {
    static func main() {
        _ = target
        handTrapsToLibFuzzer()
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
    }
}

/// A Swift trap (`ud2`: SIGILL on x86_64; `brk`: SIGTRAP on arm64) must reach libFuzzer's
/// deadly-signal handler, which saves the input as `crash-…` and prints its reproducer. The
/// Swift runtime's backtracer installs its own SA_SIGINFO handlers at startup, and libFuzzer
/// does not replace a handler it finds (a CI run died of SIGILL with no crash file). So the
/// handlers go back to the default before the driver starts (it then installs its own), and
/// SIGTRAP, which libFuzzer does not watch, is turned into SIGILL, which it does.
/// Tests/Fuzz/run.sh also sets SWIFT_BACKTRACE=enable=no.
private func handTrapsToLibFuzzer() {
    for deadly in [SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] { _ = signal(deadly, SIG_DFL) }
    _ = signal(SIGTRAP) { _ in
        _ = signal(SIGTRAP, SIG_DFL)
        _ = raise(SIGILL)
    }
}

private let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["GONGWEN_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data(("GONGWEN_FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue))\n").utf8))
        exit(2)
    }
    return target
}()

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    target.run(size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
/// Without the fuzzer: `gongwen-fuzz TARGET FILE-OR-FOLDER…` runs each input once (the committed
/// corpus, or a crash file libFuzzer wrote) and says how many ran. A trap ends the process, so
/// reaching the end means none of them crashed.
@main
struct Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data(("usage: gongwen-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE-OR-FOLDER…\n").utf8))
            exit(2)
        }
        var count = 0
        for path in arguments.dropFirst() {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            let files = isFolder.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                target.run(Array(data))
                count += 1
            }
        }
        print("\(name): \(count) inputs, no crash")
    }
}
#endif
