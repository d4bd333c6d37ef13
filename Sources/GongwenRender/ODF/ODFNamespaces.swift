/// The ODF namespaces Gongwen writes, declared on each root element.
enum ODFNamespaces {
    static let all: KeyValuePairs<StaticString, String> = [
        "xmlns:office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "xmlns:style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "xmlns:text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "xmlns:table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "xmlns:draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
        "xmlns:fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
        "xmlns:svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
        "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        "xmlns:meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
        "xmlns:xlink": "http://www.w3.org/1999/xlink",
    ]

    static func declare(on writer: XMLWriter) {
        for (name, uri) in all { writer.attribute(name, uri) }
    }

    static let textMediaType = "application/vnd.oasis.opendocument.text"
    static let version = "1.3"
}
