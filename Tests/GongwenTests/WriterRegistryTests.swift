import GongwenModel
import GongwenPDF
import GongwenRender
import Testing
@testable import Gongwen

/// The table of writers: every format has one, named as the format is, and a combined file
/// made through the interface in pieces (any split of the records among appenders) is the same
/// file whichever way the records were split.
@Suite("Writer registry")
struct WriterRegistryTests {
    @Test("every format's writer writes files of that format's extension")
    func extensions() {
        for format in OutputFormat.allCases {
            #expect(WriterRegistry.writer(for: format, WriterOptions()).fileExtension == format.fileExtension)
        }
    }

    @Test("a combined file does not depend on how records were split into pieces")
    func pieces() throws {
        let record = [Document(title: [.text("承诺书")], body: [.paragraph([.text("正文")])])]
        // A PDF needs CJK fonts; a machine without them tests the other formats.
        let pdfPossible = (try? SystemFonts.shared.get()) != nil
        for format in OutputFormat.allCases where format != .pdf || pdfPossible {
            func combined(split: Int) throws -> [UInt8] {
                let file = WriterRegistry.writer(for: format, WriterOptions(duplex: true)).begin()
                let appenders = [file.appender(), file.appender()]
                var body: [UInt8] = []
                for (k, range) in [0..<split, split..<4].enumerated() {
                    for i in range { appenders[k].append(record, record: i) }
                    let piece = appenders[k].piece()
                    file.add(piece)
                    body += piece.bytes
                }
                var out: [UInt8] = []
                try file.finish(title: "合并", copyBody: { $0(body) }, to: { out += $0 })
                return out
            }
            let whole = try combined(split: 4)
            #expect(!whole.isEmpty)
            if format == .odt { continue }  // deflated pieces differ in their bytes, not in what they hold
            #expect(try combined(split: 1) == whole, "\(format)")
        }
    }
}
