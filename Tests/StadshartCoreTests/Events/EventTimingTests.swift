import Foundation
import Testing

@testable import StadshartCore

@Suite("Event timing and input")
struct EventTimingTests {
    func d(_ text: String) -> Day { Day(parsing: text)! }
    func t(_ text: String) -> ClockTime { ClockTime(parsing: text)! }

    @Test func aWeeklyMarketKeepsItsHourAcrossTheClockChange() throws {
        let market = EventTiming(
            firstDay: d("2019-10-15"), lastDay: d("2019-10-15"), startTime: t("08:00"), endTime: t("13:00"),
            recurrence: try Recurrence(parsing: "FREQ=WEEKLY;BYDAY=TU"), exceptions: [d("2019-10-29")])
        let runs = market.runs(from: d("2019-10-20"), through: d("2019-11-10"))
        #expect(runs.map(\.firstDay) == [d("2019-10-22"), d("2019-11-05")])
        #expect(runs.allSatisfy { CentreTime.local($0.start).minute == 8 * 60 })
        // Summer time on the 22nd (UTC+2), winter time on 5 November (UTC+1): an hour apart in UTC.
        let utcHour = { (date: Date) in Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: date).hour! }
        #expect(utcHour(runs[0].start) == 6)
        #expect(utcHour(runs[1].start) == 7)
    }

    @Test func anEndBeforeTheStartIsTheNextDay() {
        let night = EventTiming(
            firstDay: d("2019-06-29"), lastDay: d("2019-06-29"), startTime: t("20:00"), endTime: t("01:00"))
        let run = night.run(startingOn: d("2019-06-29"))
        #expect(run.end.timeIntervalSince(run.start) == 5 * 3600)
        #expect(run.dutch.hasSuffix("20:00–01:00"))
        let fair = EventTiming(firstDay: d("2019-08-23"), lastDay: d("2019-08-25"))
        #expect(fair.run(startingOn: fair.firstDay).dutch == "23 augustus 2019 t/m 25 augustus 2019")
        #expect(fair.runs(from: d("2019-08-25"), through: d("2019-09-01")).count == 1)
        #expect(fair.runs(from: d("2019-08-26"), through: d("2019-09-01")).isEmpty)
    }

    @Test func inputIsCheckedInDutchAndWhole() {
        let bad = EventInput(
            title: "", category: "dansfeest", firstDay: "2019-13-01", startTime: "12:00", place: "maan",
            organiser: "niemand", rrule: "FREQ=HOURLY", exdates: ["gisteren"])
        #expect(throws: InvalidInput.self) { try bad.validate(places: ["brink"], organisations: ["vaart"]) }
        do {
            _ = try bad.validate(places: ["brink"], organisations: ["vaart"])
        } catch {
            let fields = Set(error.problems.map(\.field))
            #expect(
                fields == ["title", "category", "firstDay", "endTime", "place", "organiser", "rrule", "exdates"])
        }
        let good = EventInput(
            title: "Preuvenement", category: "culinair", firstDay: "22-08-2019", lastDay: "2019-08-25",
            startTime: "12:00", endTime: "23:00", place: "brink", organiser: "vaart", expectedVisitors: 40_000)
        let valid = try? good.validate(places: ["brink"], organisations: ["vaart"])
        #expect(valid?.firstDay == d("2019-08-22"))
        #expect(valid?.status == .idee)
        #expect(valid?.isPublic == true)
    }

    @Test func aMonthHasItsFirstAndLastDay() {
        #expect(d("2020-02-14").firstOfMonth == d("2020-02-01"))
        #expect(d("2020-02-14").lastOfMonth == d("2020-02-29"))
        #expect(d("2019-02-01").lastOfMonth == d("2019-02-28"))
        #expect(d("2019-12-31").lastOfMonth == d("2019-12-31"))
        #expect(d("2019-01-31").lastOfMonth == d("2019-01-31"))
    }
}
