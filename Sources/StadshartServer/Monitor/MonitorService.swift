import Fluent
import Foundation
import StadshartCore
import Vapor

/// The monitor's service: indicators as they stand, and every change (indicators, areas,
/// measurements) checked in Core against the centre's areas and theme lines and
/// written in one transaction with its audit entry (a changed target shows before and after).
enum MonitorService {
    static func context(_ loaded: MonitorStore.Loaded, on db: any Database) async throws -> IndicatorContext {
        let lines = try await ThemeLine.query(on: db).filter(\.$centre.$id == loaded.centre.requireID()).all()
        return IndicatorContext(
            areas: Dictionary(uniqueKeysWithValues: loaded.areas.map { ($0.key, $0.reference) }),
            themeLines: Set(lines.map(\.code)), takenKeys: Set(loaded.indicators.map(\.key)))
    }

    static func definition(_ indicator: Indicator, loaded: MonitorStore.Loaded) -> IndicatorDefinition {
        let basis = indicator.basisValue
        let target = loaded.area(indicator.$targetArea.id)
        return IndicatorDefinition(
            key: indicator.key, name: indicator.name, description: indicator.description, unit: indicator.unitValue,
            direction: indicator.directionValue, basis: basis, group: indicator.groupValue,
            agreement: indicator.agreement, goal: indicator.goal, themeLines: indicator.themeLineCodes,
            source: indicator.sourceValue, computed: indicator.computedMeasure, owner: indicator.owner,
            area: loaded.area(indicator.$area.id)?.key ?? "",
            referenceArea: loaded.area(indicator.$referenceArea.id)?.key,
            baseline: Observation(
                date: Day(parsing: indicator.baselineDate) ?? Day(year: 1900, month: 1, day: 1)!,
                value: indicator.baselineValue, basis: basis),
            target: Target(
                indicator.targetValue.map { .value($0) } ?? .reference(area: target?.key ?? ""),
                by: Day(parsing: indicator.targetDate) ?? Day(year: 1900, month: 1, day: 1)!),
            note: indicator.note)
    }

    /// The input a form starts from when an indicator is changed.
    static func input(_ indicator: Indicator, loaded: MonitorStore.Loaded) -> IndicatorInput {
        var input = IndicatorInput()
        input.key = indicator.key
        input.name = indicator.name
        input.description = indicator.description
        input.unit = indicator.unit
        input.direction = indicator.direction
        input.basis = indicator.basis
        input.group = indicator.group
        input.agreement = indicator.agreement
        input.goal = indicator.goal
        input.themeLines = indicator.themeLineCodes
        input.source = indicator.source
        input.computed = indicator.computed
        input.owner = indicator.owner
        input.area = loaded.area(indicator.$area.id)?.key
        input.referenceArea = loaded.area(indicator.$referenceArea.id)?.key
        input.baselineValue = DutchNumber.exact(indicator.baselineValue)
        input.baselineDate = indicator.baselineDate
        input.targetValue = indicator.targetValue.map(DutchNumber.exact)
        input.targetReference = loaded.area(indicator.$targetArea.id)?.key
        input.targetDate = indicator.targetDate
        input.note = indicator.note
        return input
    }

    static func create(_ input: IndicatorInput, loaded: MonitorStore.Loaded, by actor: Actor, on db: any Database)
        async throws -> Indicator
    {
        let definition = try input.validate(in: try await context(loaded, on: db))
        let indicator = Indicator()
        indicator.$centre.id = try loaded.centre.requireID()
        indicator.position = (loaded.indicators.map(\.position).max() ?? 0) + 1
        try apply(definition, to: indicator, loaded: loaded)
        try await db.transaction { tx in
            try await indicator.create(on: tx)
            try await Audit.record(
                .aangemaakt, .indicator, id: indicator.key, centreID: loaded.centre.requireID(),
                summary: "Indicator '\(definition.name)' aangemaakt",
                changes: definition.changes(from: blank(definition)), by: actor, on: tx)
        }
        return indicator
    }

