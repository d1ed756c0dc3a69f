import Fluent
import Foundation
import StadshartCore
import Vapor

/// One indicator with its figures and where it stands on a day: what every monitor page and the
/// API show. The rules (trajectory, status, trend) are Core's; this only gathers the figures.
struct IndicatorView {
    let indicator: Indicator
    let area: MonitorArea
    /// The target's reference area, else the indicator's comparison area (may be nil).
    let referenceArea: MonitorArea?
    /// Own area, sorted; for a computed indicator counted from the register.
    let own: [Observation]
    /// The reference area's figures, sorted.
    let reference: [Observation]
    /// Stored measurements of this indicator (all areas), newest first.
    let stored: [Measurement]
    let assessment: CourseAssessment
    let course: CourseInput

    var unit: IndicatorUnit { indicator.unitValue }
    var isComputed: Bool { indicator.computedMeasure != nil }

    func format(_ value: Double?) -> String { value.map(unit.format) ?? "—" }

    /// "5.000 op 31 december 2021" or "lager dan Nederland op 31 december 2021 (daar 6,9 % op 1 januari 2020)".
    var targetText: String {
        let date = Day(parsing: indicator.targetDate)?.dutch ?? indicator.targetDate
        if let value = indicator.targetValue { return "\(unit.format(value)) op \(date)" }
        let comparison = indicator.directionValue == .lowerIsBetter ? "lager dan" : "hoger dan"
        let there = assessment.reference.map { " (daar \(unit.format($0.value)) op \($0.date.dutch))" } ?? ""
        return "\(comparison) \(referenceArea?.name ?? "referentiegebied") op \(date)\(there)"
    }

    /// The forecast, and whether it comes too late for the target date.
    var forecastText: String {
        assessment.forecast.text + (assessment.forecastAfterTargetDate ? ", na de streefdatum" : "")
    }

    var baselineText: String {
        "\(unit.format(indicator.baselineValue)) op \(Day(parsing: indicator.baselineDate)?.dutch ?? indicator.baselineDate)"
    }

    /// The own figures on the indicator's basis: the only ones drawn as its line (others are only listed).
    var comparableOwn: [Observation] { own.filter { $0.basis == course.basis } }

    var chart: SVG.IndicatorChart {
        var trajectory: (from: Observation, to: Observation)?
        if let target = assessment.targetValue, let targetDate = Day(parsing: indicator.targetDate) {
            trajectory = (course.baseline, Observation(date: targetDate, value: target, basis: course.basis))
        }
        return SVG.IndicatorChart(
            title: "\(indicator.name) door de tijd", unit: unit, measurements: comparableOwn,
            reference: reference.filter { $0.basis == course.basis }, referenceName: referenceArea?.name ?? "",
            trajectory: trajectory, target: assessment.targetValue, forecast: assessment.forecast.line)
    }
}

enum MonitorStore {
    struct Loaded {
        let centre: Centre
        let areas: [MonitorArea]
        let indicators: [Indicator]
        let measurements: [Measurement]

        func area(_ id: UUID?) -> MonitorArea? { areas.first { $0.id == id } }
        func area(key: String) -> MonitorArea? { areas.first { $0.key == key } }
        func indicator(key: String) -> Indicator? { indicators.first { $0.key == key } }
    }

    static func load(_ centre: Centre, on db: any Database) async throws -> Loaded {
        let centreID = try centre.requireID()
        let areas = try await MonitorArea.query(on: db).filter(\.$centre.$id == centreID).sort(\.$position).all()
        let indicators = try await Indicator.query(on: db).filter(\.$centre.$id == centreID).sort(\.$position).all()
        let measurements =
            indicators.isEmpty
            ? []
            : try await Measurement.query(on: db).filter(\.$indicator.$id ~~ indicators.compactMap(\.id))
                .sort(\.$date).all()
        return Loaded(centre: centre, areas: areas, indicators: indicators, measurements: measurements)
    }

    static func indicator(_ loaded: Loaded, key: String) throws -> Indicator {
        guard let indicator = loaded.indicator(key: key) else {
            throw StadshartError.notFound("Indicator '\(key)' bestaat niet.")
        }
        return indicator
    }

    /// Every indicator as it stands on `asOf`. The register is loaded only when an indicator is computed from it.
    static func views(_ loaded: Loaded, asOf: Day, models: ReadModels, on db: any Database) async throws
        -> [IndicatorView]
    {
        let register: RegisterCounts? =
            loaded.indicators.contains { $0.computed != nil }
            ? RegisterCounts(try await RegisterFacts.current(loaded.centre, in: models, on: db)) : nil
        return loaded.indicators.compactMap { view($0, loaded: loaded, register: register, asOf: asOf) }
    }

    static func view(_ indicator: Indicator, loaded: Loaded, register: RegisterCounts?, asOf: Day) -> IndicatorView? {
        // The area is the same centre's by construction; a broken row hides one indicator, not the monitor.
        guard let area = loaded.area(indicator.$area.id) else { return nil }
        let stored = loaded.measurements.filter { $0.$indicator.id == indicator.id }
        let referenceArea = loaded.area(indicator.$targetArea.id ?? indicator.$referenceArea.id)
        func observations(in area: MonitorArea?) -> [Observation] {
            guard let area else { return [] }
            return stored.filter { $0.$area.id == area.id }.compactMap(\.observation).sorted { $0.date < $1.date }
        }
        let definition = MonitorService.definition(indicator, loaded: loaded)
        var own = observations(in: area)
        if let measure = definition.computed, let register {
            own = register.series(measure, from: definition.baseline.date, to: asOf)
        }
        let course = CourseInput(
            unit: definition.unit, direction: definition.direction, basis: definition.basis,
            baseline: definition.baseline, target: definition.target, measurements: own,
            reference: observations(in: indicator.$targetArea.id == nil ? nil : referenceArea),
            referenceName: referenceArea?.name ?? "")
        return IndicatorView(
            indicator: indicator, area: area, referenceArea: referenceArea, own: own.filter { $0.date <= asOf },
            reference: observations(in: referenceArea).filter { $0.date <= asOf },
            stored: stored.sorted { $0.date > $1.date }, assessment: Course.assess(course, asOf: asOf), course: course)
    }

