import GongwenModel

/// Characters that are not seen but change what is seen: bidirectional controls (a U+202E
/// RIGHT-TO-LEFT OVERRIDE before “府政民人” shows “人民政府” in Excel, so the printed name reads
/// backwards from what the clerk checked), zero-width and other format characters (a name with a
/// U+200B inside looks like the code list's name and does not match it), soft hyphens, a BOM
/// inside text, and control characters other than tab and line breaks.
///
/// Every data value is scanned (`TableRecordReader` for CSV and spreadsheets, streamed or read
/// whole; `DataSet.from` for JSON and YAML); what is found is removed from the value, so the
/// document prints the characters that are really there, and reported as a warning with the row
/// and column header, naming each character by code point and name.
///
/// Removed are Unicode's format characters (general category Cf: U+00AD, U+061C, U+180E,
/// U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+2066–U+206F, U+FEFF, …) and controls (Cc)
/// other than tab, line feed and carriage return (CR is part of a CRLF line break inside a cell).
/// U+200D ZERO WIDTH JOINER is removed too: Chinese text never needs it; it joins emoji (not
/// for an official document) and shapes some other scripts, where removing it changes a
/// glyph's form, never a letter, and the warning says so at its row. Variation selectors (used
/// for variant forms of CJK characters in names) are not format characters and are kept.
///
/// The scan is a byte scan: only a control byte or a lead byte that can start such a character
/// (0xC2, 0xD8, 0xDB, 0xDC, 0xE0–0xE2, 0xEF, 0xF0, 0xF3) is looked at further, so Chinese text,
/// which uses other lead bytes, costs one comparison a byte, and full-width punctuation or “”
/// (also 0xE2/0xEF) costs a few more.
public enum InvisibleCharacters {
    public static let diagnosticID = "data-invisible-character"

    /// Whether `text` has any character to remove.
    public static func contains(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in firstOffset(in: bytes) != nil }
    }

    /// `text` without those characters, and the characters removed in order of appearance
    /// (each once, with how many times it occurred).
    public static func remove(from text: String) -> (text: String, removed: [(scalar: Unicode.Scalar, count: Int)]) {
        guard contains(text) else { return (text, []) }
        var kept = String.UnicodeScalarView()
        var removed: [(scalar: Unicode.Scalar, count: Int)] = []
        for scalar in text.unicodeScalars {
            if isInvisible(scalar.value) {
                if let i = removed.firstIndex(where: { $0.scalar == scalar }) { removed[i].count += 1 } else { removed.append((scalar, 1)) }
            } else {
                kept.append(scalar)
            }
        }
        return (String(kept), removed)
    }

    /// The offset of the first byte of a character to remove, nil when there is none.
    static func firstOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x20 {
                if b != 0x09 && b != 0x0A && b != 0x0D { return i }
            } else if b == 0x7F {
                return i
            } else if b >= 0xC2 && isCandidateLead(b) {
                let (scalar, length) = decode(bytes, at: i)
                if isInvisible(scalar) { return i }
                i += max(1, length)
                continue
            }
            i += 1
        }
        return nil
    }

    @inline(__always)
    private static func isCandidateLead(_ b: UInt8) -> Bool {
        switch b {
        case 0xC2, 0xD8, 0xDB, 0xDC, 0xE0, 0xE1, 0xE2, 0xEF, 0xF0, 0xF3: true
        default: false
        }
    }

    /// The scalar whose (valid, as a Swift string's are) UTF-8 starts at `i`, and its length.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b = UInt32(bytes[i])
        func next(_ k: Int) -> UInt32 { i + k < bytes.count ? UInt32(bytes[i + k] & 0x3F) : 0 }
        if b < 0xE0 { return ((b & 0x1F) << 6 | next(1), 2) }
        if b < 0xF0 { return ((b & 0x0F) << 12 | next(1) << 6 | next(2), 3) }
        return ((b & 0x07) << 18 | next(1) << 12 | next(2) << 6 | next(3), 4)
    }

    /// Format characters (Cf, Unicode 15) and controls other than tab, LF and CR.
    public static func isInvisible(_ v: UInt32) -> Bool {
        switch v {
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F...0x9F,
             0xAD, 0x600...0x605, 0x61C, 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x180E,
             0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F,
             0xFEFF, 0xFFF9...0xFFFB, 0x110BD, 0x110CD, 0x13430...0x1343F, 0x1BCA0...0x1BCA3,
             0x1D173...0x1D17A, 0xE0001, 0xE0020...0xE007F:
            return true
        default:
            return false
        }
    }

    /// `U+202E 从右向左覆盖（RIGHT-TO-LEFT OVERRIDE）`.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = codePoint(scalar)
        let english = scalar.properties.name ?? scalar.properties.nameAlias ?? (scalar.properties.generalCategory == .control ? "CONTROL" : "FORMAT")
        return "\(code) \(chineseName(scalar.value))（\(english)）"
    }

    /// `U+00AD`, `U+202E`, `U+E0001`.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    static func chineseName(_ v: UInt32) -> String {
        switch v {
        case 0x00: "空字符"
        case 0x00AD: "软连字符"
        case 0x061C: "阿拉伯字母标记"
        case 0x180E: "蒙古文元音分隔符"
        case 0x200B: "零宽空格"
        case 0x200C: "零宽不连字"
        case 0x200D: "零宽连字"
        case 0x200E: "从左向右标记"
        case 0x200F: "从右向左标记"
        case 0x202A: "从左向右嵌入"
        case 0x202B: "从右向左嵌入"
        case 0x202C: "方向格式结束"
        case 0x202D: "从左向右覆盖"
        case 0x202E: "从右向左覆盖"
        case 0x2060: "词连接符"
        case 0x2061...0x2064: "不可见数学符号"
        case 0x2066: "从左向右隔离"
        case 0x2067: "从右向左隔离"
        case 0x2068: "首强字符隔离"
        case 0x2069: "方向隔离结束"
        case 0xFEFF: "零宽不换行空格（字节顺序标记）"
        case 0x00...0x1F, 0x7F...0x9F: "控制字符"
        default: "格式字符"
        }
    }

    /// Bidirectional controls: these reorder what follows them.
    static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// The warning for characters removed from one value.
    public static func warning(_ removed: [(scalar: Unicode.Scalar, count: Int)], at location: DataLocation) -> Diagnostic {
        let names = removed.map { describe($0.scalar) + ($0.count > 1 ? " \($0.count) 个" : "") }.joined(separator: "、")
        let english = removed.map { codePoint($0.scalar) }.joined(separator: ", ")
        let why = removed.contains(where: { isBidiControl($0.scalar.value) })
            ? "它会改变其后文字的显示顺序，表格中看到的与实际字符不同"
            : "它看不见，却使内容与看上去的不同（核对、查找、与代码表比对会出错）"
        return Diagnostic(
            id: diagnosticID, severity: .warning,
            message: "含有看不见的字符 \(names)：\(why)；已从内容中删除，文档按实际字符印出 / invisible character(s) \(english) removed",
            dataLocation: location)
    }
}

