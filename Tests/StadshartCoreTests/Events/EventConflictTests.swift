import Foundation
import Testing

@testable import StadshartCore

private func d(_ text: String) -> Day { Day(parsing: text)! }

/// The instant of a local wall-clock time in Europe/Amsterdam.
private func at(_ day: String, _ clock: String) -> Date {
    CentreTime.instant(d(day), minute: ClockTime(parsing: clock)!.minutes)
}

/// An instant with an explicit UTC offset, for the nights the clocks change.
private func iso(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// A timed occurrence on `day` from `from` to `to`; a `to` not after `from` is the next night.
private func event(
    _ id: String, _ day: String, _ from: String, _ to: String, place: String? = nil, residential: Bool = false,
    visitors: Int? = nil, regional: Bool = false, cancelled: Bool = false, kind: EventKind = .evenement,
    dressing: Int64? = nil
) -> EventOccurrence {
    let start = at(day, from)
    var end = at(day, to)
    if end <= start { end = CentreTime.instant(d(day).adding(days: 1), minute: ClockTime(parsing: to)!.minutes) }
    return EventOccurrence(
        eventID: id, title: id.capitalized, start: start, end: end, locationKey: place?.lowercased(),
        locationName: place, locationResidential: residential, expectedVisitors: visitors, regional: regional,
        cancelled: cancelled, kind: kind, cityDressingRequested: dressing != nil, cityDressingCents: dressing)
}

private func wholeDays(
    _ id: String, _ first: String, _ last: String, visitors: Int? = nil, regional: Bool = false,
    kind: EventKind = .evenement
) -> EventOccurrence {
    var occurrence = EventOccurrence(
        eventID: id, title: id.capitalized, start: Date(), end: Date(), expectedVisitors: visitors,
        regional: regional, kind: kind)
    occurrence.wholeDays(from: d(first), through: d(last))
    return occurrence
}

private let settings = ConflictSettings(
    largeEventVisitors: 10_000, maxEventsPerWeekend: 3, cityDressingProvisionCents: [2019: 1_000_000])

private func warnings(
    _ occurrences: [EventOccurrence], _ settings: ConflictSettings = settings, empty: ClosedRange<Day>? = nil
) -> [ConflictWarning] {
    EventConflicts.warnings(occurrences, settings: settings, emptyWeekendsIn: empty)
}

private func only(_ rule: ConflictRule, _ occurrences: [EventOccurrence], _ settings: ConflictSettings = settings)
    -> [ConflictWarning]
{
    warnings(occurrences, settings).filter { $0.rule == rule }
}

@Suite("Conflicts: two events at one place")
struct SameLocationTests {
    @Test("overlapping times at the same place warn, saying which events and when")
    func overlap() throws {
        let found = only(
            .sameLocation,
            [
                event("preuvenement", "2019-08-22", "12:00", "23:00", place: "Brink"),
                event("kermis", "2019-08-22", "14:00", "22:00", place: "Brink"),
            ])
        let warning = try #require(found.first)
        #expect(found.count == 1)
        #expect(warning.eventIDs == ["kermis", "preuvenement"])
        #expect(warning.day == d("2019-08-22"))
        #expect(
            warning.explanation
                == "Twee evenementen tegelijk op dezelfde plek (Brink): Preuvenement (12:00–23:00) en Kermis (14:00–22:00)."
        )
    }

    @Test("a cancelled event does not conflict")
    func cancelled() {
        let found = only(
            .sameLocation,
            [
                event("preuvenement", "2019-08-22", "12:00", "23:00", place: "Brink"),
                event("kermis", "2019-08-22", "14:00", "22:00", place: "Brink", cancelled: true),
            ])
        #expect(found.isEmpty)
    }

    @Test("different places, or no place, do not conflict")
    func differentPlaces() {
        let found = only(
            .sameLocation,
            [
                event("preuvenement", "2019-08-22", "12:00", "23:00", place: "Brink"),
                event("kermis", "2019-08-22", "14:00", "22:00", place: "Koopmansplein"),
                event("lezing", "2019-08-22", "14:00", "22:00"),
                event("optocht", "2019-08-22", "14:00", "22:00"),
            ])
        #expect(found.isEmpty)
    }

    @Test("back to back is not overlapping")
    func backToBack() {
        let found = only(
            .sameLocation,
            [
                event("markt", "2019-08-24", "08:00", "13:00", place: "Markt"),
                event("concert", "2019-08-24", "13:00", "17:00", place: "Markt"),
            ])
        #expect(found.isEmpty)
    }

    @Test("an event across midnight conflicts with one the next night; the day is when the overlap begins")
    func acrossMidnight() throws {
        let found = only(
            .sameLocation,
            [
                event("nachtfeest", "2019-08-24", "20:00", "02:00", place: "Brink"),
                event("opbouw", "2019-08-25", "01:00", "03:00", place: "Brink"),
                event("ontbijt", "2019-08-25", "02:00", "04:00", place: "Brink"),
            ])
        #expect(found.map(\.eventIDs) == [["nachtfeest", "opbouw"], ["ontbijt", "opbouw"]])
        #expect(found.allSatisfy { $0.day == d("2019-08-25") })
        #expect(found[0].explanation.contains("Nachtfeest (20:00–02:00) en Opbouw (01:00–03:00)"))
    }

    @Test("the night the clocks go back: overlap is measured in real time, not on the wall clock")
    func daylightSavingEnds() throws {
        // 27 October 2019: 03:00 summer time becomes 02:00 winter time. The party ends at 02:30 winter time
        // (01:30 UTC); the cleaning starts at 02:45 summer time (00:45 UTC), three quarters of an hour earlier.
        let party = EventOccurrence(
            eventID: "feest", title: "Feest", start: iso("2019-10-26T22:00:00+02:00"),
            end: iso("2019-10-27T02:30:00+01:00"), locationKey: "brink", locationName: "Brink")
        let cleaning = EventOccurrence(
            eventID: "schoonmaak", title: "Schoonmaak", start: iso("2019-10-27T02:45:00+02:00"),
            end: iso("2019-10-27T05:00:00+01:00"), locationKey: "brink", locationName: "Brink")
        let found = only(.sameLocation, [party, cleaning])
        #expect(found.count == 1)
        #expect(found.first?.day == d("2019-10-27"))
        // One hour later, the cleaning starts after the party: no overlap although 02:15 "comes before" 02:30.
        var later = cleaning
        later.start = iso("2019-10-27T02:35:00+01:00")
        #expect(only(.sameLocation, [party, later]).isEmpty)
    }

    @Test("whole-day events take the whole local day")
    func wholeDay() {
        var fair = wholeDays("braderie", "2019-08-24", "2019-08-25")
        fair.locationKey = "markt"
        var market = event("markt", "2019-08-26", "08:00", "13:00", place: "Markt")
        #expect(only(.sameLocation, [fair, market]).isEmpty)
        market = event("markt", "2019-08-25", "08:00", "13:00", place: "Markt")
        let found = only(.sameLocation, [fair, market])
        #expect(found.map(\.day) == [d("2019-08-25")])
        #expect(found.first?.explanation.contains("Braderie (24 augustus 2019 t/m 25 augustus 2019)") == true)
    }

    @Test("occurrences of one recurring event do not conflict with each other")
    func sameEvent() {
        let found = only(
            .sameLocation,
            [
                event("markt", "2019-08-24", "08:00", "13:00", place: "Markt"),
                event("markt", "2019-08-24", "12:00", "17:00", place: "Markt"),
            ])
        #expect(found.isEmpty)
    }

    @Test("the sweep finds exactly the overlapping pairs that comparing every pair finds")
    func sweepMatchesEveryPair() {
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let places = ["Brink", "Markt", "Koopmansplein", "Kerkplein"]
        var occurrences: [EventOccurrence] = []
        for index in 0..<400 {
            let start = CentreTime.instant(d("2019-01-01").adding(days: next(60)), minute: next(24 * 60))
            let end = start.addingTimeInterval(Double(15 + next(600)) * 60)
            occurrences.append(
                EventOccurrence(
                    eventID: "e\(index)", title: "E\(index)", start: start, end: end,
                    locationKey: places[next(places.count)], cancelled: next(10) == 0))
        }
        var expected: Set<[String]> = []
        for (i, a) in occurrences.enumerated() where !a.cancelled {
            for b in occurrences[(i + 1)...] where !b.cancelled && a.locationKey == b.locationKey {
                if a.start < b.end && b.start < a.end { expected.insert([a.eventID, b.eventID].sorted()) }
            }
        }
        let found = only(.sameLocation, occurrences)
        #expect(Set(found.map(\.eventIDs)) == expected)
        #expect(found.count == expected.count)
        #expect(!expected.isEmpty)
    }

    @Test("a year of a busy centre is checked quickly")
    func busyYear() {
        var occurrences: [EventOccurrence] = []
        for index in 0..<5000 {
            let day = d("2019-01-01").adding(days: index % 365)
            occurrences.append(
                EventOccurrence(
                    eventID: "e\(index)", title: "E\(index)",
                    start: CentreTime.instant(day, minute: 600 + index % 7 * 30),
                    end: CentreTime.instant(day, minute: 900), locationKey: "plek\(index % 20)",
                    locationResidential: index % 3 == 0, expectedVisitors: index % 50 == 0 ? 20_000 : 500,
                    regional: index % 25 == 0, cityDressingRequested: index % 100 == 0, cityDressingCents: 50_000))
        }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            _ = warnings(occurrences, empty: d("2019-01-01")...d("2019-12-31"))
        }
        #expect(elapsed < .seconds(10))
    }
}

