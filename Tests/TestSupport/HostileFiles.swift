import Foundation
import ZIPFoundation

/// Builds small zipped spreadsheets (.xlsx, .ods) for hostile cases, part by part.
public enum HostileFiles {
    public static func odsCell(_ text: String) -> String {
        "<table:table-cell office:value-type=\"string\"><text:p>\(text)</text:p></table:table-cell>"
    }

    public static func ods(rows: String, in dir: URL, name: String = "敌意.ods") throws -> String {
        let content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
            + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
            + "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
            + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>"
            + "<table:table table:name=\"表\">\(rows)</table:table></office:spreadsheet></office:body></office:document-content>"
        return try zip(["mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": content], to: dir.appendingPathComponent(name))
    }

    public static func xlsx(sheet rows: String, in dir: URL, name: String = "敌意.xlsx") throws -> String {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rels = "http://schemas.openxmlformats.org/package/2006/relationships"
        let doc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        return try zip([
            "[Content_Types].xml": "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
            "_rels/.rels": "<?xml version=\"1.0\"?><Relationships xmlns=\"\(rels)\"><Relationship Id=\"r1\" Type=\"\(doc)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
            "xl/workbook.xml": "<?xml version=\"1.0\"?><workbook xmlns=\"\(main)\" xmlns:r=\"\(doc)\"><sheets><sheet name=\"表\" sheetId=\"1\" r:id=\"s1\"/></sheets></workbook>",
            "xl/_rels/workbook.xml.rels": "<?xml version=\"1.0\"?><Relationships xmlns=\"\(rels)\"><Relationship Id=\"s1\" Type=\"\(doc)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
            "xl/worksheets/sheet1.xml": "<?xml version=\"1.0\"?><worksheet xmlns=\"\(main)\"><sheetData>\(rows)</sheetData></worksheet>",
        ], to: dir.appendingPathComponent(name))
    }

    public static func zip(_ parts: [String: String], to url: URL) throws -> String {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (name, text) in parts.sorted(by: { $0.key == "mimetype" || ($1.key != "mimetype" && $0.key < $1.key) }) {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return url.path
    }
}
