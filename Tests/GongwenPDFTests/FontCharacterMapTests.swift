import Testing
import Foundation
@testable import GongwenPDF

/// The cmap reading agrees with HarfBuzz's own (hb_font_get_nominal_glyph) on every code point
/// of the BMP and on the supplementary ideographs, for faces with only a format 4 cmap (DejaVu
/// Sans Light, OpenSymbol), format 12 ones (DejaVu Sans, Noto in a collection) and the derived faces. Skipped where HarfBuzz cannot be loaded.
@Suite struct FontCharacterMapTests {
    typealias BlobCreate = @convention(c) (UnsafePointer<CChar>?, UInt32, Int32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> OpaquePointer?
    typealias FaceCreate = @convention(c) (OpaquePointer?, UInt32) -> OpaquePointer?
    typealias FontCreate = @convention(c) (OpaquePointer?) -> OpaquePointer?
    typealias NominalGlyph = @convention(c) (OpaquePointer?, UInt32, UnsafeMutablePointer<UInt32>?) -> Int32
    typealias Destroy = @convention(c) (OpaquePointer?) -> Void

    nonisolated(unsafe) static let harfBuzz = dlopen("libharfbuzz.so.0", RTLD_NOW)

    @Test(.enabled(if: harfBuzz != nil, "libharfbuzz0b is not installed"))
    func agreesWithHarfBuzz() throws {
        let faces = ([FontFixtures.notoSerif, FontFixtures.dejaVu, FontFixtures.gongwenSerif, FontFixtures.gongwenExtra]
            + FontFixtures.formatFourOnly).compactMap { $0 }
        try #require(!faces.isEmpty, "no test fonts installed")
        let handle = try #require(Self.harfBuzz)
        func symbol<T>(_ name: String) throws -> T { unsafeBitCast(try #require(dlsym(handle, name)), to: T.self) }
        let blobCreate: BlobCreate = try symbol("hb_blob_create")
        let faceCreate: FaceCreate = try symbol("hb_face_create")
        let fontCreate: FontCreate = try symbol("hb_font_create")
        let nominal: NominalGlyph = try symbol("hb_font_get_nominal_glyph")
        let fontDestroy: Destroy = try symbol("hb_font_destroy")
        let faceDestroy: Destroy = try symbol("hb_face_destroy")
        let blobDestroy: Destroy = try symbol("hb_blob_destroy")
        for face in faces {
            let bytes = face.mapped.bytes
            let blob = blobCreate(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), UInt32(bytes.count), 1, nil, nil)
            let hbFace = faceCreate(blob, UInt32(face.index))
            let font = fontCreate(hbFace)
            defer { fontDestroy(font); faceDestroy(hbFace); blobDestroy(blob) }
            var mismatches: [String] = []
            for value in Array(0...0xFFFF) + Array(0x20000...0x2A6DF) {
                guard let scalar = Unicode.Scalar(value) else { continue }
                var glyph: UInt32 = 0
                let found = nominal(font, UInt32(value), &glyph) != 0 && glyph != 0
                let ours = face.glyph(for: scalar)
                if (found ? UInt16(truncatingIfNeeded: glyph) : nil) != ours, mismatches.count < 5 {
                    mismatches.append(String(format: "U+%04X hb %d ours %@", value, found ? Int(glyph) : -1, ours.map(String.init) ?? "nil"))
                }
            }
            #expect(mismatches.isEmpty, "\(face.path): \(mismatches)")
        }
    }
}
