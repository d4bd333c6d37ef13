import GongwenModel

/// A grid of cells as read from a CSV file or one sheet of a spreadsheet, before a header row is
/// chosen. Rows keep the number the user sees at the left of Excel, WPS or LibreOffice (or the
/// line of the CSV file), so every message can name it.
public struct Table: Sendable {
    public struct Row: Sendable {
        /// 1-based spreadsheet row number (CSV: the line the row starts on).
        public var number: Int
        /// `.null` for an empty cell. Trailing empty cells may be missing.
        public var cells: [Value]
        /// Cells (by index) whose bytes are not text in the file's encoding: their values are not
        /// the clerk's text, and the row must not be used (a CSV with a stray byte).
        public var undecodable: [Int] = []

        public init(number: Int, cells: [Value], undecodable: [Int] = []) {
            self.number = number
            self.cells = cells
            self.undecodable = undecodable
        }

        var isBlank: Bool { cells.allSatisfy { $0 == .null || $0 == .string("") } }
        var filledCount: Int { cells.count { $0 != .null && $0 != .string("") } }
    }

    /// The file, as given by the user.
    public var file: String
    /// The sheet the rows came from, for spreadsheets.
    public var sheet: String?
    public var rows: [Row]
    /// CSV rows must all have as many fields as the header (a missing or extra delimiter shifts
    /// every later column: a silently wrong document). Spreadsheets omit trailing empty cells.
    public var fixedWidth: Bool

    public init(file: String, sheet: String? = nil, rows: [Row], fixedWidth: Bool) {
        self.file = file
        self.sheet = sheet
        self.rows = rows
        self.fixedWidth = fixedWidth
    }
}