@Suite("Conflicts: large own event and large regional event")
struct RegionalConflictTests {
    @Test("on the same day")
    func sameDay() throws {
        let found = only(
            .regionalEvent,
            [
                event("tt-festival", "2019-06-29", "12:00", "23:00", visitors: 50_000),
                event("tt-assen", "2019-06-29", "10:00", "17:00", visitors: 100_000, regional: true),
            ])
        let warning = try #require(found.first)
        #expect(found.count == 1)
        #expect(warning.eventIDs == ["tt-assen", "tt-festival"])
        #expect(warning.day == d("2019-06-29"))
        #expect(
            warning.explanation
                == "Op zaterdag 29 juni 2019 vallen twee grote evenementen samen: Tt-Festival (50.000 bezoekers verwacht) "
                + "en het regionale evenement Tt-Assen (100.000 bezoekers verwacht).")
    }

    @Test("on the same weekend, the weekend the clocks go back")
    func sameWeekend() throws {
        let found = only(
            .regionalEvent,
            [
                event("lichtjesavond", "2019-10-26", "17:00", "23:00", visitors: 12_000),
                event("halloween-run", "2019-10-27", "10:00", "14:00", regional: true),
            ])
        let warning = try #require(found.first)
        #expect(warning.day == d("2019-10-26"))
        #expect(
            warning.explanation
                == "In het weekend van 26–27 oktober 2019 vallen twee grote evenementen samen: Lichtjesavond op zaterdag "
                + "(12.000 bezoekers verwacht) en het regionale evenement Halloween-Run op zondag "
                + "(aantal bezoekers onbekend).")
    }

    @Test("a Friday is not the weekend")
    func friday() {
        let found = only(
            .regionalEvent,
            [
                event("festival", "2019-06-28", "12:00", "23:00", visitors: 50_000),
                event("tt-assen", "2019-06-29", "10:00", "17:00", visitors: 100_000, regional: true),
            ])
        #expect(found.isEmpty)
    }

    @Test("small events, small regional events and cancelled ones do not conflict")
    func small() {
        let regional = event("tt-assen", "2019-06-29", "10:00", "17:00", visitors: 100_000, regional: true)
        #expect(
            only(.regionalEvent, [event("borrel", "2019-06-29", "17:00", "19:00", visitors: 9_999), regional]).isEmpty)
        let big = event("tt-festival", "2019-06-29", "12:00", "23:00", visitors: 10_000)
        let smallRegional = event("concert", "2019-06-29", "20:00", "22:00", visitors: 800, regional: true)
        #expect(only(.regionalEvent, [big, smallRegional]).isEmpty)
        var cancelled = regional
        cancelled.cancelled = true
        #expect(only(.regionalEvent, [big, cancelled]).isEmpty)
        // Two own large events are the same-place rule's business, not this one's.
        #expect(only(.regionalEvent, [big, event("ander", "2019-06-29", "10:00", "12:00", visitors: 20_000)]).isEmpty)
    }

    @Test("a regional event without a number is large, unless the centre says otherwise")
    func unknownVisitors() {
        let occurrences = [
            event("tt-festival", "2019-06-29", "12:00", "23:00", visitors: 50_000),
            event("dorpsfeest", "2019-06-29", "10:00", "17:00", regional: true),
        ]
        #expect(only(.regionalEvent, occurrences).count == 1)
        var quiet = settings
        quiet.regionalWithoutVisitorsIsLarge = false
        #expect(only(.regionalEvent, occurrences, quiet).isEmpty)
    }

    @Test("a whole-day regional event of several days meets an own event on a shared day")
    func severalDays() {
        let found = only(
            .regionalEvent,
            [
                wholeDays("tt-week", "2019-06-24", "2019-06-30", visitors: 200_000, regional: true),
                event("tt-festival", "2019-06-27", "12:00", "23:00", visitors: 50_000),
            ])
        #expect(found.map(\.day) == [d("2019-06-27")])
    }
}