    static func update(
        _ indicator: Indicator, with input: IndicatorInput, loaded: MonitorStore.Loaded, by actor: Actor,
        on db: any Database
    ) async throws {
        let before = definition(indicator, loaded: loaded)
        let after = try input.validate(in: try await context(loaded, on: db), existingKey: indicator.key)
        if before.computed != after.computed,
            loaded.measurements.contains(where: {
                $0.$indicator.id == indicator.id && $0.$area.id == loaded.area(key: after.area)?.id
            })
        {
            throw InvalidInput([
                FieldProblem(
                    field: "computed",
                    message: "er zijn ingevoerde metingen voor dit gebied; een berekend cijfer kan die niet vervangen")
            ])
        }
        let measured = loaded.measurements.contains { $0.$indicator.id == indicator.id }
        if measured, before.unit != after.unit {
            throw InvalidInput([FieldProblem(field: "unit", message: "de eenheid ligt vast zodra er metingen zijn")])
        }
        if measured, before.basis != after.basis {
            throw InvalidInput([FieldProblem(field: "basis", message: "de basis ligt vast zodra er metingen zijn")])
        }
        let changes = after.changes(from: before)
        guard !changes.isEmpty else { return }
        try apply(after, to: indicator, loaded: loaded)
        try await db.transaction { tx in
            try await indicator.update(on: tx)
            try await Audit.record(
                .gewijzigd, .indicator, id: indicator.key, centreID: loaded.centre.requireID(),
                summary: "Indicator '\(after.name)' gewijzigd", changes: changes, by: actor, on: tx)
        }
    }

    /// Adds an area (a reference area to compare with, or another own area).
    static func addArea(_ input: AreaInput, loaded: MonitorStore.Loaded, by actor: Actor, on db: any Database)
        async throws -> MonitorArea
    {
        let checked = try input.validate(takenKeys: Set(loaded.areas.map(\.key)))
        let area = MonitorArea()
        area.$centre.id = try loaded.centre.requireID()
        area.key = checked.key
        area.name = checked.name
        area.reference = checked.reference
        area.position = (loaded.areas.map(\.position).max() ?? 0) + 1
        try await db.transaction { tx in
            try await area.create(on: tx)
            try await Audit.record(
                .aangemaakt, .gebied, id: area.key, centreID: loaded.centre.requireID(),
                summary: "Gebied '\(area.name)' toegevoegd" + (area.reference ? " (referentiegebied)" : ""),
                by: actor, on: tx)
        }
        return area
    }

    private static func blank(_ definition: IndicatorDefinition) -> IndicatorDefinition {
        var blank = definition
        blank.name = ""
        blank.description = ""
        blank.goal = ""
        blank.themeLines = []
        blank.owner = ""
        blank.note = ""
        return blank
    }

    static func apply(_ definition: IndicatorDefinition, to indicator: Indicator, loaded: MonitorStore.Loaded)
        throws
    {
        func id(_ key: String) throws -> UUID {
            guard let area = loaded.area(key: key) else {
                throw StadshartError.notFound("Gebied '\(key)' bestaat niet.")
            }
            return try area.requireID()
        }
        indicator.key = definition.key
        indicator.name = definition.name
        indicator.description = definition.description
        indicator.unit = definition.unit.rawValue
        indicator.direction = definition.direction.rawValue
        indicator.basis = definition.basis.rawValue
        indicator.group = definition.group.rawValue
        indicator.source = definition.source.rawValue
        indicator.computed = definition.computed?.rawValue
        indicator.agreement = definition.agreement
        indicator.goal = definition.goal
        indicator.themeLines = definition.themeLines.joined(separator: ",")
        indicator.owner = definition.owner
        indicator.$area.id = try id(definition.area)
        indicator.$referenceArea.id = try definition.referenceArea.map(id)
        indicator.baselineValue = definition.baseline.value
        indicator.baselineDate = definition.baseline.date.description
        switch definition.target.level {
        case .value(let value):
            indicator.targetValue = value
            indicator.$targetArea.id = nil
        case .reference(let area):
            indicator.targetValue = nil
            indicator.$targetArea.id = try id(area)
        }
        indicator.targetDate = definition.target.date.description
        indicator.note = definition.note
    }

    /// Every indicator as it stands on a day.
    static func views(_ centre: Centre, asOf day: Day, models: ReadModels, on db: any Database) async throws -> (
        MonitorStore.Loaded, [IndicatorView]
    ) {
        // Figures at a date are made once per data version; the pages and the API only read them.
        let kept = try await models.value("monitor|\(day)", of: centre) {
            let loaded = try await MonitorStore.load(centre, on: db)
            return Computed(
                loaded: loaded, views: try await MonitorStore.views(loaded, asOf: day, models: models, on: db))
        }
        return (kept.loaded, kept.views)
    }

