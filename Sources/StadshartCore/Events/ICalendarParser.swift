import Foundation

/// One thing wrong with a feed, at a line of the file as it was (before unfolding), in Dutch.
public struct ICalProblem: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// "regel 14: DTSTART '2019-13-01' is geen datum".
    public var description: String { "regel \(line): \(message)" }
}

/// Why a feed was refused. It lists every problem found in one pass (sorted by line, at most
/// `ICalParseError.problemLimit` of them, the last one saying how many more there were); a feed with any
/// problem gives no events at all.
public struct ICalParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public static let problemLimit = 50

    public var problems: [ICalProblem]

    public init(problems: [ICalProblem]) {
        self.problems = problems
    }

    /// One problem a line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

extension ICalFeed {
    /// Reads a feed from its raw bytes: use this for files and downloads, since real feeds fold lines in the
    /// middle of a UTF-8 character and that can only be undone before the bytes are decoded.
    ///
    /// Accepts: one or more VCALENDARs; CR LF or LF line ends, folded with a space or a tab; parameters,
    /// quoted or not; TEXT escapes; DTSTART/DTEND as `20190615T140000Z`, with a TZID (any `TimeZone` name,
    /// the Windows names Outlook writes, see `ICalZone.resolve`), floating (read as Europe/Amsterdam) or
    /// `VALUE=DATE` (an eight-digit value is a date even without VALUE); DURATION instead of DTEND (days are
    /// counted on the clock, hours exactly); no DTEND (a timed event then lasts no time, an all-day event
    /// one day); STATUS (also `CANCELED`); one RRULE (see `Recurrence.init(parsing:timeZone:)`); EXDATE on
    /// several lines or as comma lists, with TZID, `Z` or VALUE=DATE; RECURRENCE-ID overrides, returned as
    /// separate events with the same UID (RANGE is ignored). VTIMEZONE, VALARM, VTODO, VJOURNAL and other
    /// components, and unknown properties, are skipped. When the same UID (and RECURRENCE-ID) occurs twice,
    /// the one with the higher SEQUENCE is kept, on a tie the later one.
    ///
    /// Refuses, naming the line: text that is not UTF-8, lines without a name and a colon, BEGIN/END that do
    /// not pair up, a VEVENT without UID or DTSTART, dates and times that do not exist, an unknown TZID,
    /// DTEND before DTSTART, DTEND and DURATION together, a start that is a date with an end that is a time,
    /// an RRULE it cannot expand faithfully, RDATE and EXRULE, a SEQUENCE or STATUS it cannot read.
    public static func parse(_ data: some Collection<UInt8>) throws(ICalParseError) -> ICalCalendar {
        var parser = ICalParser()
        return try parser.parse(ICalText.unfold(data))
    }

    /// Reads a feed that is already a `String`. A character split by folding is already lost in a
    /// `String` that was decoded from such bytes: prefer `parse(_:)` with the bytes.
    public static func parse(_ text: String) throws(ICalParseError) -> ICalCalendar {
        try parse(Array(text.utf8))
    }
}

/// One unfolded content line: `NAME;PARAM=VALUE:value`.
struct ICalContentLine {
    var number: Int
    var name: String
    var parameters: [String: [String]]
    var value: String

    func parameter(_ name: String) -> String? {
        parameters[name]?.first
    }
}

private struct ICalParser {
    var problems: [ICalProblem] = []
    var events: [(event: ICalEvent, line: Int)] = []
    var calendarName: String?

    mutating func problem(_ line: Int, _ message: String) {
        problems.append(ICalProblem(line: line, message: message))
    }

