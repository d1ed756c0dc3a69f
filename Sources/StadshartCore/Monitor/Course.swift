/// Whether an indicator is on course: its latest value against the straight line from baseline to
/// target, and where the trend of recent measurements leads.

public enum CourseStatus: String, CaseIterable, Codable, Sendable {
    case reached
    case onCourse = "on-course"
    case behind
    /// No measurement on the indicator's basis on or before the day asked about.
    case noData = "no-data"
    /// The target is a reference area that has no figure on the same basis to compare with.
    case notComparable = "not-comparable"

    public var label: String {
        switch self {
        case .reached: "bereikt"
        case .onCourse: "op koers"
        case .behind: "achter"
        case .noData: "geen meting"
        case .notComparable: "niet vergelijkbaar"
        }
    }
}

/// The indicator as the course computation needs it.
public struct CourseInput: Sendable {
    public var unit: IndicatorUnit
    public var direction: Direction
    public var basis: Basis
    public var baseline: Observation
    public var target: Target
    /// The indicator's own area, any basis, any order, duplicates allowed.
    public var measurements: [Observation]
    /// The target's reference area (empty for a value target).
    public var reference: [Observation]
    public var referenceName: String

    public init(
        unit: IndicatorUnit, direction: Direction, basis: Basis, baseline: Observation, target: Target,
        measurements: [Observation], reference: [Observation] = [], referenceName: String = ""
    ) {
        self.unit = unit
        self.direction = direction
        self.basis = basis
        self.baseline = baseline
        self.target = target
        self.measurements = measurements
        self.reference = reference
        self.referenceName = referenceName
    }
}

public struct Forecast: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case tooFewPoints
        /// No comparable target figure, so no day to reach it.
        case noTarget
        case alreadyReached
        /// The day the trend line meets the target.
        case reachedOn(Day)
        /// The trend runs the wrong way, is flat, or needs more than `Course.horizonYears`.
        case notAtThisPace
        /// The trend line met the target on a day that has passed, yet no measurement since shows
        /// it: a past day is never offered as an outcome still to come.
        case passedUnconfirmed(Day)
    }

    public var outcome: Outcome
    /// How many measurements the trend is drawn through.
    public var points: Int
    /// Change per year of the trend line, in the indicator's unit; nil below two points.
    public var slopePerYear: Double?
    /// The trend line: its value at `from` and at `until` (for the chart).
    public var line: (from: Observation, until: Observation)?

    public static func == (a: Forecast, b: Forecast) -> Bool {
        a.outcome == b.outcome && a.points == b.points && a.slopePerYear == b.slopePerYear
            && a.line?.from == b.line?.from && a.line?.until == b.line?.until
    }

    public var text: String {
        switch outcome {
        case .tooFewPoints: "te weinig metingen voor een trend (\(points))"
        case .noTarget: "geen vergelijkbaar doelcijfer, dus geen prognose"
        case .alreadyReached: "doel bereikt"
        case .reachedOn(let day): "bij dit tempo bereikt rond \(day.dutch) (trend over \(points) metingen)"
        case .notAtThisPace: "niet in dit tempo (trend over \(points) metingen)"
        case .passedUnconfirmed(let day):
            "volgens de trend rond \(day.dutch) bereikt, maar geen meting bevestigt dat; een nieuwe meting is nodig"
        }
    }
}

public struct CourseAssessment: Equatable, Sendable {
    /// The day the assessment is about: only measurements on or before it count.
    public var asOf: Day
    /// The latest own measurement on the indicator's basis (same-day duplicates averaged).
    public var latest: Observation?
    /// The target as a number on `asOf`: the value, or the reference area's latest figure.
    public var targetValue: Double?
    /// The reference figure the target was taken from.
    public var reference: Observation?
    /// Where the straight line from baseline to target stands on the latest measurement's day.
    public var trajectoryValue: Double?
    public var status: CourseStatus
    public var forecast: Forecast
    /// Own measurements on another basis: kept, shown, never compared.
    public var otherBasis: Int
    /// Why there is no comparison, or that the target date has passed, in Dutch.
    public var explanation: String?

    /// The trend reaches the target, but only after the target date.
    public var forecastAfterTargetDate: Bool = false
}

public enum Course {
    /// How many of the most recent measurements the trend uses.
    public static let trendWindow = 5
    /// A target further away than this at the current pace counts as "not at this pace".
    public static let horizonYears = 50

    /// Measurements on one basis up to a day, sorted, with same-day values averaged (a figure
    /// entered twice for one reference date must not weigh double in a trend).
    public static func series(_ observations: [Observation], basis: Basis, until day: Day) -> [Observation] {
        var byDay: [Day: [Double]] = [:]
        for observation in observations where observation.basis == basis && observation.date <= day {
            byDay[observation.date, default: []].append(observation.value)
        }
        return byDay.keys.sorted().map { date in
            let values = byDay[date]!
            return Observation(date: date, value: values.reduce(0, +) / Double(values.count), basis: basis)
        }
    }

    /// The straight line from the baseline to the target value: flat before the baseline and after
    /// the target date. On the target date it is the target, also when that is the baseline's date.
    public static func trajectory(baseline: Observation, targetValue: Double, targetDate: Day, at day: Day) -> Double {
        guard targetDate > baseline.date else { return day < targetDate ? baseline.value : targetValue }
        guard day > baseline.date else { return baseline.value }
        guard day < targetDate else { return targetValue }
        let share = Double(day - baseline.date) / Double(targetDate - baseline.date)
        return baseline.value + (targetValue - baseline.value) * share
    }

