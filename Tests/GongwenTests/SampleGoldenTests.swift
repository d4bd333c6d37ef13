import Foundation
import Gongwen
import GongwenModel
import GongwenRender
import Testing
import TestSupport

/// The shipped 通报批评 sample, end to end, against reviewed golden files (its document tree is
/// checked with every shipped template in ShippedTemplateTests).
/// `GONGWEN_RECORD_GOLDEN=1 swift test` rewrites them; review the diff by eye before committing.
@Suite("Sample 通报批评")
struct SampleGoldenTests {
    static let template = Repository.path("Templates/通报批评/template.xml")
    static let data = Repository.path("Templates/通报批评/data.yaml")

    func documents() throws -> [Document] {
        let template = try Pipeline.loadTemplate(Self.template)
        let data = try Pipeline.loadData(Self.data)
        return try Pipeline.merge(template, data).documents
    }

    @Test("HTML")
    func html() throws {
        let d = try documents()
        let html = HTMLWriter().write(d, title: d[0].plainTitle)
        #expect(Golden.compare(html, to: "Tests/GongwenTests/Golden/通报批评.html") == nil)
    }

    @Test("flat ODF")
    func fodt() throws {
        let d = try documents()
        #expect(Golden.compare(ODFWriter().flat(d, title: d[0].plainTitle), to: "Tests/GongwenTests/Golden/通报批评.fodt") == nil)
    }

    @Test("ODT, part by part after unzipping")
    func odt() throws {
        let d = try documents()
        let entries = try unzip(try ODFWriter().package(d, title: d[0].plainTitle))
        #expect(entries.map(\.path) == ["mimetype", "content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"])
        for entry in entries where entry.path != "mimetype" {
            let name = entry.path.replacingOccurrences(of: "/", with: "_")
            #expect(Golden.compare(entry.bytes, to: "Tests/GongwenTests/Golden/通报批评.odt/\(name)") == nil)
        }
    }
}
