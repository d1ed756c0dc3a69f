import Foundation

/// One occurrence of an event as the conflict rules see it: a single event, one date of a recurring one,
/// or an event imported from a regional calendar.
///
/// Timed occurrences run from `start` up to, not including, `end`: an event ending at 17:00 and one starting
/// at 17:00 do not overlap. A whole-day occurrence (`allDay`) covers the local days from the day of `start`
/// through the day before `end`, as iCalendar's `DTEND;VALUE=DATE`; build it with
/// `wholeDays(from:through:)` to get its instants right. An `end` not after `start` is read as "ends when it
/// starts" (a timed occurrence of no length, or a single whole day).
public struct EventOccurrence: Hashable, Sendable {
    public var eventID: String
    public var title: String
    public var start: Date
    public var end: Date
    public var allDay: Bool
    /// The centre's key of the place (a public place of the centre, or premises); nil when not known.
    public var locationKey: String?
    /// The place's name as the text shows it; the key when nil.
    public var locationName: String?
    /// The place is in a zone marked residential.
    public var locationResidential: Bool
    public var expectedVisitors: Int?
    /// Imported from a regional calendar rather than the centre's own.
    public var regional: Bool
    public var cancelled: Bool
    public var kind: EventKind
    public var cityDressingRequested: Bool
    /// The requested amount, in euro cents; a request without an amount counts as nothing.
    public var cityDressingCents: Int64?

    public init(
        eventID: String, title: String, start: Date, end: Date, allDay: Bool = false, locationKey: String? = nil,
        locationName: String? = nil, locationResidential: Bool = false, expectedVisitors: Int? = nil,
        regional: Bool = false, cancelled: Bool = false, kind: EventKind = .evenement,
        cityDressingRequested: Bool = false, cityDressingCents: Int64? = nil
    ) {
        self.eventID = eventID
        self.title = title
        self.start = start
        self.end = end
        self.allDay = allDay
        self.locationKey = locationKey
        self.locationName = locationName
        self.locationResidential = locationResidential
        self.expectedVisitors = expectedVisitors
        self.regional = regional
        self.cancelled = cancelled
        self.kind = kind
        self.cityDressingRequested = cityDressingRequested
        self.cityDressingCents = cityDressingCents
    }

    /// Sets `start` and `end` of a whole-day occurrence from `first` through `last` (local days).
    public mutating func wholeDays(from first: Day, through last: Day) {
        allDay = true
        start = CentreTime.instant(first)
        end = CentreTime.instant(max(first, last).adding(days: 1))
    }
}

/// Per-centre settings of the conflict rules.
public struct ConflictSettings: Hashable, Sendable {
    /// An own event expecting at least this many visitors is large.
    public var largeEventVisitors: Int
    /// A regional event expecting at least this many visitors is large; nil: the same as `largeEventVisitors`.
    public var largeRegionalVisitors: Int?
    /// Regional calendars rarely say how many visitors come, and list what is worth listing: a regional
    /// event without a number counts as large unless this is false.
    public var regionalWithoutVisitorsIsLarge: Bool
    /// When the night's rest (nachtrust) begins near homes.
    public var quietHour: ClockTime
    /// When it ends, the next morning (or the same day, when `quietHour` is after midnight).
    public var quietUntil: ClockTime
    /// More own events than this on one weekend is busy.
    public var maxEventsPerWeekend: Int
    /// The months (1–12) of the season in which a weekend without events is worth a warning,
    /// by the month of its Saturday.
    public var emptyWeekendMonths: ClosedRange<Int>
    /// Occurrences longer than this many days (a three-month exhibition, the ice rink) are not counted by
    /// the weekend rules: otherwise they would fill every weekend they run.
    public var weekendRulesMaxDays: Int
    /// The city-dressing provision per year, in cents; a year without one has none (€ 0).
    public var cityDressingProvisionCents: [Int: Int64]

    public init(
        largeEventVisitors: Int, largeRegionalVisitors: Int? = nil, regionalWithoutVisitorsIsLarge: Bool = true,
        quietHour: ClockTime = ClockTime(hour: 23, minute: 0)!, quietUntil: ClockTime = ClockTime(hour: 7, minute: 0)!,
        maxEventsPerWeekend: Int, emptyWeekendMonths: ClosedRange<Int> = 4...10, weekendRulesMaxDays: Int = 7,
        cityDressingProvisionCents: [Int: Int64] = [:]
    ) {
        self.largeEventVisitors = largeEventVisitors
        self.largeRegionalVisitors = largeRegionalVisitors
        self.regionalWithoutVisitorsIsLarge = regionalWithoutVisitorsIsLarge
        self.quietHour = quietHour
        self.quietUntil = quietUntil
        self.maxEventsPerWeekend = maxEventsPerWeekend
        self.emptyWeekendMonths = emptyWeekendMonths
        self.weekendRulesMaxDays = weekendRulesMaxDays
        self.cityDressingProvisionCents = cityDressingProvisionCents
    }
}

