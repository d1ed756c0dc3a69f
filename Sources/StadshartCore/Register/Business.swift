/// The facts of one business (vestiging) that the figures need, taken from the register.
///
/// We count as LISA does: a vestiging is a location where at least one person works, and a job is a
/// person working at least 12 hours a week. One `BusinessFacts` is one vestiging; it may occupy several
/// premises at once (two adjacent units), but a chain's shops at different addresses are separate
/// vestigingen, each with its own facts.
public struct BusinessFacts: Sendable {
    public var id: String
    /// Persons working at least 12 hours a week, from each day until the next change.
    public var jobs: [(from: Day, persons: Int)]
    /// Full-time equivalents, where known; kept apart from `jobs` because LISA counts persons.
    public var fullTimeEquivalents: [(from: Day, fte: Double)]
    /// The premises (by id) the vestiging occupies, and when.
    public var locations: [(premises: String, period: Period)]

    public init(
        id: String, jobs: [(from: Day, persons: Int)], locations: [(premises: String, period: Period)],
        fullTimeEquivalents: [(from: Day, fte: Double)] = []
    ) {
        self.id = id
        // Stable sorts: of two changes on one day, the one listed last wins.
        self.jobs = jobs.enumerated().sorted { ($0.element.from, $0.offset) < ($1.element.from, $1.offset) }
            .map(\.element)
        self.fullTimeEquivalents = fullTimeEquivalents.enumerated()
            .sorted { ($0.element.from, $0.offset) < ($1.element.from, $1.offset) }.map(\.element)
        self.locations = locations
    }

    /// Jobs on `day`: the last change on or before it, 0 before the first (and never below 0).
    public func jobs(at day: Day) -> Int {
        max(0, jobs.last { $0.from <= day }?.persons ?? 0)
    }

    /// FTE on `day`, or nil when not known then.
    public func fullTimeEquivalents(at day: Day) -> Double? {
        fullTimeEquivalents.last { $0.from <= day }?.fte
    }

    /// Whether the vestiging occupies at least one of `premises` on `day`.
    public func occupies(anyOf premises: Set<String>, at day: Day) -> Bool {
        locations.contains { premises.contains($0.premises) && $0.period.contains(day) }
    }
}

/// Vestigingen and jobs in an area on one date.
public struct EmploymentFigures: Equatable, Codable, Sendable {
    public var date: Day
    public var businesses: Int
    public var jobs: Int

    public init(date: Day, businesses: Int, jobs: Int) {
        self.date = date
        self.businesses = businesses
        self.jobs = jobs
    }
}
