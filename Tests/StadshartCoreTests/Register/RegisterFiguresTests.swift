import Foundation
import Testing

@testable import StadshartCore

private func d(_ text: String) -> Day { Day(parsing: text)! }

private func unit(
    _ id: String, zone: String = "kernwinkelgebied", street: String = "Forum", area: Int,
    _ function: PremisesFunction = .detailhandel, from: String = "2000-01-01", until: String? = nil,
    vacant: [Period] = []
) -> PremisesFacts {
    PremisesFacts(
        id: id, zone: zone, street: street, floorArea: area,
        existence: Period(from: d(from), until: until.map(d)), functions: [(d(from), function)], vacancies: vacant)
}

private func vacant(_ from: String, until: String? = nil) -> Period {
    Period(from: d(from), until: until.map(d))
}

@Suite("Register: vacancy figures")
struct RegisterFiguresTests {
    /// Six verkooppunten in two zones, plus a vacant flat and a vacant office that must not count.
    /// On 2019-06-01: P2 vacant 5 months (frictioneel), P4 since 2017-03-01 (langdurig),
    /// P5 since 2015-05-31 (structureel: its third anniversary was 2018-05-31).
    static let centre: [PremisesFacts] = [
        unit("P1", street: "Forum", area: 100),
        unit("P2", street: "Forum", area: 250, vacant: [vacant("2019-01-01")]),
        unit("P3", street: "Kruisstraat", area: 150, .horeca),
        unit(
            "P4", zone: "aanloopstraat", street: "Oudestraat", area: 80, .dienstverlening,
            vacant: [vacant("2017-03-01")]),
        unit("P5", zone: "aanloopstraat", street: "Oudestraat", area: 120, .leisure, vacant: [vacant("2015-05-31")]),
        unit("P6", zone: "aanloopstraat", street: "Kruisstraat", area: 300, .cultuur),
        unit("P7", zone: "aanloopstraat", street: "Oudestraat", area: 90, .wonen, vacant: [vacant("2010-01-01")]),
        unit("P8", street: "Forum", area: 400, .kantoor, vacant: [vacant("2018-01-01")]),
    ]

    @Test func wholeCentre() {
        let f = RegisterFigures.vacancy(Self.centre, at: d("2019-06-01"))
        #expect(f.date == d("2019-06-01"))
        #expect(f.units == 6)
        #expect(f.vacantUnits == 3)
        #expect(f.floorArea == 1000)  // 100 + 250 + 150 + 80 + 120 + 300
        #expect(f.vacantFloorArea == 450)  // 250 + 80 + 120
        #expect(f.unitsRate == 0.5)
        #expect(f.floorAreaRate == 0.45)
        #expect(f.byDuration == [.frictioneel: 1, .langdurig: 1, .structureel: 1])
        #expect(f.vacantOverOneYear == 2)
        #expect(f.vacantOverThreeYears == 1)
        #expect(Percent.dutch(f.unitsRate) == "50,0 %")
        #expect(Percent.dutch(f.floorAreaRate) == "45,0 %")
    }

