import Foundation
import GongwenModel

/// Reads JSON with Foundation's decoder. Numbers are decoded as `Decimal` from their digits, so
/// 12.92 stays exactly 12.92.
enum JSONReader {
    static func parse(_ data: Data, file: String) throws(DiagnosticError) -> Value {
        do {
            return try JSONDecoder().decode(JSONNode.self, from: data).value
        } catch let error as DecodingError {
            throw DiagnosticError(Diagnostic(id: "json-syntax", message: "JSON 格式错误：\(describe(error)) / invalid JSON",
                                             dataLocation: DataLocation(file: file)))
        } catch {
            throw DiagnosticError(Diagnostic(id: "json-syntax", message: "JSON 格式错误 / invalid JSON", dataLocation: DataLocation(file: file)))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return underlying ?? context.debugDescription
        default:
            return String(describing: error)
        }
    }
}

/// A JSON value as decoded, converted to `Value`.
private struct JSONNode: Decodable {
    let value: Value

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [Value] = []
            while !array.isAtEnd { items.append(try array.decode(JSONNode.self).value) }
            value = .list(items)
        } else if let object = try? decoder.container(keyedBy: Key.self) {
            var record = Record()
            for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                record[key.stringValue] = try object.decode(JSONNode.self, forKey: key).value
            }
            value = .record(record)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                value = .null
            } else if let b = try? single.decode(Bool.self) {
                value = .bool(b)
            } else if let d = try? single.decode(Decimal.self) {
                value = .number(Number(d))
            } else {
                value = .string(try single.decode(String.self))
            }
        }
    }
}