@Suite("Conflicts: near homes in the night's rest")
struct QuietHourTests {
    @Test("a residential place, ending after the quiet hour")
    func afterQuietHour() throws {
        let found = only(
            .quietHours, [event("kermis", "2019-08-23", "18:00", "23:30", place: "Brink", residential: true)])
        let warning = try #require(found.first)
        #expect(warning.eventIDs == ["kermis"])
        #expect(warning.day == d("2019-08-23"))
        #expect(
            warning.explanation
                == "Kermis (18:00–23:30) op Brink is bij woningen en loopt tot 23:30, na 23:00, als de nachtrust ingaat."
        )
    }

    @Test("ending at or before the quiet hour, or not near homes, is fine")
    func beforeQuietHour() {
        #expect(
            only(.quietHours, [event("kermis", "2019-08-23", "18:00", "22:59", place: "Brink", residential: true)])
                .isEmpty)
        #expect(
            only(.quietHours, [event("kermis", "2019-08-23", "18:00", "23:00", place: "Brink", residential: true)])
                .isEmpty)
        #expect(only(.quietHours, [event("kermis", "2019-08-23", "18:00", "01:00", place: "Markt")]).isEmpty)
        #expect(
            only(
                .quietHours,
                [event("kermis", "2019-08-23", "18:00", "01:00", place: "Brink", residential: true, cancelled: true)]
            ).isEmpty)
    }

    @Test("ending after midnight counts, on the day the night begins")
    func afterMidnight() throws {
        let found = only(
            .quietHours, [event("feest", "2019-08-24", "20:00", "01:00", place: "Brink", residential: true)])
        #expect(found.map(\.day) == [d("2019-08-24")])
        #expect(found.first?.explanation.contains("loopt tot 01:00, na 23:00") == true)
        let late = only(
            .quietHours, [event("nacht", "2019-08-24", "23:30", "02:00", place: "Brink", residential: true)])
        #expect(
            late.first?.explanation
                == "Nacht (23:30–02:00) op Brink is bij woningen en valt in de nachtrust (23:00–07:00).")
    }

    @Test("starting before the night's rest ends counts, on the event's own day; one warning for several nights")
    func earlyMorning() {
        let market = only(
            .quietHours, [event("markt", "2019-08-24", "06:00", "13:00", place: "Markt", residential: true)])
        #expect(market.map(\.day) == [d("2019-08-24")])
        #expect(
            market.first?.explanation
                == "Markt (06:00–13:00) op Markt is bij woningen en valt in de nachtrust (23:00–07:00).")
        #expect(
            only(.quietHours, [event("markt", "2019-08-24", "07:00", "13:00", place: "Markt", residential: true)])
                .isEmpty)
        let festival = EventOccurrence(
            eventID: "festival", title: "Festival", start: at("2019-08-23", "12:00"), end: at("2019-08-25", "18:00"),
            locationKey: "brink", locationName: "Brink", locationResidential: true)
        let found = only(.quietHours, [festival])
        #expect(found.map(\.day) == [d("2019-08-23")])
        #expect(
            found.first?.explanation
                == "Festival (23 augustus 2019 12:00 – 25 augustus 2019 18:00) op Brink is bij woningen en loopt door "
                + "na 23:00, als de nachtrust ingaat.")
    }

    @Test("a quiet hour after midnight; whole-day events say nothing about their hours")
    func quietAfterMidnight() {
        var centre = settings
        centre.quietHour = ClockTime(hour: 1, minute: 0)!
        #expect(
            only(
                .quietHours, [event("feest", "2019-08-24", "20:00", "00:30", place: "Brink", residential: true)], centre
            ).isEmpty)
        let found = only(
            .quietHours, [event("feest", "2019-08-24", "20:00", "01:30", place: "Brink", residential: true)], centre)
        #expect(found.map(\.day) == [d("2019-08-25")])
        var fair = wholeDays("braderie", "2019-08-24", "2019-08-24")
        fair.locationResidential = true
        #expect(only(.quietHours, [fair]).isEmpty)
    }

    @Test("the night the clocks go back: 02:30 winter time is still after the quiet hour")
    func daylightSaving() {
        let party = EventOccurrence(
            eventID: "feest", title: "Feest", start: iso("2019-10-26T20:00:00+02:00"),
            end: iso("2019-10-27T02:30:00+01:00"), locationKey: "brink", locationName: "Brink",
            locationResidential: true)
        let found = only(.quietHours, [party])
        #expect(found.map(\.day) == [d("2019-10-26")])
        #expect(found.first?.explanation.contains("(20:00–02:30)") == true)
    }
}

