import Foundation
import StadshartCore
import Testing

@testable import StadshartServer

@Suite("TOTP")
struct TOTPTests {
    /// The SHA1 secret of RFC 6238 appendix B.
    let secret = Array("12345678901234567890".utf8)

    func date(_ seconds: TimeInterval) -> Date { Date(timeIntervalSince1970: seconds) }

    @Test func rfc6238Vectors() {
        let vectors: [(TimeInterval, String)] = [
            (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
        ]
        for (seconds, expected) in vectors {
            #expect(TOTP.code(secret: secret, at: date(seconds), digits: 8) == expected, "\(seconds)")
        }
    }

    @Test func sixDigitsAreTheLastSix() {
        #expect(TOTP.code(secret: secret, at: date(59)) == "287082")
        // 07081804 keeps its leading zero when cut to six digits: 081804.
        #expect(TOTP.code(secret: secret, at: date(1_111_111_109)) == "081804")
        // The same code for the whole period 30...59.
        #expect(TOTP.code(secret: secret, at: date(30)) == "287082")
    }

    @Test func verifyAcceptsOnePeriodEitherSide() {
        let now = date(1_111_111_125)  // the middle of a period
        for step in -1...1 {
            let code = TOTP.code(secret: secret, at: now.addingTimeInterval(Double(step) * 30))
            #expect(TOTP.verify(code, secret: secret, at: now), "\(step)")
        }
        for step in [-2, 2] {
            let code = TOTP.code(secret: secret, at: now.addingTimeInterval(Double(step) * 30))
            #expect(!TOTP.verify(code, secret: secret, at: now), "\(step)")
        }
    }

    @Test func verifyIgnoresSpacesAndRefusesOtherInput() {
        #expect(TOTP.verify("287 082", secret: secret, at: date(59)))
        #expect(TOTP.verify(" 287082 ", secret: secret, at: date(59)))
        #expect(!TOTP.verify("287083", secret: secret, at: date(59)))
        #expect(!TOTP.verify("94287082", secret: secret, at: date(59)))
        #expect(!TOTP.verify("28708", secret: secret, at: date(59)))
        #expect(!TOTP.verify("", secret: secret, at: date(59)))
        #expect(!TOTP.verify("287O82", secret: secret, at: date(59)))
        #expect(!TOTP.verify("287082", secret: Array("another secret".utf8), at: date(59)))
    }

    @Test func newSecretsAreTwentyRandomBytes() {
        let first = TOTP.newSecret()
        let second = TOTP.newSecret()
        #expect(first.count == 20)
        #expect(second.count == 20)
        #expect(first != second)
    }

    @Test func provisioningURI() {
        let uri = TOTP.provisioningURI(secret: secret, account: "jan.jansen@assen.nl")
        let base32 = Base32.encode(secret)
        #expect(base32 == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(
            uri == "otpauth://totp/Stadshart:jan.jansen%40assen.nl?secret=\(base32)&issuer=Stadshart"
                + "&algorithm=SHA1&digits=6&period=30")
        let other = TOTP.provisioningURI(secret: [1, 2, 3], account: "a b&c", issuer: "Vaart in Assen")
        #expect(other.hasPrefix("otpauth://totp/Vaart%20in%20Assen:a%20b%26c?secret=AEBAG&issuer=Vaart%20in%20Assen&"))
        #expect(URLComponents(string: uri)?.queryItems?.first { $0.name == "secret" }?.value == base32)
    }
}
