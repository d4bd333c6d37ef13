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
    private(set) var slots: FontSlots
    /// Each role's faces and their slots (-1 until the face is first used: a face that shows
    /// nothing is not embedded), by `roleIndex`.
    private var roleFaces: [[(face: any GlyphMetrics, slot: Int)]?] = Array(repeating: nil, count: FontRole.allCases.count)
    /// What `shape` found for each BMP character of each role: the face's place in the role's
    /// list, glyph and advance in em, packed (0: not yet looked up). Layout asks for the same
    /// few thousand characters millions of times; this makes each ask an array read, and it
    /// outlives a file (`rebind`), so per-record files do not look their characters up again.
    private var known: [[UInt64]?] = Array(repeating: nil, count: FontRole.allCases.count)
    private var localSeen: [[UInt64]] = []
    private var pending: [(slot: Int, glyph: UInt16, scalar: Unicode.Scalar)] = []
    /// Characters shown from a face outside their role, or not at all, since the last `flush`.
    public private(set) var substituted: [Unicode.Scalar: String] = [:]
    public private(set) var missing: Set<Unicode.Scalar> = []

    public init(fonts: FontProvider, slots: FontSlots) {
        self.fonts = fonts
        self.slots = slots
    }

    /// Starts on a new file's font table, keeping what was learnt of the characters.
    public func rebind(_ slots: FontSlots) {
        self.slots = slots
        for r in roleFaces.indices {
            guard let list = roleFaces[r] else { continue }
            roleFaces[r] = list.map { ($0.face, -1) }
        }
        localSeen.removeAll(keepingCapacity: true)
        pending.removeAll(keepingCapacity: true)
        substituted = [:]
        missing = []
    }

    private static func roleIndex(_ role: FontRole) -> Int {
        switch role {
        case .fangSong: 0
        case .heiTi: 1
        case .kaiTi: 2
        case .xiaoBiaoSong: 3
        case .songTi: 4
        }
    }

    private func faces(_ role: FontRole) -> [(face: any GlyphMetrics, slot: Int)] {
        let r = Self.roleIndex(role)
        if let list = roleFaces[r] { return list }
        let list = fonts.faces(for: role).map { ($0, -1) }
        roleFaces[r] = list
        return list
    }

    /// The glyph for `scalar` in `role` at `size` points.
    @inline(__always)
    public func shape(_ scalar: Unicode.Scalar, role: FontRole, size: Double) -> ShapedGlyph {
        let r = Self.roleIndex(role)
        let v = scalar.value
        if v < 0x10000, let table = known[r] {
            let packed = table[Int(v)]
            if packed != 0 {
                let slot = slotOf(r, Int(packed >> 48) - 1), glyph = UInt16(truncatingIfNeeded: packed >> 32)
                let em = Double(Float(bitPattern: UInt32(truncatingIfNeeded: packed)))
                mark(slot, glyph, scalar)
                return ShapedGlyph(slot: slot, glyph: glyph, advance: em * size, scalar: scalar)
            }
        }
        return lookUp(scalar, role: role, r: r, size: size)
    }

    private func lookUp(_ scalar: Unicode.Scalar, role: FontRole, r: Int, size: Double) -> ShapedGlyph {
        let list = faces(role)
        for (k, entry) in list.enumerated() {
            if let g = entry.face.glyph(for: scalar), g != 0 { return use(entry.face, slotOf(r, k), g, scalar, size, remember: (r, k)) }
        }
        if let face = fonts.lastResort(for: scalar), let g = face.glyph(for: scalar), g != 0 {
            substituted[scalar] = role.odfName
            return use(face, slots.slot(for: face), g, scalar, size, remember: nil)
        }
        missing.insert(scalar)
        guard let face = list.first?.face else { return ShapedGlyph(slot: 0, glyph: 0, advance: size, scalar: scalar) }
        return use(face, slotOf(r, 0), 0, scalar, size, remember: nil)
    }

    @inline(__always)
    private func slotOf(_ r: Int, _ k: Int) -> Int {
        let slot = roleFaces[r]![k].slot
        if slot >= 0 { return slot }
        let assigned = slots.slot(for: roleFaces[r]![k].face)
        roleFaces[r]![k].slot = assigned
        return assigned
    }

    @inline(__always)
    private func mark(_ slot: Int, _ glyph: UInt16, _ scalar: Unicode.Scalar) {
        while localSeen.count <= slot { localSeen.append([UInt64](repeating: 0, count: 1024)) }
        let word = Int(glyph >> 6), bit = UInt64(1) << UInt64(glyph & 63)
        if localSeen[slot][word] & bit == 0 {
            localSeen[slot][word] |= bit
            pending.append((slot, glyph, scalar))
        }
    }

    private func use(_ face: any GlyphMetrics, _ slot: Int, _ glyph: UInt16, _ scalar: Unicode.Scalar, _ size: Double,
                     remember place: (role: Int, face: Int)?) -> ShapedGlyph {
        mark(slot, glyph, scalar)
        let em = Float(face.advance(of: glyph)) / Float(face.unitsPerEm)
        if let (r, k) = place, scalar.value < 0x10000, k < 0xFFFE {
            if known[r] == nil { known[r] = [UInt64](repeating: 0, count: 0x10000) }
            known[r]![Int(scalar.value)] = UInt64(k + 1) << 48 | UInt64(glyph) << 32 | UInt64(em.bitPattern)
        }
        return ShapedGlyph(slot: slot, glyph: glyph, advance: Double(em) * size, scalar: scalar)
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
