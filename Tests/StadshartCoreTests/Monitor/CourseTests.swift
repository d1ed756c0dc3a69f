import Testing

@testable import StadshartCore

private func d(_ text: String) -> Day { Day(parsing: text)! }

private func obs(_ date: String, _ value: Double, _ basis: Basis = .none) -> Observation {
    Observation(date: d(date), value: value, basis: basis)
}

/// For values that are not exact in binary (a share of 1461 days, an average of 7.0 and 7.4).
private func close(_ a: Double?, _ b: Double, within tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}

@Suite("Monitor: trajectory")
struct TrajectoryTests {
    static let baseline = obs("2018-01-01", 3800)

    func at(_ day: String, targetDate: String = "2022-01-01") -> Double {
        Course.trajectory(baseline: Self.baseline, targetValue: 5000, targetDate: d(targetDate), at: d(day))
    }

    @Test func dayCounts() {
        #expect(d("2022-01-01") - d("2018-01-01") == 1461)  // 365 + 365 + 366 (2020) + 365
        #expect(d("2020-01-01") - d("2018-01-01") == 730)  // 365 + 365
        #expect(d("2023-01-01") - d("2021-01-01") == 730)  // 365 + 365
        #expect(d("2022-01-01") - d("2021-01-01") == 365)
    }

    @Test func flatBeforeAndAtTheBaseline() {
        #expect(at("2017-06-01") == 3800)
        #expect(at("1990-01-01") == 3800)
        #expect(at("2018-01-01") == 3800)
    }

    @Test func straightLineBetween() {
        // one day in: 3800 + 1200 × 1/1461 = 3800 + 0.8214 = 3800.8214
        #expect(close(at("2018-01-02"), 3800.8214, within: 1e-4))
        // 730 of 1461 days: 1200 × 730 / 1461 = 876000 / 1461 = 599.5893 (1461 × 599 = 875139, 861 / 1461 = 0.5893)
        #expect(close(at("2020-01-01"), 4399.5893, within: 1e-4))
        // 2021-01-01 is 1096 days in (730 + 366): 1200 × 1096 / 1461 = 1315200 / 1461 = 900.2053
        // (1461 × 900 = 1314900, 300 / 1461 = 0.2053)
        #expect(close(at("2021-01-01"), 4700.2053, within: 1e-4))
    }

    /// Baseline 2021-01-01, target 2023-01-01: 730 days, so 2022-01-01 (365 days) is exactly halfway.
    @Test func exactlyHalfway() {
        let value = Course.trajectory(
            baseline: obs("2021-01-01", 3800), targetValue: 5000, targetDate: d("2023-01-01"), at: d("2022-01-01"))
        #expect(value == 4400)  // 3800 + 1200 × 365/730 = 3800 + 600
        let falling = Course.trajectory(
            baseline: obs("2021-01-01", 12), targetValue: 8, targetDate: d("2023-01-01"), at: d("2022-01-01"))
        #expect(falling == 10)  // 12 + (8 − 12) × 0.5 = 12 − 2
    }

    @Test func targetOnAndAfterTheTargetDate() {
        #expect(at("2022-01-01") == 5000)
        #expect(at("2021-12-31") < 5000)  // 1460 of 1461 days: 5000 − 1200/1461 = 4999.18
        #expect(close(at("2021-12-31"), 4999.1786, within: 1e-4))
        #expect(at("2023-03-01") == 5000)
        #expect(at("2040-01-01") == 5000)
    }

    /// A target due on the baseline's own day: before it the baseline, from that day on the target.
    @Test func targetDateIsTheBaselineDate() {
        #expect(at("2017-12-31", targetDate: "2018-01-01") == 3800)
        #expect(at("2018-01-01", targetDate: "2018-01-01") == 5000)
        #expect(at("2018-01-02", targetDate: "2018-01-01") == 5000)
        #expect(at("2030-01-01", targetDate: "2018-01-01") == 5000)
    }
}

