import Foundation

/// A business's weekly opening hours, read from the register's texts per day ("ma" … "zo", as
/// `BusinessCSV.days`): "10:00-18:00", "gesloten" (or empty, or null in the stored JSON), and also
/// split hours "09:00-12:00,13:00-17:30" and hours past midnight "16:00-03:00" (closing at 03:00 the next
/// night, as the demo's night-life writes them). Times are read by the register's own rules
/// (`CSVFile.minutes`: "9:00" or "09:00", up to "24:00", en dash accepted).
public struct OpeningHours: Hashable, Sendable {
    public enum Weekday: Int, CaseIterable, Comparable, Sendable {
        case monday, tuesday, wednesday, thursday, friday, saturday, sunday

        /// "ma" … "zo": the register's column and key.
        public var code: String { CentreTime.weekdayCodes[rawValue] }
        /// "maandag" … "zondag".
        public var name: String { CentreTime.weekdayNames[rawValue] }

        public init?(code: String) {
            guard let index = CentreTime.weekdayCodes.firstIndex(of: code.lowercased()) else { return nil }
            self.init(rawValue: index)
        }

        /// The local weekday of a day.
        public init(_ day: Day) { self.init(rawValue: CentreTime.weekdayIndex(of: day))! }

        public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    static let minutesPerDay = 24 * 60
    static let minutesPerWeek = 7 * minutesPerDay

    /// Per weekday, Monday first, the opening spans in minutes since that day's midnight, sorted;
    /// an end past 24 × 60 closes the next night.
    public let spans: [[Range<Int>]]
    /// The same spans on one week's clock (minute 0 is Monday 00:00), merged, Sunday night wrapping to Monday.
    let week: [Range<Int>]

    public init(spans: [Weekday: [Range<Int>]]) {
        let perDay = Weekday.allCases.map { (spans[$0] ?? []).sorted { $0.lowerBound < $1.lowerBound } }
        self.spans = perDay
        var pieces: [Range<Int>] = []
        for (index, daySpans) in perDay.enumerated() {
            for span in daySpans where !span.isEmpty {
                let start = index * Self.minutesPerDay + span.lowerBound
                let end = index * Self.minutesPerDay + span.upperBound
                if end <= Self.minutesPerWeek {
                    pieces.append(start..<end)
                } else {
                    pieces.append(start..<Self.minutesPerWeek)
                    pieces.append(0..<(end - Self.minutesPerWeek))
                }
            }
        }
        var merged: [Range<Int>] = []
        for piece in pieces.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, piece.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, piece.upperBound)
            } else {
                merged.append(piece)
            }
        }
        week = merged
    }

    /// Closed all week: in the register this means "hours not given", and such a business is left out of
    /// the shares.
    public var isEmpty: Bool { week.isEmpty }

    // MARK: reading

    /// The register's texts by day code; a day not given is closed. Every problem at once, by day.
    public static func parse(_ texts: [String: String?]) throws(InvalidInput) -> OpeningHours {
        var problems: [FieldProblem] = []
        for code in texts.keys.sorted() where Weekday(code: code) == nil {
            problems.append(
                FieldProblem(field: code, message: "'\(code)' is geen dag; dagen zijn ma di wo do vr za zo"))
        }
        var spans: [Weekday: [Range<Int>]] = [:]
        for day in Weekday.allCases {
            let text = texts.first { $0.key.lowercased() == day.code }?.value ?? nil
            switch parseDay(text ?? "", field: day.code) {
            case .success(let daySpans): spans[day] = daySpans
            case .failure(let problem): problems.append(problem)
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return OpeningHours(spans: spans)
    }

    /// The register's stored JSON: `{"ma": "10:00-18:00", "zo": null}`.
    public static func parse(json: String) throws(InvalidInput) -> OpeningHours {
        guard let texts = try? JSONDecoder().decode([String: String?].self, from: Data(json.utf8)) else {
            throw InvalidInput([FieldProblem(field: "openingstijden", message: "geen openingstijden per dag")])
        }
        return try parse(texts)
    }

    /// One day's text: the spans, or the Dutch problem.
    public static func parseDay(_ text: String, field: String) -> Result<[Range<Int>], FieldProblem> {
        let trimmed = text.trimmed
        if trimmed.isEmpty || trimmed.lowercased() == "gesloten" { return .success([]) }
        func problem(_ message: String) -> Result<[Range<Int>], FieldProblem> {
            .failure(FieldProblem(field: field, message: message))
        }
        var spans: [Range<Int>] = []
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let times = part.replacingOccurrences(of: "–", with: "-").split(
                separator: "-", omittingEmptySubsequences: false
            )
            .map { CSVFile.minutes(String($0).trimmed) }
            guard times.count == 2, let start = times[0], let end = times[1], start < minutesPerDay else {
                return problem(
                    "'\(trimmed)' is geen openingstijd zoals 10:00-18:00, 09:00-12:00,13:00-17:30 of gesloten")
            }
            guard end != start else {
                return problem("'\(String(part).trimmed)': openen en sluiten op hetzelfde moment")
            }
            // A closing time before the opening time is in the night after.
            spans.append(start..<(end > start ? end : end + minutesPerDay))
        }
        spans.sort { $0.lowerBound < $1.lowerBound }
        for (earlier, later) in zip(spans, spans.dropFirst()) where later.lowerBound < earlier.upperBound {
            return problem("'\(trimmed)': de tijden overlappen elkaar")
        }
        return .success(spans)
    }

    /// The texts back, by day code, as the register stores them: nil when closed.
    public var texts: [String: String?] {
        var out: [String: String?] = [:]
        for day in Weekday.allCases {
            let daySpans = spans[day.rawValue]
            out[day.code] =
                daySpans.isEmpty
                ? String?.none
                : daySpans.map { span in
                    let end =
                        span.upperBound > Self.minutesPerDay ? span.upperBound - Self.minutesPerDay : span.upperBound
                    return "\(CSVFile.clock(span.lowerBound))-\(CSVFile.clock(end))"
                }
                .joined(separator: ",")
        }
        return out
    }

    // MARK: asking

    /// Open at this minute (0 ..< 1440) of the weekday, including the night after the day before.
    public func isOpen(_ weekday: Weekday, minute: Int) -> Bool {
        let at = weekday.rawValue * Self.minutesPerDay + minute
        return week.contains { $0.contains(at) }
    }

    /// Open for the whole hour starting at `hour` (0–23) of the weekday: a shop closing at 17:30 is not
    /// open in the hour 17:00–18:00. This makes "open from 10:00 to 17:00" a promise a visitor can rely on.
    public func isOpenWholeHour(_ weekday: Weekday, hour: Int) -> Bool {
        let start = weekday.rawValue * Self.minutesPerDay + hour * 60
        return week.contains { $0.lowerBound <= start && start + 60 <= $0.upperBound }
    }

    /// Open at an instant, read on the clock of Europe/Amsterdam.
    public func isOpen(at instant: Date) -> Bool {
        let local = CentreTime.local(instant)
        return isOpen(Weekday(local.day), minute: local.minute)
    }
}

