import Foundation
import Testing

@testable import StadshartCore

/// Writing feeds, reading them back, and reading the messy feeds regional calendars publish.
@Suite("iCalendar feeds")
struct ICalFeedTests {
    static func instant(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    static func day(_ text: String) -> Day {
        Day(parsing: text)!
    }

    static func local(_ day: String, _ hour: Int, _ minute: Int = 0) -> ICalLocalTime {
        ICalLocalTime(day: Self.day(day), hour: hour, minute: minute)!
    }

    static let now = instant("2019-05-01T10:00:00Z")

    static let events: [ICalEvent] = [
        ICalEvent(
            uid: "tt-festival-2019@assen.stadshart", sequence: 3, summary: "TT Festival; muziek, café & €5",
            description: "Drie dagen feest.\nMet een tweede regel, en \\ een backslash.", location: "Koopmansplein",
            url: "https://example.org/tt?x=1&y=2", categories: ["muziek", "groot, evenement"],
            time: .timed(start: instant("2019-06-27T16:00:00Z"), end: instant("2019-06-27T22:30:00Z")),
            lastModified: instant("2019-04-30T08:15:00Z")),
        ICalEvent(
            uid: "preuvenement-2019", summary: "Preuvenement", location: "Brink",
            time: .allDay(first: day("2019-08-22"), last: day("2019-08-22"))),
        ICalEvent(
            uid: "ijsbaan-2019", sequence: 1, summary: "IJsbaan op de Koopmansplein ⛸️", categories: ["winter"],
            time: .allDay(first: day("2019-12-13"), last: day("2020-01-05"))),
        ICalEvent(
            uid: "weekmarkt", summary: "Weekmarkt", location: "Markt",
            time: .timed(start: instant("2019-03-05T07:00:00Z"), end: instant("2019-03-05T12:00:00Z")),
            recurrence: Recurrence(frequency: .weekly, byDay: [.init(.tuesday)]),
            exceptions: [.time(local("2019-04-30", 8)), .time(local("2019-12-31", 8))]),
        ICalEvent(
            uid: "netwerkborrel", summary: "Binnenstadborrel",
            time: .allDay(first: day("2019-01-10"), last: day("2019-01-10")),
            recurrence: Recurrence(frequency: .monthly, count: 10, byDay: [.init(.thursday, ordinal: 2)]),
            exceptions: [.day(day("2019-07-11"))]),
        ICalEvent(
            uid: "koopzondag-afgelast", sequence: 2, summary: "Koopzondag", status: .cancelled,
            time: .timed(start: instant("2019-10-27T11:00:00Z"), end: instant("2019-10-27T16:00:00Z"))),
        ICalEvent(
            uid: "nachtfestival", summary: "Nacht van de klok", status: .tentative,
            time: .timed(start: instant("2019-10-26T21:00:00Z"), end: instant("2019-10-27T03:00:00Z")),
            recurrence: Recurrence(
                frequency: .yearly, until: .instant(instant("2022-12-31T23:00:00Z")),
                byDay: [.init(.saturday, ordinal: -1)],
                byMonth: [10])),
    ]

    @Test func encodesAFeedCalendarAppsAccept() {
        let feed = ICalFeed.encode(name: "Evenementen Assen", events: Self.events, now: Self.now)
        #expect(feed.hasPrefix("BEGIN:VCALENDAR\r\nPRODID:-//Stadshart//Evenementen//NL\r\nVERSION:2.0\r\n"))
        #expect(feed.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!feed.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for line in feed.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line)") }
        let unfolded = feed.replacingOccurrences(of: "\r\n ", with: "")
        for expected in [
            "METHOD:PUBLISH", "X-WR-CALNAME:Evenementen Assen", "TZID:Europe/Amsterdam",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "DTSTART;TZID=Europe/Amsterdam:20190627T180000", "DTEND;TZID=Europe/Amsterdam:20190628T003000",
            "SUMMARY:TT Festival\\; muziek\\, café & €5", "CATEGORIES:muziek,groot\\, evenement",
            "DESCRIPTION:Drie dagen feest.\\nMet een tweede regel\\, en \\\\ een backslash.",
            "DTSTART;VALUE=DATE:20190822", "DTEND;VALUE=DATE:20190823", "DTEND;VALUE=DATE:20200106",
            "RRULE:FREQ=WEEKLY;BYDAY=TU", "EXDATE;TZID=Europe/Amsterdam:20190430T080000,20191231T080000",
            "RRULE:FREQ=MONTHLY;COUNT=10;BYDAY=2TH", "EXDATE;VALUE=DATE:20190711", "STATUS:CANCELLED",
            "SEQUENCE:2", "DTSTAMP:20190501T100000Z", "LAST-MODIFIED:20190430T081500Z",
            "RRULE:FREQ=YEARLY;UNTIL=20221231T230000Z;BYDAY=-1SA;BYMONTH=10",
        ] {
            #expect(unfolded.contains("\r\n\(expected)\r\n"), "\(expected)")
        }
    }

    @Test func encodedFeedsParseBackToTheSameEvents() throws {
        let feed = ICalFeed.encode(name: "Evenementen Assen; centrum", events: Self.events, now: Self.now)
        let calendar = try ICalFeed.parse(feed)
        #expect(calendar.name == "Evenementen Assen; centrum")
        #expect(calendar.events.count == Self.events.count)
        for (read, written) in zip(calendar.events, Self.events) {
            var expected = written
            if case .timed = written.time { expected.timeZoneID = "Europe/Amsterdam" }
            #expect(read == expected, "\(written.uid)")
        }
    }

    @Test func theAmbiguousHourIsWrittenInUTC() throws {
        // 02:30 winter time on 27 October 2019 comes after 02:30 summer time: a local time would mean the first.
        let event = ICalEvent(
            uid: "tweede-half-uur", summary: "Tweede keer 02:30",
            time: .timed(start: Self.instant("2019-10-27T01:30:00Z"), end: Self.instant("2019-10-27T02:00:00Z")))
        let feed = ICalFeed.encode(name: "x", events: [event], now: Self.now)
        #expect(feed.contains("\r\nDTSTART:20191027T013000Z\r\n"))
        #expect(feed.contains("\r\nDTEND;TZID=Europe/Amsterdam:20191027T030000\r\n"))
        #expect(try ICalFeed.parse(feed).events.first?.time == event.time)
    }

    @Test func randomTextSurvivesTheRoundTrip() throws {
        var generator = ICalTextTests.Generator(state: 13)
        var events: [ICalEvent] = []
        for index in 0..<200 {
            let words = { (count: Int) in ICalTextTests.text(&generator, pieces: count) }
            events.append(
                ICalEvent(
                    uid: "e\(index)-" + words(2), summary: words(Int(generator.next() % 30)),
                    description: words(Int(generator.next() % 60)), location: words(3),
                    categories: [words(2), words(1)].filter { !ICalText.normalised($0).isEmpty },
                    time: .allDay(first: Self.day("2019-06-01"), last: Self.day("2019-06-01"))))
        }
        let calendar = try ICalFeed.parse(ICalFeed.encode(name: "willekeurig", events: events, now: Self.now))
        #expect(calendar.events.count == events.count)
        for (read, written) in zip(calendar.events, events) {
            #expect(read.uid == ICalText.normalised(written.uid).trimmingCharacters(in: .whitespaces))
            #expect(read.summary == ICalText.normalised(written.summary))
            #expect(read.description == ICalText.normalised(written.description))
            #expect(read.location == ICalText.normalised(written.location))
            #expect(
                read.categories
                    == written.categories.map { ICalText.normalised($0).trimmingCharacters(in: .whitespaces) }.filter {
                        !$0.isEmpty
                    })
        }
    }