@Suite("Monitor: course with a value target")
struct CourseValueTargetTests {
    /// Jobs, higher is better: 3800 on 2021-01-01, 5000 by 2023-01-01 (730 days; halfway 2022-01-01 at 4400).
    static func jobs(_ measurements: [Observation]) -> CourseInput {
        CourseInput(
            unit: .count, direction: .higherIsBetter, basis: .none, baseline: obs("2021-01-01", 3800),
            target: Target(.value(5000), by: d("2023-01-01")), measurements: measurements)
    }

    /// Vacancy by units, lower is better: 12 % on 2021-01-01, 8 % by 2023-01-01 (halfway 10 %).
    static func vacancy(_ measurements: [Observation]) -> CourseInput {
        CourseInput(
            unit: .percent, direction: .lowerIsBetter, basis: .units, baseline: obs("2021-01-01", 12, .units),
            target: Target(.value(8), by: d("2023-01-01")), measurements: measurements)
    }

    @Test func onCourseExactlyOnTheLine() {
        let a = Course.assess(Self.jobs([obs("2021-01-01", 3800), obs("2022-01-01", 4400)]), asOf: d("2022-06-01"))
        #expect(a.asOf == d("2022-06-01"))
        #expect(a.latest == obs("2022-01-01", 4400))
        #expect(a.targetValue == 5000)
        #expect(a.reference == nil)
        #expect(a.trajectoryValue == 4400)  // halfway: 3800 + 600
        #expect(a.status == .onCourse)  // 4400 ≥ 4400
        #expect(a.otherBasis == 0)
        #expect(a.explanation == nil)
    }

    @Test func onCourseAboveTheLine() {
        let a = Course.assess(Self.jobs([obs("2022-01-01", 4500)]), asOf: d("2022-01-01"))
        #expect(a.trajectoryValue == 4400)
        #expect(a.status == .onCourse)  // 4500 ≥ 4400, < 5000
    }

    @Test func behindBelowTheLine() {
        let a = Course.assess(Self.jobs([obs("2021-01-01", 3800), obs("2022-01-01", 4399)]), asOf: d("2022-06-01"))
        #expect(a.trajectoryValue == 4400)
        #expect(a.status == .behind)  // 4399 < 4400
    }

    @Test func reachedAtTheTargetValue() {
        let a = Course.assess(Self.jobs([obs("2022-01-01", 5000)]), asOf: d("2022-01-01"))
        #expect(a.status == .reached)  // 5000 ≥ 5000: a value target is met by reaching it
        #expect(a.forecast.outcome == .alreadyReached)
        #expect(a.forecast.points == 1)
        #expect(a.forecast.text == "doel bereikt")
        #expect(Course.assess(Self.jobs([obs("2021-06-01", 5100)]), asOf: d("2022-01-01")).status == .reached)
    }

    @Test func vacancyFallingWhenLowerIsBetter() {
        let on = Course.assess(
            Self.vacancy([obs("2021-01-01", 12, .units), obs("2022-01-01", 9.5, .units)]), asOf: d("2022-01-01"))
        #expect(on.trajectoryValue == 10)  // 12 − 4 × 0.5
        #expect(on.status == .onCourse)  // 9.5 ≤ 10
        let behind = Course.assess(Self.vacancy([obs("2022-01-01", 10.5, .units)]), asOf: d("2022-01-01"))
        #expect(behind.status == .behind)  // 10.5 > 10
        let reached = Course.assess(Self.vacancy([obs("2022-01-01", 8, .units)]), asOf: d("2022-01-01"))
        #expect(reached.status == .reached)  // 8 ≤ 8
        let better = Course.assess(Self.vacancy([obs("2022-01-01", 7.5, .units)]), asOf: d("2022-01-01"))
        #expect(better.status == .reached)
    }

    @Test func fallingWhenRisingIsBetterIsBehind() {
        let a = Course.assess(Self.jobs([obs("2021-01-01", 3800), obs("2022-01-01", 3700)]), asOf: d("2022-01-01"))
        #expect(a.trajectoryValue == 4400)
        #expect(a.status == .behind)  // 3700 < 4400
        #expect(a.forecast.outcome == .notAtThisPace)
        #expect(a.forecast.points == 2)
        // two points: slope = −100 / 365 per day; per year −100 × 365.25 / 365 = −100.0685
        #expect(close(a.forecast.slopePerYear, -100.0685, within: 1e-4))
        #expect(a.forecast.text == "niet in dit tempo (trend over 2 metingen)")
    }

