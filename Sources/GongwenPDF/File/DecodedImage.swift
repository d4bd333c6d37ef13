import CDeflate

/// A PNG decoded to 8-bit RGB and an 8-bit alpha plane, as a PDF image XObject and its soft
/// mask take them. Seal files are checked before they get here (`SealFile`); this decoder
/// still refuses anything it does not understand (interlaced or 16-bit images, bad sizes) and
/// says so, rather than print a wrong seal.
public struct DecodedImage: Sendable {
    public var width: Int
    public var height: Int
    public var rgb: [UInt8]
    public var alpha: [UInt8]?

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public init(png bytes: [UInt8]) throws(Failure) {
        func fail(_ why: String) -> Failure { Failure(description: "印章图片无法写入 PDF：\(why)") }
        guard bytes.count > 8, bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw fail("不是 PNG 文件") }
        var i = 8
        var width = 0, height = 0, depth = 0, colorType = 0, interlace = 0
        var palette: [UInt8] = [], transparency: [UInt8] = [], data: [UInt8] = []
        func u32(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }
        while i + 12 <= bytes.count {
            let length = u32(i)
            let type = String(decoding: bytes[(i + 4)..<(i + 8)], as: UTF8.self)
            let start = i + 8
            guard length >= 0, start + length + 4 <= bytes.count else { throw fail("文件不完整") }
            let chunk = bytes[start..<(start + length)]
            switch type {
            case "IHDR":
                guard length >= 13 else { throw fail("IHDR 不完整") }
                width = u32(start); height = u32(start + 4)
                depth = Int(bytes[start + 8]); colorType = Int(bytes[start + 9]); interlace = Int(bytes[start + 12])
            case "PLTE": palette = Array(chunk)
            case "tRNS": transparency = Array(chunk)
            case "IDAT": data += chunk
            case "IEND": i = bytes.count
            default: break
            }
            i = start + length + 4
        }
        guard width > 0, height > 0, width <= 8192, height <= 8192 else { throw fail("尺寸不合理（\(width)×\(height)）") }
        guard interlace == 0 else { throw fail("不支持隔行扫描的 PNG，请另存为非隔行 PNG") }
        guard depth == 8 || (colorType == 3 && [1, 2, 4, 8].contains(depth)) else { throw fail("不支持 \(depth) 位的 PNG，请另存为 8 位 PNG") }
        let channels: Int
        switch colorType {
        case 0: channels = 1
        case 2: channels = 3
        case 3: channels = 1
        case 4: channels = 2
        case 6: channels = 4
        default: throw fail("未知的颜色类型 \(colorType)")
        }
        let bitsPerPixel = channels * depth
        let stride = (width * bitsPerPixel + 7) / 8
        let bpp = max(1, bitsPerPixel / 8)
        var raw = [UInt8](repeating: 0, count: (stride + 1) * height)
        var rawLength = uLong(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            data.withUnsafeBufferPointer { input in uncompress(out.baseAddress, &rawLength, input.baseAddress, uLong(input.count)) }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else { throw fail("图像数据损坏") }
        // Undo the per-row filters (PNG 9.2).
        var pixels = [UInt8](repeating: 0, count: stride * height)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            let row = y * (stride + 1) + 1
            for x in 0..<stride {
                let a = x >= bpp ? pixels[y * stride + x - bpp] : 0
                let b = y > 0 ? pixels[(y - 1) * stride + x] : 0
                let c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0
                let value = raw[row + x]
                let predicted: UInt8
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = UInt8((Int(a) + Int(b)) / 2)
                case 4:
                    let p = Int(a) + Int(b) - Int(c)
                    let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw fail("行过滤方式 \(filter) 无效")
                }
                pixels[y * stride + x] = value &+ predicted
            }
        }
        var rgb = [UInt8](), alpha = [UInt8]()
        rgb.reserveCapacity(width * height * 3)
        var hasAlpha = colorType == 4 || colorType == 6 || !transparency.isEmpty
        if hasAlpha { alpha.reserveCapacity(width * height) }
        for y in 0..<height {
            for x in 0..<width {
                switch colorType {
                case 3:
                    let bit = x * depth
                    let byte = pixels[y * stride + bit / 8]
                    let index = Int(byte >> UInt8(8 - depth - bit % 8)) & ((1 << depth) - 1)
                    guard index * 3 + 2 < palette.count else { throw fail("调色板索引超出范围") }
                    rgb += palette[(index * 3)...(index * 3 + 2)]
                    if hasAlpha { alpha.append(index < transparency.count ? transparency[index] : 255) }
                default:
                    let p = y * stride + x * channels
                    let gray = colorType == 0 || colorType == 4
                    if gray { rgb += [pixels[p], pixels[p], pixels[p]] } else { rgb += pixels[p..<(p + 3)] }
                    if colorType == 4 || colorType == 6 { alpha.append(pixels[p + channels - 1]) } else if hasAlpha { alpha.append(255) }
                }
            }
        }
        if hasAlpha, alpha.allSatisfy({ $0 == 255 }) { hasAlpha = false }
        self.width = width
        self.height = height
        self.rgb = rgb
        self.alpha = hasAlpha ? alpha : nil
    }
}
