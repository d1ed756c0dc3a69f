import Foundation

/// Writing and reading iCalendar feeds (RFC 5545). Pure: no I/O, the caller brings the clock and the bytes.
public enum ICalFeed {
    static let productID = "-//Stadshart//Evenementen//NL"

    /// A complete VCALENDAR with `events`, for calendar apps to subscribe to: PRODID, VERSION 2.0, METHOD
    /// PUBLISH, the name as X-WR-CALNAME, one VTIMEZONE for Europe/Amsterdam, and a VEVENT per event with
    /// `now` as DTSTAMP. Timed events are written as local times with `TZID=Europe/Amsterdam` (their
    /// recurrence then runs on Amsterdam's clock), all-day events as `VALUE=DATE` with an exclusive DTEND.
    /// Lines end in CR LF and are folded at 75 octets without splitting a UTF-8 character. An event whose
    /// times fall outside the years 1900–2999 is left out.
    public static func encode(name: String, events: [ICalEvent], now: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "PRODID:\(productID)",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:\(ICalText.escape(name))",
            "X-WR-TIMEZONE:Europe/Amsterdam",
        ]
        lines += amsterdamTimeZone
        let stamp = ICalText.utc(now)
        for event in events {
            if let eventLines = self.lines(of: event, stamp: stamp) { lines += eventLines }
        }
        lines.append("END:VCALENDAR")
        return lines.flatMap(ICalText.fold).map { $0 + "\r\n" }.joined()
    }

    /// Europe/Amsterdam as the EU rule has it since 1996: summer time from the last Sunday of March,
    /// 02:00, to the last Sunday of October, 03:00.
    static let amsterdamTimeZone = [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Amsterdam",
        "X-LIC-LOCATION:Europe/Amsterdam",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19810329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19961027T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]

    private static func lines(of event: ICalEvent, stamp: String) -> [String]? {
        let zone = ICalZone.amsterdam
        var lines = ["BEGIN:VEVENT", "UID:\(ICalText.escape(event.uid))", "DTSTAMP:\(stamp)"]
        lines.append("SEQUENCE:\(max(0, event.sequence))")
        let allDay: Bool
        var startTime: ICalLocalTime?
        switch event.time {
        case .allDay(let first, let last):
            allDay = true
            guard let end = ICalZone.day(ordinal: max(last.ordinal, first.ordinal) + 1) else { return nil }
            lines.append("DTSTART;VALUE=DATE:\(ICalText.date(first))")
            lines.append("DTEND;VALUE=DATE:\(ICalText.date(end))")
        case .timed(let start, let end):
            allDay = false
            guard let startLocal = ICalLocalTime(start, in: zone), let endDate = timeValue(max(start, end))
            else { return nil }
            startTime = startLocal
            lines.append("DTSTART\(timeValue(start) ?? "")")
            lines.append("DTEND\(endDate)")
        }
        if let recurrenceID = event.recurrenceID,
            let value = instanceValue(recurrenceID, of: event, allDay: allDay, startTime: startTime)
        {
            lines.append("RECURRENCE-ID\(value)")
        }
        lines.append("SUMMARY:\(ICalText.escape(event.summary))")
        if !event.description.isEmpty { lines.append("DESCRIPTION:\(ICalText.escape(event.description))") }
        if !event.location.isEmpty { lines.append("LOCATION:\(ICalText.escape(event.location))") }
        if let url = event.url, !url.isEmpty {
            lines.append("URL:" + String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.value >= 0x20 })))
        }
        let categories = event.categories.filter { !$0.isEmpty }
        if !categories.isEmpty { lines.append("CATEGORIES:" + categories.map(ICalText.escape).joined(separator: ",")) }
        lines.append("STATUS:\(event.status.rawValue)")
        if let lastModified = event.lastModified { lines.append("LAST-MODIFIED:\(ICalText.utc(lastModified))") }
        if let recurrence = event.recurrence {
            lines.append("RRULE:\(recurrence.rruleValue(allDay: allDay, timeZone: zone))")
            let values = event.exceptions.sorted().compactMap {
                instanceValue($0, of: event, allDay: allDay, startTime: startTime)
            }
            if !values.isEmpty {
                // One EXDATE line with a list: the parameters are the same for all.
                let parameters = values[0].prefix { $0 != ":" }
                let list = values.map { $0.drop { $0 != ":" }.dropFirst() }.joined(separator: ",")
                if values.allSatisfy({ $0.hasPrefix(parameters + ":") }) {
                    lines.append("EXDATE\(parameters):\(list)")
                } else {
                    lines += values.map { "EXDATE\($0)" }
                }
            }
        }
        lines.append("END:VEVENT")
        return lines
    }

    /// `;TZID=Europe/Amsterdam:20190615T140000`, or `:20191027T013000Z` for the one hour a year whose local
    /// time is ambiguous (the second 02:00–03:00 the night the clocks go back), so it is not read as the first.
    private static func timeValue(_ instant: Date) -> String? {
        guard let local = ICalLocalTime(instant, in: ICalZone.amsterdam) else { return nil }
        if Int(local.instant(in: ICalZone.amsterdam).timeIntervalSince1970)
            == Int(instant.timeIntervalSince1970.rounded(.down))
        {
            return ";TZID=Europe/Amsterdam:\(ICalText.local(local))"
        }
        return ":\(ICalText.utc(instant))"
    }

    /// An EXDATE or RECURRENCE-ID value with its parameters, in the form of the event's DTSTART.
    private static func instanceValue(
        _ value: ICalDateOrTime, of event: ICalEvent, allDay: Bool, startTime: ICalLocalTime?
    ) -> String? {
        if allDay { return ";VALUE=DATE:\(ICalText.date(value.day))" }
        guard let startTime else { return nil }
        switch value {
        case .time(let time):
            return timeValue(time.instant(in: event.timeZone))
        case .day(let day):
            // A day excludes the occurrence that starts on it, at the event's own time of day.
            let local = ICalLocalTime(
                day: day, hour: startTime.hour, minute: startTime.minute, second: startTime.second)
            return local.map { ";TZID=Europe/Amsterdam:\(ICalText.local($0))" }
        }
    }
}
