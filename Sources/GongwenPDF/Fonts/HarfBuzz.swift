#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// HarfBuzz's subsetter, loaded at run time. A fresh Debian/Ubuntu machine has the library
/// (libharfbuzz-subset0, pulled in by most desktops and by LibreOffice) but not its headers
/// (libharfbuzz-dev), and Gongwen must build there: so nothing links against HarfBuzz; the few
/// functions used are looked up with dlsym and called through C function types declared here,
/// with the enum values of HarfBuzz 6's hb-subset.h.
struct HarfBuzz: @unchecked Sendable {
    typealias Blob = OpaquePointer
    typealias Face = OpaquePointer
    typealias Input = OpaquePointer
    typealias HBSet = OpaquePointer

    // hb-subset.h, hb_subset_flags_t (HarfBuzz ≥ 2.9, unchanged through 10.x)
    static let flagNoHinting: UInt32 = 0x0000_0001
    static let flagRetainGIDs: UInt32 = 0x0000_0002
    static let flagDesubroutinize: UInt32 = 0x0000_0004
    static let flagNotdefOutline: UInt32 = 0x0000_0040
    static let flagNoLayoutClosure: UInt32 = 0x0000_0200
    // hb_subset_sets_t
    static let setsGlyphIndex: Int32 = 0
    static let setsDropTableTag: Int32 = 3
    // hb_memory_mode_t
    static let memoryModeReadOnly: Int32 = 1

    let blobCreate: @convention(c) (UnsafePointer<CChar>?, UInt32, Int32, UnsafeMutableRawPointer?, (@convention(c) (UnsafeMutableRawPointer?) -> Void)?) -> Blob?
    let blobDestroy: @convention(c) (Blob?) -> Void
    let blobGetData: @convention(c) (Blob?, UnsafeMutablePointer<UInt32>?) -> UnsafePointer<CChar>?
    typealias ReferenceTable = @convention(c) (Face?, UInt32, UnsafeMutableRawPointer?) -> Blob?
    let faceCreateForTables: @convention(c) (ReferenceTable?, UnsafeMutableRawPointer?, (@convention(c) (UnsafeMutableRawPointer?) -> Void)?) -> Face?
    let faceDestroy: @convention(c) (Face?) -> Void
    let faceReferenceBlob: @convention(c) (Face?) -> Blob?
    let faceReferenceTable: @convention(c) (Face?, UInt32) -> Blob?
    let inputCreate: @convention(c) () -> Input?
    let inputDestroy: @convention(c) (Input?) -> Void
    let inputGlyphSet: @convention(c) (Input?) -> HBSet?
    let inputSet: @convention(c) (Input?, Int32) -> HBSet?
    let inputSetFlags: @convention(c) (Input?, UInt32) -> Void
    let setAdd: @convention(c) (HBSet?, UInt32) -> Void
    let subset: @convention(c) (Face?, Input?) -> Face?
    let version: String

    /// The process's HarfBuzz, loaded on first use; the error says which package to install.
    static let shared: Result<HarfBuzz, FontError> = load()

    static func get() throws(FontError) -> HarfBuzz {
        try shared.get()
    }

    private static func load() -> Result<HarfBuzz, FontError> {
        #if os(macOS)
        let names = ["libharfbuzz-subset.0.dylib", "/opt/homebrew/lib/libharfbuzz-subset.0.dylib", "/usr/local/lib/libharfbuzz-subset.0.dylib"]
        #else
        let names = ["libharfbuzz-subset.so.0", "libharfbuzz-subset.so"]
        #endif
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            return .failure(FontError("""
                找不到 HarfBuzz 字体子集库（libharfbuzz-subset），无法在 PDF 中嵌入字体。\
                请安装：sudo apt-get install libharfbuzz-subset0（Debian/Ubuntu），或 brew install harfbuzz（macOS）。
                """))
        }
        do throws(FontError) {
            return .success(try HarfBuzz(handle: handle))
        } catch {
            return .failure(error)
        }
    }

    /// Looks up every function; the library stays loaded for the life of the process.
    private init(handle: UnsafeMutableRawPointer) throws(FontError) {
        func symbol<Function>(_ name: String) throws(FontError) -> Function {
            guard let pointer = dlsym(handle, name) else {
                throw FontError("""
                    HarfBuzz 字体子集库版本过旧，缺少 \(name)（需要 HarfBuzz 3.0 以上）。\
                    请升级：sudo apt-get install libharfbuzz-subset0。
                    """)
            }
            return unsafeBitCast(pointer, to: Function.self)
        }
        blobCreate = try symbol("hb_blob_create")
        blobDestroy = try symbol("hb_blob_destroy")
        blobGetData = try symbol("hb_blob_get_data")
        faceCreateForTables = try symbol("hb_face_create_for_tables")
        faceDestroy = try symbol("hb_face_destroy")
        faceReferenceBlob = try symbol("hb_face_reference_blob")
        faceReferenceTable = try symbol("hb_face_reference_table")
        inputCreate = try symbol("hb_subset_input_create_or_fail")
        inputDestroy = try symbol("hb_subset_input_destroy")
        inputGlyphSet = try symbol("hb_subset_input_glyph_set")
        inputSet = try symbol("hb_subset_input_set")
        inputSetFlags = try symbol("hb_subset_input_set_flags")
        setAdd = try symbol("hb_set_add")
        subset = try symbol("hb_subset_or_fail")
        typealias VersionString = @convention(c) () -> UnsafePointer<CChar>?
        let versionString: VersionString? = try? symbol("hb_version_string")
        version = versionString?().map { String(cString: $0) } ?? "?"
    }

    /// The bytes of a blob, copied out (the blob is destroyed by the caller).
    func bytes(of blob: Blob?) -> [UInt8] {
        var length: UInt32 = 0
        guard let data = blobGetData(blob, &length), length > 0 else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: data, count: Int(length)))
    }
}
