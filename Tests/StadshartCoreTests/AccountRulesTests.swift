import Testing

@testable import StadshartCore

@Suite("PasswordPolicy")
struct PasswordPolicyTests {
    func messages(_ password: String, email: String = "jan.jansen@assen.nl") -> [String] {
        PasswordPolicy.problems(password: password, email: email).map(\.message)
    }

    @Test func goodPasswordHasNoProblems() {
        #expect(messages("paarse fiets op de Vaart") == [])
        #expect(PasswordPolicy.problems(password: "Zq8!vT3m#Lp0", email: "jan@assen.nl") == [])
    }

    @Test func lengthBoundaries() {
        let short = "wachtwoord moet minstens 12 tekens hebben"
        let long = "wachtwoord mag hoogstens 128 tekens hebben"
        #expect(messages("Zq8!vT3m#Lp") == [short])  // 11
        #expect(messages("Zq8!vT3m#Lp0") == [])  // 12
        #expect(messages(String(repeating: "ab", count: 64)) == [])  // 128
        #expect(messages(String(repeating: "ab", count: 64) + "c") == [long])  // 129
        #expect(messages("") == [short])
    }

    @Test func lengthCountsCharactersNotBytes() {
        // Twelve characters, but more than twelve UTF-8 bytes and UTF-16 units.
        let password = "éèêëàâîïôûü🙂"
        #expect(password.count == 12)
        #expect(messages(password) == [])
        #expect(messages(String(password.dropLast())) == ["wachtwoord moet minstens 12 tekens hebben"])
    }

    @Test func problemsAreOnTheFieldPassword() {
        #expect(PasswordPolicy.problems(password: "kort", email: "").map(\.field) == ["password"])
    }

    @Test func commonPasswordsInAnyCase() {
        let common = "wachtwoord is een van de meest gebruikte wachtwoorden; kies een ander"
        #expect(messages("password1234") == [common])
        #expect(messages("PASSWORD1234") == [common])
        #expect(messages("Welkom123456") == [common])
        #expect(messages("QwErTy123456") == [common])
        #expect(messages("password12340") == [])
    }

    @Test func commonListIsUsable() {
        #expect(PasswordPolicy.common.count >= 60)
        for password in PasswordPolicy.common {
            #expect(password.count >= PasswordPolicy.minimumLength, "\(password)")
            #expect(password == password.lowercased(), "\(password)")
        }
        for example in ["123456789012", "qwertyuiopas", "wachtwoord123", "iloveyou1234", "1q2w3e4r5t6y"] {
            #expect(PasswordPolicy.common.contains(example))
        }
    }

    @Test func oneRepeatedCharacter() {
        let repeated = "wachtwoord bestaat uit één steeds herhaald teken"
        #expect(messages("xxxxxxxxxxxxxxxx") == [repeated])
        #expect(messages("xxxxxxxxxxxxxxxy") == [])
        // On the common list as well, and too short: every problem is named.
        #expect(
            messages("aaaaaaaaaaaa") == [
                "wachtwoord is een van de meest gebruikte wachtwoorden; kies een ander", repeated,
            ])
        #expect(messages("zzz") == ["wachtwoord moet minstens 12 tekens hebben", repeated])
    }

    @Test func emailLocalPart() {
        let email = "wachtwoord mag uw e-mailadres niet bevatten"
        #expect(messages("jan.jansen12345") == [email])
        #expect(messages("Mijn JAN.Jansen wachtwoord") == [email])
        #expect(messages("jan.jansen@assen.nl") == [email])
        #expect(messages("jan.jansen!!", email: "Jan.Jansen@Assen.nl") == [email])
        #expect(messages("jan.janssen!!") == [])
        // Local parts shorter than four characters are too common to refuse.
        #expect(messages("jan is de beste", email: "jan@assen.nl") == [])
        #expect(messages("piet is de beste", email: "piet@assen.nl") == [email])
        #expect(messages("piet is de beste", email: "") == [])
        #expect(PasswordPolicy.localPart(of: " Piet@assen.nl ") == "Piet")
    }
}

@Suite("Base32")
struct Base32Tests {
    let vectors: [(String, String)] = [
        ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"),
        ("foobar", "MZXW6YTBOI"),
    ]

    @Test func rfc4648Vectors() {
        for (plain, encoded) in vectors {
            #expect(Base32.encode(Array(plain.utf8)) == encoded, "\(plain)")
            #expect(Base32.decode(encoded) == Array(plain.utf8), "\(encoded)")
        }
    }

    @Test func decodeIgnoresPaddingSpacesAndCase() {
        #expect(Base32.decode("MZXW6YTBOI======") == Array("foobar".utf8))
        #expect(Base32.decode("mzxw 6ytb oi") == Array("foobar".utf8))
        #expect(Base32.decode("MY======") == Array("f".utf8))
    }

    @Test func roundTrip() {
        let bytes = (0...255).map { UInt8($0) }
        for count in [0, 1, 2, 3, 4, 5, 19, 20, 256] {
            let slice = Array(bytes.prefix(count))
            #expect(Base32.decode(Base32.encode(slice)) == slice, "\(count)")
        }
        #expect(Base32.encode([0xFF, 0x00, 0x10]) == "74ABA")
    }

    @Test func invalidInput() {
        #expect(Base32.decode("MZXW1") == nil)  // 1 is not in the alphabet
        #expect(Base32.decode("MZXW8") == nil)
        #expect(Base32.decode("MZ-XW6") == nil)
        #expect(Base32.decode("MZ=XW6") == nil)  // data after padding
        #expect(Base32.decode("M") == nil)  // no encoding ends with one character
        #expect(Base32.decode("MZX") == nil)
    }
}

@Suite("SignInThrottle")
struct SignInThrottleTests {
    func decision(_ account: Int, _ address: Int = 0) -> SignInThrottle.Decision {
        SignInThrottle.decision(accountFailures: account, addressFailures: address)
    }

    @Test func accountBoundaries() {
        #expect(decision(0) == .allow(delaySeconds: 0))
        #expect(decision(2) == .allow(delaySeconds: 0))
        #expect(decision(3) == .allow(delaySeconds: 1))
        #expect(decision(4) == .allow(delaySeconds: 2))
        #expect(decision(7) == .allow(delaySeconds: 5))
        #expect(decision(8) == .allow(delaySeconds: 5))
        #expect(decision(9) == .allow(delaySeconds: 5))
        #expect(decision(10) == .refuse(minutes: 15))
        #expect(decision(25) == .refuse(minutes: 15))
    }

    @Test func addressBoundaries() {
        #expect(decision(0, 29) == .allow(delaySeconds: 0))
        #expect(decision(3, 29) == .allow(delaySeconds: 1))
        #expect(decision(0, 30) == .refuse(minutes: 15))
        #expect(decision(2, 31) == .refuse(minutes: 15))
    }

    @Test func windowIsFifteenMinutes() {
        #expect(SignInThrottle.window == 900)
    }

    @Test func messageSaysWhenToTryAgain() {
        #expect(SignInThrottle.message(15) == "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.")
        #expect(SignInThrottle.message(1) == "Te veel mislukte pogingen. Probeer het over 1 minuut opnieuw.")
    }
}