    /// Whether `value` meets the target: at least the value for a value target, strictly better than
    /// the reference area for a reference target ("below the national level").
    public static func meets(_ value: Double, _ target: Double, level: TargetLevel, direction: Direction) -> Bool {
        switch level {
        case .value: direction.atLeastAsGood(value, as: target)
        case .reference: direction.better(value, than: target)
        }
    }

    /// "op basis van m² wvo " for an explanation; nothing for a figure without a basis (not "op basis van —").
    private static func onBasis(_ basis: Basis) -> String {
        basis == .none ? "" : "op basis van \(basis.label) "
    }

    public static func assess(_ input: CourseInput, asOf: Day) -> CourseAssessment {
        let own = series(input.measurements, basis: input.basis, until: asOf)
        let otherBasis = input.measurements.filter { $0.basis != input.basis && $0.date <= asOf }.count
        var assessment = CourseAssessment(
            asOf: asOf, latest: own.last, targetValue: nil, reference: nil, trajectoryValue: nil, status: .noData,
            forecast: Forecast(outcome: .tooFewPoints, points: min(own.count, trendWindow)), otherBasis: otherBasis,
            explanation: nil)
        switch input.target.level {
        case .value(let value):
            assessment.targetValue = value
        case .reference:
            // The reference figure of the own latest figure's time, not a later one: 2019 against 2019.
            let until = own.last?.date ?? asOf
            let comparable = series(input.reference, basis: input.basis, until: until)
            assessment.reference = comparable.last
            assessment.targetValue = comparable.last?.value
            if comparable.isEmpty {
                let others = Set(input.reference.filter { $0.date <= until }.map(\.basis)).subtracting([input.basis])
                var text = "\(input.referenceName) heeft geen cijfer \(onBasis(input.basis))op of vóór \(until.dutch)"
                if !others.isEmpty {
                    text +=
                        "; alleen op basis van \(others.map(\.label).sorted().joined(separator: " en ")), en die vergelijken we niet"
                }
                assessment.explanation = text
            }
        }
        guard let latest = own.last else {
            if assessment.explanation == nil {
                assessment.explanation = "nog geen meting \(onBasis(input.basis))op of vóór \(asOf.dutch)"
            }
            return assessment
        }
        guard let target = assessment.targetValue else {
            assessment.status = .notComparable
            assessment.forecast = Forecast(outcome: .noTarget, points: min(own.count, trendWindow))
            return assessment
        }
        let trajectory = trajectory(
            baseline: input.baseline, targetValue: target, targetDate: input.target.date, at: latest.date)
        assessment.trajectoryValue = trajectory
        if meets(latest.value, target, level: input.target.level, direction: input.direction) {
            assessment.status = .reached
        } else if latest.date < input.target.date, asOf < input.target.date,
            input.direction.atLeastAsGood(latest.value, as: trajectory)
        {
            // From the target date on, the trajectory is the target itself: only reaching it will do (level
            // with a reference area is not better than it, so not on course either).
            assessment.status = .onCourse
        } else {
            assessment.status = .behind
        }
        if assessment.status == .behind, asOf >= input.target.date {
            // A figure that was on course once does not count once the target date has passed unmet.
            assessment.explanation =
                "de streefdatum (\(input.target.date.dutch)) is voorbij en het doel is niet gehaald"
        }
        assessment.forecast = forecast(
            own, target: target, level: input.target.level, direction: input.direction,
            reached: assessment.status == .reached)
        if case .reachedOn(let day) = assessment.forecast.outcome {
            if day <= asOf {
                assessment.forecast.outcome = .passedUnconfirmed(day)
            } else if day > input.target.date {
                assessment.forecastAfterTargetDate = true
            }
        }
        return assessment
    }

    /// The least-squares line through the last `trendWindow` points of a sorted series, and the day
    /// it meets the target.
    public static func forecast(
        _ series: [Observation], target: Double, level: TargetLevel, direction: Direction, reached: Bool
    ) -> Forecast {
        let recent = Array(series.suffix(trendWindow))
        guard recent.count >= 2, let first = recent.first, let last = recent.last else {
            return Forecast(outcome: reached ? .alreadyReached : .tooFewPoints, points: recent.count)
        }
        let xs = recent.map { Double($0.date - first.date) }
        let ys = recent.map(\.value)
        let n = Double(recent.count)
        let meanX = xs.reduce(0, +) / n
        let meanY = ys.reduce(0, +) / n
        var numerator = 0.0
        var denominator = 0.0
        for (x, y) in zip(xs, ys) {
            numerator += (x - meanX) * (y - meanY)
            denominator += (x - meanX) * (x - meanX)
        }
        let slope = numerator / denominator  // dates are distinct, so denominator > 0
        let intercept = meanY - slope * meanX
        let fitted = { (day: Day) in
            Observation(date: day, value: intercept + slope * Double(day - first.date), basis: last.basis)
        }
        var result = Forecast(
            outcome: .notAtThisPace, points: recent.count, slopePerYear: slope * 365.25,
            line: (from: fitted(first.date), until: fitted(last.date)))
        if reached {
            result.outcome = .alreadyReached
            return result
        }
        let improving = direction == .higherIsBetter ? slope > 0 : slope < 0
        guard improving else { return result }
        let crossing = (target - intercept) / slope
        // Already past the target on the line but not in the last figure: the line reaches it by the
        // last measurement's day at the latest.
        let days = max(crossing, xs.last!).rounded(.up)
        guard days - xs.last! <= Double(horizonYears) * 365.25 else { return result }
        // A day after 2999 is not a `Day` (adding would trap): that far away is not at this pace either.
        guard let lastDay = Day(year: 2999, month: 12, day: 31), Int(days) <= lastDay - first.date else {
            return result
        }
        let day = first.date.adding(days: Int(days))
        result.outcome = .reachedOn(day)
        result.line = (from: fitted(first.date), until: fitted(day))
        return result
    }
}
