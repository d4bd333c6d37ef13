import GongwenModel

/// A combined file being written: begun once (`DocumentWriter.begin`), its records appended
/// on several worker threads at once, finished once.
///
/// Why pieces: the records of a large batch do not fit in memory, and the file's head (an ODF
/// file's automatic styles, an HTML file's pagination script) depends on all of them. So each
/// worker writes a contiguous run of records as one independent piece (for `.odt`, deflated on
/// its own, as pigz does); the caller puts the pieces in a temporary file in record order and
/// forgets them; `finish` writes head, the pieces copied back, and tail. Only a chunk is ever
/// held, whatever the batch.
///
/// Calls: `appender()` once per worker before the work starts; on each worker its own
/// appender's `append` and `piece`; on the calling thread `add` for every piece in file order,
/// then `finish`.
public protocol CombinedWriter: AnyObject {
    /// A new appender for one worker thread; its state (memos, the styles its records used)
    /// is read again by `finish`.
    func appender() -> any CombinedAppender

    /// Takes note of the next piece in file order (its bytes are the caller's to store).
    func add(_ piece: BodyPiece)

    /// Writes the whole file to `sink`: head, the body that `copyBody` hands over (the pieces'
    /// bytes in order), tail. `title` is the file's title in its meta data. Throws when the
    /// file cannot hold the body (a zip part past 4 GiB).
    func finish(title: String, copyBody: (@escaping ([UInt8]) -> Void) -> Void,
                to sink: @escaping ([UInt8]) -> Void) throws(DiagnosticError)

    /// The finished file's pages when the writer lays them out (a PDF), for the manifest.
    var pageCount: Int? { get }
}

extension CombinedWriter {
    public var pageCount: Int? { nil }
}

/// A worker's side of a combined file: appends records and hands the run over as a piece.
public protocol CombinedAppender: AnyObject {
    /// Appends one record's documents; `record` is its index in the file, from 0.
    func append(_ documents: [Document], record: Int)

    /// The records appended since the last piece, as one piece (possibly empty); the appender
    /// starts a new run.
    func piece() -> BodyPiece
}

/// A run of records as it goes into the body of a combined file.
public struct BodyPiece: Sendable {
    /// The bytes to store, in file order with the other pieces.
    public var bytes: [UInt8]
    /// What a writer needs of the bytes the piece stands for when they are compressed: their
    /// CRC-32 and length (0 when not compressed).
    package var crc: UInt32
    package var length: Int

    package init(bytes: [UInt8], crc: UInt32 = 0, length: Int = 0) {
        self.bytes = bytes
        self.crc = crc
        self.length = length
    }
}