    @Test func risingWhenLowerIsBetterIsBehind() {
        let a = Course.assess(
            Self.vacancy([obs("2021-01-01", 12, .units), obs("2022-01-01", 13, .units)]), asOf: d("2022-01-01"))
        #expect(a.status == .behind)  // 13 > 10
        #expect(a.forecast.outcome == .notAtThisPace)
    }

    @Test func targetDatePassedAndNotReachedIsBehind() {
        // 2024-01-01 is after the target date: the trajectory stands at the target itself
        let a = Course.assess(Self.jobs([obs("2022-01-01", 4400), obs("2024-01-01", 4900)]), asOf: d("2024-06-01"))
        #expect(a.trajectoryValue == 5000)
        #expect(a.status == .behind)  // 4900 < 5000
        let reached = Course.assess(Self.jobs([obs("2024-01-01", 5000)]), asOf: d("2024-06-01"))
        #expect(reached.status == .reached)
        let onTheDay = Course.assess(Self.jobs([obs("2023-01-01", 4999)]), asOf: d("2023-01-01"))
        #expect(onTheDay.trajectoryValue == 5000)
        #expect(onTheDay.status == .behind)
    }

    /// A target due on the baseline day: a measurement on that day that does not reach it is behind.
    @Test func targetDueOnTheBaselineDay() {
        var input = Self.jobs([obs("2021-01-01", 3800)])
        input.target = Target(.value(5000), by: d("2021-01-01"))
        let a = Course.assess(input, asOf: d("2021-01-01"))
        #expect(a.trajectoryValue == 5000)
        #expect(a.status == .behind)
    }

    @Test func oneMeasurementHasAStatusButNoTrend() {
        let a = Course.assess(Self.jobs([obs("2022-01-01", 4500)]), asOf: d("2022-06-01"))
        #expect(a.status == .onCourse)
        #expect(a.forecast == Forecast(outcome: .tooFewPoints, points: 1))
        #expect(a.forecast.slopePerYear == nil)
        #expect(a.forecast.line == nil)
        #expect(a.forecast.text == "te weinig metingen voor een trend (1)")
    }

    @Test func noMeasurement() {
        let a = Course.assess(Self.vacancy([]), asOf: d("2022-01-01"))
        #expect(a.status == .noData)
        #expect(a.latest == nil)
        #expect(a.targetValue == 8)
        #expect(a.trajectoryValue == nil)
        #expect(a.forecast == Forecast(outcome: .tooFewPoints, points: 0))
        #expect(a.explanation == "nog geen meting op basis van aantal verkooppunten op of vóór 1 januari 2022")
    }

    /// An indicator without a basis (jobs) does not say "op basis van —".
    @Test func noMeasurementWithoutABasis() {
        let a = Course.assess(Self.jobs([obs("2022-03-01", 4500)]), asOf: d("2022-01-01"))
        #expect(a.status == .noData)
        #expect(a.explanation == "nog geen meting op of vóór 1 januari 2022")
    }

    @Test func orderDoesNotMatter() {
        let sorted = [
            obs("2021-01-01", 3800), obs("2021-07-01", 4000), obs("2022-01-01", 4300), obs("2022-07-01", 4600),
        ]
        let shuffled = [sorted[2], sorted[0], sorted[3], sorted[1]]
        let a = Course.assess(Self.jobs(sorted), asOf: d("2022-12-01"))
        let b = Course.assess(Self.jobs(shuffled), asOf: d("2022-12-01"))
        #expect(a == b)
        #expect(b.latest == obs("2022-07-01", 4600))
        #expect(b.forecast.points == 4)
        #expect(Course.assess(Self.jobs(sorted.reversed()), asOf: d("2022-12-01")) == a)
    }

