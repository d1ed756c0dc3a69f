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
        let label = SVG.escape(title)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" width=\"\(pixels)\""
            + " height=\"\(pixels)\" role=\"img\" aria-label=\"\(label)\" shape-rendering=\"crispEdges\">"
            + "<title>\(label)</title>"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(path)\"/>"
            + "</svg>"
    }
}
