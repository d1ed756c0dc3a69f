import Foundation

/// A QR code (ISO/IEC 18004, model 2) for a text, encoded in byte mode as UTF-8, versions 1–40.
///
/// Written for the two-step sign-in set-up page, so an authenticator app can scan the `otpauth://` URI
/// instead of the user typing the secret. Only what that needs: one byte-mode segment, no structured
/// append. Text with non-ASCII characters gets an ECI header naming UTF-8, because byte mode otherwise
/// means ISO 8859-1 and scanners guess (zbar reads "Café" as Shift JIS); pure ASCII, such as an
/// `otpauth://` URI, goes without, as it reads the same in every character set and old readers stay happy.
public struct QRCode: Sendable {
    /// Error correction level: how much of the symbol may be damaged and still be read.
    public enum Level: Sendable, CaseIterable {
        /// About 7 % of the codewords can be restored.
        case low
        /// About 15 %.
        case medium
        /// About 25 %.
        case quartile
        /// About 30 %.
        case high

        /// The two bits the format information uses for the level (not in L, M, Q, H order).
        var formatBits: Int {
            switch self {
            case .low: 0b01
            case .medium: 0b00
            case .quartile: 0b11
            case .high: 0b10
            }
        }

        /// Index into the per-level columns of the block tables.
        var tableIndex: Int {
            switch self {
            case .low: 0
            case .medium: 1
            case .quartile: 2
            case .high: 3
            }
        }
    }

    public enum EncodingError: Error, Sendable, Equatable {
        /// The UTF-8 text needs `byteCount` bytes; version 40 at this level holds at most `maximum`.
        case textTooLong(byteCount: Int, maximum: Int)
    }

    /// Version 1–40; the symbol is 17 + 4 × version modules wide.
    public let version: Int
    public let correction: Level
    /// The mask pattern (0–7) that scored lowest on the penalty rules.
    public let mask: Int
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row-major, `true` is dark.
    private let modules: [Bool]

    public init(encoding text: String, correction: Level = .medium) throws {
        let bytes = Array(text.utf8)
        let utf8 = bytes.contains { $0 >= 0x80 }
        guard
            let version = (1...40).first(where: {
                bytes.count <= Self.byteCapacity(version: $0, level: correction, utf8Header: utf8)
            })
        else {
            throw EncodingError.textTooLong(
                byteCount: bytes.count,
                maximum: Self.byteCapacity(version: 40, level: correction, utf8Header: utf8))
        }
        let codewords = Self.interleavedCodewords(
            data: Self.dataCodewords(bytes, version: version, level: correction, utf8Header: utf8),
            version: version, level: correction)

        var grid = Grid(version: version)
        grid.placeFunctionPatterns()
        grid.placeData(codewords)

        // Every mask is tried on the full symbol, format information included, because the penalty
        // rules look at the whole symbol as a scanner would see it.
        var best: (grid: Grid, mask: Int, penalty: Int)?
        for mask in 0..<8 {
            var candidate = grid
            candidate.applyMask(mask)
            candidate.placeFormat(Self.formatBits(level: correction, mask: mask))
            let penalty = candidate.penalty()
            if best == nil || penalty < best!.penalty {
                best = (candidate, mask, penalty)
            }
        }
        self.version = version
        self.correction = correction
        self.mask = best!.mask
        self.size = grid.size
        self.modules = best!.grid.dark
    }

    /// Whether the module is dark; rows and columns count from the top-left, 0 ..< size.
    public func isDark(row: Int, column: Int) -> Bool {
        precondition((0..<size).contains(row) && (0..<size).contains(column), "module outside the symbol")
        return modules[row * size + column]
    }