@Suite("Conflicts: busy and empty weekends")
struct WeekendTests {
    @Test("more than the agreed number of events on a weekend")
    func busy() throws {
        let found = only(
            .busyWeekend,
            [
                event("markt", "2019-06-29", "08:00", "13:00"),
                event("concert", "2019-06-29", "20:00", "22:00"),
                event("braderie", "2019-06-30", "11:00", "17:00"),
                event("lezing", "2019-06-30", "14:00", "15:00"),
                event("vrijdagborrel", "2019-06-28", "17:00", "19:00"),
            ])
        let warning = try #require(found.first)
        #expect(found.count == 1)
        #expect(warning.day == d("2019-06-29"))
        #expect(warning.eventIDs == ["braderie", "concert", "lezing", "markt"])
        #expect(
            warning.explanation
                == "Druk weekend 29–30 juni 2019: 4 evenementen, meer dan de afgesproken 3: Markt, Concert, Braderie, Lezing."
        )
    }

    @Test("exactly the agreed number, cancelled events, shop openings, regional and long-running events do not count")
    func notBusy() {
        let found = only(
            .busyWeekend,
            [
                event("markt", "2019-06-29", "08:00", "13:00"),
                event("concert", "2019-06-29", "20:00", "22:00"),
                event("braderie", "2019-06-30", "11:00", "17:00"),
                event("lezing", "2019-06-30", "14:00", "15:00", cancelled: true),
                event("koopzondag", "2019-06-30", "12:00", "17:00", kind: .openstelling),
                event("tt-assen", "2019-06-30", "10:00", "17:00", regional: true),
                wholeDays("tentoonstelling", "2019-05-01", "2019-08-31"),
                event("markt", "2019-06-30", "08:00", "13:00"),
            ])
        #expect(found.isEmpty)
    }

    @Test("a summer weekend without events warns; a January one does not")
    func empty() throws {
        let occurrences = [
            event("markt", "2019-07-06", "08:00", "13:00"),
            event("koopzondag", "2019-07-14", "12:00", "17:00", kind: .openstelling),
            event("concert", "2019-07-20", "20:00", "22:00", cancelled: true),
            event("lezing", "2019-07-28", "14:00", "15:00"),
        ]
        let july = warnings(occurrences, empty: d("2019-07-01")...d("2019-07-31")).filter { $0.rule == .emptyWeekend }
        #expect(july.map(\.day) == [d("2019-07-13"), d("2019-07-20")])
        #expect(july.allSatisfy { $0.eventIDs.isEmpty })
        #expect(
            july.first?.explanation == "Leeg weekend: op 13–14 juli 2019 staat geen enkel evenement in de binnenstad.")
        let january = warnings([], empty: d("2019-01-01")...d("2019-01-31")).filter { $0.rule == .emptyWeekend }
        #expect(january.isEmpty)
    }

    @Test("only weekends with both days in the period are judged; no period, no empty-weekend rule")
    func period() {
        // 1 June 2019 is a Saturday, 29 June too.
        let found = warnings([], empty: d("2019-06-02")...d("2019-06-29")).filter { $0.rule == .emptyWeekend }
        #expect(found.map(\.day) == [d("2019-06-08"), d("2019-06-15"), d("2019-06-22")])
        #expect(warnings([]).isEmpty)
    }

    @Test("the season follows the centre's months")
    func season() {
        var centre = settings
        centre.emptyWeekendMonths = 5...9
        let found = EventConflicts.warnings([], settings: centre, emptyWeekendsIn: d("2019-04-01")...d("2019-05-12"))
        #expect(found.map(\.day) == [d("2019-05-04"), d("2019-05-11")])
    }
}

