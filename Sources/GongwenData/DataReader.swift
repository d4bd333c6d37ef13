import Foundation
import GongwenModel

/// Reads a data file into a `DataSet`, choosing the reader by extension.
public enum DataReader {
    /// Larger files are refused before they are read into memory.
    public static let maximumFileSize = 256 * 1024 * 1024

    public static func read(path: String) throws(DiagnosticError) -> DataSet {
        let data = try contents(of: path)
        switch (path as NSString).pathExtension.lowercased() {
        case "json": return try DataSet.from(JSONReader.parse(data, file: path), file: path)
        case "yaml", "yml": return try DataSet.from(YAMLReader.parse(data, file: path), file: path)
        case "csv", "txt": return try CSVReader.read(data, file: path)
        default:
            throw DiagnosticError(Diagnostic(
                id: "data-format", message: "不支持的数据文件类型：\(path)（支持 .csv、.json、.yaml） / unsupported data file type",
                dataLocation: DataLocation(file: path)))
        }
    }

    /// Reads shared fields (an object) from a JSON or YAML file, for `--shared`.
    public static func readShared(path: String) throws(DiagnosticError) -> Record {
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

    private static func contents(of path: String) throws(DiagnosticError) -> Data {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes, let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(Diagnostic(id: "data-not-found", message: "无法读取数据文件 “\(path)” / cannot read data file",
                                             dataLocation: DataLocation(file: path)))
        }
        if let size = attributes[.size] as? Int, size > maximumFileSize {
            throw DiagnosticError(Diagnostic(id: "data-too-large", message: "数据文件过大（超过 256 MB） / data file too large",
                                             dataLocation: DataLocation(file: path)))
        }
        return data
    }
}
