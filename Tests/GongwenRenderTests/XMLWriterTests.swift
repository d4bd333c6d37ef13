import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import GongwenRender

/// The byte writer that replaced libxml2's xmlTextWriter: the escapes it wrote, elements always
/// closed, and what a second parser reads back is what was written.
@Suite("XML writer")
struct XMLWriterTests {
    @Test("escapes as xmlTextWriter did, in text and in attributes; forbidden characters dropped")
    func escapes() {
        let w = XMLWriter()
        w.start("a", ["v": "<&>\"\n\t\r 甲\u{1}"])
        w.text("<&>\"\r\n\t 乙\u{B}")
        w.empty("b")
        let bytes = w.finish()
        #expect(String(decoding: bytes, as: UTF8.self) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <a v="&lt;&amp;&gt;&quot;&#10;&#9;&#13; 甲">&lt;&amp;&gt;&quot;&#13;\n\t 乙<b/></a>

            """)
    }

    @Test("U+FFFE and U+FFFF are dropped in the same pass; full-width punctuation (also EF …) is kept")
    func nonCharacters() {
        let w = XMLWriter(fragment: true)
        w.start("p", ["v": "\u{FFFE}（甲）\u{FFFF}"])
        w.text("\u{FFFF}，乙\u{FFFE}！\u{FFFD}")
        #expect(String(decoding: w.finish(), as: UTF8.self) == "<p v=\"（甲）\">，乙！\u{FFFD}</p>")
    }

    @Test("what Foundation's parser reads back is the text and the attribute that were written")
    func roundTrip() throws {
        let value = "甲 \"乙\" <丙> & 丁\n戊\t己"
        let w = XMLWriter()
        w.start("root")
        w.start("item", ["名称": value])
        w.text(value)
        let bytes = w.finish()  // closes both elements
        #expect(wellFormednessError(bytes) == nil)
        final class Reader: NSObject, XMLParserDelegate {
            var attribute: String?
            var text = ""
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "item" { attribute = attributes["名称"] }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        }
        let reader = Reader()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        #expect(parser.parse())
        #expect(reader.attribute == value)
        #expect(reader.text == value)
    }

    @Test("a fragment has no declaration and can hold several elements")
    func fragment() {
        let w = XMLWriter(fragment: true)
        w.empty("p", ["s": "1"])
        w.start("p")
        w.text("x")
        #expect(String(decoding: w.finish(), as: UTF8.self) == #"<p s="1"/><p>x</p>"#)
    }
}
