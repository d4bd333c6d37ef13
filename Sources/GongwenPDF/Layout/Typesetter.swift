import Foundation
import GongwenModel
import GongwenRender

/// One glyph chosen for a character: the face (by its slot in the file's font table), the
/// glyph, its advance at the size asked for, and the character it shows (for copy and search).
public struct ShapedGlyph: Sendable {
    public var slot: Int
    public var glyph: UInt16
    public var advance: Double
    public var scalar: Unicode.Scalar
}

/// The faces a file uses, numbered in the order of first use (`/F0`, `/F1` … in the PDF), and
/// the glyphs each face showed with the text they stand for. Shared by all layout threads of a
/// batch; each `Typesetter` collects its glyphs locally and hands over only new ones, so the
/// lock is taken a few hundred times per document, not once per character.
public final class FontSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slotOfFace: [ObjectIdentifier: Int] = [:]
    private var faceList: [any GlyphMetrics] = []
    private var seen: [[UInt64]] = []
    private var texts: [[UInt16: Unicode.Scalar]] = []

    public init() {}

    func slot(for face: any GlyphMetrics) -> Int {
        lock.lock(); defer { lock.unlock() }
        let id = ObjectIdentifier(face)
        if let slot = slotOfFace[id] { return slot }
        faceList.append(face)
        seen.append([UInt64](repeating: 0, count: 1024))
        texts.append([:])
        slotOfFace[id] = faceList.count - 1
        return faceList.count - 1
    }

    func record(_ glyphs: [(slot: Int, glyph: UInt16, scalar: Unicode.Scalar)]) {
        guard !glyphs.isEmpty else { return }
        lock.lock(); defer { lock.unlock() }
        for g in glyphs {
            let word = Int(g.glyph >> 6), bit = UInt64(1) << UInt64(g.glyph & 63)
            if seen[g.slot][word] & bit == 0 {
                seen[g.slot][word] |= bit
                texts[g.slot][g.glyph] = g.scalar
            }
        }
    }

    /// Every face used, with its glyphs and the character each shows, in slot order.
    public func usage() -> [(face: any GlyphMetrics, glyphs: [UInt16: Unicode.Scalar])] {
        lock.lock(); defer { lock.unlock() }
        return zip(faceList, texts).map { ($0, $1) }
    }

    public var count: Int {
        lock.lock(); defer { lock.unlock() }
        return faceList.count
    }
}

/// Turns text into glyphs of a role's faces: the first face of the role that has a character
/// shows it, else any installed face that has it (and a warning says so), else the role's
/// `.notdef` box with a warning — a character is never silently dropped. One per thread.
public final class Typesetter {
    let fonts: FontProvider
    let slots: FontSlots
    /// Each role's faces and their slots (-1 until the face is first used: a face that shows
    /// nothing is not embedded).
    private var roleFaces: [FontRole: [(face: any GlyphMetrics, slot: Int)]] = [:]
    private var localSeen: [Int: [UInt64]] = [:]
    private var pending: [(slot: Int, glyph: UInt16, scalar: Unicode.Scalar)] = []
    /// Characters shown from a face outside their role, or not at all, since the last `flush`.
    public private(set) var substituted: [Unicode.Scalar: String] = [:]
    public private(set) var missing: Set<Unicode.Scalar> = []

    public init(fonts: FontProvider, slots: FontSlots) {
        self.fonts = fonts
        self.slots = slots
    }

    private func faces(_ role: FontRole) -> [(face: any GlyphMetrics, slot: Int)] {
        if let known = roleFaces[role] { return known }
        let list = fonts.faces(for: role).map { ($0, -1) }
        roleFaces[role] = list
        return list
    }

    /// The glyph for `scalar` in `role` at `size` points.
    public func shape(_ scalar: Unicode.Scalar, role: FontRole, size: Double) -> ShapedGlyph {
        let list = faces(role)
        for (k, entry) in list.enumerated() {
            if let g = entry.face.glyph(for: scalar), g != 0 { return use(entry.face, slotOf(role, k), g, scalar, size) }
        }
        if let face = fonts.lastResort(for: scalar), let g = face.glyph(for: scalar), g != 0 {
            substituted[scalar] = role.odfName
            return use(face, slots.slot(for: face), g, scalar, size)
        }
        missing.insert(scalar)
        guard let face = list.first?.face else { return ShapedGlyph(slot: 0, glyph: 0, advance: size, scalar: scalar) }
        return use(face, slotOf(role, 0), 0, scalar, size)
    }

    private func slotOf(_ role: FontRole, _ k: Int) -> Int {
        let slot = roleFaces[role]![k].slot
        if slot >= 0 { return slot }
        let assigned = slots.slot(for: roleFaces[role]![k].face)
        roleFaces[role]![k].slot = assigned
        return assigned
    }

    private func use(_ face: any GlyphMetrics, _ slot: Int, _ glyph: UInt16, _ scalar: Unicode.Scalar, _ size: Double) -> ShapedGlyph {
        let word = Int(glyph >> 6), bit = UInt64(1) << UInt64(glyph & 63)
        if ((localSeen[slot]?[word] ?? 0) & bit) == 0 {
            if localSeen[slot] == nil { localSeen[slot] = [UInt64](repeating: 0, count: 1024) }
            localSeen[slot]![word] |= bit
            pending.append((slot, glyph, scalar))
        }
        return ShapedGlyph(slot: slot, glyph: glyph, advance: Double(face.advance(of: glyph)) * size / Double(face.unitsPerEm), scalar: scalar)
    }

    /// Ascent and descent (positive, in points) of a role's first face at `size`.
    public func extent(role: FontRole, size: Double) -> (ascent: Double, descent: Double) {
        guard let face = faces(role).first?.face else { return (size * 0.88, size * 0.12) }
        let em = Double(face.unitsPerEm)
        return (Double(face.ascender) * size / em, Double(-face.descender) * size / em)
    }

    /// Hands the glyphs first used since the last call to the file's font table, and returns
    /// (and forgets) the characters that needed another face or none.
    public func flush() -> (substituted: [Unicode.Scalar: String], missing: Set<Unicode.Scalar>) {
        slots.record(pending)
        pending.removeAll(keepingCapacity: true)
        defer { substituted = [:]; missing = [] }
        return (substituted, missing)
    }
}