@Suite("Conflicts: city dressing")
struct CityDressingTests {
    @Test("exactly using the provision is fine")
    func exactlyUsed() {
        let found = only(
            .cityDressing,
            [
                event("tentoonstelling", "2019-03-01", "10:00", "17:00", dressing: 600_000),
                event("kunstroute", "2019-09-01", "10:00", "17:00", dressing: 400_000),
            ])
        #expect(found.isEmpty)
    }

    @Test("the request past the provision, and every later one, warn with the amount over")
    func over() throws {
        let found = only(
            .cityDressing,
            [
                event("tentoonstelling", "2019-03-01", "10:00", "17:00", dressing: 600_000),
                event("kunstroute", "2019-09-01", "10:00", "17:00", dressing: 400_000),
                event("kerst", "2019-12-01", "10:00", "17:00", dressing: 50_000),
                event("lichtjes", "2019-11-01", "10:00", "17:00", dressing: 1),
                event("geannuleerd", "2019-02-01", "10:00", "17:00", cancelled: true, dressing: 900_000),
            ])
        #expect(found.map(\.eventIDs) == [["lichtjes"], ["kerst"]])
        #expect(found.map(\.day) == [d("2019-11-01"), d("2019-12-01")])
        #expect(
            found[1].explanation
                == "Het budget voor city dressing in 2019 (€ 10.000,00) is op: met de aanvraag voor Kerst (€ 500,00) "
                + "komen de aanvragen op € 10.500,01, € 500,01 boven het budget.")
    }

    @Test("a year without a provision warns for every request; a recurring event's request counts once a year")
    func years() {
        let found = only(
            .cityDressing,
            [
                event("tentoonstelling", "2019-03-01", "10:00", "17:00", dressing: 600_000),
                event("tentoonstelling", "2019-03-08", "10:00", "17:00", dressing: 600_000),
                event("tentoonstelling", "2020-03-01", "10:00", "17:00", dressing: 600_000),
            ])
        #expect(found.map(\.day) == [d("2020-03-01")])
        #expect(
            found.first?.explanation
                == "City dressing voor Tentoonstelling (€ 6.000,00): voor 2020 is geen budget voor city dressing vastgesteld."
        )
    }
}