    mutating func parse(_ lines: [(number: Int, bytes: [UInt8])]) throws(ICalParseError) -> ICalCalendar {
        var stack: [(name: String, line: Int)] = []
        var eventLines: [ICalContentLine] = []
        var sawCalendar = false
        for raw in lines {
            guard let text = String(validating: raw.bytes, as: UTF8.self) else {
                problem(raw.number, "tekst is geen geldige UTF-8")
                continue
            }
            guard let line = Self.contentLine(text, number: raw.number) else {
                let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
                problem(raw.number, "'\(shown)' is geen iCalendar-regel (NAAM:waarde verwacht)")
                continue
            }
            switch line.name {
            case "BEGIN":
                let component = line.value.trimmingCharacters(in: .whitespaces).uppercased()
                if stack.isEmpty && component != "VCALENDAR" {
                    problem(line.number, "BEGIN:\(component) buiten BEGIN:VCALENDAR")
                }
                if component == "VCALENDAR" {
                    if !stack.isEmpty { problem(line.number, "BEGIN:VCALENDAR binnen \(stack.last!.name)") }
                    sawCalendar = true
                }
                if component == "VEVENT" { eventLines = [] }
                stack.append((component, line.number))
            case "END":
                let component = line.value.trimmingCharacters(in: .whitespaces).uppercased()
                guard let index = stack.lastIndex(where: { $0.name == component }) else {
                    problem(line.number, "END:\(component) zonder BEGIN:\(component)")
                    continue
                }
                for open in stack[(index + 1)...] {
                    problem(open.line, "BEGIN:\(open.name) zonder END:\(open.name)")
                }
                let closesEvent =
                    index == stack.count - 1 && component == "VEVENT"
                    && stack.count == 2 && stack[0].name == "VCALENDAR"
                let begin = stack[index].line
                stack.removeSubrange(index...)
                if closesEvent { event(from: eventLines, beginLine: begin) }
            default:
                guard let current = stack.last else {
                    problem(line.number, "\(line.name) buiten BEGIN:VCALENDAR … END:VCALENDAR")
                    continue
                }
                if current.name == "VEVENT" && stack.count == 2 {
                    eventLines.append(line)
                } else if current.name == "VCALENDAR" && stack.count == 1 {
                    if calendarName == nil && (line.name == "X-WR-CALNAME" || line.name == "NAME") {
                        calendarName = ICalText.unescape(line.value)
                    }
                }
            }
        }
        for open in stack {
            problem(open.line, "BEGIN:\(open.name) zonder END:\(open.name)")
        }
        if !sawCalendar && problems.isEmpty {
            problem(lines.first?.number ?? 1, "geen iCalendar-bestand: BEGIN:VCALENDAR ontbreekt")
        }
        guard problems.isEmpty else {
            var sorted = problems.sorted { ($0.line, $0.message) < ($1.line, $1.message) }
            if sorted.count > ICalParseError.problemLimit {
                let more = sorted.count - (ICalParseError.problemLimit - 1)
                sorted = Array(sorted.prefix(ICalParseError.problemLimit - 1))
                sorted.append(ICalProblem(line: sorted.last!.line, message: "en nog \(more) problemen"))
            }
            throw ICalParseError(problems: sorted)
        }
        return ICalCalendar(name: calendarName, events: deduplicated())
    }

    /// Keeps one event per UID and RECURRENCE-ID: the highest SEQUENCE, on a tie the later one.
    func deduplicated() -> [ICalEvent] {
        struct Key: Hashable {
            var uid: String
            var recurrenceID: ICalDateOrTime?
        }
        var chosen: [Key: Int] = [:]
        for (index, entry) in events.enumerated() {
            let key = Key(uid: entry.event.uid, recurrenceID: entry.event.recurrenceID)
            if let previous = chosen[key], events[previous].event.sequence > entry.event.sequence { continue }
            chosen[key] = index
        }
        let kept = Set(chosen.values)
        return events.indices.filter { kept.contains($0) }.map { events[$0].event }
    }

    // MARK: Content lines

