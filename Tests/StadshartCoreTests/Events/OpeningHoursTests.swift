import Foundation
import Testing

@testable import StadshartCore

private func hours(_ texts: [String: String?]) throws(InvalidInput) -> OpeningHours { try OpeningHours.parse(texts) }

/// Monday to Saturday the same hours, Sunday closed.
private func weekdays(_ text: String, thursday: String? = nil, sunday: String? = nil) throws -> OpeningHours {
    var texts: [String: String?] = [:]
    for code in ["ma", "di", "wo", "do", "vr", "za"] { texts[code] = text }
    if let thursday { texts["do"] = thursday }
    texts["zo"] = sunday
    return try hours(texts)
}

private func iso(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

@Suite("Opening hours")
struct OpeningHoursTests {
    @Test("the register's texts: one span, split hours, closed, and its spellings")
    func parse() throws {
        let parsed = try hours([
            "ma": "gesloten", "di": "9:00-18:00", "wo": "09:00-12:00,13:00-17:30", "do": "10:00 – 21:00",
            "vr": "", "za": "10:00-24:00", "zo": nil,
        ])
        #expect(parsed.spans[0].isEmpty)
        #expect(parsed.spans[1] == [540..<1080])
        #expect(parsed.spans[2] == [540..<720, 780..<1050])
        #expect(parsed.spans[3] == [600..<1260])
        #expect(parsed.spans[5] == [600..<1440])
        #expect(
            parsed.texts == [
                "ma": nil, "di": "09:00-18:00", "wo": "09:00-12:00,13:00-17:30", "do": "10:00-21:00", "vr": nil,
                "za": "10:00-24:00", "zo": nil,
            ])
        #expect(try OpeningHours.parse(json: #"{"ma":"10:00-18:00","zo":null}"#).spans[0] == [600..<1080])
    }

    @Test("every text the register's own form accepts reads the same here")
    func sameAsRegister() throws {
        let texts = ["ma": "9:00-18:00", "di": "10:00–17:30", "wo": "gesloten", "do": "", "vr": "00:00-24:00"]
        let update = try BusinessUpdate.validate(hours: texts, jobs: "3", fte: nil)
        let parsed = try hours(texts.mapValues { Optional($0) })
        for code in BusinessCSV.days {
            #expect(parsed.texts[code] == update.openingHours[code], "\(code)")
        }
    }

    @Test("hours past midnight close the next night")
    func pastMidnight() throws {
        let bar = try hours(["vr": "16:00-03:00", "zo": "20:00-02:00"])
        #expect(bar.isOpen(.saturday, minute: 2 * 60 + 59))
        #expect(!bar.isOpen(.saturday, minute: 3 * 60))
        #expect(bar.isOpen(.friday, minute: 23 * 60))
        // Sunday night runs into Monday.
        #expect(bar.isOpen(.monday, minute: 60))
        #expect(!bar.isOpen(.monday, minute: 2 * 60))
        #expect(bar.texts["vr"] == "16:00-03:00")
        #expect(bar.isOpenWholeHour(.saturday, hour: 2))
    }

    @Test("bad texts are refused in Dutch, every day at once")
    func problems() {
        do {
            _ = try hours([
                "ma": "10-18", "di": "10:00-10:00", "wo": "09:00-13:00,12:00-17:00", "do": "25:00-26:00",
                "zaterdag": "10:00-17:00",
            ])
            Issue.record("accepted")
        } catch {
            #expect(
                error.problems == [
                    FieldProblem(field: "zaterdag", message: "'zaterdag' is geen dag; dagen zijn ma di wo do vr za zo"),
                    FieldProblem(
                        field: "ma",
                        message: "'10-18' is geen openingstijd zoals 10:00-18:00, 09:00-12:00,13:00-17:30 of gesloten"),
                    FieldProblem(field: "di", message: "'10:00-10:00': openen en sluiten op hetzelfde moment"),
                    FieldProblem(field: "wo", message: "'09:00-13:00,12:00-17:00': de tijden overlappen elkaar"),
                    FieldProblem(
                        field: "do",
                        message:
                            "'25:00-26:00' is geen openingstijd zoals 10:00-18:00, 09:00-12:00,13:00-17:30 of gesloten"),
                ])
        }
        #expect(throws: InvalidInput.self) { try OpeningHours.parse(json: "[]") }
    }

    @Test("open from the opening minute up to, not including, the closing minute; closed over lunch")
    func isOpen() throws {
        let shop = try hours(["wo": "09:00-12:00,13:00-17:30"])
        #expect(!shop.isOpen(.wednesday, minute: 539))
        #expect(shop.isOpen(.wednesday, minute: 540))
        #expect(!shop.isOpen(.wednesday, minute: 750))
        #expect(shop.isOpen(.wednesday, minute: 1049))
        #expect(!shop.isOpen(.wednesday, minute: 1050))
        #expect(!shop.isOpen(.thursday, minute: 600))
        // A whole hour: not 12:00–13:00, not 17:00–18:00 (closes 17:30).
        #expect(shop.isOpenWholeHour(.wednesday, hour: 11))
        #expect(!shop.isOpenWholeHour(.wednesday, hour: 12))
        #expect(shop.isOpenWholeHour(.wednesday, hour: 16))
        #expect(!shop.isOpenWholeHour(.wednesday, hour: 17))
    }

    @Test("an instant is read on the Dutch clock, summer and winter")
    func instant() throws {
        let shop = try weekdays("10:00-17:00")
        // 09:30 UTC is 11:30 in summer and 10:30 in winter: open both times.
        #expect(shop.isOpen(at: iso("2019-07-06T09:30:00Z")))
        #expect(shop.isOpen(at: iso("2019-01-05T09:30:00Z")))
        // 15:30 UTC is 17:30 in summer (closed) and 16:30 in winter (open).
        #expect(!shop.isOpen(at: iso("2019-07-06T15:30:00Z")))
        #expect(shop.isOpen(at: iso("2019-01-05T15:30:00Z")))
        // Sunday.
        #expect(!shop.isOpen(at: iso("2019-07-07T10:00:00Z")))
    }

    @Test("what is open: the businesses open at an instant, by name")
    func openBusinesses() throws {
        let businesses = [
            BusinessHours(id: "3", name: "Zwaan", street: "Oudestraat", hours: try weekdays("09:00-18:00")),
            BusinessHours(id: "1", name: "Anker", street: "Kruisstraat", hours: try weekdays("10:00-17:00")),
            BusinessHours(id: "2", name: "Kroon", street: "Kruisstraat", hours: try weekdays("13:00-22:00")),
        ]
        // Saturday 6 July 2019, 09:30 local.
        let open = BusinessHours.open(businesses, at: iso("2019-07-06T07:30:00Z"))
        #expect(open.map(\.name) == ["Zwaan"])
        // 16:00 local: all three.
        #expect(
            BusinessHours.open(businesses, at: iso("2019-07-06T14:00:00Z")).map(\.name) == ["Anker", "Kroon", "Zwaan"])
    }
}

