import Foundation

/// How sign-in slows down guessing. Failures are counted per e-mail address, against guessing
/// one account's password, and per IP address, against trying a few passwords on many accounts.
public enum SignInThrottle {
    public enum Decision: Equatable, Sendable {
        /// Check the password, after waiting this long (0: at once).
        case allow(delaySeconds: Int)
        /// Do not check the password at all; ask to try again after this many minutes.
        case refuse(minutes: Int)
    }

    /// Failures older than this no longer count.
    public static let window: TimeInterval = 15 * 60

    public static let accountLimit = 10
    /// Higher than the account limit, because an office or school shares one address.
    static let addressLimit = 30
    static let delayFrom = 3
    static let maximumDelay = 5
    static let refusalMinutes = 15

    /// The decision for a sign-in attempt, given the failures within `window` for its e-mail
    /// address (`accountFailures`) and for its IP address (`addressFailures`).
    public static func decision(accountFailures: Int, addressFailures: Int) -> Decision {
        if accountFailures >= accountLimit || addressFailures >= addressLimit {
            return .refuse(minutes: refusalMinutes)
        }
        // A growing delay costs someone who mistyped twice nothing and a guessing script a lot.
        if accountFailures >= delayFrom {
            return .allow(delaySeconds: min(accountFailures - delayFrom + 1, maximumDelay))
        }
        return .allow(delaySeconds: 0)
    }

    /// The same text whether or not the account exists, so that refusing tells nothing about it.
    public static func message(_ minutes: Int) -> String {
        let duration = minutes == 1 ? "1 minuut" : "\(minutes) minuten"
        return "Te veel mislukte pogingen. Probeer het over \(duration) opnieuw."
    }
}
