import Foundation

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
