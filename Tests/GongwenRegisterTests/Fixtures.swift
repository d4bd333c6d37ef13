import Foundation
import GongwenData
@testable import GongwenRegister

/// A fresh folder per test, removed by the caller's `defer`.
func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-register-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func write(_ text: String, _ folder: String, _ name: String) throws -> String {
    let path = (folder as NSString).appendingPathComponent(name)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Two counties, three townships, four villages.
let regionsCSV = """
    代码,名称,类别
    660000,南岭省,省
    660200,安平市,市
    660203,清水县,县
    660203001,城关镇,镇
    660203001001,坪上村,村
    660203001002,东门村,村
    660203002,河口乡,乡
    660203002001,河口村,村
    660204,石门县,县
    660204001,石门镇,镇
    660204001001,水口村,村
    """

func regions(_ folder: String) throws -> RegionList {
    try RegionList.read(path: write(regionsCSV, folder, "区划代码.csv"))
}

/// The check character by GB 11643's definition, written out here independently of the code
/// under test: Σ(aᵢ·Wᵢ) mod 11 with Wᵢ = 2^(17−i) mod 11, mapped 0→1, 1→0, 2→X, 3→9 … 10→2.
func checked(_ first17: String) -> String {
    let digits = first17.map { Int(String($0))! }
    var sum = 0
    for (i, d) in digits.enumerated() {
        var w = 1
        for _ in 0..<(17 - i) { w = w * 2 % 11 }
        sum += d * w
    }
    let value = (12 - sum % 11) % 11
    return first17 + (value == 10 ? "X" : String(value))
}

/// A valid ID number for household `n`, born 1980-01-01 + n days' worth of variation.
func idNumber(_ n: Int) -> String {
    checked(String(format: "660203%04d%02d%02d%03d", 1970 + n % 40, 1 + n % 12, 1 + n % 28, n % 1000))
}

/// A households sheet as the 承诺书 batch used it.
func householdsCSV(_ rows: [(pledge: String, village: String, id: String)]) -> String {
    var lines = ["承诺书编号,县,乡镇,村,户主,家庭人口,类别,身份证号,联系电话,行政区划代码"]
    for (i, r) in rows.enumerated() {
        lines.append("\(r.pledge),清水县,城关镇,坪上村,付花\(i),3,生育重点管理对象,\(r.id),1882476\(String(format: "%04d", i)),\(r.village)")
    }
    return lines.joined(separator: "\n") + "\n"
}

let village1 = "660203001001", village2 = "660203001002", village3 = "660203002001", village4 = "660204001001"

/// A store with `rows` imported.
func storeWith(_ folder: String, _ rows: [(pledge: String, village: String, id: String)]) throws -> SQLiteRegister {
    let register = try SQLiteRegister(path: (folder as NSString).appendingPathComponent("承诺登记.sqlite"))
    try register.importHouseholds(path: write(householdsCSV(rows), folder, "households.csv"), regions: regions(folder), by: "王文书")
    return register
}

/// The repository's Examples folder.
let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Examples/南岭省").path