    /// What is stored, by key: an import skips the same value and refuses another.
    static func existing(_ loaded: Loaded) -> [MeasurementKey: Double] {
        Dictionary(stored(loaded).map { ($0.row.key, $0.row.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every stored measurement as a CSV row, in indicator order, then area, then date.
    static func rows(_ loaded: Loaded) -> [MeasurementRow] {
        stored(loaded).map(\.row)
    }

    /// Every stored measurement with its id, in indicator order, then area, then date.
    static func stored(_ loaded: Loaded) -> [(id: UUID?, row: MeasurementRow)] {
        loaded.indicators.flatMap { indicator in
            loaded.measurements.filter { $0.$indicator.id == indicator.id }.compactMap {
                measurement -> (id: UUID?, row: MeasurementRow)? in
                guard let area = loaded.area(measurement.$area.id), let observation = measurement.observation else {
                    return nil
                }
                return (
                    measurement.id,
                    MeasurementRow(
                        indicator: indicator.key, area: area.key, date: observation.date, value: observation.value,
                        basis: observation.basis, source: measurement.source.flatMap(IndicatorSource.init(rawValue:)),
                        note: measurement.note)
                )
            }
            .sorted { ($0.row.area, $0.row.date) < ($1.row.area, $1.row.date) }
        }
    }

    static func rules(_ loaded: Loaded) -> [String: IndicatorRules] {
        Dictionary(
            uniqueKeysWithValues: loaded.indicators.map { indicator in
                (indicator.key, rules(indicator, loaded: loaded))
            })
    }

    static func rules(_ indicator: Indicator, loaded: Loaded) -> IndicatorRules {
        IndicatorRules(
            key: indicator.key, unit: indicator.unitValue, basis: indicator.basisValue,
            computedArea: indicator.computed == nil ? nil : loaded.area(indicator.$area.id)?.key)
    }

    static func insert(_ row: MeasurementRow, loaded: Loaded, by actor: Actor, on db: any Database)
        async throws -> Measurement
    {
        guard let indicator = loaded.indicator(key: row.indicator), let area = loaded.area(key: row.area) else {
            throw StadshartError.notFound("Indicator of gebied bestaat niet.")
        }
        let measurement = Measurement()
        measurement.$indicator.id = try indicator.requireID()
        measurement.$area.id = try area.requireID()
        measurement.date = row.date.description
        measurement.value = row.value
        measurement.basis = row.basis.rawValue
        measurement.source = row.source?.rawValue
        measurement.note = row.note
        measurement.recordedAt = actor.now
        measurement.recordedBy = actor.name
        try await measurement.create(on: db)
        return measurement
    }

    static func describe(_ row: MeasurementRow, loaded: Loaded) -> String {
        let indicator = loaded.indicator(key: row.indicator)
        let area = loaded.area(key: row.area)
        return
            "Meting \(indicator?.name ?? row.indicator), \(area?.name ?? row.area) op \(row.date.dutch): "
            + (indicator?.unitValue.format(row.value) ?? "\(row.value)")
            + (row.basis == .none ? "" : " (basis \(row.basis.label))")
    }
}

/// The register's facts once, counted at as many days as a chart needs; each day is counted once
/// however many indicators ask for it (one request's lifetime, so the cache needs no locking).
final class RegisterCounts {
    let premises: [PremisesFacts]
    let businesses: [BusinessFacts]
    let premisesKeys: Set<String>
    let earliest: Day?
    private var counted: [Day: (VacancyFigures, EmploymentFigures)] = [:]

    init(_ facts: RegisterFacts.Facts) {
        premises = facts.premises
        businesses = facts.businesses
        premisesKeys = Set(premises.map(\.id))
        earliest = facts.earliest
    }

    func value(_ measure: RegisterMeasure, at day: Day) -> Double? {
        if let (vacancy, employment) = counted[day] { return measure.value(vacancy, employment) }
        let vacancy = RegisterFigures.vacancy(premises, at: day)
        let employment = RegisterFigures.employment(businesses, in: premisesKeys, at: day)
        counted[day] = (vacancy, employment)
        return measure.value(vacancy, employment)
    }

    /// 1 January of every year from three years before the baseline (not before the register
    /// starts) up to `to`, and `to` itself: the points of the chart and of the trend.
    func series(_ measure: RegisterMeasure, from baseline: Day, to day: Day) -> [Observation] {
        guard let earliest, earliest <= day else { return [] }
        let firstYear = max(earliest.year + (earliest.month == 1 && earliest.day == 1 ? 0 : 1), baseline.year - 3)
        var days = firstYear <= day.year ? (firstYear...day.year).compactMap { Day(year: $0, month: 1, day: 1) } : []
        if days.last != day { days.append(day) }
        return days.compactMap { date in
            value(measure, at: date).map { Observation(date: date, value: $0, basis: measure.basis) }
        }
    }
}