    /// A score entered twice for one reference date: 7.0 and 7.4 count as one measurement of 7.2.
    @Test func sameDayMeasurementsAreAveraged() {
        let input = CourseInput(
            unit: .score, direction: .higherIsBetter, basis: .none, baseline: obs("2021-01-01", 6.8),
            target: Target(.value(7.5), by: d("2023-01-01")),
            measurements: [obs("2022-01-01", 7.0), obs("2021-01-01", 6.8), obs("2022-01-01", 7.4)])
        let a = Course.assess(input, asOf: d("2022-06-01"))
        #expect(a.latest?.date == d("2022-01-01"))
        #expect(close(a.latest?.value, 7.2))  // (7.0 + 7.4) / 2
        // trajectory halfway: 6.8 + (7.5 − 6.8) × 0.5 = 7.15; 7.2 ≥ 7.15 (7.0 alone would be behind)
        #expect(close(a.trajectoryValue, 7.15))
        #expect(a.status == .onCourse)
        #expect(a.forecast.points == 2)  // 2021-01-01 and 2022-01-01, not three
        // line through (0, 6.8) and (365, 7.2): slope 0.4/365 per day, 0.4 × 365.25 / 365 = 0.40027 per year;
        // it meets 7.5 after (7.5 − 6.8) / (0.4/365) = 0.7 × 365 / 0.4 = 638.75 → 639 days:
        // 2021-01-01 + 365 = 2022-01-01, + 274 more: 2022-10-01 is day 273 of 2022 (0-based), so 2022-10-02
        #expect(close(a.forecast.slopePerYear, 0.40027, within: 1e-5))
        #expect(a.forecast.outcome == .reachedOn(d("2022-10-02")))

        #expect(Course.series(input.measurements, basis: .none, until: d("2022-06-01")).count == 2)
    }

    /// The same scores looked at after the day the trend met 7.5, with no newer figure: that day has
    /// passed, so it is not offered as an outcome to come, and the text asks for a new measurement.
    @Test func aForecastDayInThePastIsNotAFutureOutcome() {
        let input = CourseInput(
            unit: .score, direction: .higherIsBetter, basis: .none, baseline: obs("2021-01-01", 6.8),
            target: Target(.value(7.5), by: d("2024-01-01")),
            measurements: [obs("2021-01-01", 6.8), obs("2022-01-01", 7.2)])
        #expect(Course.assess(input, asOf: d("2022-10-01")).forecast.outcome == .reachedOn(d("2022-10-02")))
        let later = Course.assess(input, asOf: d("2023-03-01"))
        #expect(later.forecast.outcome == .passedUnconfirmed(d("2022-10-02")))
        #expect(later.forecast.text.contains("nieuwe meting"))
        #expect(!later.forecastAfterTargetDate)
    }

    @Test func measurementsAfterAsOfAreIgnored() {
        let input = Self.jobs([
            obs("2021-01-01", 3800), obs("2022-01-01", 4300), obs("2022-06-02", 9999), obs("2025-01-01", 6000),
        ])
        let a = Course.assess(input, asOf: d("2022-06-01"))
        #expect(a.latest == obs("2022-01-01", 4300))
        #expect(a.status == .behind)  // 4300 < 4400
        #expect(a.forecast.points == 2)
        // asOf is inclusive: the figure dated 2022-06-02 counts from that day on
        let next = Course.assess(input, asOf: d("2022-06-02"))
        #expect(next.latest == obs("2022-06-02", 9999))
        #expect(next.status == .reached)
    }

    @Test func otherBasisIsCountedNeverUsed() {
        let input = Self.vacancy([
            obs("2021-01-01", 12, .units), obs("2022-01-01", 10.5, .units),
            obs("2022-01-01", 3, .floorArea),  // would be "reached" if it were compared
            obs("2022-03-01", 2, .floorArea), obs("2022-03-01", 2, .none),
            obs("2023-01-01", 1, .floorArea),  // after asOf: not counted
        ])
        let a = Course.assess(input, asOf: d("2022-06-01"))
        #expect(a.otherBasis == 3)  // two m² wvo and one without basis, on or before 2022-06-01
        #expect(a.latest == obs("2022-01-01", 10.5, .units))
        #expect(a.status == .behind)  // 10.5 > 10
        #expect(a.forecast.points == 2)
        let onlyOther = Course.assess(Self.vacancy([obs("2022-01-01", 3, .floorArea)]), asOf: d("2022-06-01"))
        #expect(onlyOther.status == .noData)
        #expect(onlyOther.otherBasis == 1)
    }

