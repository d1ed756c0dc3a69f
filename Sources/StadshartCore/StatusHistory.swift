/// An action's status through time: every change with the day it took effect, in the order it was
/// recorded. The plan page, the report and the API read the plan "as it stood" on a day through it.
public struct StatusHistory: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        /// The day the status took effect; nil for a status recorded before the history was kept
        /// (it holds from the start, as far as anyone can tell).
        public var day: Day?
        public var status: ActionStatus

        public init(day: Day?, status: ActionStatus) {
            self.day = day
            self.status = status
        }
    }

    /// In the order recorded; two changes on one day: the later one counts.
    public var entries: [Entry]

    public init(_ entries: [Entry]) { self.entries = entries }

    /// The status on that day. Before its first recorded day an action has its first status: a plan
    /// entered or imported after the fact (last year's plan, typed in this spring) is still shown whole,
    /// with the statuses it started with. Nil only without any entry.
    public func status(on day: Day) -> ActionStatus? {
        var found: (day: Day?, status: ActionStatus)?
        for entry in entries where entry.day.map({ $0 <= day }) ?? true {
            // A later day wins; on the same day (or without a day) the one recorded later.
            if let current = found, let currentDay = current.day, let entryDay = entry.day, entryDay < currentDay {
                continue
            }
            found = (entry.day, entry.status)
        }
        return found?.status ?? entries.first?.status
    }

    /// The day the action first appears, if known.
    public var since: Day? { entries.compactMap(\.day).min() }
}
