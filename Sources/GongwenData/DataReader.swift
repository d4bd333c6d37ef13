import Foundation
import GongwenModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How to read a data file: the choices a user can make on the command line.
public struct ReadOptions: Sendable {
    /// Text encoding of CSV files; detected when nil.
    public var encoding: TextEncoding?
    /// The sheet of a workbook (`--sheet 县级指标`); the first sheet when nil.
    public var sheet: String?
    /// The spreadsheet row number of the header (`--header-row 3`), for tables with title rows
    /// above it; detected when nil.
    public var headerRow: Int?

    public init(encoding: TextEncoding? = nil, sheet: String? = nil, headerRow: Int? = nil) {
        self.encoding = encoding
        self.sheet = sheet
        self.headerRow = headerRow
    }
}

/// Reads a data file into a `DataSet`, choosing the reader by extension.
public enum DataReader {
    /// Larger files are refused before they are read into memory.
    public static let maximumFileSize = 256 * 1024 * 1024

    public static let supportedExtensions = ["csv", "txt", "tsv", "xlsx", "ods", "json", "yaml", "yml"]

    /// - Parameter keepingBadRows: see `TableRecords.dataSet`: rows that cannot be records are
    ///   left out and their problems returned in `rowProblems` instead of thrown.
    /// The sheets of an .xlsx workbook by name; nil for any other kind of file (one table, or
    /// an .ods, whose sheets are only known by reading the whole content).
    public static func sheetNames(path: String) throws(DiagnosticError) -> [String]? {
        guard path.lowercased().hasSuffix(".xlsx") else { return nil }
        return try XLSXReader.sheetNames(path: path, file: (path as NSString).lastPathComponent)
    }