    // MARK: - A messy regional feed

    /// A feed as regional calendars publish them: LF and CR LF mixed, a fold inside "é", Outlook's TZID,
    /// Z times, whole days, DURATION, a weekly market with EXDATEs, a cancelled event, the night of
    /// 27 October 2019, an alarm, an override and properties nobody asked for.
    static var messyFeed: [UInt8] {
        var bytes: [UInt8] = []
        func add(_ text: String) { bytes += Array(text.utf8) }
        add(
            "\u{FEFF}BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Regio Drenthe//Agenda//NL\nX-WR-CALNAME:Regio\\, Drenthe\n"
        )
        add("BEGIN:VTIMEZONE\nTZID:W. Europe Standard Time\nBEGIN:STANDARD\nDTSTART:16010101T030000\n")
        add("TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\n")
        // Line 12: UTC times, a summary folded between the two bytes of "ê".
        add("BEGIN:VEVENT\r\nUID:zomer-1@regio\r\nDTSTART:20190615T120000Z\r\nDTEND:20190615T150000Z\r\n")
        add("SUMMARY:Zomerf")
        bytes += [0xC3]
        add("\r\n ")
        bytes += [0xAA]
        add("te in het Caf")
        bytes += [0xC3, 0xA9]
        add(" 🎉\r\nDESCRIPTION;ALTREP=\"cid:part1;x:y\":Regel 1\\nRegel 2\\, met komma\r\n")
        add("CATEGORIES:Muziek,Feest\r\nCATEGORIES:Buiten\r\nX-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\n")
        add("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:Herinnering\r\nEND:VALARM\r\n")
        add("END:VEVENT\r\n")
        add("BEGIN:VEVENT\nUID:outlook-1\nDTSTART;TZID=\"W. Europe Standard Time\":20190615T140000\n")
        add("DTEND;TZID=W. Europe Standard Time:20190615T160000\nSUMMARY:Outlook\nEND:VEVENT\n")
        add("BEGIN:VEVENT\nUID:heel-weekend\nDTSTART;VALUE=DATE:20190615\nDTEND;VALUE=DATE:20190617\n")
        add("SUMMARY:Heel weekend\nEND:VEVENT\n")
        add("BEGIN:VEVENT\nUID:dag-zonder-value\nDTSTART:20190701\nSUMMARY:Acht cijfers\nEND:VEVENT\n")
        add("BEGIN:VEVENT\nUID:nacht-duur\nDTSTART;TZID=Europe/Amsterdam:20191026T220000\nDURATION:PT6H\n")
        add("SUMMARY:Nacht met DURATION\nEND:VEVENT\n")
        add("BEGIN:VEVENT\nUID:nacht-eind\nDTSTART;TZID=Europe/Amsterdam:20191026T230000\n")
        add("DTEND;TZID=Europe/Amsterdam:20191027T040000\nSUMMARY:Nacht met DTEND\nEND:VEVENT\n")
        add("BEGIN:VEVENT\nUID:dag-duur\nDTSTART;TZID=Europe/Amsterdam:20190330T120000\nDURATION:P1D\n")
        add("SUMMARY:Een dag over de klok\nEND:VEVENT\n")
        add("BEGIN:VEVENT\nUID:zwevend\nDTSTART:20190301T100000\nSUMMARY:Zwevende tijd\nEND:VEVENT\n")
        add("BEGIN:VEVENT\nUID:markt@regio\nSEQUENCE:4\nDTSTART;TZID=Europe/Amsterdam:20190305T080000\n")
        add("DTEND;TZID=Europe/Amsterdam:20190305T130000\nRRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20191231T230000Z\n")
        add("EXDATE;TZID=Europe/Amsterdam:20190430T080000,20190528T080000\nEXDATE:20191224T070000Z\n")
        add("EXDATE;VALUE=DATE:20191231\nSUMMARY:Weekmarkt\nLOCATION:Markt\\, Assen\nEND:VEVENT\n")
        add("BEGIN:VEVENT\nUID:markt@regio\nRECURRENCE-ID;TZID=Europe/Amsterdam:20190611T080000\n")
        add("DTSTART;TZID=Europe/Amsterdam:20190611T100000\nDTEND;TZID=Europe/Amsterdam:20190611T150000\n")
        add("SUMMARY:Weekmarkt (later)\nEND:VEVENT\n")
        add("BEGIN:VEVENT\nUID:afgelast\nDTSTART:20190720T100000Z\nSTATUS:CANCELED\nSUMMARY:Afgelast\n")
        add("URL:https://regio.example/afgelast\nEND:VEVENT\n")
        add("BEGIN:VEVENT\nUID:oud\nSEQUENCE:1\nDTSTART;VALUE=DATE:20190801\nSUMMARY:Nieuwe versie\nEND:VEVENT\n")
        add("BEGIN:VEVENT\nUID:oud\nSEQUENCE:0\nDTSTART;VALUE=DATE:20190801\nSUMMARY:Oude versie\nEND:VEVENT\n")
        add("END:VCALENDAR\n")
        return bytes
    }

