/// Base32 as RFC 4648 section 6 defines it: the alphabet authenticator apps expect for TOTP secrets.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Encodes without "=" padding, which authenticator apps neither need nor always accept.
    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(alphabet[Int((buffer >> UInt32(bits)) & 31)])
            }
        }
        if bits > 0 {
            output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes what a person may have copied: spaces, lower case and trailing "=" padding are
    /// accepted. Returns nil for any other character, for "=" followed by data, and for a
    /// length no encoding produces (1, 3 or 6 characters after a multiple of 8).
    public static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = false
        for scalar in text.unicodeScalars {
            if scalar == " " { continue }
            if scalar == "=" {
                padding = true
                continue
            }
            guard !padding, let value = value(of: scalar) else { return nil }
            values.append(value)
        }
        guard ![1, 3, 6].contains(values.count % 8) else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(values.count * 5 / 8)
        var buffer: UInt32 = 0
        var bits = 0
        for value in values {
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return output
    }

    private static func value(of scalar: Unicode.Scalar) -> UInt8? {
        switch scalar {
        case "A"..."Z": return UInt8(scalar.value - 65)
        case "a"..."z": return UInt8(scalar.value - 97)
        case "2"..."7": return UInt8(scalar.value - 50 + 26)
        default: return nil
        }
    }
}
