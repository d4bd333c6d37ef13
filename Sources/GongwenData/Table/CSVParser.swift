import GongwenModel

/// The CSV state machine, fed UTF-8 bytes in pieces of any size: the whole file (`CSVReader`)
/// or blocks of a file streamed from disk (`CSVFileRows`), so a batch of a hundred thousand
/// rows is parsed without holding the file. A piece may end anywhere: inside a quoted field,
/// between the CR and LF of a line break, or inside a multi-byte character (delimiters are
/// ASCII, so they never match inside one).
///
/// Rows are numbered as Excel and WPS number them when they open the file: a quoted line break
/// does not start a new row. Each row's cells are allocated once at the width of the row before
/// it (the header's, for a well-formed file) and one more.
struct CSVParser {
    /// A row keeps at most this many fields (a spreadsheet's columns) and one more, so that a
    /// line of a hundred million delimiters is reported as too wide instead of filling memory.
    static let maximumFields = SheetReader.maximumColumns
    /// A field keeps at most this many bytes and one more: longer is reported as too long (the
    /// rest is dropped unread, so a quote left open on a 200 MB file costs no 200 MB string).
    static let maximumFieldBytes = TableRecords.maximumCellBytes

    let delimiter: UInt8
    /// Whether to check each field's UTF-8: set once the decoder passed on bytes outside the
    /// encoding (`TextStreamDecoder.damaged`), so a clean file is never checked twice.
    var checkUTF8 = false
    private var fields: [Value] = []
    private var undecodable: [Int] = []
    private var field: [UInt8] = []
    /// A whole unquoted field still in the piece being fed, ended by the delimiter or line break that
    /// comes next: made into its String from the piece itself. Copying every field's bytes into
    /// `field` first was 69 M instructions of the 187 M of reading 3 CSV files of 3,000 rows
    /// (callgrind). Set only in `feed`, and taken by the `endField` of that very terminator.
    private var direct: UnsafeBufferPointer<UInt8>?
    /// The spreadsheet row being read, and the one the current row started on.
    private var line = 1
    private var rowLine = 1
    private var inQuotes = false
    private var quotedStartLine = 1
    private var atFieldStart = true
    /// A quote inside a quoted field, not yet known to be the first of a doubled quote (`""`).
    private var pendingQuote = false
    /// A CR ended the last piece: an LF starting the next one belongs to the same line break.
    private var pendingCR = false

    init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// Parses `bytes`, handing each completed row to `emit`.
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, emit: (Table.Row) -> Void) {
        let quote = UInt8(ascii: "\""), cr = UInt8(0x0D), lf = UInt8(0x0A)
        var i = 0
        let n = bytes.count
        if pendingCR {
            pendingCR = false
            if n > 0, bytes[0] == lf { i = 1 }
        }
        while i < n {
            let c = bytes[i]
            if pendingQuote {
                pendingQuote = false
                if c == quote {
                    // A doubled quote inside quotes is one quote character.
                    if field.count <= Self.maximumFieldBytes { field.append(quote) }
                    i += 1
                    continue
                }
                inQuotes = false
            }
            if inQuotes {
                if c == quote {
                    pendingQuote = true
                    i += 1
                } else {
                    // Everything up to the next quote, at once.
                    var j = i + 1
                    while j < n && bytes[j] != quote { j += 1 }
                    append(UnsafeBufferPointer(rebasing: bytes[i..<j]))
                    i = j
                }
                continue
            }
            switch c {
            case quote where atFieldStart:
                inQuotes = true
                quotedStartLine = line
                atFieldStart = false
            case delimiter:
                endField()
            case cr, lf:
                if c == cr {
                    if i + 1 < n {
                        if bytes[i + 1] == lf { i += 1 }
                    } else {
                        pendingCR = true
                    }
                }
                endField()
                emit(Table.Row(number: rowLine, cells: fields, undecodable: undecodable))
                undecodable = []
                let width = fields.count
                fields = []
                fields.reserveCapacity(width + 1)  // one spare: the data check adds a record's 区划
                line += 1
                rowLine = line
            default:
                // A run of plain bytes, at once: most of a file.
                var j = i + 1
                while j < n {
                    let d = bytes[j]
                    if d == delimiter || d == cr || d == lf || d == quote { break }
                    j += 1
                }
                if field.isEmpty, j < n, bytes[j] != quote, j - i <= Self.maximumFieldBytes + 1 {
                    // All of the field (what `append` would keep of it, as it starts empty).
                    direct = UnsafeBufferPointer(rebasing: bytes[i..<j])
                } else {
                    append(UnsafeBufferPointer(rebasing: bytes[i..<j]))
                }
                atFieldStart = false
                i = j
                continue
            }
            i += 1
        }
    }

    /// Ends the input: emits a last row without a final line break, or reports a quote left open.
    mutating func finish(emit: (Table.Row) -> Void) throws(CSVReader.SyntaxError) {
        if pendingQuote {
            pendingQuote = false
            inQuotes = false
        }
        if inQuotes {
            throw CSVReader.SyntaxError(message: "引号没有闭合 / unterminated quoted field", line: quotedStartLine)
        }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            emit(Table.Row(number: rowLine, cells: fields, undecodable: undecodable))
            undecodable = []
            fields = []
        }
    }

    /// Adds bytes to the field, up to one past the longest field kept.
    @inline(__always)
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let room = Self.maximumFieldBytes + 1 - field.count
        if bytes.count <= room {
            field.append(contentsOf: bytes)
        } else if room > 0 {
            field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<room]))
        }
    }

    private mutating func endField() {
        if let bytes = direct {
            direct = nil
            if fields.count <= Self.maximumFields {
                if checkUTF8 && !UTF8Validation.isValid(Array(bytes)) { undecodable.append(fields.count) }
                fields.append(.string(String(decoding: bytes, as: UTF8.self)))
            }
            atFieldStart = true
            return
        }
        if fields.count <= Self.maximumFields {
            if checkUTF8 && !UTF8Validation.isValid(field) { undecodable.append(fields.count) }
            fields.append(.string(String(decoding: field, as: UTF8.self)))
        }
        field.removeAll(keepingCapacity: true)
        atFieldStart = true
    }
}