    @Test func statusLabels() {
        #expect(
            CourseStatus.allCases.map(\.label) == [
                "bereikt", "op koers", "achter", "geen meting", "niet vergelijkbaar",
            ])
    }
}

@Suite("Monitor: course against a reference area")
struct CourseReferenceTargetTests {
    /// Vacancy by units, 12 % on 2021-01-01, to be below the national level by 2023-01-01.
    static func input(_ measurements: [Observation], reference: [Observation]) -> CourseInput {
        CourseInput(
            unit: .percent, direction: .lowerIsBetter, basis: .units, baseline: obs("2021-01-01", 12, .units),
            target: Target(.reference(area: "Nederland"), by: d("2023-01-01")), measurements: measurements,
            reference: reference, referenceName: "Nederland")
    }

    static let national = [
        obs("2021-01-01", 7, .units), obs("2022-01-01", 6.5, .units), obs("2022-01-01", 9.8, .floorArea),
        obs("2024-01-01", 3, .units),  // after asOf in most tests
    ]

    @Test func comparedOnTheSameBasis() {
        let a = Course.assess(
            Self.input([obs("2022-01-01", 9, .units)], reference: Self.national), asOf: d("2022-06-01"))
        #expect(a.reference == obs("2022-01-01", 6.5, .units))  // the latest units figure, not the m² one
        #expect(a.targetValue == 6.5)
        // halfway to the national figure: 12 + (6.5 − 12) × 0.5 = 12 − 2.75 = 9.25
        #expect(a.trajectoryValue == 9.25)
        #expect(a.status == .onCourse)  // 9 ≤ 9.25
        #expect(a.explanation == nil)
    }

    @Test func strictlyBetterIsNeededToReachIt() {
        let equal = Course.assess(
            Self.input([obs("2022-06-01", 6.5, .units)], reference: Self.national), asOf: d("2022-06-01"))
        #expect(equal.status != .reached)  // "below the national level": 6.5 is not below 6.5
        #expect(equal.status == .onCourse)  // still before the target date, and below the trajectory
        let below = Course.assess(
            Self.input([obs("2022-06-01", 6.4, .units)], reference: Self.national), asOf: d("2022-06-01"))
        #expect(below.status == .reached)  // 6.4 < 6.5
    }

    /// After the target date the trajectory is the reference itself; level with it is not reached, so behind.
    @Test func levelWithTheReferenceAfterTheTargetDateIsBehind() {
        let a = Course.assess(
            Self.input([obs("2023-06-01", 6.5, .units)], reference: Self.national), asOf: d("2023-06-01"))
        #expect(a.trajectoryValue == 6.5)
        #expect(a.status == .behind)
    }

