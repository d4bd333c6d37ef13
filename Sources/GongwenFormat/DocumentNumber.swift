/// 发文字号 (GB/T 9704-2012 7.2.4): 机关代字, year in 六角括号 〔〕, sequence number without 第 and
/// without leading zeros, then 号: `黔人口发〔2025〕17号`.
public enum DocumentNumber {
    public static func make(code: String, year: String, sequence: String) throws(FormatError) -> String {
        let agency = code.trimmingCharacters(in: .whitespaces)
        guard !agency.isEmpty else { throw FormatError("机关代字为空 / empty agency code") }
        let y = CivilDate.halfWidthDigits(year.trimmingCharacters(in: .whitespaces))
        guard y.count == 4, let yearNumber = Int(y), (1900...9999).contains(yearNumber) else {
            throw FormatError("发文字号的年份应为四位数字，实际是“\(year)” / year must have four digits")
        }
        var s = CivilDate.halfWidthDigits(sequence.trimmingCharacters(in: .whitespaces))
        if s.hasPrefix("第") { s.removeFirst() }
        if s.hasSuffix("号") { s.removeLast() }
        guard let n = Int(s), n > 0 else {
            throw FormatError("发文字号的序号应为正整数，实际是“\(sequence)” / sequence must be a positive integer")
        }
        return "\(agency)〔\(y)〕\(n)号"
    }

    /// Rewrites a 发文字号 typed with the wrong brackets or padding: `黔人口发[2025]017号`,
    /// `黔人口发【2025】第17号`, `黔人口发（2025）17号` → `黔人口发〔2025〕17号`.
    public static func normalize(_ text: String) throws(FormatError) -> String {
        let opening: Set<Character> = ["[", "【", "（", "(", "〔", "［", "〖", "{", "｛", "<", "《", "〈"]
        let closing: Set<Character> = ["]", "】", "）", ")", "〕", "］", "〗", "}", "｝", ">", "》", "〉"]
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let open = t.firstIndex(where: { opening.contains($0) }),
              let close = t[open...].firstIndex(where: { closing.contains($0) }) else {
            throw FormatError("“\(text)”不是发文字号（应含年份括号，如 黔人口发〔2025〕17号） / not a document number")
        }
        let code = String(t[..<open])
        let year = String(t[t.index(after: open)..<close])
        let sequence = String(t[t.index(after: close)...])
        do {
            return try make(code: code, year: year, sequence: sequence)
        } catch {
            throw FormatError("“\(text)”：\(error.message)")
        }
    }
}
