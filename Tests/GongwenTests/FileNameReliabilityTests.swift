import Foundation
import Testing
@testable import Gongwen

/// File names from hostile `--name` data (issue 15): safe, unique, and made in linear time.
@Suite("Reliability: file names from long or repeated data")
struct FileNameReliabilityTests {
    private func seconds(_ body: () throws -> Void) rethrows -> Double {
        let elapsed = try ContinuousClock().measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test("a name from a 32,767-character cell is cut to 200 bytes at once", arguments: [
        String(repeating: ".", count: 32_766) + "甲",
        String(repeating: "县", count: 32_767),
        String(repeating: "a. ", count: 10_922),
        "甲" + String(repeating: ".", count: 32_766),
    ])
    func longName(_ text: String) {
        var name = ""
        let elapsed = seconds { name = SafeFileName.make(text) }
        #expect(elapsed < 2, "took \(elapsed) s")
        #expect(name.utf8.count <= 200 && !name.isEmpty && !name.hasPrefix("."))
    }

    @Test("names are cut and trimmed as before")
    func unchanged() {
        #expect(SafeFileName.make("..清水县..") == "清水县")
        #expect(SafeFileName.make("  a/b:c  ") == "a_b_c")
        #expect(SafeFileName.make(String(repeating: "县", count: 100)) == String(repeating: "县", count: 66))
        #expect(SafeFileName.make("con.txt") == "_con.txt")
        #expect(SafeFileName.make("...") == "文档")
    }

    @Test("50,000 records with the same name get distinct names in linear time")
    func manyDuplicates() {
        let names = Array(repeating: "清水县", count: 50_000) + ["清水县-2", "清水县"]
        var unique: [String] = []
        let elapsed = seconds { unique = SafeFileName.uniqued(names) }
        #expect(elapsed < 5, "took \(elapsed) s")
        #expect(Set(unique.map { $0.lowercased() }).count == names.count)
        #expect(unique.prefix(3) == ["清水县", "清水县-2", "清水县-3"])
        #expect(unique.suffix(2) == ["清水县-2-2", "清水县-50001"])
    }

    @Test("duplicates are found case-folded, as Windows and macOS compare names")
    func caseFolded() {
        let names = SafeFileName.uniqued(Array(repeating: "清水县", count: 20_000) + ["清水县-2", "ABC", "abc"])
        #expect(names[19_999] == "清水县-20000")
        #expect(names[20_000] == "清水县-2-2")
        #expect(names[20_002] == "abc-2")
    }
}
