import Foundation

/// What a new password must satisfy. Following NIST SP 800-63B: a minimum length and a check
/// against passwords that attackers try first, but no rules about character classes, which
/// make passwords harder to remember without making them much harder to guess.
public enum PasswordPolicy {
    public static let minimumLength = 12
    /// Long enough for any passphrase, short enough that hashing it cannot be used to load the server.
    public static let maximumLength = 128

    /// Every problem with `password` for the account with `email`; empty when it may be used.
    public static func problems(password: String, email: String) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func problem(_ message: String) { problems.append(FieldProblem(field: "password", message: message)) }

        // Characters, not bytes or UTF-16 units: "é" or an emoji is one character to the person typing it.
        let length = password.count
        if length < minimumLength {
            problem("wachtwoord moet minstens \(minimumLength) tekens hebben")
        }
        if length > maximumLength {
            problem("wachtwoord mag hoogstens \(maximumLength) tekens hebben")
        }
        let lowered = password.lowercased()
        if common.contains(lowered) {
            problem("wachtwoord is een van de meest gebruikte wachtwoorden; kies een ander")
        }
        if let first = password.first, password.allSatisfy({ $0 == first }) {
            problem("wachtwoord bestaat uit één steeds herhaald teken")
        }
        let local = localPart(of: email).lowercased()
        // Shorter local parts ("jan") occur in too many good passwords to refuse them.
        if local.count >= 4 && lowered.contains(local) {
            problem("wachtwoord mag uw e-mailadres niet bevatten")
        }
        return problems
    }

    /// The part before the last "@" ("jan.jansen" in "jan.jansen@assen.nl"), or the whole text without one.
    static func localPart(of email: String) -> String {
        let trimmed = email.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let at = trimmed.lastIndex(of: "@") else { return trimmed }
        return String(trimmed[..<at])
    }

    /// Passwords of at least `minimumLength` characters that appear high in published lists of
    /// leaked passwords, plus Dutch variants; lowercased, because changing case adds little.
    static let common: Set<String> = [
        "000000000000", "111111111111", "123123123123", "121212121212", "112233445566", "123321123321",
        "123456789012", "1234567890123", "12345678901234", "123456789123", "1234567891011", "987654321098",
        "098765432109", "1234567890ab", "abc123456789", "abcd12345678", "abcdefghijkl", "abcdefghijklm",
        "aaaaaaaaaaaa", "qwertyuiopas", "qwertyuiop123", "qwerty123456", "qwerty1234567", "qwertyqwerty",
        "1qaz2wsx3edc", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u", "qazwsxedcrfv", "zaq12wsxcde3", "1234qwerasdf",
        "qwerasdfzxcv", "asdfghjkl123", "zxcvbnm12345", "password1234", "password12345", "password123456",
        "passwordpassword", "p@ssw0rd1234", "password123!", "iloveyou1234", "iloveyou123456", "letmein12345",
        "letmeinletmein", "trustno1trustno1", "administrator", "admin1234567", "changeme1234", "welcome12345",
        "welcome123456", "sunshine1234", "princess1234", "football1234", "baseball1234", "superman1234",
        "starwars1234", "dragon123456", "monkey123456", "michael12345", "wachtwoord123", "wachtwoord1234",
        "wachtwoord12345", "wachtwoord123!", "welkom123456", "welkom1234567", "welkomwelkom", "geheim123456",
        "nederland123", "nederland1234", "hallo1234567", "voetbal12345", "feyenoord1234", "amsterdam123",
        "ajaxajaxajax",
    ]
}
