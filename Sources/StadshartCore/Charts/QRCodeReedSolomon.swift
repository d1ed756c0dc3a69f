import Foundation

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
