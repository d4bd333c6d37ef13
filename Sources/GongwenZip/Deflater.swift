import CDeflate
#if ISAL
import CISAL
#endif

/// The deflate implementation chosen at build time: zlib by default, ISA-L with the trait `ISAL`.
enum Deflater {
    #if ISAL
    static let name = "ISA-L"
    static func new() -> UnsafeMutableRawPointer? { gongwen_isal_deflater_new() }
    static func free(_ stream: UnsafeMutableRawPointer) { gongwen_isal_deflater_free(stream) }
    static func deflatePiece(_ stream: UnsafeMutableRawPointer, _ input: UnsafePointer<UInt8>?, _ count: Int,
                             _ output: UnsafeMutablePointer<UInt8>?, _ capacity: Int, _ final: Int32) -> Int {
        gongwen_isal_deflate_piece(stream, input, count, output, capacity, final)
    }
    static func crc32(_ crc: UInt32, _ bytes: UnsafePointer<UInt8>?, _ count: Int) -> UInt32 {
        gongwen_isal_crc32(crc, bytes, count)
    }
    #else
    static let name = "zlib"
    static func new() -> UnsafeMutableRawPointer? { gongwen_zlib_deflater_new() }
    static func free(_ stream: UnsafeMutableRawPointer) { gongwen_zlib_deflater_free(stream) }
    static func deflatePiece(_ stream: UnsafeMutableRawPointer, _ input: UnsafePointer<UInt8>?, _ count: Int,
                             _ output: UnsafeMutablePointer<UInt8>?, _ capacity: Int, _ final: Int32) -> Int {
        gongwen_zlib_deflate_piece(stream, input, count, output, capacity, final)
    }
    static func crc32(_ crc: UInt32, _ bytes: UnsafePointer<UInt8>?, _ count: Int) -> UInt32 {
        gongwen_zlib_crc32(crc, bytes, count)
    }
    #endif
}