    /// Splits `NAME;P1=a,"b;c":value`; nil when there is no valid name or no colon.
    static func contentLine(_ text: String, number: Int) -> ICalContentLine? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func isNameScalar(_ s: Unicode.Scalar) -> Bool {
            ("A"..."Z").contains(s) || ("a"..."z").contains(s)
                || ("0"..."9").contains(s) || s == "-" || s == "_"
        }
        func read(while condition: (Unicode.Scalar) -> Bool) -> String {
            var result = ""
            while index < scalars.count, condition(scalars[index]) {
                result.unicodeScalars.append(scalars[index])
                index += 1
            }
            return result
        }
        let name = read(while: isNameScalar).uppercased()
        guard !name.isEmpty else { return nil }
        var parameters: [String: [String]] = [:]
        while index < scalars.count, scalars[index] == ";" {
            index += 1
            let parameterName = read(while: isNameScalar).uppercased()
            guard !parameterName.isEmpty, index < scalars.count, scalars[index] == "=" else { return nil }
            index += 1
            var values: [String] = []
            repeat {
                if index < scalars.count, scalars[index] == "\"" {
                    index += 1
                    values.append(read { $0 != "\"" })
                    guard index < scalars.count else { return nil }
                    index += 1
                } else {
                    values.append(read { $0 != "," && $0 != ";" && $0 != ":" })
                }
                guard index < scalars.count else { return nil }
                if scalars[index] == "," { index += 1 } else { break }
            } while true
            parameters[parameterName, default: []] += values
        }
        guard index < scalars.count, scalars[index] == ":" else { return nil }
        index += 1
        var value = ""
        value.unicodeScalars.append(contentsOf: scalars[index...])
        return ICalContentLine(number: number, name: name, parameters: parameters, value: value)
    }

    // MARK: Events

    /// A DTSTART, DTEND, EXDATE or RECURRENCE-ID value as read: a day, an instant, or a wall-clock time
    /// in a zone.
    enum Moment {
        case day(Day)
        case instant(Date, TimeZone)
        case local(ICalLocalTime, TimeZone)

        var isDay: Bool {
            if case .day = self { return true }
            return false
        }

        func instant() -> Date? {
            switch self {
            case .day: return nil
            case .instant(let date, _): return date
            case .local(let time, let zone): return time.instant(in: zone)
            }
        }
    }

    /// Reads the values of a date property; adds a problem and returns nil when one is wrong.
    mutating func moments(_ line: ICalContentLine) -> [Moment]? {
        var zone = ICalZone.amsterdam
        if let tzid = line.parameter("TZID") {
            guard let resolved = ICalZone.resolve(tzid) else {
                problem(line.number, "onbekende tijdzone '\(tzid)' bij \(line.name)")
                return nil
            }
            zone = resolved
        }
        let wantsDay = line.parameter("VALUE")?.uppercased() == "DATE"
        var result: [Moment] = []
        for text in line.value.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            switch ICalText.dateOrTime(text) {
            case .day(let day)?:
                result.append(.day(day))
            case .utc(let time)? where !wantsDay:
                result.append(.instant(time.instant(in: ICalZone.utc), ICalZone.utc))
            case .floating(let time)? where !wantsDay:
                result.append(.local(time, zone))
            default:
                let kind = wantsDay || !text.contains(where: { $0 == "T" || $0 == "t" }) ? "datum" : "tijdstip"
                problem(line.number, "\(line.name) '\(text)' is geen \(kind)")
                return nil
            }
        }
        if result.isEmpty && line.name != "EXDATE" {
            problem(line.number, "\(line.name) zonder waarde")
            return nil
        }
        return result
    }

    /// How an EXDATE or RECURRENCE-ID value names an instance of an event in `zone`.
    func instance(_ moment: Moment, allDay: Bool, zone: TimeZone) -> ICalDateOrTime? {
        switch moment {
        case .day(let day):
            return .day(day)
        case .local(let time, let timeZone) where timeZone == zone:
            return allDay ? .day(time.day) : .time(time)
        case .local, .instant:
            guard let local = moment.instant().flatMap({ ICalLocalTime($0, in: zone) }) else { return nil }
            return allDay ? .day(local.day) : .time(local)
        }
    }

    mutating func event(from lines: [ICalContentLine], beginLine: Int) {
        let before = problems.count
        var single: [String: ICalContentLine] = [:]
        var categories: [String] = []
        var exdates: [ICalContentLine] = []
        for line in lines {
            switch line.name {
            case "UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RECURRENCE-ID":
                if let first = single[line.name] {
                    problem(line.number, "\(line.name) staat twee keer in deze VEVENT (eerst op regel \(first.number))")
                } else {
                    single[line.name] = line
                }
            case "CATEGORIES":
                categories += ICalText.splitList(line.value).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
            case "EXDATE":
                exdates.append(line)
            case "RDATE", "EXRULE":
                problem(line.number, "\(line.name) wordt niet ondersteund")
            default:
                if single[line.name] == nil { single[line.name] = line }
            }
        }
        let uid = single["UID"].map { ICalText.unescape($0.value).trimmingCharacters(in: .whitespaces) } ?? ""
        if uid.isEmpty { problem(beginLine, "VEVENT zonder UID") }
        guard let startLine = single["DTSTART"] else {
            problem(beginLine, "VEVENT zonder DTSTART")
            return
        }
        guard let start = moments(startLine)?.first else { return }

        var sequence = 0
        if let line = single["SEQUENCE"] {
            if let n = Int(line.value.trimmingCharacters(in: .whitespaces)), n >= 0 {
                sequence = n
            } else {
                problem(line.number, "SEQUENCE '\(line.value)' is geen geheel getal van 0 of meer")
            }
        }
        var status = ICalStatus.confirmed
        if let line = single["STATUS"] {
            let value = line.value.trimmingCharacters(in: .whitespaces).uppercased()
            if value == "CANCELED" {
                status = .cancelled
            } else if let known = ICalStatus(rawValue: value) {
                status = known
            } else if !value.isEmpty {
                problem(line.number, "STATUS '\(line.value)' is onbekend (CONFIRMED, TENTATIVE of CANCELLED)")
            }
        }
        var lastModified: Date?
        if let line = single["LAST-MODIFIED"] {
            lastModified = moments(line)?.first?.instant()
        }

        if single["DTEND"] != nil, let line = single["DURATION"] {
            problem(line.number, "DTEND en DURATION samen in één VEVENT")
        }
        let zone: TimeZone
        switch start {
        case .local(_, let startZone): zone = startZone
        case .instant: zone = ICalZone.utc
        case .day: zone = ICalZone.amsterdam
        }
        let time = eventTime(start: start, zone: zone, end: single["DTEND"], duration: single["DURATION"])

        var recurrence: Recurrence?
        if let line = single["RRULE"] {
            do {
                recurrence = try Recurrence(parsing: line.value, timeZone: zone)
            } catch {
                problem(line.number, "RRULE: \(error.message)")
            }
        }
        var exceptions: [ICalDateOrTime] = []
        for line in exdates {
            guard let values = moments(line) else { continue }
            exceptions += values.compactMap { instance($0, allDay: start.isDay, zone: zone) }
        }
        var recurrenceID: ICalDateOrTime?
        if let line = single["RECURRENCE-ID"], let value = moments(line)?.first {
            recurrenceID = instance(value, allDay: start.isDay, zone: zone)
        }
        guard problems.count == before, let time else { return }

        func text(_ name: String) -> String {
            single[name].map { ICalText.unescape($0.value) } ?? ""
        }
        let url = single["URL"]?.value.trimmingCharacters(in: .whitespaces)
        let event = ICalEvent(
            uid: uid, recurrenceID: recurrenceID, sequence: sequence, summary: text("SUMMARY"),
            description: text("DESCRIPTION"), location: text("LOCATION"), url: url?.isEmpty == false ? url : nil,
            categories: categories, status: status, time: time, recurrence: recurrence, exceptions: exceptions,
            lastModified: lastModified, timeZone: zone, timeZoneID: startLine.parameter("TZID"))
        events.append((event, beginLine))
    }

    /// Start and end from DTSTART and DTEND or DURATION; nil (with a problem added) when they do not fit.
    mutating func eventTime(start: Moment, zone: TimeZone, end endLine: ICalContentLine?, duration: ICalContentLine?)
        -> ICalEventTime?
    {
        switch start {
        case .day(let first):
            var last = first
            if let line = endLine {
                guard let end = moments(line)?.first else { return nil }
                guard case .day(let endDay) = end else {
                    problem(line.number, "DTEND is een tijdstip, maar DTSTART een datum")
                    return nil
                }
                guard endDay >= first else {
                    problem(line.number, "DTEND '\(line.value)' ligt voor DTSTART")
                    return nil
                }
                // DTEND is exclusive; an end equal to the start is read as one day.
                last = endDay > first ? endDay.adding(days: -1) : first
            } else if let line = duration {
                guard let duration = ICalText.duration(line.value), !duration.negative else {
                    problem(line.number, "DURATION '\(line.value)' is geen (positieve) duur")
                    return nil
                }
                let days = max(1, duration.days + (duration.seconds + 86_399) / 86_400)
                guard let end = ICalZone.day(ordinal: first.ordinal + days - 1) else {
                    problem(line.number, "DURATION '\(line.value)' loopt voorbij het jaar 2999")
                    return nil
                }
                last = end
            }
            return .allDay(first: first, last: last)
        case .instant, .local:
            guard let startInstant = start.instant() else { return nil }
            var endInstant = startInstant
            if let line = endLine {
                guard let end = moments(line)?.first else { return nil }
                guard let instant = end.instant() else {
                    problem(line.number, "DTEND is een datum, maar DTSTART een tijdstip")
                    return nil
                }
                guard instant >= startInstant else {
                    problem(line.number, "DTEND '\(line.value)' ligt voor DTSTART")
                    return nil
                }
                endInstant = instant
            } else if let line = duration {
                guard let duration = ICalText.duration(line.value), !duration.negative,
                    let local = ICalLocalTime(startInstant, in: zone),
                    let later = ICalLocalTime(wallSeconds: local.wallSeconds + duration.days * 86_400)
                else {
                    problem(line.number, "DURATION '\(line.value)' is geen (positieve) duur")
                    return nil
                }
                // Days count on the clock (RFC 5545 3.3.6), hours, minutes and seconds exactly.
                endInstant = later.instant(in: zone).addingTimeInterval(Double(duration.seconds))
            }
            return .timed(start: startInstant, end: endInstant)
        }
    }
}