    @Test func referenceOnlyOnAnotherBasisIsNotComparable() {
        let floorAreaOnly = [obs("2021-01-01", 10.2, .floorArea), obs("2022-01-01", 9.8, .floorArea)]
        let a = Course.assess(
            Self.input([obs("2022-01-01", 9, .units)], reference: floorAreaOnly), asOf: d("2022-06-01"))
        #expect(a.status == .notComparable)
        #expect(a.latest == obs("2022-01-01", 9, .units))
        #expect(a.targetValue == nil)
        #expect(a.reference == nil)
        #expect(a.trajectoryValue == nil)
        #expect(
            a.explanation
                == "Nederland heeft geen cijfer op basis van aantal verkooppunten op of vóór 1 januari 2022; "
                + "alleen op basis van m² wvo, en die vergelijken we niet")
        #expect(a.explanation?.contains(Basis.units.label) == true)
        #expect(a.explanation?.contains(Basis.floorArea.label) == true)
    }

    @Test func noReferenceFigureAtAll() {
        let a = Course.assess(Self.input([obs("2022-01-01", 9, .units)], reference: []), asOf: d("2022-06-01"))
        #expect(a.status == .notComparable)
        // The reference is looked up as of the own latest figure's day, 1 January 2022.
        #expect(
            a.explanation == "Nederland heeft geen cijfer op basis van aantal verkooppunten op of vóór 1 januari 2022")
    }

    @Test func referenceFigureAfterAsOfIsIgnored() {
        // the 3 % of 2024 would make 9 far from reached; on 2022-06-01 only 7 and 6.5 exist
        let a = Course.assess(
            Self.input([obs("2022-01-01", 9, .units)], reference: Self.national), asOf: d("2022-06-01"))
        #expect(a.targetValue == 6.5)
        // the only units figure is after asOf: nothing to compare with, and the m² one is not comparable
        let late = [obs("2024-01-01", 3, .units), obs("2022-01-01", 9.8, .floorArea)]
        let b = Course.assess(Self.input([obs("2022-01-01", 9, .units)], reference: late), asOf: d("2022-06-01"))
        #expect(b.status == .notComparable)
        #expect(b.explanation?.hasSuffix("alleen op basis van m² wvo, en die vergelijken we niet") == true)
        // Even as of 2024, a national figure of 2024 is not set against an own figure of 2022: 2022 against 2022.
        let c = Course.assess(Self.input([obs("2022-01-01", 9, .units)], reference: late), asOf: d("2024-01-01"))
        #expect(c.targetValue == nil)
        #expect(c.status == .notComparable)
        #expect(c.forecast.outcome == .noTarget)
        // With an own figure of 2024 the 2024 national figure counts: 9 is not below 3.
        let e = Course.assess(
            Self.input([obs("2022-01-01", 9, .units), obs("2024-01-01", 9, .units)], reference: late),
            asOf: d("2024-01-01"))
        #expect(e.targetValue == 3)
        #expect(e.status == .behind)
    }

    @Test func noOwnMeasurementAgainstAReference() {
        let a = Course.assess(Self.input([], reference: Self.national), asOf: d("2022-06-01"))
        #expect(a.status == .noData)
        #expect(a.targetValue == 6.5)
        #expect(a.explanation == "nog geen meting op basis van aantal verkooppunten op of vóór 1 juni 2022")
    }
}

@Suite("Monitor: forecast")
struct ForecastTests {
    /// Three points 365 days apart: x = 0, 365, 730 and y = 3800, 4000, 4530.
    /// mean x = 365, mean y = 12330 / 3 = 4110
    /// Σ(x − x̄)(y − ȳ) = (−365)(−310) + 0 × (−110) + 365 × 420 = 113150 + 153300 = 266450
    /// Σ(x − x̄)² = 365² + 0 + 365² = 133225 × 2 = 266450
    /// slope = 266450 / 266450 = 1 per day (365.25 per year); intercept = 4110 − 1 × 365 = 3745.
    static let rising = [obs("2021-01-01", 3800), obs("2022-01-01", 4000), obs("2023-01-01", 4530)]

    func forecast(
        _ series: [Observation], target: Double, direction: Direction = .higherIsBetter, reached: Bool = false
    ) -> Forecast {
        Course.forecast(series, target: target, level: .value(target), direction: direction, reached: reached)
    }

    @Test func leastSquaresThroughThreePoints() {
        let f = forecast(Self.rising, target: 5000)
        #expect(f.points == 3)
        #expect(f.slopePerYear == 365.25)
        // 5000 − 3745 = 1255 days after 2021-01-01: + 1095 (three years of 365) = 2024-01-01, + 160 more;
        // 2024 is a leap year, 1 June is day 152 (0-based: 31 + 29 + 31 + 30 + 31), so day 160 is 9 June
        #expect(f.outcome == .reachedOn(d("2024-06-09")))
        #expect(f.line?.from == obs("2021-01-01", 3745))
        #expect(f.line?.until == obs("2024-06-09", 5000))  // 3745 + 1255
        #expect(f.text == "bij dit tempo bereikt rond 9 juni 2024 (trend over 3 metingen)")
    }

