import Foundation
import Testing

@testable import StadshartCore

@Suite("QRCode")
struct QRCodeTests {
    // MARK: - Helpers

    private let otpauth =
        "otpauth://totp/Stadshart:programmateam%40assen.demo?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
        + "&issuer=Stadshart&algorithm=SHA1&digits=6&period=30"

    /// The 15 format bits as read from the copy around the top-left finder, most significant bit
    /// at (8, 0) and least significant at (0, 8).
    private func formatAroundTopLeft(_ code: QRCode) -> Int {
        let positions =
            [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8), (7, 8)]
            + [(5, 8), (4, 8), (3, 8), (2, 8), (1, 8), (0, 8)]
        return positions.reduce(0) { $0 << 1 | (code.isDark(row: $1.0, column: $1.1) ? 1 : 0) }
    }

    /// The second copy: most significant bit at the bottom of column 8, least at the right end of row 8.
    private func formatAtOtherCorners(_ code: QRCode) -> Int {
        let n = code.size
        let positions = (0..<7).map { (n - 1 - $0, 8) } + (0..<8).map { (8, n - 8 + $0) }
        return positions.reduce(0) { $0 << 1 | (code.isDark(row: $1.0, column: $1.1) ? 1 : 0) }
    }

    private func darkCount(_ code: QRCode) -> Int {
        (0..<code.size).reduce(0) { sum, row in
            sum + (0..<code.size).filter { code.isDark(row: row, column: $0) }.count
        }
    }

    // MARK: - Size and version

    @Test("HELLO at level M is version 1, 21 modules")
    func helloIsVersionOne() throws {
        let code = try QRCode(encoding: "HELLO", correction: .medium)
        #expect(code.version == 1)
        #expect(code.size == 21)
    }

    @Test("the empty text still makes a version 1 code")
    func emptyText() throws {
        #expect(try QRCode(encoding: "").size == 21)
    }

    @Test("byte capacities match the published table (versions 1, 7, 10, 40)")
    func capacities() {
        let table: [(Int, QRCode.Level, Int)] = [
            (1, .low, 17), (1, .medium, 14), (1, .quartile, 11), (1, .high, 7),
            (7, .low, 154), (7, .medium, 122), (7, .quartile, 86), (7, .high, 64),
            (10, .low, 271), (10, .medium, 213), (10, .quartile, 151), (10, .high, 119),
            (40, .low, 2953), (40, .medium, 2331), (40, .quartile, 1663), (40, .high, 1273),
        ]
        for (version, level, bytes) in table {
            #expect(QRCode.byteCapacity(version: version, level: level) == bytes, "version \(version) \(level)")
        }
    }

    @Test("total codewords per version, counted from the function patterns")
    func totalCodewords() {
        let expected = [1: 26, 2: 44, 6: 172, 7: 196, 10: 346, 14: 581, 21: 1156, 32: 2465, 40: 3706]
        for (version, total) in expected {
            #expect(QRCode.totalCodewords(version: version) == total, "version \(version)")
        }
    }

    @Test("the version grows with the length of the text, at the capacity boundaries")
    func versionGrows() throws {
        #expect(try QRCode(encoding: String(repeating: "x", count: 14)).version == 1)
        #expect(try QRCode(encoding: String(repeating: "x", count: 15)).version == 2)
        #expect(try QRCode(encoding: String(repeating: "x", count: 17), correction: .low).version == 1)
        #expect(try QRCode(encoding: String(repeating: "x", count: 18), correction: .low).version == 2)
        var previous = 0
        for length in stride(from: 0, through: 600, by: 25) {
            let code = try QRCode(encoding: String(repeating: "q", count: length))
            #expect(code.version >= previous)
            #expect(code.size == 17 + 4 * code.version)
            previous = code.version
        }
        #expect(previous > 10)
    }

    @Test("a higher correction level never needs a smaller version")
    func levelsOrdered() throws {
        let versions = try QRCode.Level.allCases.map { try QRCode(encoding: otpauth, correction: $0).version }
        #expect(versions == versions.sorted())
        #expect(versions.first! < versions.last!)
    }

    @Test("too long text throws, with the limit; the limit itself still fits")
    func tooLong() throws {
        #expect(throws: QRCode.EncodingError.textTooLong(byteCount: 2332, maximum: 2331)) {
            try QRCode(encoding: String(repeating: "a", count: 2332), correction: .medium)
        }
        #expect(throws: QRCode.EncodingError.textTooLong(byteCount: 1274, maximum: 1273)) {
            try QRCode(encoding: String(repeating: "a", count: 1274), correction: .high)
        }
        #expect(try QRCode(encoding: String(repeating: "a", count: 2331), correction: .medium).version == 40)
        // Bytes count, not characters: 1200 × "é" is 2400 bytes.
        #expect(throws: QRCode.EncodingError.self) {
            try QRCode(encoding: String(repeating: "é", count: 1200), correction: .medium)
        }
    }

    // MARK: - Function patterns

    @Test("finder patterns with light separators sit in three corners", arguments: [1, 7, 40])
    func finders(version: Int) throws {
        // Capacity at level L fills exactly this version.
        let length = QRCode.byteCapacity(version: version, level: .low)
        let code = try QRCode(encoding: String(repeating: "Z", count: length), correction: .low)
        #expect(code.version == version)
        let n = code.size
        for (top, left) in [(0, 0), (0, n - 7), (n - 7, 0)] {
            for dy in 0..<7 {
                for dx in 0..<7 {
                    let ring = max(abs(dy - 3), abs(dx - 3))
                    #expect(code.isDark(row: top + dy, column: left + dx) == (ring != 2), "(\(top + dy), \(left + dx))")
                }
            }
        }
        for index in 0..<8 {
            #expect(!code.isDark(row: 7, column: index) && !code.isDark(row: index, column: 7))
            #expect(!code.isDark(row: 7, column: n - 1 - index) && !code.isDark(row: index, column: n - 8))
            #expect(!code.isDark(row: n - 8, column: index) && !code.isDark(row: n - 1 - index, column: 7))
        }
    }

    @Test("timing patterns alternate and the dark module is dark")
    func timingAndDarkModule() throws {
        let code = try QRCode(encoding: otpauth)
        for index in 8..<(code.size - 8) {
            #expect(code.isDark(row: 6, column: index) == index.isMultiple(of: 2))
            #expect(code.isDark(row: index, column: 6) == index.isMultiple(of: 2))
        }
        #expect(code.isDark(row: code.size - 8, column: 8))
    }

    @Test("alignment pattern centres follow the standard's table")
    func alignmentCentres() {
        #expect(QRCode.Grid.alignmentCentres(version: 1) == [])
        #expect(QRCode.Grid.alignmentCentres(version: 2) == [6, 18])
        #expect(QRCode.Grid.alignmentCentres(version: 7) == [6, 22, 38])
        #expect(QRCode.Grid.alignmentCentres(version: 15) == [6, 26, 48, 70])
        #expect(QRCode.Grid.alignmentCentres(version: 32) == [6, 34, 60, 86, 112, 138])
        #expect(QRCode.Grid.alignmentCentres(version: 33) == [6, 30, 58, 86, 114, 142])
        #expect(QRCode.Grid.alignmentCentres(version: 40) == [6, 30, 58, 86, 114, 142, 170])
    }

    // MARK: - Format and version information

    @Test("format bits for known level and mask combinations")
    func formatBits() {
        #expect(QRCode.formatBits(level: .medium, mask: 0) == 0b101_0100_0001_0010)
        #expect(QRCode.formatBits(level: .low, mask: 0) == 0b111_0111_1100_0100)
        #expect(QRCode.formatBits(level: .low, mask: 4) == 0b110_0110_0010_1111)
        #expect(QRCode.formatBits(level: .high, mask: 7) == 0b000_1000_0011_1011)
    }

    @Test("the 32 format words are at least 7 bits apart, so scanners can correct 3 errors")
    func formatDistance() {
        let words = QRCode.Level.allCases.flatMap { level in (0..<8).map { QRCode.formatBits(level: level, mask: $0) } }
        #expect(Set(words).count == 32)
        for (index, a) in words.enumerated() {
            for b in words[(index + 1)...] {
                #expect((a ^ b).nonzeroBitCount >= 7)
            }
        }
    }

    @Test("both copies of the format information carry the level and the chosen mask", arguments: QRCode.Level.allCases)
    func formatInSymbol(level: QRCode.Level) throws {
        let code = try QRCode(encoding: otpauth, correction: level)
        let expected = QRCode.formatBits(level: level, mask: code.mask)
        #expect(formatAroundTopLeft(code) == expected)
        #expect(formatAtOtherCorners(code) == expected)
    }

    @Test("version information for version 7 and up, in both blocks")
    func versionInformation() throws {
        #expect(QRCode.versionBits(7) == 0x07C94)
        #expect(QRCode.versionBits(40) == 0x28C69)
        let code = try QRCode(encoding: String(repeating: "v", count: 150), correction: .low)
        #expect(code.version == 7)
        let n = code.size
        var topRight = 0
        var bottomLeft = 0
        for index in (0..<18).reversed() {
            topRight = topRight << 1 | (code.isDark(row: index / 3, column: n - 11 + index % 3) ? 1 : 0)
            bottomLeft = bottomLeft << 1 | (code.isDark(row: n - 11 + index % 3, column: index / 3) ? 1 : 0)
        }
        #expect(topRight == 0x07C94)
        #expect(bottomLeft == 0x07C94)
    }

    // MARK: - Codewords

    @Test("byte mode header, data, terminator and pad bytes")
    func dataCodewords() {
        let codewords = QRCode.dataCodewords(Array("HELLO".utf8), version: 1, level: .medium)
        #expect(
            codewords == [
                0x40, 0x54, 0x84, 0x54, 0xC4, 0xC4, 0xF0, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC,
            ])
    }

    @Test("non-ASCII text starts with the UTF-8 ECI designator")
    func utf8Header() {
        let codewords = QRCode.dataCodewords(Array("é".utf8), version: 1, level: .medium, utf8Header: true)
        // 0111 (ECI) 00011010 (26) 0100 (byte) 00000010 (2 bytes) 11000011 10101001 0000 (terminator)
        #expect(Array(codewords.prefix(5)) == [0x71, 0xA4, 0x02, 0xC3, 0xA9])
        #expect(QRCode.byteCapacity(version: 1, level: .medium, utf8Header: true) == 13)
    }

    @Test("Reed–Solomon codewords for the HELLO WORLD 1-M example")
    func reedSolomonKnownExample() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        let ecc = QRCode.ReedSolomon.remainder(data, divisor: QRCode.ReedSolomon.generator(degree: 10))
        #expect(ecc == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("every Reed–Solomon codeword has the generator's roots α⁰ … αⁿ⁻¹ as zeros", arguments: [7, 16, 22, 30])
    func reedSolomonRoots(degree: Int) {
        let data = (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ degree) }
        let codeword = data + QRCode.ReedSolomon.remainder(data, divisor: QRCode.ReedSolomon.generator(degree: degree))
        for power in 0..<degree {
            let root = QRCode.ReedSolomon.tables.exp[power]
            // Horner's rule over GF(256), highest coefficient first.
            let value = codeword.reduce(UInt8(0)) { QRCode.ReedSolomon.multiply($0, root) ^ $1 }
            #expect(value == 0, "root α^\(power)")
        }
    }

    @Test("interleaving keeps every codeword and puts the shorter blocks first")
    func interleaving() {
        // Version 5-Q: two blocks of 15 data codewords, then two of 16, with 18 check codewords each.
        let data = (0..<62).map { UInt8($0) }
        let all = QRCode.interleavedCodewords(data: data, version: 5, level: .quartile)
        #expect(all.count == 134)
        #expect(Array(all.prefix(8)) == [0, 15, 30, 46, 1, 16, 31, 47])
        // After column 14, only the two long blocks still have data.
        #expect(Array(all[60..<62]) == [45, 61])
    }

    // MARK: - Output

    @Test("the same text and level always give the same symbol and SVG")
    func deterministic() throws {
        let first = try QRCode(encoding: otpauth, correction: .medium)
        let second = try QRCode(encoding: otpauth, correction: .medium)
        #expect(first.mask == second.mask)
        for row in 0..<first.size {
            for column in 0..<first.size {
                #expect(first.isDark(row: row, column: column) == second.isDark(row: row, column: column))
            }
        }
        #expect(first.svg(title: "t") == second.svg(title: "t"))
    }

    @Test("the dark share stays near one half, as the mask penalty intends")
    func balanced() throws {
        let code = try QRCode(encoding: otpauth)
        let share = Double(darkCount(code)) / Double(code.size * code.size)
        #expect(share > 0.4 && share < 0.6)
    }

    @Test("SVG escapes the title in the label and the title element")
    func svgEscaping() throws {
        let svg = try QRCode(encoding: "x").svg(title: "Tom & \"Jerry\" <b>'s</b>")
        let escaped = "Tom &amp; &quot;Jerry&quot; &lt;b&gt;&#39;s&lt;/b&gt;"
        #expect(svg.contains("aria-label=\"\(escaped)\""))
        #expect(svg.contains("<title>\(escaped)</title>"))
        #expect(!svg.contains("<b>"))
        #expect(!svg.contains("Jerry\""))
    }

    @Test("SVG is standalone, sized by module size and quiet zone, with all dark modules in one path")
    func svgShape() throws {
        let code = try QRCode(encoding: otpauth)
        let svg = code.svg(moduleSize: 5, quietZone: 2, title: "Scan")
        let side = code.size + 4
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\""))
        #expect(svg.contains("width=\"\(side * 5)\" height=\"\(side * 5)\""))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("fill=\"#fff\""))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.components(separatedBy: "<path").count == 2)
        // One horizontal run per subpath: their lengths add up to the dark modules, and the first run
        // is the top row of the top-left finder, offset by the quiet zone.
        let runs = try Regex("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z")
        let matches = svg.matches(of: runs)
        let total = matches.reduce(0) { $0 + Int($1.output[3].substring!)! }
        #expect(total == darkCount(code))
        #expect(matches.count < total)
        #expect(svg.contains("d=\"M2 2h7v1h-7z"))
    }
}
