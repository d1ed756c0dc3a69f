import Crypto
import Foundation
import StadshartCore

/// Time-based one-time codes (RFC 6238) as authenticator apps compute them: HMAC-SHA1 over the
/// number of 30-second periods since 1970, six digits.
enum TOTP {
    /// The code for the period that contains `date`.
    static func code(secret: [UInt8], at date: Date, digits: Int = 6, period: TimeInterval = 30) -> String {
        // Dates before 1970 do not occur in practice; clamping keeps UInt64 from trapping on them.
        let counter = UInt64(max(0, (date.timeIntervalSince1970 / period).rounded(.down)))
        let message = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        // Dynamic truncation (RFC 4226 section 5.3): the low nibble of the last byte picks four bytes.
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let value =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        var modulus: UInt64 = 1
        for _ in 0..<digits { modulus *= 10 }
        let number = String(UInt64(value) % modulus)
        return String(repeating: "0", count: max(0, digits - number.count)) + number
    }

    /// Whether `code` is the code of the period of `date` or of up to `window` periods before or
    /// after it, because phone clocks drift and people need a moment to type. Spaces are ignored,
    /// since apps show the code as "123 456".
    static func verify(_ code: String, secret: [UInt8], at date: Date, window: Int = 1) -> Bool {
        matchingPeriod(code, secret: secret, at: date, window: window) != nil
    }

    /// The number of the 30-second period whose code `code` is, within the window, or nil. Kept
    /// per account, it lets a code be used only once (no replay within its ninety seconds).
    static func matchingPeriod(_ code: String, secret: [UInt8], at date: Date, window: Int = 1) -> Int? {
        let typed = code.filter { $0 != " " }
        guard typed.count == 6, typed.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var matched: Int?
        // Every candidate is compared, and without stopping at the first difference, so that the
        // time taken tells nothing about how close a guess was.
        for step in -window...window {
            let moment = date.addingTimeInterval(Double(step) * 30)
            let expected = self.code(secret: secret, at: moment)
            var difference: UInt8 = 0
            for (a, b) in zip(typed.utf8, expected.utf8) { difference |= a ^ b }
            if difference == 0 { matched = Int((moment.timeIntervalSince1970 / 30).rounded(.down)) }
        }
        return matched
    }

    /// A new secret of 20 random bytes (160 bits, the HMAC-SHA1 output size RFC 4226 recommends).
    static func newSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The otpauth URI that authenticator apps read from a QR code. The issuer appears both in the
    /// label and as a parameter, as the Google Authenticator key URI format asks for.
    static func provisioningURI(secret: [UInt8], account: String, issuer: String = "Stadshart") -> String {
        let label = encode(issuer) + ":" + encode(account)
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(encode(issuer))"
            + "&algorithm=SHA1&digits=6&period=30"
    }

    /// Only RFC 3986's unreserved characters stay as they are; "@", ":", "&" and spaces are encoded.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
