/// A stretch of days in a register: a premises' existence, a vacancy, a business at an address.
///
/// `from` is the first day it holds and `until` the first day it no longer holds (exclusive), so
/// periods that follow each other share a day ("until 2018-03-01", "from 2018-03-01") without a gap or
/// an overlap. Nil `until` means it still holds.
public struct Period: Hashable, Codable, Sendable {
    public var from: Day
    public var until: Day?

    public init(from: Day, until: Day? = nil) {
        self.from = from
        self.until = until
    }

    public func contains(_ day: Day) -> Bool {
        guard day >= from else { return false }
        guard let until else { return true }
        return day < until
    }

    /// True when no day lies in it: `until` on or before `from` (a vacancy from 2018-01-01 until
    /// 2018-01-01 was never a vacancy).
    public var isEmpty: Bool {
        guard let until else { return false }
        return until <= from
    }
}