@Suite("Opening hours: shares per street and hour")
struct OpeningShareTests {
    func sample() throws -> [BusinessHours] {
        [
            BusinessHours(
                id: "1", name: "A", street: "Kruisstraat", hours: try weekdays("09:00-17:30", thursday: "09:00-21:00")),
            BusinessHours(
                id: "2", name: "B", street: "Kruisstraat", hours: try weekdays("10:00-18:00", thursday: "10:00-21:00")),
            BusinessHours(
                id: "3", name: "C", street: "Oudestraat", hours: try weekdays("12:00-17:00", sunday: "12:00-17:00")),
            BusinessHours(
                id: "4", name: "D", street: "Oudestraat", hours: try weekdays("10:00-16:00", thursday: "10:00-21:00")),
            BusinessHours(id: "5", name: "E", street: "Oudestraat", hours: try hours([:])),
        ]
    }

    @Test("the share of a street's businesses open the whole hour")
    func shares() throws {
        let share = OpeningShare(try sample())
        #expect(share.streetNames == ["Kruisstraat", "Oudestraat"])
        #expect(share.withoutHours == 1)
        #expect(share.streets["Oudestraat"]?.businesses == 2)
        #expect(share.streets["Kruisstraat"]?.share(.monday, hour: 9) == 0.5)
        #expect(share.streets["Kruisstraat"]?.share(.monday, hour: 10) == 1)
        // A closes at 17:30: not open the whole hour 17:00–18:00.
        #expect(share.streets["Kruisstraat"]?.share(.monday, hour: 17) == 0.5)
        #expect(share.streets["Oudestraat"]?.share(.sunday, hour: 12) == 0.5)
        #expect(share.all.share(.monday, hour: 12) == 1)
        #expect(share.all.share(.monday, hour: 16) == 0.75)
        #expect(share.all.share(.monday, hour: 3) == 0)
        #expect(OpeningShare([]).all.share(.monday, hour: 12) == nil)
    }

