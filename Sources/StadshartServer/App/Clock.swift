import Foundation
import StadshartCore
import Vapor

/// Where the application's time comes from: the system, or a fixed moment (tests, a demo on
/// the date its data covers). Handlers ask the request (`req.now`, `req.today`) and hand the
/// time to services through the `Actor`, so nothing below reads the system clock itself.
struct Clock: Sendable {
    let now: @Sendable () -> Date

    static let system = Clock { Date() }

    static func fixed(_ moment: Date) -> Clock { Clock { moment } }

    /// The day in the Netherlands.
    var today: Day { Day.today(at: now()) }
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

    var today: Day { Day.today(at: now) }
}