    public static func read(path: String, options: ReadOptions = ReadOptions(), keepingBadRows: Bool = false) throws(DiagnosticError) -> DataSet {
        let file = path
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "json": return try DataSet.from(JSONReader.parse(contents(of: path), file: file), file: file)
        case "yaml", "yml": return try DataSet.from(YAMLReader.parse(contents(of: path), file: file), file: file)
        case "csv", "txt", "tsv", "xlsx", "ods":
            return try TableRecords.dataSet(table(path: path, options: options), headerRow: options.headerRow, keepingBadRows: keepingBadRows)
        case "xls", "et", "xlsm", "xlsb":
            throw DiagnosticError(Diagnostic(
                id: "data-format",
                message: "不支持 .\(ext) 格式：请在 Excel/WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV / save as .xlsx or CSV",
                dataLocation: DataLocation(file: file)))
        default:
            throw DiagnosticError(Diagnostic(
                id: "data-format",
                message: "不支持的数据文件类型：\(path)（支持 .xlsx、.ods、.csv、.json、.yaml） / unsupported data file type",
                dataLocation: DataLocation(file: file)))
        }
    }

    /// The grid of a CSV file or of one sheet of a workbook, before a header is chosen.
    public static func table(path: String, options: ReadOptions = ReadOptions()) throws(DiagnosticError) -> Table {
        switch (path as NSString).pathExtension.lowercased() {
        case "xlsx":
            try checkSize(path)
            return try XLSXReader.table(path: path, file: path, sheet: options.sheet)
        case "ods":
            try checkSize(path)
            return try ODSReader.table(path: path, file: path, sheet: options.sheet)
        default:
            // Streamed from disk into rows, never held as bytes and text besides: what is kept is
            // the rows, charged to the budget as for a workbook.
            let rows = try CSVFileRows(path: path, encoding: options.encoding)
            let budget = ReadBudget(file: path)
            var table = Table(file: path, rows: [], fixedWidth: true)
            while let row = try rows.nextRow() {
                try budget.charge(ReadBudget.cost(of: row), part: nil, row: row.number)
                table.rows.append(row)
            }
            return table
        }
    }

    /// Whether `rows(path:)` can stream a data file: CSV (and its .txt/.tsv spellings) and .xlsx.
    public static func canStream(_ path: String) -> Bool {
        ["csv", "txt", "tsv", "xlsx"].contains((path as NSString).pathExtension.lowercased())
    }

    /// The rows of a CSV file or of one sheet of an .xlsx, read as they are needed rather than
    /// whole (see `canStream`), with what identifies the file as it was when opened.
    public static func rows(path: String, options: ReadOptions = ReadOptions(),
                            blockSize: Int = CSVFileRows.defaultBlockSize) throws(DiagnosticError) -> StreamedRows {
        if (path as NSString).pathExtension.lowercased() == "xlsx" {
            try checkSize(path)
            let identity = try FileIdentity.of(path)
            let (rows, _) = try XLSXReader.rows(path: path, file: path, sheet: options.sheet)
            return StreamedRows(rows: AnyRows(rows), identity: identity, fixedWidth: false, options: options)
        }
        let rows = try CSVFileRows(path: path, encoding: options.encoding, blockSize: blockSize)
        var resolved = options
        resolved.encoding = rows.encoding
        return StreamedRows(rows: AnyRows(rows), identity: rows.identity, fixedWidth: true, options: resolved)
    }

    /// Reads shared fields (an object) from a JSON or YAML file, for `--shared`.
    public static func readShared(path: String) throws(DiagnosticError) -> Record {
        try readSharedFields(path: path).record
    }

    /// The same, with the warnings of reading it (invisible characters removed).
    public static func readSharedFields(path: String) throws(DiagnosticError) -> (record: Record, warnings: [Diagnostic]) {
        var record = try readSharedRecord(path: path)
        var warnings = WarningList()
        InvisibleCharacters.clean(&record, at: DataLocation(file: path), path: nil, into: &warnings)
        return (record, warnings.all)
    }

    private static func readSharedRecord(path: String) throws(DiagnosticError) -> Record {
        let data = try contents(of: path)
        let value: Value
        switch (path as NSString).pathExtension.lowercased() {
        case "json": value = try JSONReader.parse(data, file: path)
        case "yaml", "yml": value = try YAMLReader.parse(data, file: path)
        default:
            throw DiagnosticError(Diagnostic(id: "data-format", message: "共用字段文件应为 .json 或 .yaml / shared fields must be JSON or YAML",
                                             dataLocation: DataLocation(file: path)))
        }
        guard case .record(let record) = value else {
            throw DiagnosticError(Diagnostic(id: "data-shape", message: "共用字段文件应为对象（字段: 值） / shared fields must be an object",
                                             dataLocation: DataLocation(file: path)))
        }
        return record
    }

    /// Refuses, in the clerk's words and with the path, what cannot be read as a data file:
    /// a path that does not exist, a folder, a file without read permission, one too large.
    static func checkSize(_ path: String) throws(DiagnosticError) {
        var status = stat()
        guard stat(path, &status) == 0 else { throw unreadable(path, errno: errno) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            throw DiagnosticError(Diagnostic(id: "data-unreadable", message: "“\(path)” 是文件夹，不是数据文件 / is a folder, not a data file",
                                             dataLocation: DataLocation(file: path)))
        default:
            throw DiagnosticError(Diagnostic(id: "data-unreadable", message: "“\(path)” 不是普通文件，不能作为数据文件 / not a regular file",
                                             dataLocation: DataLocation(file: path)))
        }
        if access(path, R_OK) != 0 { throw unreadable(path, errno: errno) }
        if Int(status.st_size) > maximumFileSize {
            throw DiagnosticError(Diagnostic(id: "data-too-large", message: "数据文件过大（超过 256 MB） / data file too large",
                                             dataLocation: DataLocation(file: path)))
        }
    }

    /// Why `path` cannot be read, from the C library's `errno`, never Foundation's English.
    static func unreadable(_ path: String, errno code: Int32) -> DiagnosticError {
        let (id, reason): (String, String)
        switch code {
        case ENOENT, ENOTDIR: (id, reason) = ("data-not-found", "找不到数据文件 “\(path)”（请检查文件名和所在的文件夹）")
        case EACCES, EPERM: (id, reason) = ("data-unreadable", "没有权限读取数据文件 “\(path)”")
        case ENAMETOOLONG: (id, reason) = ("data-not-found", "数据文件的路径过长：“\(path)”")
        case ELOOP: (id, reason) = ("data-not-found", "数据文件 “\(path)” 是循环的符号链接")
        default: (id, reason) = ("data-unreadable", "无法读取数据文件 “\(path)”（错误代码 \(code)）")
        }
        return DiagnosticError(Diagnostic(id: id, message: "\(reason) / cannot read data file", dataLocation: DataLocation(file: path)))
    }

    static func contents(of path: String) throws(DiagnosticError) -> Data {
        try checkSize(path)
        guard let data = FileManager.default.contents(atPath: path) else { throw unreadable(path, errno: errno) }
        return data
    }
}

/// A data file's rows as `DataReader.rows` streams them.
public struct StreamedRows {
    public var rows: AnyRows
    /// The file's size and time when it was opened.
    public var identity: FileIdentity
    /// CSV rows must have the header's width; spreadsheets leave trailing empty cells out.
    public var fixedWidth: Bool
    /// The options with the encoding a CSV was found to have, to read it the same way again.
    public var options: ReadOptions
}

/// Any row source, for a reader generic over one.
public struct AnyRows: RowSource {
    private var base: any RowSource

    public init(_ base: any RowSource) { self.base = base }

    public mutating func nextRow() throws(DiagnosticError) -> Table.Row? { try base.nextRow() }
}