    @Test func perZone() {
        let core = RegisterFigures.vacancy(Self.centre, at: d("2019-06-01"), zone: "kernwinkelgebied")
        #expect((core.units, core.vacantUnits, core.floorArea, core.vacantFloorArea) == (3, 1, 500, 250))
        #expect(Percent.dutch(core.unitsRate) == "33,3 %")
        #expect(core.floorAreaRate == 0.5)
        #expect(core.byDuration == [.frictioneel: 1, .langdurig: 0, .structureel: 0])

        let approach = RegisterFigures.vacancy(Self.centre, at: d("2019-06-01"), zone: "aanloopstraat")
        #expect(
            (approach.units, approach.vacantUnits, approach.floorArea, approach.vacantFloorArea) == (3, 2, 500, 200))
        #expect(Percent.dutch(approach.unitsRate) == "66,7 %")
        #expect(approach.floorAreaRate == 0.4)
        #expect(approach.vacantOverOneYear == 2)
        #expect(approach.vacantOverThreeYears == 1)
    }

    @Test func perStreetAndBoth() {
        let kruis = RegisterFigures.vacancy(Self.centre, at: d("2019-06-01"), street: "Kruisstraat")
        #expect((kruis.units, kruis.vacantUnits, kruis.floorArea, kruis.vacantFloorArea) == (2, 0, 450, 0))
        #expect(kruis.unitsRate == 0)
        #expect(Percent.dutch(kruis.floorAreaRate) == "0,0 %")

        let oude = RegisterFigures.vacancy(Self.centre, at: d("2019-06-01"), street: "Oudestraat")
        #expect((oude.units, oude.vacantUnits, oude.floorArea, oude.vacantFloorArea) == (2, 2, 200, 200))
        #expect(Percent.dutch(oude.unitsRate) == "100,0 %")

        let both = RegisterFigures.vacancy(
            Self.centre, at: d("2019-06-01"), zone: "aanloopstraat", street: "Kruisstraat")
        #expect((both.units, both.floorArea) == (1, 300))
    }

    @Test func noUnitsGivesNoRate() {
        let f = RegisterFigures.vacancy(Self.centre, at: d("2019-06-01"), zone: "overige binnenstad")
        #expect((f.units, f.vacantUnits, f.floorArea, f.vacantFloorArea) == (0, 0, 0, 0))
        #expect(f.unitsRate == nil)
        #expect(f.floorAreaRate == nil)
        #expect(Percent.dutch(f.unitsRate) == "—")
        #expect(Percent.dutch(f.floorAreaRate) == "—")
        #expect(f.byDuration == [.frictioneel: 0, .langdurig: 0, .structureel: 0])
        #expect(RegisterFigures.vacancy([], at: d("2019-06-01")).unitsRate == nil)
    }

    @Test func unitsWithoutFloorAreaHaveAUnitsRateOnly() {
        let f = RegisterFigures.vacancy([unit("P", area: 0, vacant: [vacant("2019-01-01")])], at: d("2019-06-01"))
        #expect(f.unitsRate == 1)
        #expect(f.floorAreaRate == nil)
    }

    @Test func housingAndOfficesAreNotSalesPoints() {
        let onlyOthers = Self.centre.filter { ["P7", "P8"].contains($0.id) }
        let f = RegisterFigures.vacancy(onlyOthers, at: d("2019-06-01"))
        #expect((f.units, f.vacantUnits, f.floorArea) == (0, 0, 0))
        #expect(
            RegisterFigures.vacancy(Self.centre, at: d("2019-06-01"))
                == RegisterFigures.vacancy(Self.centre.filter { !["P7", "P8"].contains($0.id) }, at: d("2019-06-01")))
        #expect(
            PremisesFunction.allCases.filter(\.isSalesPoint) == [
                .detailhandel, .horeca, .dienstverlening, .leisure, .cultuur,
            ])
    }

    @Test(
        "a vacancy holds from its first day until the day before `until`",
        arguments: [
            ("2017-12-31", 0), ("2018-01-01", 1), ("2018-02-28", 1), ("2018-03-01", 0), ("2018-06-01", 0),
        ])
    func vacancyRange(date: String, vacantUnits: Int) {
        let premises = [unit("P", area: 100, vacant: [vacant("2018-01-01", until: "2018-03-01")])]
        let f = RegisterFigures.vacancy(premises, at: d(date))
        #expect(f.units == 1)
        #expect(f.vacantUnits == vacantUnits)
        #expect(f.vacantFloorArea == vacantUnits * 100)
    }

    @Test func emptyVacancyIsNeverVacant() {
        let premises = [unit("P", area: 100, vacant: [vacant("2018-01-01", until: "2018-01-01")])]
        for date in ["2017-12-31", "2018-01-01", "2018-01-02"] {
            #expect(RegisterFigures.vacancy(premises, at: d(date)).vacantUnits == 0)
        }
    }

    /// One unit of 200 m² is split on 2019-04-01 into 120 m² (let at once) and 80 m² (vacant).
    @Test func split() {
        let premises = [
            unit("P", area: 200, from: "2010-01-01", until: "2019-04-01"),
            unit("Pa", area: 120, from: "2019-04-01"),
            unit("Pb", area: 80, from: "2019-04-01", vacant: [vacant("2019-04-01")]),
        ]
        let before = RegisterFigures.vacancy(premises, at: d("2019-03-31"))
        #expect((before.units, before.vacantUnits, before.floorArea, before.vacantFloorArea) == (1, 0, 200, 0))
        #expect(before.unitsRate == 0)

        let after = RegisterFigures.vacancy(premises, at: d("2019-04-01"))
        #expect((after.units, after.vacantUnits, after.floorArea, after.vacantFloorArea) == (2, 1, 200, 80))
        #expect(after.unitsRate == 0.5)
        #expect(after.floorAreaRate == 0.4)
        #expect(after.byDuration[.frictioneel] == 1)
    }

    /// A vacancy carried over from before a split keeps its duration class.
    @Test func vacancyMayBeginBeforeThePremises() {
        let premises = [unit("Pb", area: 80, from: "2019-04-01", vacant: [vacant("2018-01-01")])]
        #expect(RegisterFigures.vacancy(premises, at: d("2019-03-31")).units == 0)
        let f = RegisterFigures.vacancy(premises, at: d("2019-04-01"))
        #expect(f.vacantUnits == 1)
        #expect(f.byDuration[.langdurig] == 1)
    }

    /// 60 m² (let) and 90 m² (vacant) become one let unit of 150 m² on 2020-01-01.
    @Test func merge() {
        let premises = [
            unit("X", area: 60, until: "2020-01-01"),
            unit("Y", area: 90, until: "2020-01-01", vacant: [vacant("2019-01-01")]),
            unit("XY", area: 150, from: "2020-01-01"),
        ]
        let before = RegisterFigures.vacancy(premises, at: d("2019-12-31"))
        #expect((before.units, before.vacantUnits, before.floorArea, before.vacantFloorArea) == (2, 1, 150, 90))
        #expect(before.floorAreaRate == 0.6)
        let after = RegisterFigures.vacancy(premises, at: d("2020-01-01"))
        #expect((after.units, after.vacantUnits, after.floorArea, after.vacantFloorArea) == (1, 0, 150, 0))
    }

    /// A vacant shop turned into housing stops counting on the day of the change.
    @Test func changeOfFunction() {
        let shop = PremisesFacts(
            id: "P", zone: "aanloopstraat", street: "Oudestraat", floorArea: 100,
            existence: Period(from: d("2010-01-01")),
            functions: [(d("2020-07-01"), .wonen), (d("2010-01-01"), .detailhandel)],
            vacancies: [vacant("2019-01-01")])
        let before = RegisterFigures.vacancy([shop], at: d("2020-06-30"))
        #expect((before.units, before.vacantUnits) == (1, 1))
        #expect(before.byDuration[.langdurig] == 1)
        let after = RegisterFigures.vacancy([shop], at: d("2020-07-01"))
        #expect((after.units, after.vacantUnits, after.floorArea) == (0, 0, 0))
        #expect(after.unitsRate == nil)
    }

    @Test(
        "duration classes through the figures, including a 29 February start",
        arguments: [
            ("2020-02-29", "2021-02-28", VacancyDuration.frictioneel),
            ("2020-02-29", "2021-03-01", .langdurig),
            ("2020-02-29", "2023-02-28", .langdurig),
            ("2020-02-29", "2023-03-01", .structureel),
            ("2019-03-10", "2020-03-09", .frictioneel),
            ("2019-03-10", "2020-03-10", .langdurig),
        ])
    func durationInFigures(since: String, date: String, expected: VacancyDuration) {
        let f = RegisterFigures.vacancy([unit("P", area: 50, vacant: [vacant(since)])], at: d(date))
        #expect(f.byDuration[expected] == 1)
        #expect(f.byDuration.values.reduce(0, +) == 1)
        #expect(f.vacantOverOneYear == (expected == .frictioneel ? 0 : 1))
        #expect(f.vacantOverThreeYears == (expected == .structureel ? 1 : 0))
    }

    @Test func encodesRatesAndDurationsAsJSON() throws {
        let f = RegisterFigures.vacancy(Self.centre, at: d("2019-06-01"), zone: "aanloopstraat")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(f), as: UTF8.self)
        #expect(json.contains(#""byDuration":{"frictioneel":0,"langdurig":1,"structureel":1}"#))
        #expect(json.contains(#""floorAreaRate":0.4"#))
        #expect(json.contains(#""vacantOverOneYear":2"#))
        #expect(json.contains(#""date":"2019-06-01""#))
        #expect(try JSONDecoder().decode(VacancyFigures.self, from: Data(json.utf8)) == f)

        let empty = RegisterFigures.vacancy([], at: d("2019-06-01"))
        let emptyJSON = String(decoding: try encoder.encode(empty), as: UTF8.self)
        #expect(emptyJSON.contains(#""unitsRate":null"#))
    }
}

