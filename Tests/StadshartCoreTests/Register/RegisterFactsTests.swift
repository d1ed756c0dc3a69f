import Testing

@testable import StadshartCore

private func d(_ text: String) -> Day { Day(parsing: text)! }

@Suite("Register: periods, premises and duration classes")
struct RegisterFactsTests {
    @Test func periodIsFromInclusiveUntilExclusive() {
        let p = Period(from: d("2018-01-01"), until: d("2018-03-01"))
        #expect(!p.contains(d("2017-12-31")))
        #expect(p.contains(d("2018-01-01")))
        #expect(p.contains(d("2018-02-28")))
        #expect(!p.contains(d("2018-03-01")))
        #expect(!p.isEmpty)

        let ongoing = Period(from: d("2018-01-01"))
        #expect(ongoing.contains(d("2999-12-31")))
        #expect(!ongoing.contains(d("2017-12-31")))
        #expect(!ongoing.isEmpty)

        let empty = Period(from: d("2018-01-01"), until: d("2018-01-01"))
        #expect(empty.isEmpty)
        #expect(!empty.contains(d("2018-01-01")))
        #expect(Period(from: d("2018-01-02"), until: d("2018-01-01")).isEmpty)
    }

    @Test func functionFollowsTheTimelineWhileThePremisesExists() {
        let p = PremisesFacts(
            id: "P", zone: "kernwinkelgebied", street: "Forum", floorArea: 100,
            existence: Period(from: d("2010-01-01"), until: d("2030-01-01")),
            functions: [(d("2015-01-01"), .horeca), (d("2012-01-01"), .detailhandel), (d("2015-01-01"), .leisure)])
        #expect(p.function(at: d("2009-12-31")) == nil)  // does not exist yet
        #expect(p.function(at: d("2011-06-01")) == nil)  // exists, no function yet
        #expect(p.function(at: d("2012-01-01")) == .detailhandel)
        #expect(p.function(at: d("2014-12-31")) == .detailhandel)
        #expect(p.function(at: d("2015-01-01")) == .leisure)  // two changes on one day: the last listed wins
        #expect(p.function(at: d("2029-12-31")) == .leisure)
        #expect(p.function(at: d("2030-01-01")) == nil)
        #expect(p.exists(at: d("2010-01-01")))
        #expect(!p.exists(at: d("2030-01-01")))
    }

    @Test func touchingOrOverlappingVacanciesAreOneVacancy() {
        func premises(_ vacancies: [Period]) -> PremisesFacts {
            PremisesFacts(
                id: "P", zone: "z", street: "s", floorArea: 1, existence: Period(from: d("2000-01-01")),
                functions: [(d("2000-01-01"), .detailhandel)], vacancies: vacancies)
        }
        let touching = premises([
            Period(from: d("2018-01-01")), Period(from: d("2017-01-01"), until: d("2018-01-01")),
        ])
        #expect(touching.vacancy(at: d("2018-06-01")) == Period(from: d("2017-01-01")))

        let gap = premises([
            Period(from: d("2017-01-01"), until: d("2017-12-31")), Period(from: d("2018-01-01")),
        ])
        #expect(gap.vacancy(at: d("2017-12-31")) == nil)
        #expect(gap.vacancy(at: d("2018-06-01")) == Period(from: d("2018-01-01")))
        #expect(gap.vacancy(at: d("2017-06-01")) == Period(from: d("2017-01-01"), until: d("2017-12-31")))

        let overlapping = premises([
            Period(from: d("2016-01-01"), until: d("2018-06-01")),
            Period(from: d("2017-01-01"), until: d("2018-03-01")),
            Period(from: d("2019-01-01"), until: d("2019-01-01")),
        ])
        #expect(overlapping.vacancy(at: d("2018-05-01")) == Period(from: d("2016-01-01"), until: d("2018-06-01")))
        #expect(overlapping.vacancy(at: d("2018-06-01")) == nil)
        #expect(overlapping.vacancy(at: d("2019-01-01")) == nil)
        #expect(premises([]).vacancy(at: d("2018-01-01")) == nil)
    }

    @Test func noVacancyWhereNoPremises() {
        let p = PremisesFacts(
            id: "P", zone: "z", street: "s", floorArea: 1,
            existence: Period(from: d("2018-01-01"), until: d("2019-01-01")),
            functions: [(d("2018-01-01"), .detailhandel)], vacancies: [Period(from: d("2017-01-01"))])
        #expect(p.vacancy(at: d("2017-06-01")) == nil)
        #expect(p.vacancy(at: d("2018-06-01")) == Period(from: d("2017-01-01")))
        #expect(p.vacancy(at: d("2019-01-01")) == nil)
    }

    @Test(
        "duration class boundaries: the same calendar date one and three years later",
        arguments: [
            ("2019-03-10", "2019-03-10", VacancyDuration.frictioneel),
            ("2019-03-10", "2020-03-10", .langdurig),
            ("2019-03-10", "2022-03-09", .langdurig),
            ("2019-03-10", "2022-03-10", .structureel),
            // A year is the same calendar date, not 365 days: 365 days with 29 February in between is
            // not yet a year, 365 days without one is.
            ("2019-03-10", "2020-03-09", .frictioneel),
            ("2019-02-28", "2020-02-28", .langdurig),
            // Starting on 29 February: the anniversary in a common year is 1 March.
            ("2020-02-29", "2021-02-28", .frictioneel),
            ("2020-02-29", "2021-03-01", .langdurig),
            ("2020-02-29", "2023-02-28", .langdurig),
            ("2020-02-29", "2023-03-01", .structureel),
            ("2020-02-29", "2024-02-29", .structureel),
            // Before the start (no negative vacancy) and anniversaries past 2999.
            ("2020-01-01", "2019-12-31", .frictioneel),
            ("2998-01-01", "2999-12-31", .langdurig),
        ])
    func durationBoundaries(since: String, at: String, expected: VacancyDuration) {
        #expect(VacancyDuration.of(since: d(since), at: d(at)) == expected)
    }

    @Test func labels() {
        #expect(VacancyDuration.allCases.map(\.label).allSatisfy { !$0.isEmpty })
        #expect(PremisesFunction.dienstverlening.label == "Consumentgerichte dienstverlening")
        #expect(Set(PremisesFunction.allCases.map(\.label)).count == PremisesFunction.allCases.count)
    }
}
