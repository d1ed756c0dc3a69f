import Foundation
import StadshartCore
import Vapor

/// Where the application's time comes from: the system, or a fixed moment (tests). Handlers ask
/// the request (`req.now`, `req.today`) and hand the time to services through the `Actor`, so
/// nothing below reads the system clock itself.
///
/// A demo may also fix the *day* the partnership works on (`workingDay`): its data runs to 2020,
/// so pages, the monitor and the forms' defaults use that day, while instants that must be real
/// (sign-in sessions, two-step codes, the audit trail's times) keep the moment's own clock.
struct Clock: Sendable {
    let now: @Sendable () -> Date
    var workingDay: Day? = nil

    init(workingDay: Day? = nil, now: @escaping @Sendable () -> Date) {
        self.now = now
        self.workingDay = workingDay
    }

    static let system = Clock { Date() }

    static func fixed(_ moment: Date) -> Clock { Clock { moment } }

    /// The system's time, working on a fixed day (the demo).
    static func demo(on day: Day) -> Clock { Clock(workingDay: day) { Date() } }

    /// The working day: the fixed one, or the day in the Netherlands at `moment`.
    func day(at moment: Date) -> Day { workingDay ?? Day.today(at: moment) }

    var today: Day { day(at: now()) }
}

extension Application {
    private struct ClockKey: StorageKey {
        typealias Value = Clock
    }

    var clock: Clock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    private struct NowKey: StorageKey {
        typealias Value = Date
    }

    /// The moment of this request, read once, so everything it does happens at one time.
    var now: Date {
        if let now = storage[NowKey.self] { return now }
        let now = application.clock.now()
        storage[NowKey.self] = now
        return now
    }

    var today: Day { application.clock.day(at: now) }
}