@Suite("Register: employment figures")
struct RegisterEmploymentTests {
    static let area: Set<String> = ["P1", "P2", "P3"]

    static let businesses: [BusinessFacts] = [
        // Two adjacent units, one vestiging; grows from 3 to 5 jobs on 2019-07-01.
        BusinessFacts(
            id: "B1", jobs: [(d("2015-01-01"), 3), (d("2019-07-01"), 5)],
            locations: [("P1", Period(from: d("2015-01-01"))), ("P2", Period(from: d("2015-01-01")))]),
        // Nobody works 12 hours a week or more.
        BusinessFacts(id: "B2", jobs: [(d("2015-01-01"), 0)], locations: [("P3", Period(from: d("2015-01-01")))]),
        // Outside the area.
        BusinessFacts(
            id: "B3", jobs: [(d("2015-01-01"), 10)], locations: [("P99", Period(from: d("2015-01-01")))]),
        // Moves out of the area on 2019-01-01.
        BusinessFacts(
            id: "B4", jobs: [(d("2015-01-01"), 2)],
            locations: [
                ("P3", Period(from: d("2015-01-01"), until: d("2019-01-01"))),
                ("P99", Period(from: d("2019-01-01"))),
            ]),
    ]

    @Test func businessInTwoPremisesCountsOnce() {
        let f = RegisterFigures.employment(Self.businesses, in: Self.area, at: d("2019-06-30"))
        #expect(f == EmploymentFigures(date: d("2019-06-30"), businesses: 1, jobs: 3))
    }