    /// The monitor as computed at a date: kept between requests, never changed (writes load their own).
    private struct Computed: @unchecked Sendable {
        let loaded: MonitorStore.Loaded
        let views: [IndicatorView]
    }

    static func measurement(_ loaded: MonitorStore.Loaded, id: UUID) throws -> Measurement {
        guard let measurement = loaded.measurements.first(where: { $0.id == id }) else {
            throw StadshartError.notFound("Meting '\(id)' bestaat niet.")
        }
        return measurement
    }

    /// Adds one measurement (form or API); refused when the same figure is already there.
    static func record(
        _ row: MeasurementRow, loaded: MonitorStore.Loaded, by actor: Actor, on db: any Database
    ) async throws -> Measurement {
        try await db.transaction { tx in
            let measurement = try await MonitorStore.insert(row, loaded: loaded, by: actor, on: tx)
            try await Audit.record(
                .aangemaakt, .meting, id: measurement.id?.uuidString, centreID: loaded.centre.requireID(),
                summary: MonitorStore.describe(row, loaded: loaded), by: actor, on: tx)
            return measurement
        }
    }

    /// Checks one measurement against the indicator and what is already stored.
    static func check(_ values: [String: String], indicator: Indicator?, loaded: MonitorStore.Loaded, today: Day)
        throws -> MeasurementRow
    {
        let row = try Measurements.check(
            values, indicator: indicator.map { MonitorStore.rules($0, loaded: loaded) },
            indicators: MonitorStore.rules(loaded),
            areas: Set(loaded.areas.map(\.key)), today: today
        ).get()
        if let stored = MonitorStore.existing(loaded)[row.key] {
            let unit = loaded.indicator(key: row.indicator)?.unitValue ?? .count
            throw InvalidInput([
                .clash(
                    field: "datum",
                    message:
                        "op \(row.date.dutch) staat al \(unit.format(stored)) voor dit gebied; verwijder die meting eerst als dit een correctie is"
                )
            ])
        }
        return row
    }

    /// A CSV of measurements: all lines or none, one transaction, one audit entry per measurement.
    static func importCSV(
        _ text: String, loaded: MonitorStore.Loaded, dryRun: Bool, by actor: Actor, on db: any Database
    )
        async throws -> ImportSummary
    {
        let outcome = try MeasurementCSV.read(
            text, indicators: MonitorStore.rules(loaded), areas: Set(loaded.areas.map(\.key)),
            existing: MonitorStore.existing(loaded),
            today: actor.today)
        var summary = ImportSummary(dryRun: dryRun, created: outcome.new.count, unchanged: outcome.unchanged)
        summary.changes = outcome.new.map { "regel \($0.line ?? 0): \(MonitorStore.describe($0, loaded: loaded))" }
        guard !dryRun, !outcome.new.isEmpty else { return summary }
        try await db.transaction { tx in
            for row in outcome.new {
                let measurement = try await MonitorStore.insert(row, loaded: loaded, by: actor, on: tx)
                try await Audit.record(
                    .aangemaakt, .meting, id: measurement.id?.uuidString, centreID: loaded.centre.requireID(),
                    summary: MonitorStore.describe(row, loaded: loaded) + " (import)", by: actor, on: tx)
            }
        }
        return summary
    }

    static func delete(_ measurement: Measurement, loaded: MonitorStore.Loaded, by actor: Actor, on db: any Database)
        async throws
    {
        let indicator = loaded.indicators.first { $0.id == measurement.$indicator.id }
        let area = loaded.area(measurement.$area.id)
        let text =
            "Meting verwijderd: \(indicator?.name ?? "?"), \(area?.name ?? "?") op \(measurement.date): "
            + (indicator?.unitValue.format(measurement.value) ?? "\(measurement.value)")
        try await db.transaction { tx in
            try await measurement.delete(on: tx)
            try await Audit.record(
                .verwijderd, .meting, id: measurement.id?.uuidString, centreID: loaded.centre.requireID(),
                summary: text,
                by: actor, on: tx)
        }
    }
}