    @Test func readsAMessyRegionalFeed() throws {
        let calendar = try ICalFeed.parse(Self.messyFeed)
        #expect(calendar.name == "Regio, Drenthe")
        let byID = Dictionary(grouping: calendar.events, by: \.uid)
        #expect(
            calendar.events.map(\.uid) == [
                "zomer-1@regio", "outlook-1", "heel-weekend", "dag-zonder-value", "nacht-duur", "nacht-eind",
                "dag-duur", "zwevend", "markt@regio", "markt@regio", "afgelast", "oud",
            ])

        let summer = try #require(byID["zomer-1@regio"]?.first)
        #expect(summer.summary == "Zomerfête in het Café 🎉")
        #expect(summer.description == "Regel 1\nRegel 2, met komma")
        #expect(summer.categories == ["Muziek", "Feest", "Buiten"])
        #expect(
            summer.time
                == .timed(start: Self.instant("2019-06-15T12:00:00Z"), end: Self.instant("2019-06-15T15:00:00Z")))
        #expect(summer.timeZone.secondsFromGMT(for: Self.instant("2019-06-15T12:00:00Z")) == 0)

        let outlook = try #require(byID["outlook-1"]?.first)
        #expect(
            outlook.time
                == .timed(start: Self.instant("2019-06-15T12:00:00Z"), end: Self.instant("2019-06-15T14:00:00Z")))
        #expect(outlook.timeZoneID == "W. Europe Standard Time")
        #expect(outlook.timeZone.identifier == "Europe/Amsterdam")

        #expect(
            byID["heel-weekend"]?.first?.time == .allDay(first: Self.day("2019-06-15"), last: Self.day("2019-06-16")))
        #expect(
            byID["dag-zonder-value"]?.first?.time
                == .allDay(first: Self.day("2019-07-01"), last: Self.day("2019-07-01")))
        // 22:00 summer time plus six exact hours is 03:00 winter time, 02:00 UTC.
        #expect(
            byID["nacht-duur"]?.first?.time
                == .timed(start: Self.instant("2019-10-26T20:00:00Z"), end: Self.instant("2019-10-27T02:00:00Z")))
        // 23:00 summer time to 04:00 winter time is six hours, not five.
        #expect(
            byID["nacht-eind"]?.first?.time
                == .timed(start: Self.instant("2019-10-26T21:00:00Z"), end: Self.instant("2019-10-27T03:00:00Z")))
        // A nominal day across the spring change: 12:00 to 12:00 the next day, 23 hours.
        #expect(
            byID["dag-duur"]?.first?.time
                == .timed(start: Self.instant("2019-03-30T11:00:00Z"), end: Self.instant("2019-03-31T10:00:00Z")))
        #expect(
            byID["zwevend"]?.first?.time
                == .timed(start: Self.instant("2019-03-01T09:00:00Z"), end: Self.instant("2019-03-01T09:00:00Z")))

        let markets = try #require(byID["markt@regio"])
        let market = try #require(markets.first { $0.recurrenceID == nil })
        #expect(market.sequence == 4)
        #expect(market.location == "Markt, Assen")
        #expect(
            market.recurrence
                == Recurrence(
                    frequency: .weekly, until: .instant(Self.instant("2019-12-31T23:00:00Z")), byDay: [.init(.tuesday)])
        )
        #expect(
            market.exceptions == [
                .time(Self.local("2019-04-30", 8)), .time(Self.local("2019-05-28", 8)),
                .time(Self.local("2019-12-24", 8)), .day(Self.day("2019-12-31")),
            ])
        let moved = try #require(markets.first { $0.recurrenceID != nil })
        #expect(moved.recurrenceID == .time(Self.local("2019-06-11", 8)))
        #expect(moved.summary == "Weekmarkt (later)")

        // Tuesdays in 2019 from 5 March: 44, less four EXDATEs and the overridden 11 June.
        let expansion = market.occurrences(
            from: Self.day("2019-01-01"), through: Self.day("2020-12-31"), alsoExcluding: [moved.recurrenceID!])
        #expect(expansion.items.count == 44 - 4 - 1)
        #expect(!expansion.isTruncated)
        for case .timed(let start, let end) in expansion.items {
            #expect(ICalLocalTime(start, in: ICalZone.amsterdam)?.hour == 8)
            #expect(ICalLocalTime(end, in: ICalZone.amsterdam)?.hour == 13)
        }

        let cancelled = try #require(byID["afgelast"]?.first)
        #expect(cancelled.status == .cancelled)
        #expect(cancelled.url == "https://regio.example/afgelast")
        #expect(byID["oud"]?.map(\.summary) == ["Nieuwe versie"])
    }

    // MARK: - Broken feeds

    static func problems(_ text: String) -> [String] {
        do {
            let calendar = try ICalFeed.parse(text)
            return ["geen fout, \(calendar.events.count) evenementen"]
        } catch {
            return error.problems.map(\.description)
        }
    }

    static func feed(_ events: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n" + events + "END:VCALENDAR\r\n"
    }

    @Test func aBadDateNamesItsLine() {
        var lines = (1...10).map { "BEGIN:VEVENT\r\nUID:e\($0)\r\nDTSTART:20190601\r\nEND:VEVENT\r\n" }.joined()
        lines = "X-WR-CALNAME:Lange\r\n naam\r\n" + lines  // lines 4-5, so the bad event starts at line 46
        let text = Self.feed(
            lines + "BEGIN:VEVENT\r\nUID:fout\r\nSUMMARY:Dertiende\r\n  maand\r\nDTSTART:2019-13-01\r\nEND:VEVENT\r\n")
        #expect(Self.problems(text) == ["regel 50: DTSTART '2019-13-01' is geen datum"])
        #expect(
            Self.problems(Self.feed("BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20190230T100000Z\r\nEND:VEVENT\r\n"))
                == ["regel 6: DTSTART '20190230T100000Z' is geen tijdstip"])
    }

    @Test func structuralProblemsAreNamed() {
        #expect(
            Self.problems(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20190601\r\nEND:VCALENDAR\r\n")
                == ["regel 3: BEGIN:VEVENT zonder END:VEVENT"])
        #expect(
            Self.problems("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20190601\r\n")
                == ["regel 1: BEGIN:VCALENDAR zonder END:VCALENDAR", "regel 2: BEGIN:VEVENT zonder END:VEVENT"])
        #expect(Self.problems(Self.feed("END:VEVENT\r\n")) == ["regel 4: END:VEVENT zonder BEGIN:VEVENT"])
        #expect(
            Self.problems("<html>niet gevonden</html>\n") == [
                "regel 1: '<html>niet gevonden</html>' is geen iCalendar-regel (NAAM:waarde verwacht)"
            ])
        #expect(Self.problems("") == ["regel 1: geen iCalendar-bestand: BEGIN:VCALENDAR ontbreekt"])
        #expect(Self.problems("SUMMARY:los\r\n") == ["regel 1: SUMMARY buiten BEGIN:VCALENDAR … END:VCALENDAR"])
    }

    @Test func missingPartsOfAnEventAreNamed() {
        var events = (1...3).map { "BEGIN:VEVENT\r\nUID:e\($0)\r\nDTSTART:20190601\r\nEND:VEVENT\r\n" }
        events.append("BEGIN:VEVENT\r\nDTSTART:20190601\r\nSUMMARY:zonder uid\r\nEND:VEVENT\r\n")  // line 16
        events.append("BEGIN:VEVENT\r\nUID:zonder-start\r\nEND:VEVENT\r\n")  // line 20
        #expect(
            Self.problems(Self.feed(events.joined()))
                == ["regel 16: VEVENT zonder UID", "regel 20: VEVENT zonder DTSTART"])
    }

    @Test func allProblemsAreCollectedAndNoEventsComeBack() {
        let text = Self.feed(
            """
            BEGIN:VEVENT\r
            UID:a\r
            DTSTART;TZID=Europe/Atlantis:20190601T100000\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:b\r
            DTSTART:20190601T100000Z\r
            DTEND:20190601T090000Z\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:c\r
            DTSTART;VALUE=DATE:20190601\r
            DTEND:20190602T100000\r
            RRULE:FREQ=HOURLY\r
            SEQUENCE:twee\r
            STATUS:MISSCHIEN\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:d\r
            DTSTART:20190601T100000Z\r
            DURATION:PT1H\r
            DTEND:20190601T120000Z\r
            RDATE:20190608T100000Z\r
            EXDATE:morgen\r
            END:VEVENT\r

            """)
        #expect(
            Self.problems(text) == [
                "regel 6: onbekende tijdzone 'Europe/Atlantis' bij DTSTART",
                "regel 11: DTEND '20190601T090000Z' ligt voor DTSTART",
                "regel 16: DTEND is een tijdstip, maar DTSTART een datum",
                "regel 17: RRULE: FREQ=HOURLY wordt niet ondersteund",
                "regel 18: SEQUENCE 'twee' is geen geheel getal van 0 of meer",
                "regel 19: STATUS 'MISSCHIEN' is onbekend (CONFIRMED, TENTATIVE of CANCELLED)",
                "regel 24: DTEND en DURATION samen in één VEVENT",
                "regel 26: RDATE wordt niet ondersteund",
                "regel 27: EXDATE 'morgen' is geen datum",
            ])
    }

    @Test func invalidUTF8IsRefused() {
        var bytes = Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VEVENT\r\nUID:x\r\n".utf8)
        bytes += Array("DTSTART:20190601\r\nSUMMARY:Caf".utf8)
        bytes += [0xE9]  // Latin-1 é
        bytes += Array("\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
        #expect(throws: ICalParseError(problems: [ICalProblem(line: 7, message: "tekst is geen geldige UTF-8")])) {
            try ICalFeed.parse(bytes)
        }
    }

    @Test func theNumberOfProblemsReportedIsCapped() {
        let events = (1...80).map { "BEGIN:VEVENT\r\nUID:e\($0)\r\nDTSTART:fout\r\nEND:VEVENT\r\n" }.joined()
        let problems = Self.problems(Self.feed(events))
        #expect(problems.count == ICalParseError.problemLimit)
        #expect(problems.last?.hasSuffix("en nog 31 problemen") == true)
    }
}
