import GongwenModel

/// Which copies of each record to print: a form's 联次 (一式两份: 村委会留存 / 农户留存) and a
/// 公文's numbered copies (份号 000001–000050).
public struct CopyPlan: Sendable, Equatable {
    /// Copies per record (`--copies`); the number of the template's 联次 labels when nil.
    public var count: Int?
    /// 份号 to print, one copy each (`--copy-numbers 1-50`).
    public var numbers: ClosedRange<Int>?

    public init(count: Int? = nil, numbers: ClosedRange<Int>? = nil) {
        self.count = count
        self.numbers = numbers
    }

    /// `1-50`, `7`, `1～50`: the numbers must be positive and at most 999999 (six digits).
    public static func numbers(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(whereSeparator: { "-－~～—".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let low = Int(parts[0]), let high = Int(parts.last!), low >= 1, high >= low, high <= 999_999 else {
            return nil
        }
        return low...high
    }
}

extension Template {
    /// The documents of one record under a copy plan, in print order: for each 份号, each 联.
    /// Each copy sees `份次` (1, 2 …) and `联` (its label, from the template's `联次`, else
    /// 第一联, 第二联 …); numbered copies see `份号` as six digits.
    public func mergeCopies(_ record: Record, shared: Record = Record(), at location: DataLocation? = nil,
                            plan: CopyPlan = CopyPlan(), cache: MergeCache? = nil) throws(DiagnosticError) -> (documents: [Document], warnings: [Diagnostic]) {
        let count = max(1, plan.count ?? max(copyLabels.count, 1))
        let labelled = !copyLabels.isEmpty || plan.count != nil
        var documents: [Document] = []
        var warnings: [Diagnostic] = []
        cache?.beginRecord()
        defer { cache?.endRecord() }
        for number in plan.numbers.map(Array.init) ?? [0] {
            for copy in 1...count {
                var bindings: [(String, Value)] = []
                if labelled {
                    bindings.append(("份次", .number(Number(copy))))
                    bindings.append(("联", .string(copy <= copyLabels.count ? copyLabels[copy - 1] : "第\(Self.chineseOrdinal(copy))联")))
                }
                if number > 0 {
                    let digits = String(number)
                    bindings.append(("份号", .string(String(repeating: "0", count: max(0, 6 - digits.count)) + digits)))
                }
                let result = try merge(record, shared: shared, bindings: bindings, at: location, cache: cache)
                documents.append(result.document)
                if documents.count == 1 { warnings = result.warnings }
            }
        }
        return (documents, warnings)
    }

    private static func chineseOrdinal(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        return n <= 10 ? digits[n] : String(n)
    }
}
