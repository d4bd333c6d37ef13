import GongwenModel

/// A format's writer, as pandoc has one per format: it turns a record's documents into the
/// bytes of a file, and begins combined files (every record in one print file).
///
/// One writer per thread: a writer keeps caches of its own (the frame of a set of styles, the
/// blocks the last record had, a deflate stream), which make a batch of similar records cheap
/// and are not shared. The renderers hold writers only through this interface, so they
/// schedule work without knowing any format; the table of formats is `WriterRegistry`
/// (module Gongwen).
public protocol DocumentWriter: AnyObject {
    /// The file name's extension, without the dot (`odt`).
    var fileExtension: String { get }

    /// Whether the files are compressed already: a batch `.zip` stores them as they are.
    var isCompressed: Bool { get }

    /// The file of one record: its documents one after another (a record yields several when
    /// it is printed in copies). `title` is the file's title in its meta data. Throws when the
    /// file cannot be made at all (a PDF whose fonts cannot be subset).
    func write(_ documents: [Document], title: String) throws(DiagnosticError) -> WrittenFile

    /// Starts a combined file; its settings are this writer's.
    func begin() -> any CombinedWriter
}

/// What a writer wrote for one file.
public struct WrittenFile: Sendable {
    public var bytes: [UInt8]
    /// The file's pages when the writer lays them out itself (a PDF), for the manifest; nil
    /// when the pages are only known to the program that prints it (HTML, ODF).
    public var pages: Int?

    public init(bytes: [UInt8], pages: Int? = nil) {
        self.bytes = bytes
        self.pages = pages
    }
}