@Suite("Conflicts: stable keys and acknowledgements")
struct ConflictKeyTests {
    @Test("a key is rule, day and sorted events, and reads back")
    func text() throws {
        let key = ConflictKey(rule: .sameLocation, eventIDs: ["b", "a,1|%", "b"], day: d("2019-08-22"))
        #expect(key.eventIDs == ["a,1|%", "b"])
        #expect(key.description == "zelfde-plek|2019-08-22|a%2C1%7C%25,b")
        #expect(ConflictKey(parsing: key.description) == key)
        #expect(
            ConflictKey(parsing: "leeg-weekend|2019-07-13|")
                == ConflictKey(rule: .emptyWeekend, eventIDs: [], day: d("2019-07-13")))
        #expect(ConflictKey(parsing: "onbekend|2019-07-13|a") == nil)
        let json = try JSONEncoder().encode([key])
        #expect(try JSONDecoder().decode([ConflictKey].self, from: json) == [key])
    }

    @Test("an acknowledgement still matches after other events come and go")
    func stable() throws {
        let preuvenement = event("preuvenement", "2019-08-22", "12:00", "23:00", place: "Brink")
        let kermis = event("kermis", "2019-08-22", "14:00", "22:00", place: "Brink")
        let before = try #require(warnings([preuvenement, kermis]).first)
        let acknowledgement = try ConflictAcknowledgement.validate(
            key: before.key, reason: " Afgestemd met de kermisexploitant. ")
        #expect(acknowledgement.reason == "Afgestemd met de kermisexploitant.")

        let after = warnings([event("markt", "2019-08-24", "08:00", "13:00", place: "Markt"), kermis, preuvenement])
        #expect(after.contains { acknowledgement.matches($0) })
        #expect(EventConflicts.unacknowledged(after, acknowledged: [acknowledgement.key]).isEmpty)

        // Moved to another day: a new situation, the warning asks again.
        var moved = kermis
        moved.start = at("2019-08-23", "14:00")
        moved.end = at("2019-08-23", "23:00")
        var movedPreuvenement = preuvenement
        movedPreuvenement.end = at("2019-08-24", "01:00")
        let again = warnings([movedPreuvenement, moved]).filter { $0.rule == .sameLocation }
        #expect(again.count == 1)
        #expect(!again.contains { acknowledgement.matches($0) })
    }

    @Test("acknowledging needs a reason")
    func reason() {
        let key = ConflictKey(rule: .emptyWeekend, eventIDs: [], day: d("2019-07-13"))
        #expect(throws: InvalidInput.self) { try ConflictAcknowledgement.validate(key: key, reason: "  ") }
        do {
            _ = try ConflictAcknowledgement.validate(key: key, reason: nil)
        } catch {
            #expect(error.problems.map(\.message) == ["geef een reden: waarom is deze waarschuwing geen bezwaar?"])
        }
    }

    @Test("warnings come sorted by day and rule; the month view marks their days")
    func sorted() {
        let found = warnings(
            [
                event("feest", "2019-08-24", "20:00", "01:00", place: "Brink", residential: true),
                event("kermis", "2019-08-22", "14:00", "23:30", place: "Brink", residential: true),
                event("preuvenement", "2019-08-22", "12:00", "23:00", place: "Brink"),
            ])
        #expect(found.map(\.rule) == [.sameLocation, .quietHours, .quietHours])
        #expect(found.map(\.day) == [d("2019-08-22"), d("2019-08-22"), d("2019-08-24")])
        #expect(EventConflicts.days(found) == [d("2019-08-22"), d("2019-08-24")])
        #expect(found.filter { $0.involves("kermis") }.count == 2)
    }
}

@Suite("Centre time")
struct CentreTimeTests {
    @Test("days and weekends are read on the Dutch clock")
    func local() {
        // 22:30 UTC on Saturday is 00:30 on Sunday in summer time.
        #expect(CentreTime.day(of: iso("2019-06-29T22:30:00Z")) == d("2019-06-30"))
        #expect(CentreTime.day(of: iso("2019-01-05T22:30:00Z")) == d("2019-01-05"))
        #expect(CentreTime.weekdayIndex(of: d("2019-06-29")) == 5)
        #expect(CentreTime.weekend(of: d("2019-06-30")) == d("2019-06-29"))
        #expect(CentreTime.weekend(of: d("2019-06-28")) == nil)
        #expect(CentreTime.dutchWeekend(d("2019-08-31")) == "31 augustus – 1 september 2019")
        #expect(CentreTime.dutchWeekend(d("2022-12-31")) == "31 december 2022 – 1 januari 2023")
        #expect(CentreTime.instant(d("2019-03-31"), minute: 150) == iso("2019-03-31T03:30:00+02:00"))
        #expect(ClockTime(parsing: "9:30")?.description == "09:30")
        #expect(ClockTime(parsing: "24:01") == nil)
    }
}
