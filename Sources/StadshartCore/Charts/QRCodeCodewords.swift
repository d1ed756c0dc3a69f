import Foundation

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