    @Test func jobsChangeOnTheirDay() {
        #expect(RegisterFigures.employment(Self.businesses, in: Self.area, at: d("2019-07-01")).jobs == 5)
        #expect(Self.businesses[0].jobs(at: d("2014-12-31")) == 0)
        #expect(Self.businesses[0].jobs(at: d("2019-06-30")) == 3)
        #expect(Self.businesses[0].jobs(at: d("2019-07-01")) == 5)
    }

    @Test func movingOutOfTheArea() {
        let before = RegisterFigures.employment(Self.businesses, in: Self.area, at: d("2018-12-31"))
        #expect((before.businesses, before.jobs) == (2, 5))  // B1 with 3, B4 with 2
        let after = RegisterFigures.employment(Self.businesses, in: Self.area, at: d("2019-01-01"))
        #expect((after.businesses, after.jobs) == (1, 3))
        let elsewhere = RegisterFigures.employment(Self.businesses, in: ["P99"], at: d("2019-01-01"))
        #expect((elsewhere.businesses, elsewhere.jobs) == (2, 12))  // B3 and B4
    }

    @Test func withoutJobsOrBeforeTheFirstJobNotCounted() {
        let starting = BusinessFacts(
            id: "B5", jobs: [(d("2019-03-01"), 1)], locations: [("P1", Period(from: d("2019-01-01")))])
        #expect(RegisterFigures.employment([starting], in: Self.area, at: d("2019-02-28")).businesses == 0)
        #expect(RegisterFigures.employment([starting], in: Self.area, at: d("2019-03-01")).businesses == 1)
        let b2 = Self.businesses[1]
        #expect(RegisterFigures.employment([b2], in: Self.area, at: d("2019-06-30")).businesses == 0)
    }