    /// A standalone SVG image of the code.
    ///
    /// The view box counts in modules, so every module edge lands on a whole unit and `crispEdges`
    /// leaves no hairlines between modules; `moduleSize` only sets the intrinsic pixel size.
    /// The dark modules are a single path of one rectangle per horizontal run, which keeps the
    /// markup a few kilobytes even for large versions.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String) -> String {
        let side = size + 2 * quietZone
        let pixels = side * moduleSize
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < size && isDark(row: row, column: column) {
                    column += 1
                }
                let run = column - start
                path += "M\(start + quietZone) \(row + quietZone)h\(run)v1h-\(run)z"
            }
        }
        let label = Self.escape(title)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" width=\"\(pixels)\""
            + " height=\"\(pixels)\" role=\"img\" aria-label=\"\(label)\" shape-rendering=\"crispEdges\">"
            + "<title>\(label)</title>"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(path)\"/>"
            + "</svg>"
    }

    /// Escapes text for use in both element content and double- or single-quoted attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

// MARK: - Capacity and codewords

extension QRCode {
    /// Error correction codewords per block, per version (index 0 is version 1), for L, M, Q, H (ISO/IEC 18004 table 9).
    private static let eccPerBlock: [[Int]] = [
        [
            7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
            28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
            26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        ],
        [
            13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
            28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
            30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
    ]

    /// Number of error correction blocks, per version, for L, M, Q, H (same table).
    private static let blockCount: [[Int]] = [
        [
            1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
            8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
        ],
        [
            1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
            17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
        ],
        [
            1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
            23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
        ],
        [
            1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
            25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
        ],
    ]

    /// All codewords (data and error correction) a version holds: the modules left after the
    /// function patterns, counted on an actual grid rather than taken from a third table.
    static func totalCodewords(version: Int) -> Int {
        totalCodewordTable[version - 1]
    }

    private static let totalCodewordTable: [Int] = (1...40).map { version in
        var grid = Grid(version: version)
        grid.placeFunctionPatterns()
        return grid.reserved.lazy.filter { !$0 }.count / 8
    }

    static func dataCodewordCount(version: Int, level: Level) -> Int {
        let column = level.tableIndex
        return totalCodewords(version: version) - eccPerBlock[column][version - 1] * blockCount[column][version - 1]
    }

    /// Byte mode's character count field grows at version 10 (and stays 16 bits beyond 26).
    private static func countBits(version: Int) -> Int {
        version < 10 ? 8 : 16
    }

    /// Bytes that fit; the UTF-8 ECI header (mode indicator and one-byte designator) costs 12 bits.
    static func byteCapacity(version: Int, level: Level, utf8Header: Bool = false) -> Int {
        let header = 4 + countBits(version: version) + (utf8Header ? 12 : 0)
        return (dataCodewordCount(version: version, level: level) * 8 - header) / 8
    }

    /// Optional ECI header, mode indicator, count, the bytes, terminator and padding, as codewords.
    static func dataCodewords(_ bytes: [UInt8], version: Int, level: Level, utf8Header: Bool = false) -> [UInt8] {
        let capacity = dataCodewordCount(version: version, level: level)
        var bits = BitBuffer()
        if utf8Header {
            bits.append(0b0111, count: 4)  // ECI mode
            bits.append(26, count: 8)  // ECI 000026: UTF-8
        }
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: countBits(version: version))
        for byte in bytes {
            bits.append(Int(byte), count: 8)
        }
        bits.append(0, count: min(4, capacity * 8 - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        // The alternating pad bytes keep a long empty tail from forming large uniform areas.
        var pad: UInt8 = 0xEC
        while codewords.count < capacity {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits the data into blocks, adds Reed–Solomon codewords to each and interleaves them, so that a
    /// burst of damage in the symbol is spread over many blocks.
    static func interleavedCodewords(data: [UInt8], version: Int, level: Level) -> [UInt8] {
        let blocks = blockCount[level.tableIndex][version - 1]
        let eccLength = eccPerBlock[level.tableIndex][version - 1]
        let total = totalCodewords(version: version)
        // Blocks that do not divide evenly: the first ones are one data codeword shorter.
        let shortBlocks = blocks - total % blocks
        let shortDataLength = total / blocks - eccLength
        let divisor = ReedSolomon.generator(degree: eccLength)

        var dataBlocks: [[UInt8]] = []
        var eccBlocks: [[UInt8]] = []
        var offset = 0
        for index in 0..<blocks {
            let length = shortDataLength + (index < shortBlocks ? 0 : 1)
            let block = Array(data[offset..<offset + length])
            offset += length
            dataBlocks.append(block)
            eccBlocks.append(ReedSolomon.remainder(block, divisor: divisor))
        }

        var result: [UInt8] = []
        result.reserveCapacity(total)
        for position in 0...shortDataLength {
            for block in dataBlocks where position < block.count {
                result.append(block[position])
            }
        }
        for position in 0..<eccLength {
            for block in eccBlocks {
                result.append(block[position])
            }
        }
        return result
    }

    /// 5 data bits (level, mask) with their BCH(15,5) check bits, XOR-ed with the fixed pattern so the
    /// result is never all zero.
    static func formatBits(level: Level, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        return (data << 10 | bchRemainder(data << 10, generator: 0x537)) ^ 0x5412
    }

    /// The version number with its BCH(18,6) check bits; only versions 7 and up carry it.
    static func versionBits(_ version: Int) -> Int {
        version << 12 | bchRemainder(version << 12, generator: 0x1F25)
    }

    /// Remainder of polynomial division over GF(2), bits as coefficients.
    private static func bchRemainder(_ value: Int, generator: Int) -> Int {
        let degree = Int.bitWidth - generator.leadingZeroBitCount - 1
        var remainder = value
        while remainder != 0 {
            let top = Int.bitWidth - remainder.leadingZeroBitCount - 1
            if top < degree { break }
            remainder ^= generator << (top - degree)
        }
        return remainder
    }
}

// MARK: - Bits and Reed–Solomon

// Nested in QRCode so nothing here can clash with names elsewhere in the module.
extension QRCode {
    struct BitBuffer {
        private(set) var bytes: [UInt8] = []
        private(set) var count = 0

        mutating func append(_ value: Int, count length: Int) {
            for shift in stride(from: length - 1, through: 0, by: -1) {
                if count % 8 == 0 { bytes.append(0) }
                if (value >> shift) & 1 == 1 {
                    bytes[count / 8] |= 0x80 >> UInt8(count % 8)
                }
                count += 1
            }
        }
    }

    /// Arithmetic in GF(256) with the QR code's field polynomial x⁸ + x⁴ + x³ + x² + 1, and the
    /// systematic encoding the standard prescribes (generator roots α⁰ … αⁿ⁻¹).
    enum ReedSolomon {
        static let tables: (exp: [UInt8], log: [Int]) = {
            var exp = [UInt8](repeating: 0, count: 512)
            var log = [Int](repeating: 0, count: 256)
            var value = 1
            for power in 0..<255 {
                exp[power] = UInt8(value)
                log[value] = power
                value <<= 1
                if value & 0x100 != 0 { value ^= 0x11D }
            }
            // A doubled table saves a modulo in every multiplication.
            for power in 255..<512 {
                exp[power] = exp[power - 255]
            }
            return (exp, log)
        }()

        static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
            if a == 0 || b == 0 { return 0 }
            return tables.exp[tables.log[Int(a)] + tables.log[Int(b)]]
        }

        /// Coefficients of ∏(x − αⁱ), highest power first, leading 1 omitted.
        static func generator(degree: Int) -> [UInt8] {
            var poly: [UInt8] = [1]
            for power in 0..<degree {
                let root = tables.exp[power]
                var next = [UInt8](repeating: 0, count: poly.count + 1)
                for (index, coefficient) in poly.enumerated() {
                    next[index] ^= coefficient
                    next[index + 1] ^= multiply(coefficient, root)
                }
                poly = next
            }
            return Array(poly.dropFirst())
        }

        /// The check codewords: data × xⁿ modulo the generator.
        static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
            var remainder = [UInt8](repeating: 0, count: divisor.count)
            for byte in data {
                let factor = byte ^ remainder[0]
                remainder.removeFirst()
                remainder.append(0)
                for index in divisor.indices {
                    remainder[index] ^= multiply(divisor[index], factor)
                }
            }
            return remainder
        }
    }
}

// MARK: - The module grid

extension QRCode {
    struct Grid: Sendable {
        let version: Int
        let size: Int
        var dark: [Bool]
        /// Function modules: never carry data and are never masked.
        var reserved: [Bool]

        init(version: Int) {
            self.version = version
            size = 17 + 4 * version
            dark = Array(repeating: false, count: size * size)
            reserved = Array(repeating: false, count: size * size)
        }

        subscript(row: Int, column: Int) -> Bool {
            get { dark[row * size + column] }
            set { dark[row * size + column] = newValue }
        }

        private mutating func setFunction(_ row: Int, _ column: Int, _ isDark: Bool) {
            dark[row * size + column] = isDark
            reserved[row * size + column] = true
        }

        /// Centres of the alignment patterns on each axis: from 6 to size − 7, spaced evenly by an even
        /// step, with the odd one out in the gap next to 6 (ISO/IEC 18004 annex E).
        static func alignmentCentres(version: Int) -> [Int] {
            guard version > 1 else { return [] }
            let count = version / 7 + 2
            let last = 17 + 4 * version - 7
            // Version 32 is the one place where the table deviates from this rule.
            var step = version == 32 ? 26 : Int((Double(last - 6) / Double(count - 1)).rounded(.up))
            step += step % 2
            var centres = [6]
            for index in stride(from: count - 2, through: 0, by: -1) {
                centres.append(last - index * step)
            }
            return centres
        }

        mutating func placeFunctionPatterns() {
            // Timing patterns first; finders and alignment patterns overwrite where they cross.
            for index in 0..<size {
                setFunction(6, index, index % 2 == 0)
                setFunction(index, 6, index % 2 == 0)
            }
            for (row, column) in [(0, 0), (0, size - 7), (size - 7, 0)] {
                placeFinder(row: row, column: column)
            }
            let centres = Self.alignmentCentres(version: version)
            for row in centres {
                for column in centres {
                    // Skip the three centres that would sit on a finder.
                    let onFinder =
                        (row == 6 && column == 6) || (row == 6 && column == centres.last)
                        || (row == centres.last && column == 6)
                    if !onFinder { placeAlignment(row: row, column: column) }
                }
            }
            // Reserve the format areas now; their bits depend on the mask chosen later.
            placeFormat(0)
            setFunction(size - 8, 8, true)  // The dark module, always dark.
            if version >= 7 {
                let bits = QRCode.versionBits(version)
                for index in 0..<18 {
                    let bit = (bits >> index) & 1 == 1
                    let near = index / 3
                    let far = size - 11 + index % 3
                    setFunction(near, far, bit)
                    setFunction(far, near, bit)
                }
            }
        }

        /// Finder at the given top-left corner, with its light separator where it lies inside the symbol.
        private mutating func placeFinder(row: Int, column: Int) {
            for dy in -1...7 {
                for dx in -1...7 {
                    let r = row + dy
                    let c = column + dx
                    guard (0..<size).contains(r) && (0..<size).contains(c) else { continue }
                    let ring = max(abs(dy - 3), abs(dx - 3))
                    setFunction(r, c, ring != 2 && ring != 4)
                }
            }
        }

        private mutating func placeAlignment(row: Int, column: Int) {
            for dy in -2...2 {
                for dx in -2...2 {
                    setFunction(row + dy, column + dx, max(abs(dy), abs(dx)) != 1)
                }
            }
        }

        /// The 15 format bits, most significant first, in both copies: around the top-left finder, and
        /// split between the bottom-left and top-right finders.
        mutating func placeFormat(_ bits: Int) {
            func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
            for index in 0..<15 {
                let value = bit(index)
                // Top-left copy: bits 0–7 run up column 8 (skipping the timing row), 8–14 run left
                // along row 8 (skipping the timing column).
                switch index {
                case 0...5: setFunction(index, 8, value)
                case 6: setFunction(7, 8, value)
                case 7: setFunction(8, 8, value)
                case 8: setFunction(8, 7, value)
                default: setFunction(8, 14 - index, value)
                }
                // Second copy: bits 0–7 along row 8 at the right, 8–14 down column 8 at the bottom.
                if index < 8 {
                    setFunction(8, size - 1 - index, value)
                } else {
                    setFunction(size - 15 + index, 8, value)
                }
            }
        }

        /// Codewords in the zigzag order: two-module columns from the right edge, alternately upwards
        /// and downwards, passing over function modules and the vertical timing column.
        mutating func placeData(_ codewords: [UInt8]) {
            let totalBits = codewords.count * 8
            var bitIndex = 0
            var right = size - 1
            var upwards = true
            while right > 0 {
                if right == 6 { right = 5 }
                for step in 0..<size {
                    let row = upwards ? size - 1 - step : step
                    for column in [right, right - 1] where !reserved[row * size + column] {
                        // Modules beyond the last codeword are the remainder bits, left light.
                        if bitIndex < totalBits {
                            self[row, column] = (codewords[bitIndex / 8] >> (7 - UInt8(bitIndex % 8))) & 1 == 1
                        }
                        bitIndex += 1
                    }
                }
                upwards.toggle()
                right -= 2
            }
        }

        static func maskCondition(_ mask: Int, row: Int, column: Int) -> Bool {
            switch mask {
            case 0: (row + column) % 2 == 0
            case 1: row % 2 == 0
            case 2: column % 3 == 0
            case 3: (row + column) % 3 == 0
            case 4: (row / 2 + column / 3) % 2 == 0
            case 5: (row * column) % 2 + (row * column) % 3 == 0
            case 6: ((row * column) % 2 + (row * column) % 3) % 2 == 0
            default: ((row + column) % 2 + (row * column) % 3) % 2 == 0
            }
        }

        mutating func applyMask(_ mask: Int) {
            for row in 0..<size {
                for column in 0..<size where !reserved[row * size + column] {
                    if Self.maskCondition(mask, row: row, column: column) {
                        self[row, column].toggle()
                    }
                }
            }
        }

        /// The four penalty rules of the standard; the mask with the lowest total is used.
        func penalty() -> Int {
            var total = 0
            // Rules 1 and 3 look at lines, so rows and columns are scored alike.
            for line in 0..<size {
                total += linePenalty((0..<size).map { self[line, $0] })
                total += linePenalty((0..<size).map { self[$0, line] })
            }
            // Rule 2: every 2 × 2 block of one colour (overlapping blocks count separately).
            for row in 0..<size - 1 {
                for column in 0..<size - 1 {
                    let colour = self[row, column]
                    if self[row, column + 1] == colour && self[row + 1, column] == colour
                        && self[row + 1, column + 1] == colour
                    {
                        total += 3
                    }
                }
            }
            // Rule 4: 10 points for every full 5 % the dark share deviates from one half.
            let darkCount = dark.lazy.filter { $0 }.count
            let steps = abs(darkCount * 20 - size * size * 10) / (size * size)
            total += steps * 10
            return total
        }

        private func linePenalty(_ line: [Bool]) -> Int {
            var score = 0
            // Rule 1: runs of five or more modules of one colour.
            var runStart = 0
            for index in 1...line.count {
                if index == line.count || line[index] != line[runStart] {
                    let length = index - runStart
                    if length >= 5 { score += 3 + length - 5 }
                    runStart = index
                }
            }
            // Rule 3: the finder-like 1:1:3:1:1 pattern with four light modules on either side; beyond the
            // edge counts as light, as the quiet zone does for a scanner.
            let finderLike = [true, false, true, true, true, false, true]
            func isDark(_ index: Int) -> Bool { index >= 0 && index < line.count && line[index] }
            for start in 0...(line.count - 7) where (0..<7).allSatisfy({ line[start + $0] == finderLike[$0] }) {
                if (1...4).allSatisfy({ !isDark(start - $0) }) { score += 40 }
                if (1...4).allSatisfy({ !isDark(start + 6 + $0) }) { score += 40 }
            }
            return score
        }
    }
}