    @Test("the hours at which most are open, as Dutch text; exactly half counts")
    func mostlyOpen() throws {
        let share = OpeningShare(try sample())
        #expect(share.mostlyOpenText() == "ma–wo, vr–za 10:00–17:00; do 10:00–21:00")
        #expect(share.mostlyOpenText(threshold: 1) == "ma–wo, vr–za 12:00–16:00; do 12:00–17:00")
        #expect(
            share.mostlyOpenText(street: "Oudestraat") == "ma–wo, vr–za 10:00–17:00; do 10:00–21:00; zo 12:00–17:00")
        #expect(share.mostlyOpenText(threshold: 1, street: "Oudestraat") == "ma–wo, vr–za 12:00–16:00; do 12:00–17:00")
        #expect(share.mostlyOpenText(street: "Nergensstraat") == "op geen enkel uur")
        #expect(share.mostlyOpen()[.thursday] == [10..<21])
    }

    @Test("the hours worth showing on a day: those in which anyone is open, the night after Saturday too")
    func hoursWithAnyOpen() throws {
        let share = OpeningShare(try sample())
        // A opens at 9; B closes at 18, so 17:00–18:00 is the last whole hour anyone is open.
        #expect(share.all.hoursWithAnyOpen(on: .monday) == Array(9...17))
        #expect(share.all.open(on: .monday)[9] == 1 && share.all.open(on: .monday)[12] == 4)
        #expect(share.all.open(on: .monday).count == 24)
        #expect(share.all.hoursWithAnyOpen(on: .sunday) == Array(12...16))
        let night = OpeningShare([
            BusinessHours(
                id: "1", name: "Kroeg", street: "Markt",
                hours: try hours(["vr": "16:00-02:00", "za": "16:00-03:00"]))
        ])
        #expect(night.all.hoursWithAnyOpen(on: .sunday) == [0, 1, 2])
        #expect(night.all.hoursWithAnyOpen(on: .saturday) == [0, 1] + Array(16...23))
        #expect(night.all.hoursWithAnyOpen(on: .monday) == [])
    }

    @Test("a day's hours as clock times")
    func hoursText() {
        #expect(OpeningShare.hoursText([10..<17]) == "10:00–17:00")
        #expect(OpeningShare.hoursText([9..<12, 13..<24]) == "09:00–12:00, 13:00–24:00")
        #expect(OpeningShare.hoursText([]) == "")
        #expect(OpeningShare.clock(hour: 0) == "00:00")
    }

    @Test("the text of plain shop hours")
    func plain() throws {
        let share = OpeningShare([
            BusinessHours(id: "1", name: "A", street: "Markt", hours: try weekdays("10:00-17:00")),
            BusinessHours(id: "2", name: "B", street: "Markt", hours: try weekdays("09:30-17:30")),
        ])
        #expect(share.mostlyOpenText(threshold: 1) == "ma–za 10:00–17:00")
        #expect(OpeningShare.daysText([.monday, .wednesday, .saturday, .sunday]) == "ma, wo, za–zo")
    }

    @Test("a moment for 'what is open': the Dutch wall clock without an offset, the offset when given")
    func moments() throws {
        // Summer (+02:00) and winter (+01:00) on the wall clock.
        #expect(CentreTime.moment(parsing: "2019-06-24T11:00") == iso("2019-06-24T09:00:00Z"))
        #expect(CentreTime.moment(parsing: "2019-12-24 11:00") == iso("2019-12-24T10:00:00Z"))
        #expect(CentreTime.moment(parsing: "2019-06-24T11:00:30") == iso("2019-06-24T09:00:30Z"))
        // With an offset, the instant it names.
        #expect(CentreTime.moment(parsing: "2019-06-24T09:00:00Z") == iso("2019-06-24T09:00:00Z"))
        #expect(CentreTime.moment(parsing: "2019-06-24T11:00+02:00") == iso("2019-06-24T09:00:00Z"))
        #expect(CentreTime.moment(parsing: "2019-06-24T04:00-0500") == iso("2019-06-24T09:00:00Z"))
        #expect(CentreTime.moment(parsing: "2019-06-24T09:00:00.250Z") == iso("2019-06-24T09:00:00Z") + 0.25)
        // A time in the hour the clocks skip is read as `instant` reads it: moved on by that hour (03:30 CEST).
        #expect(
            CentreTime.moment(parsing: "2019-03-31T02:30")
                == CentreTime.instant(Day(year: 2019, month: 3, day: 31)!, minute: 150))
        #expect(CentreTime.moment(parsing: "2019-03-31T02:30") == iso("2019-03-31T01:30:00Z"))
        for bad in [
            "", "2019-06-24", "24-06-2019T11:00", "2019-06-24T25:00", "2019-06-24T11:60", "2019-02-30T11:00",
            "2019-06-24T11:00+2", "2019-06-24T11:00+0:200", "2019-06-24T11:00 uur", "2019-06-24T11:00:0",
            "morgen",
        ] {
            #expect(CentreTime.moment(parsing: bad) == nil, "\(bad)")
        }
    }
}