/// The rules of the conflict warnings. Stored (in acknowledgements) as the raw value.
public enum ConflictRule: String, CaseIterable, Codable, Sendable {
    /// Two events at the same location at overlapping times.
    case sameLocation = "zelfde-plek"
    /// A large own event on the same day, or the same weekend, as a large regional event.
    case regionalEvent = "regionaal"
    /// An event near homes running into the night's rest.
    case quietHours = "nachtrust"
    /// More than the agreed number of events on one weekend.
    case busyWeekend = "druk-weekend"
    /// A weekend in the season without any event.
    case emptyWeekend = "leeg-weekend"
    /// A city-dressing request beyond the year's provision.
    case cityDressing = "city-dressing"

    public var label: String {
        switch self {
        case .sameLocation: "twee evenementen op dezelfde plek"
        case .regionalEvent: "groot evenement tegelijk met een groot regionaal evenement"
        case .quietHours: "evenement bij woningen in de nachtrust"
        case .busyWeekend: "druk weekend"
        case .emptyWeekend: "weekend zonder evenementen"
        case .cityDressing: "budget voor city dressing op"
        }
    }
}

/// What identifies a warning over time: its rule, the events involved and the day. A coordinator's
/// acknowledgement is stored under this key and still matches after a recalculation, as long as the same
/// rule finds the same events on the same day. When an event moves to another day, or another event
/// joins a busy weekend, the key changes and the warning asks for attention again.
public struct ConflictKey: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rule: ConflictRule
    /// Sorted, without repeats.
    public let eventIDs: [String]
    public let day: Day

    public init(rule: ConflictRule, eventIDs: [String], day: Day) {
        self.rule = rule
        self.eventIDs = Array(Set(eventIDs)).sorted()
        self.day = day
    }

    /// "zelfde-plek|2019-06-29|id1,id2"; "%", "|" and "," inside an id are percent-encoded.
    public var description: String {
        "\(rule.rawValue)|\(day)|\(eventIDs.map(Self.escape).joined(separator: ","))"
    }

    public init?(parsing text: String) {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let rule = ConflictRule(rawValue: parts[0]), let day = Day(parsing: parts[1])
        else { return nil }
        var ids: [String] = []
        for part in parts[2].split(separator: ",") {
            guard let id = String(part).removingPercentEncoding else { return nil }
            ids.append(id)
        }
        self.init(rule: rule, eventIDs: ids, day: day)
    }

    static func escape(_ id: String) -> String {
        id.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "|", with: "%7C")
            .replacingOccurrences(of: ",", with: "%2C")
    }

    /// By day, then rule (in the order of `ConflictRule.allCases`), then events.
    public static func < (lhs: ConflictKey, rhs: ConflictKey) -> Bool {
        if lhs.day != rhs.day { return lhs.day < rhs.day }
        let l = ConflictRule.allCases.firstIndex(of: lhs.rule)!
        let r = ConflictRule.allCases.firstIndex(of: rhs.rule)!
        if l != r { return l < r }
        return lhs.eventIDs.lexicographicallyPrecedes(rhs.eventIDs)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let key = ConflictKey(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "geen conflictsleutel: \(text)"))
        }
        self = key
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A warning: it never blocks saving, it says why in Dutch.
public struct ConflictWarning: Hashable, Sendable, Identifiable {
    public var key: ConflictKey
    /// Why, in Dutch, naming the events, places, times or amounts.
    public var explanation: String

    public init(key: ConflictKey, explanation: String) {
        self.key = key
        self.explanation = explanation
    }

    public var rule: ConflictRule { key.rule }
    public var eventIDs: [String] { key.eventIDs }
    public var day: Day { key.day }
    public var id: String { key.description }

    public func involves(_ eventID: String) -> Bool { key.eventIDs.contains(eventID) }
}

/// A coordinator's "I know, and this is why": stored with the warning's key, in the audit trail.
public struct ConflictAcknowledgement: Hashable, Codable, Sendable {
    public var key: ConflictKey
    public var reason: String

    /// A reason is required: the acknowledgement says what the coordinator knows that the rules do not.
    public static func validate(key: ConflictKey, reason: String?) throws(InvalidInput) -> ConflictAcknowledgement {
        guard let text = reason.nonBlank else {
            throw InvalidInput([
                FieldProblem(field: "reden", message: "geef een reden: waarom is deze waarschuwing geen bezwaar?")
            ])
        }
        if let problem = TextRules.problem(field: "reden", text, limit: 1000) { throw InvalidInput([problem]) }
        return ConflictAcknowledgement(key: key, reason: text)
    }

    public func matches(_ warning: ConflictWarning) -> Bool { warning.key == key }
}