/// A business with its street and weekly hours: what the opening-hours page and "what is open" need.
public struct BusinessHours: Hashable, Sendable {
    public var id: String
    public var name: String
    public var street: String
    public var hours: OpeningHours

    public init(id: String, name: String, street: String, hours: OpeningHours) {
        self.id = id
        self.name = name
        self.street = street
        self.hours = hours
    }

    /// "What is open": the businesses open at an instant (Europe/Amsterdam), by the register's weekly hours,
    /// sorted by name. Holidays and extra openings (a koopzondag) are not in the register's hours.
    public static func open(_ businesses: [BusinessHours], at instant: Date) -> [BusinessHours] {
        let local = CentreTime.local(instant)
        let weekday = OpeningHours.Weekday(local.day)
        return businesses.filter { $0.hours.isOpen(weekday, minute: local.minute) }
            .sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }
}

/// Per street and per hour of the week (7 × 24, Monday 00:00 first), how many of the street's businesses
/// are open for that whole hour. Businesses without any opening hours are left out (their hours are
/// not known), and counted apart.
public struct OpeningShare: Sendable {
    public struct Counts: Hashable, Sendable {
        /// Businesses with opening hours.
        public var businesses: Int
        /// Per hour of the week (weekday × 24 + hour), the businesses open the whole hour.
        public var open: [Int]

        /// The share open in that hour, 0...1; nil without businesses.
        public func share(_ weekday: OpeningHours.Weekday, hour: Int) -> Double? {
            guard businesses > 0 else { return nil }
            return Double(open[weekday.rawValue * 24 + hour]) / Double(businesses)
        }

        /// The weekday's 24 counts, hour 0 first.
        public func open(on weekday: OpeningHours.Weekday) -> ArraySlice<Int> {
            open[(weekday.rawValue * 24)..<(weekday.rawValue * 24 + 24)]
        }

        /// The hours (0–23) of the weekday in which at least one business is open the whole hour: the
        /// hours worth showing, night hours after a late Saturday included.
        public func hoursWithAnyOpen(on weekday: OpeningHours.Weekday) -> [Int] {
            (0..<24).filter { open[weekday.rawValue * 24 + $0] > 0 }
        }
    }

