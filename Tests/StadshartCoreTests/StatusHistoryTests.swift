import Testing

@testable import StadshartCore

@Suite("An action's status through time")
struct StatusHistoryTests {
    func day(_ text: String) -> Day { Day(parsing: text)! }

    @Test func theStatusOfADayIsTheLastChangeOnOrBeforeIt() {
        let history = StatusHistory([
            .init(day: day("2019-01-10"), status: .gepland), .init(day: day("2019-03-04"), status: .inUitvoering),
            .init(day: day("2019-09-02"), status: .afgerond),
        ])
        // Before the first day: the first status (the plan may have been typed in after the fact).
        #expect(history.status(on: day("2019-01-09")) == .gepland)
        #expect(StatusHistory([]).status(on: day("2019-01-09")) == nil)
        #expect(history.status(on: day("2019-01-10")) == .gepland)
        #expect(history.status(on: day("2019-03-03")) == .gepland)
        #expect(history.status(on: day("2019-03-04")) == .inUitvoering)
        #expect(history.status(on: day("2020-06-01")) == .afgerond)
        #expect(history.since == day("2019-01-10"))
    }

    @Test func twoChangesOnOneDayTheLaterRecordedCounts() {
        let history = StatusHistory([
            .init(day: day("2019-03-04"), status: .inUitvoering), .init(day: day("2019-03-04"), status: .vervallen),
        ])
        #expect(history.status(on: day("2019-03-04")) == .vervallen)
    }

    @Test func aStatusFromBeforeTheHistoryHoldsFromTheStart() {
        let history = StatusHistory([
            .init(day: nil, status: .inUitvoering), .init(day: day("2019-09-02"), status: .afgerond),
        ])
        #expect(history.status(on: day("2001-01-01")) == .inUitvoering)
        #expect(history.status(on: day("2019-09-02")) == .afgerond)
        #expect(history.since == day("2019-09-02"))
    }

    @Test func aChangeRecordedLaterForAnEarlierDayDoesNotOverrideALaterDay() {
        // Recorded in this order: afgerond on 2 September, then a correction dated 1 March.
        let history = StatusHistory([
            .init(day: day("2019-09-02"), status: .afgerond), .init(day: day("2019-03-01"), status: .inUitvoering),
        ])
        #expect(history.status(on: day("2019-06-01")) == .inUitvoering)
        #expect(history.status(on: day("2019-10-01")) == .afgerond)
    }
}
