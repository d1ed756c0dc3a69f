/// A centre's own thresholds for the conflict rules, as the coordinator's form and the API send them.
/// Every member is optional: a missing one keeps the value it had (`base`).
public struct ConflictSettingsInput: Codable, Equatable, Sendable {
    /// An own event expecting at least this many visitors is large.
    public var largeEventVisitors: Int?
    /// More own events than this on one weekend is busy.
    public var maxEventsPerWeekend: Int?
    /// When the night's rest begins near homes, and when it ends ("23:00", "07:00").
    public var quietHour: String?
    public var quietUntil: String?
    /// The months (1–12) in which a weekend without any event is worth a warning.
    public var emptyWeekendFrom: Int?
    public var emptyWeekendThrough: Int?
    /// The provision for city dressing in every year, in whole euro cents.
    public var cityDressingCents: Int64?

    public init(
        largeEventVisitors: Int? = nil, maxEventsPerWeekend: Int? = nil, quietHour: String? = nil,
        quietUntil: String? = nil, emptyWeekendFrom: Int? = nil, emptyWeekendThrough: Int? = nil,
        cityDressingCents: Int64? = nil
    ) {
        self.largeEventVisitors = largeEventVisitors
        self.maxEventsPerWeekend = maxEventsPerWeekend
        self.quietHour = quietHour
        self.quietUntil = quietUntil
        self.emptyWeekendFrom = emptyWeekendFrom
        self.emptyWeekendThrough = emptyWeekendThrough
        self.cityDressingCents = cityDressingCents
    }

    /// A billion euros: beyond any centre's provision, and far from overflowing a sum of requests.
    public static let maxProvisionCents: Int64 = 100_000_000_000

    /// The settings as they are, for a form or a partial change to start from.
    public init(_ settings: ConflictSettings, year: Int) {
        self.init(
            largeEventVisitors: settings.largeEventVisitors, maxEventsPerWeekend: settings.maxEventsPerWeekend,
            quietHour: settings.quietHour.description, quietUntil: settings.quietUntil.description,
            emptyWeekendFrom: settings.emptyWeekendMonths.lowerBound,
            emptyWeekendThrough: settings.emptyWeekendMonths.upperBound,
            cityDressingCents: settings.cityDressingProvisionCents[year] ?? 0)
    }

    /// The checked settings laid over `base`; every problem at once, by field, in Dutch.
    public func validate(over base: ConflictSettings, years: ClosedRange<Int>) throws(InvalidInput)
        -> ConflictSettings
    {
        var problems: [FieldProblem] = []
        var settings = base
        func whole(_ value: Int?, _ field: String, _ range: ClosedRange<Int>, _ what: String) -> Int? {
            guard let value else { return nil }
            guard range.contains(value) else {
                problems.append(
                    FieldProblem(
                        field: field,
                        message:
                            "\(what): een heel getal van \(DutchNumber.count(range.lowerBound)) tot en met \(DutchNumber.count(range.upperBound))"
                    ))
                return nil
            }
            return value
        }
        if let visitors = whole(largeEventVisitors, "largeEventVisitors", 1...10_000_000, "bezoekers") {
            settings.largeEventVisitors = visitors
        }
        if let count = whole(maxEventsPerWeekend, "maxEventsPerWeekend", 1...1_000, "evenementen per weekend") {
            settings.maxEventsPerWeekend = count
        }
        func time(_ text: String?, _ field: String) -> ClockTime? {
            guard let text = text.nonBlank else { return nil }
            guard let time = ClockTime(parsing: text) else {
                problems.append(
                    FieldProblem(field: field, message: "'\(text)' is geen tijd; schrijf bijvoorbeeld 23:00"))
                return nil
            }
            return time
        }
        if let quiet = time(quietHour, "quietHour") { settings.quietHour = quiet }
        if let until = time(quietUntil, "quietUntil") { settings.quietUntil = until }
        let from = whole(emptyWeekendFrom, "emptyWeekendFrom", 1...12, "maand")
        let through = whole(emptyWeekendThrough, "emptyWeekendThrough", 1...12, "maand")
        let lower = from ?? base.emptyWeekendMonths.lowerBound
        let upper = through ?? base.emptyWeekendMonths.upperBound
        if upper < lower {
            problems.append(
                FieldProblem(field: "emptyWeekendThrough", message: "de laatste maand ligt vóór de eerste maand"))
        } else {
            settings.emptyWeekendMonths = lower...upper
        }
        if let cents = cityDressingCents {
            if cents < 0 || cents > Self.maxProvisionCents {
                problems.append(FieldProblem(field: "cityDressingCents", message: "een bedrag van € 0 of meer"))
            } else {
                settings.cityDressingProvisionCents = Dictionary(uniqueKeysWithValues: years.map { ($0, cents) })
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return settings
    }
}
