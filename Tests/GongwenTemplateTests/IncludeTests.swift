import Foundation
import GongwenModel
import Testing
import TestSupport
@testable import GongwenTemplate

@Suite("include")
struct IncludeTests {
    @Test("a partial from the template's folder is spliced in place")
    func includesPartial() throws {
        let dir = writeFiles([
            "t/template.xml": "<公文><正文><段>前</段><include src=\"parts/要求.xml\"/></正文></公文>",
            "t/parts/要求.xml": "<片段><段>{{ 名称 }}要整改。</段></片段>",
        ], into: temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        let template = try Template.load(path: dir.appendingPathComponent("t/template.xml").path)
        let document = try merge(template, [("名称", text("清水县"))])
        #expect(document.body == [.paragraph([.text("前")]), .paragraph([.text("清水县要整改。")])])
    }

    @Test("paths outside the folder are refused", arguments: ["../secret.xml", "/etc/passwd", "a/../../x.xml", "C:\\x.xml", ""])
    func sandbox(_ src: String) throws {
        let dir = writeFiles(["t/template.xml": "<公文><正文><include src=\"\(src)\"/></正文></公文>", "secret.xml": "<片段/>"],
                             into: temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            _ = try Template.load(path: dir.appendingPathComponent("t/template.xml").path)
        } throws: { error in
            (error as! DiagnosticError).diagnostics.first?.id == "include-path"
        }
    }

    @Test("a symbolic link that leads outside is refused")
    func symlinkEscape() throws {
        let dir = writeFiles(["t/template.xml": "<公文><正文><include src=\"link.xml\"/></正文></公文>", "outside.xml": "<片段/>"],
                             into: temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("t/link.xml").path,
                                                   withDestinationPath: dir.appendingPathComponent("outside.xml").path)
        #expect(throws: DiagnosticError.self) {
            _ = try Template.load(path: dir.appendingPathComponent("t/template.xml").path)
        }
    }

    @Test("a cycle is reported, not followed forever")
    func cycle() throws {
        let dir = writeFiles([
            "t/template.xml": "<公文><正文><include src=\"a.xml\"/></正文></公文>",
            "t/a.xml": "<片段><include src=\"b.xml\"/></片段>",
            "t/b.xml": "<片段><include src=\"a.xml\"/></片段>",
        ], into: temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            _ = try Template.load(path: dir.appendingPathComponent("t/template.xml").path)
        } throws: { error in
            (error as! DiagnosticError).diagnostics.first?.id == "include-cycle"
        }
    }

    @Test("an error inside a partial names the partial and where it was included")
    func errorInPartial() throws {
        let dir = writeFiles([
            "t/template.xml": "<公文>\n<正文>\n<include src=\"p.xml\"/>\n</正文></公文>",
            "t/p.xml": "<片段>\n<段>{{ x | nope }}</段>\n</片段>",
        ], into: temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t/template.xml").path
        #expect {
            _ = try Template.load(path: path)
        } throws: { error in
            let d = (error as! DiagnosticError).diagnostics[0]
            return d.id == "unknown-filter" && d.location?.file == dir.appendingPathComponent("t/p.xml").path
                && d.location?.line == 2 && d.notes.first?.location?.file == path && d.notes.first?.location?.line == 3
        }
    }
}