    /// By street.
    public let streets: [String: Counts]
    /// All the businesses given together: "the core" when the caller gives the kernwinkelgebied's businesses.
    public let all: Counts
    /// Businesses left out because the register gives no hours for them.
    public let withoutHours: Int

    public init(_ businesses: [BusinessHours]) {
        var streets: [String: Counts] = [:]
        var all = Counts(businesses: 0, open: Array(repeating: 0, count: 7 * 24))
        var withoutHours = 0
        for business in businesses {
            guard !business.hours.isEmpty else {
                withoutHours += 1
                continue
            }
            var street = streets[business.street] ?? Counts(businesses: 0, open: Array(repeating: 0, count: 7 * 24))
            street.businesses += 1
            all.businesses += 1
            for weekday in OpeningHours.Weekday.allCases {
                for hour in 0..<24 where business.hours.isOpenWholeHour(weekday, hour: hour) {
                    street.open[weekday.rawValue * 24 + hour] += 1
                    all.open[weekday.rawValue * 24 + hour] += 1
                }
            }
            streets[business.street] = street
        }
        self.streets = streets
        self.all = all
        self.withoutHours = withoutHours
    }

    /// The street names, sorted.
    public var streetNames: [String] { streets.keys.sorted() }

    /// Per weekday, the hours (as ranges of whole hours, 10..<17) in which at least `threshold` of the
    /// businesses (of `street`, or of all) are open the whole hour.
    public func mostlyOpen(threshold: Double = 0.5, street: String? = nil) -> [OpeningHours.Weekday: [Range<Int>]] {
        let counts =
            street.map { streets[$0] ?? Counts(businesses: 0, open: Array(repeating: 0, count: 7 * 24)) } ?? all
        var out: [OpeningHours.Weekday: [Range<Int>]] = [:]
        for weekday in OpeningHours.Weekday.allCases {
            var runs: [Range<Int>] = []
            for hour in 0..<24 {
                guard let share = counts.share(weekday, hour: hour), share >= threshold else { continue }
                if let last = runs.last, last.upperBound == hour {
                    runs[runs.count - 1] = last.lowerBound..<(hour + 1)
                } else {
                    runs.append(hour..<(hour + 1))
                }
            }
            if !runs.isEmpty { out[weekday] = runs }
        }
        return out
    }

    /// The hours at which most are open as Dutch text: "ma–za 10:00–17:00", or with differing days
    /// "ma–wo, vr–za 10:00–17:00; do 10:00–21:00". "op geen enkel uur" when there are none.
    public func mostlyOpenText(threshold: Double = 0.5, street: String? = nil) -> String {
        Self.text(mostlyOpen(threshold: threshold, street: street))
    }

    static func text(_ hours: [OpeningHours.Weekday: [Range<Int>]]) -> String {
        var groups: [(hours: String, days: [OpeningHours.Weekday])] = []
        for weekday in OpeningHours.Weekday.allCases {
            guard let runs = hours[weekday] else { continue }
            let text = hoursText(runs)
            if let index = groups.firstIndex(where: { $0.hours == text }) {
                groups[index].days.append(weekday)
            } else {
                groups.append((text, [weekday]))
            }
        }
        if groups.isEmpty { return "op geen enkel uur" }
        return groups.map { "\(daysText($0.days)) \($0.hours)" }.joined(separator: "; ")
    }

    /// One day's runs of whole hours as clock times: "10:00–17:00", "10:00–12:00, 13:00–17:00"; a run to
    /// the end of the day ends at "24:00". Empty without runs.
    public static func hoursText(_ runs: [Range<Int>]) -> String {
        runs.map { "\(clock(hour: $0.lowerBound))–\(clock(hour: $0.upperBound))" }.joined(separator: ", ")
    }

    /// "09:00" for hour 9, "24:00" for the end of the day.
    public static func clock(hour: Int) -> String { CSVFile.clock(hour * 60) }

    /// "ma–za", "ma, wo", "ma–wo, vr–za": runs of following days with a dash.
    static func daysText(_ days: [OpeningHours.Weekday]) -> String {
        var runs: [[OpeningHours.Weekday]] = []
        for day in days {
            if let last = runs.last?.last, last.rawValue + 1 == day.rawValue {
                runs[runs.count - 1].append(day)
            } else {
                runs.append([day])
            }
        }
        return runs.map { $0.count == 1 ? $0[0].code : "\($0.first!.code)–\($0.last!.code)" }.joined(separator: ", ")
    }
}