    @Test func theCrossingDayIsRoundedUp() {
        let f = forecast(Self.rising, target: 5000.5)
        // 5000.5 − 3745 = 1255.5 days → 1256: 10 June 2024
        #expect(f.outcome == .reachedOn(d("2024-06-10")))
        #expect(f.line?.until == obs("2024-06-10", 5001))  // 3745 + 1256
    }

    @Test func fallingWhenLowerIsBetter() {
        // x = 0, 365, 730; y = 12, 11, 10: slope −2/730 = −1/365 per day, intercept 11 + 1 = 12.
        // 8.5 is reached after (8.5 − 12) / (−1/365) = 3.5 × 365 = 1277.5 → 1278 days:
        // 2021-01-01 + 1095 = 2024-01-01, + 183: 1 July 2024 is day 182 (152 + 30), so 2 July
        let series = [obs("2021-01-01", 12), obs("2022-01-01", 11), obs("2023-01-01", 10)]
        let f = forecast(series, target: 8.5, direction: .lowerIsBetter)
        #expect(close(f.slopePerYear, -1.000685, within: 1e-6))  // −365.25 / 365
        #expect(f.outcome == .reachedOn(d("2024-07-02")))
    }

    @Test func slopeTheWrongWayIsNotAtThisPace() {
        // y = 4530, 4000, 3800: the mirror image, slope −1 per day, intercept 4110 + 365 = 4475
        let series = [obs("2021-01-01", 4530), obs("2022-01-01", 4000), obs("2023-01-01", 3800)]
        let f = forecast(series, target: 5000)
        #expect(f.outcome == .notAtThisPace)
        #expect(f.slopePerYear == -365.25)
        #expect(f.line?.from == obs("2021-01-01", 4475))
        #expect(f.line?.until == obs("2023-01-01", 3745))  // 4475 − 730: the line ends at the last measurement
        #expect(forecast(Self.rising, target: 3000, direction: .lowerIsBetter).outcome == .notAtThisPace)
    }

    @Test func flatIsNotAtThisPace() {
        let series = [obs("2021-01-01", 4000), obs("2022-01-01", 4000), obs("2023-01-01", 4000)]
        let f = forecast(series, target: 5000)
        #expect(f.outcome == .notAtThisPace)
        #expect(f.slopePerYear == 0)
        #expect(forecast(series, target: 3000, direction: .lowerIsBetter).outcome == .notAtThisPace)
    }

    /// Slope 1 per day, last measurement at day 730: the horizon is 50 × 365.25 = 18262.5 days after it.
    @Test func horizon() {
        // 22737 − 3745 = 18992 days; 18992 − 730 = 18262 ≤ 18262.5.
        // 2021-01-01 to 2073-01-01 is 52 × 365 + 13 leap days (2024 … 2072) = 18993, so day 18992 is 2072-12-31
        #expect(forecast(Self.rising, target: 22737).outcome == .reachedOn(d("2072-12-31")))
        // one more: 18263 > 18262.5
        #expect(forecast(Self.rising, target: 22738).outcome == .notAtThisPace)
        // y = 3800, 3800.5, 3801: slope 1/730 per day; 5000 needs 1200 × 730 = 876000 days
        let slow = [obs("2021-01-01", 3800), obs("2022-01-01", 3800.5), obs("2023-01-01", 3801)]
        let f = forecast(slow, target: 5000)
        #expect(f.outcome == .notAtThisPace)
        #expect(f.points == 3)
        #expect(f.text == "niet in dit tempo (trend over 3 metingen)")
    }

    /// Within the horizon but past the last day a `Day` can hold: not a crash, just not at this pace.
    @Test func beyondTheCalendar() {
        // the rising series moved to 2990: slope 1 per day, intercept 3745, so 10000 is met 6255 days after
        // 2990-01-01 (6255 − 730 = 5525, well within the horizon); 2990-01-01 to 3000-01-01 is only
        // 10 × 365 + 2 leap days (2992, 2996) = 3652 days
        let start = d("2990-01-01")
        let late = zip([0, 365, 730], [3800.0, 4000, 4530]).map { days, value in
            Observation(date: start.adding(days: days), value: value, basis: .none)
        }
        let f = forecast(late, target: 10000)
        #expect(f.outcome == .notAtThisPace)
        #expect(f.slopePerYear == 365.25)
        #expect(forecast(late, target: 6000).outcome == .reachedOn(start.adding(days: 2255)))  // 6000 − 3745
    }

