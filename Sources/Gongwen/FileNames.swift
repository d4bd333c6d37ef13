/// The file name (without extension) of each record of a batch. Numbered names are made when
/// asked for rather than kept: a hundred thousand of them would be memory that grows with the
/// batch for nothing, since they are unique by construction.
enum FileNames: Sendable {
    /// `模板名-0001` … (zero-padded to the width of the count), or `模板名` for a single record.
    case numbered(base: String, count: Int)
    /// Names from `--name`, made safe and unique.
    case list([String])

    subscript(index: Int) -> String {
        switch self {
        case .numbered(let base, let count):
            guard count > 1 else { return base }
            let digits = String(index + 1)
            return base + "-" + String(repeating: "0", count: max(0, String(count).count - digits.count)) + digits
        case .list(let names):
            return names[index]
        }
    }
}