    @Test func fullTimeEquivalentsAreKeptApart() {
        let b = BusinessFacts(
            id: "B", jobs: [(d("2019-01-01"), 4)], locations: [("P1", Period(from: d("2019-01-01")))],
            fullTimeEquivalents: [(d("2019-01-01"), 2.5)])
        #expect(b.fullTimeEquivalents(at: d("2018-12-31")) == nil)
        #expect(b.fullTimeEquivalents(at: d("2019-01-01")) == 2.5)
        #expect(RegisterFigures.employment([b], in: ["P1"], at: d("2019-01-01")).jobs == 4)
    }
}

@Suite("Changes of function and temporary use")
struct FunctionChangeAndTemporaryUseTests {
    static func day(_ text: String) -> Day { Day(parsing: text)! }

    @Test func countsUnitsThatChangedFunctionBetweenTwoDays() {
        let shopToHome = PremisesFacts(
            id: "1", zone: "a", street: "Kruisstraat", floorArea: 100, existence: Period(from: Self.day("2000-01-01")),
            functions: [(Self.day("2000-01-01"), .detailhandel), (Self.day("2019-06-01"), .wonen)], vacancies: [])
        let shopToCafe = PremisesFacts(
            id: "2", zone: "a", street: "Brink", floorArea: 60, existence: Period(from: Self.day("2000-01-01")),
            functions: [(Self.day("2000-01-01"), .detailhandel), (Self.day("2019-01-01"), .horeca)], vacancies: [])
        let unchanged = PremisesFacts(
            id: "3", zone: "a", street: "Brink", floorArea: 80, existence: Period(from: Self.day("2000-01-01")),
            functions: [(Self.day("2000-01-01"), .detailhandel)], vacancies: [])
        let newBuilt = PremisesFacts(
            id: "4", zone: "a", street: "Brink", floorArea: 80, existence: Period(from: Self.day("2019-03-01")),
            functions: [(Self.day("2019-03-01"), .wonen)], vacancies: [])
        let figures = FunctionChangeFigures.between(
            [shopToHome, shopToCafe, unchanged, newBuilt], from: Self.day("2018-01-01"), to: Self.day("2020-01-01"))
        #expect(figures.units == 2 && figures.floorArea == 160 && figures.leftSalesPoints == 1)
        let before = FunctionChangeFigures.between(
            [shopToHome], from: Self.day("2018-01-01"), to: Self.day("2019-05-31"))
        #expect(before.units == 0)
    }

    @Test func temporaryUseLiesInsideAVacancy() {
        let vacancies = [Period(from: Self.day("2018-01-01"), until: Self.day("2019-01-01"))]
        #expect(
            TemporaryUseRule.problems(
                vacancies: vacancies, from: Self.day("2018-03-01"), until: Self.day("2018-09-01"), user: "Pop-up"
            ).isEmpty)
        #expect(
            TemporaryUseRule.problems(
                vacancies: vacancies, from: Self.day("2018-03-01"), until: Self.day("2019-03-01"), user: "Pop-up"
            ).map(\.field) == ["from"])
        #expect(
            TemporaryUseRule.problems(vacancies: vacancies, from: Self.day("2018-03-01"), until: nil, user: "Pop-up")
                .map(\.field) == ["from"])
        #expect(
            Set(
                TemporaryUseRule.problems(
                    vacancies: vacancies, from: Self.day("2018-05-01"), until: Self.day("2018-04-01"), user: " "
                ).map(\.field)) == ["user", "until"])
    }
}