/// Warnings of one kind from one data file, listed up to a number and then counted: a column
/// pasted from a web page may have a zero-width space in every one of 100,000 rows.
public struct WarningList: Sendable {
    public static let listed = 100

    public private(set) var diagnostics: [Diagnostic] = []
    private var omitted = 0
    private var file: String?

    public init() {}

    public mutating func append(_ diagnostic: Diagnostic) {
        file = file ?? diagnostic.dataLocation?.file
        if diagnostics.count < Self.listed { diagnostics.append(diagnostic) } else { omitted += 1 }
    }

    public mutating func append(contentsOf diagnostics: [Diagnostic]) {
        for d in diagnostics { append(d) }
    }

    /// The warnings listed, and one more saying how many were not.
    public var all: [Diagnostic] {
        guard omitted > 0, let file else { return diagnostics }
        return diagnostics + [Diagnostic(
            id: InvisibleCharacters.diagnosticID, severity: .warning,
            message: "另有 \(omitted) 处看不见的字符未逐条列出，均已删除 / \(omitted) more invisible character warning(s) not listed",
            dataLocation: DataLocation(file: file))]
    }
}

extension InvisibleCharacters {
    /// Removes invisible characters from every text and field name of a JSON or YAML record,
    /// nested lists and records included; `path` is the field path so far (`地区[3].名称`).
    static func clean(_ record: inout Record, at location: DataLocation, path: String?, into warnings: inout WarningList) {
        guard record.order.contains(where: contains) || record.values.contains(where: needsCleaning) else { return }
        var cleaned = Record()
        for (key, value) in zip(record.order, record.values) {
            let (name, removedFromName) = remove(from: key)
            let fieldPath = path.map { "\($0).\(name)" } ?? name
            if !removedFromName.isEmpty {
                var here = location
                here.field = fieldPath
                warnings.append(warning(removedFromName, at: here))
            }
            var value = value
            clean(&value, at: location, path: fieldPath, into: &warnings)
            // Two names that differ only by an invisible character stay two fields.
            cleaned[cleaned[name] == nil ? name : key] = value
        }
        record = cleaned
    }

    static func clean(_ value: inout Value, at location: DataLocation, path: String, into warnings: inout WarningList) {
        switch value {
        case .string(let s) where contains(s):
            let (text, removed) = remove(from: s)
            value = .string(text)
            var here = location
            here.field = path
            warnings.append(warning(removed, at: here))
        case .list(var items) where items.contains(where: needsCleaning):
            for i in items.indices { clean(&items[i], at: location, path: "\(path)[\(i + 1)]", into: &warnings) }
            value = .list(items)
        case .record(var record):
            clean(&record, at: location, path: path, into: &warnings)
            value = .record(record)
        default:
            break
        }
    }

    /// Whether a value or anything in it has a character to remove.
    static func needsCleaning(_ value: Value) -> Bool {
        switch value {
        case .string(let s): contains(s)
        case .list(let items): items.contains(where: needsCleaning)
        case .record(let record): record.order.contains(where: contains) || record.values.contains(where: needsCleaning)
        default: false
        }
    }
}