    /// Seven points, 100 days apart from 2020-01-01. The last five lie on y = 1200 + x (x from day 200):
    /// x̄ = 200, ȳ = 1400, Σ(x − x̄)(y − ȳ) = Σ(x − x̄)² = 200² + 100² + 0 + 100² + 200² = 100000, slope 1.
    /// The first two (9000 and 50) would tilt it: with them the slope is negative.
    @Test func onlyTheLastFivePointsCount() {
        let start = d("2020-01-01")
        let values: [Double] = [9000, 50, 1200, 1300, 1400, 1500, 1600]
        let series = values.enumerated().map { i, value in
            Observation(date: start.adding(days: 100 * i), value: value, basis: .none)
        }
        let f = forecast(series, target: 2000)
        #expect(f.points == 5)
        #expect(f.slopePerYear == 365.25)
        #expect(f.line?.from == Observation(date: start.adding(days: 200), value: 1200, basis: .none))
        // 2000 − 1200 = 800 days after day 200, day 1000 from 2020-01-01: + 366 = 2021-01-01, + 365 = 2022-01-01,
        // + 269: 1 September is day 243 of 2022, so day 269 is 27 September
        #expect(f.outcome == .reachedOn(d("2022-09-27")))
        #expect(forecast(Array(series.suffix(5)), target: 2000) == f)
        // all seven: Σ(x − 300) × y = −300 × 9000 − 200 × 50 − 100 × 1200 + 100 × 1400 + 200 × 1500 + 300 × 1600
        // = −2830000 + 920000 = −1910000 < 0: with them the trend would run the wrong way (not at this pace)
        #expect(Course.trendWindow == 5)
    }

    /// The line has passed the target before the last day while the last figure has not: the trend reaches
    /// it by the last measurement's day.
    @Test func lineAlreadyPastTheTarget() {
        // x = 0, 100, 200; y = 1000, 1700, 1500: x̄ = 100, ȳ = 1400;
        // Σ(x − x̄)(y − ȳ) = (−100)(−400) + 0 + 100 × 100 = 50000; Σ(x − x̄)² = 20000; slope 2.5, intercept 1150.
        // 1600 is met at (1600 − 1150) / 2.5 = 180 < 200, so the day is day 200 itself.
        let start = d("2022-01-01")
        let series = [
            Observation(date: start, value: 1000, basis: .none),
            Observation(date: start.adding(days: 100), value: 1700, basis: .none),
            Observation(date: start.adding(days: 200), value: 1500, basis: .none),
        ]
        let f = forecast(series, target: 1600)
        #expect(f.outcome == .reachedOn(start.adding(days: 200)))
        #expect(start.adding(days: 200) == d("2022-07-20"))  // 1 July is day 181, + 19
        #expect(f.line?.until == Observation(date: d("2022-07-20"), value: 1650, basis: .none))  // 1150 + 500
    }

    @Test func alreadyReached() {
        let f = forecast(Self.rising, target: 4500, reached: true)
        #expect(f.outcome == .alreadyReached)
        #expect(f.points == 3)
        #expect(f.slopePerYear == 365.25)  // the trend is still drawn
        #expect(f.line?.until == obs("2023-01-01", 4475))  // 3745 + 730
        let one = forecast([obs("2022-01-01", 5000)], target: 4500, reached: true)
        #expect(one == Forecast(outcome: .alreadyReached, points: 1))
    }

    @Test func tooFewPoints() {
        #expect(forecast([], target: 5000) == Forecast(outcome: .tooFewPoints, points: 0))
        #expect(forecast([obs("2022-01-01", 4000)], target: 5000) == Forecast(outcome: .tooFewPoints, points: 1))
        #expect(forecast([obs("2022-01-01", 4000)], target: 5000).text == "te weinig metingen voor een trend (1)")
    }
}
