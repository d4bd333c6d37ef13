import Foundation
import Gongwen
import GongwenModel
import Testing
import TestSupport

/// Every shipped template renders its own sample data; the merged tree is a reviewed golden file.
@Suite("Shipped templates")
struct ShippedTemplateTests {
    static let names: [String] = {
        let root = Repository.path("Templates")
        return ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted().filter {
            FileManager.default.fileExists(atPath: "\(root)/\($0)/template.xml")
        }
    }()

    static func dataFile(_ name: String) -> String? {
        ["data.yaml", "data.json", "data.csv"].map { Repository.path("Templates/\(name)/\($0)") }
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    @Test("each template has sample data, a README, and a reviewed document tree", arguments: names)
    func sample(_ name: String) throws {
        let data = try #require(Self.dataFile(name), "Templates/\(name) has no sample data")
        #expect(FileManager.default.fileExists(atPath: Repository.path("Templates/\(name)/README.md")))
        let template = try Pipeline.loadTemplate(Repository.path("Templates/\(name)"))
        let documents = try Pipeline.merge(template, Pipeline.loadData(data)).documents
        #expect(!documents.isEmpty)
        let dump = documents.map(DocumentDump.dump).joined()
        #expect(Golden.compare(dump, to: "Tests/GongwenTests/Golden/templates/\(name).tree.txt") == nil)
    }

    @Test("the catalogue lists every shipped template")
    func catalogue() {
        #expect(Self.names.count >= 4)
        #expect(Self.names.contains("通报批评"))
    }
}
