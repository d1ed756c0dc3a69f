import Foundation

/// Measurements as they are typed in (form, API) or imported (CSV): checked against the indicator
/// they belong to, all problems at once, and nothing written while one remains.

/// One checked measurement, ready to store.
public struct MeasurementRow: Equatable, Sendable {
    public var line: Int?
    public var indicator: String
    public var area: String
    public var date: Day
    public var value: Double
    public var basis: Basis
    public var source: IndicatorSource?
    public var note: String

    public init(
        line: Int? = nil, indicator: String, area: String, date: Day, value: Double, basis: Basis,
        source: IndicatorSource? = nil, note: String = ""
    ) {
        self.line = line
        self.indicator = indicator
        self.area = area
        self.date = date
        self.value = value
        self.basis = basis
        self.source = source
        self.note = note
    }

    public var key: MeasurementKey { MeasurementKey(indicator: indicator, area: area, basis: basis, date: date) }
}

/// One figure per indicator, area, basis and reference date: a second one is a correction, and a
/// correction is made on purpose (delete, then record), never by a later import.
public struct MeasurementKey: Hashable, Sendable {
    public var indicator: String
    public var area: String
    public var basis: Basis
    public var date: Day

    public init(indicator: String, area: String, basis: Basis, date: Day) {
        self.indicator = indicator
        self.area = area
        self.basis = basis
        self.date = date
    }
}

/// What a measurement is checked against.
public struct IndicatorRules: Sendable {
    public var key: String
    public var unit: IndicatorUnit
    public var basis: Basis
    /// For an indicator computed from the register: its own area, where nothing may be typed in.
    public var computedArea: String?

    public init(key: String, unit: IndicatorUnit, basis: Basis, computedArea: String? = nil) {
        self.key = key
        self.unit = unit
        self.basis = basis
        self.computedArea = computedArea
    }
}

public enum Measurements {
    /// Checks one measurement given as texts by field name (the CSV's column names). `indicator` is
    /// used when the values have no "indicator" (a form on the indicator's own page).
    public static func check(
        _ values: [String: String], line: Int? = nil, indicator fixed: IndicatorRules? = nil,
        indicators: [String: IndicatorRules], areas: Set<String>, today: Day? = nil
    ) -> Result<MeasurementRow, InvalidInput> {
        var problems: [FieldProblem] = []
        func problem(_ field: String, _ message: String) {
            problems.append(FieldProblem(field: field, message: message, line: line))
        }
        func value(_ field: String) -> String { values[field]?.trimmed ?? "" }

        var rules = fixed
        if rules == nil {
            let key = value("indicator")
            if key.isEmpty {
                problem("indicator", "vul de indicator in")
            } else if let known = indicators[key] {
                rules = known
            } else {
                problem("indicator", "onbekende indicator '\(key)'")
            }
        }
        let area = value("gebied")
        if area.isEmpty {
            problem("gebied", "vul het gebied in")
        } else if !areas.contains(area) {
            problem("gebied", "onbekend gebied '\(area)'; bekend: \(areas.sorted().joined(separator: ", "))")
        } else if let computed = rules?.computedArea, computed == area {
            problem("gebied", "deze indicator wordt voor '\(area)' berekend uit het register en niet ingevoerd")
        }
        let date = Day(parsing: value("datum"))
        if value("datum").isEmpty {
            problem("datum", "vul de peildatum in")
        } else if date == nil {
            problem("datum", "'\(value("datum"))' is geen datum (bijv. 2020-01-01)")
        } else if let date, let today, date > today {
            problem("datum", "\(date.dutch) ligt in de toekomst; een meting beschrijft een dag die geweest is")
        }
        var number: Double?
        if value("waarde").isEmpty {
            problem("waarde", "vul de waarde in")
        } else if let unit = rules?.unit {
            switch unit.parse(value("waarde")) {
            case .success(let parsed): number = parsed
            case .failure(let failure): problem("waarde", failure.message)
            }
        }
        var basis = rules?.basis ?? .none
        if !value("basis").isEmpty {
            if let given = Basis(csvName: value("basis")) {
                basis = given
            } else {
                problem(
                    "basis",
                    "onbekende basis '\(value("basis"))'; kies uit \(Basis.allCases.map(\.csvName).joined(separator: ", "))"
                )
            }
        }
        var source: IndicatorSource?
        if !value("bron").isEmpty {
            source = IndicatorSource.allCases.first {
                $0.rawValue == value("bron").lowercased() || $0.label.lowercased() == value("bron").lowercased()
            }
            if source == nil {
                problem(
                    "bron",
                    "onbekende bron '\(value("bron"))'; kies uit \(IndicatorSource.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
        }
        let note = value("toelichting")
        if note.count > 1000 { problem("toelichting", "hoogstens 1000 tekens") }
        guard problems.isEmpty, let rules, let date, let number else { return .failure(InvalidInput(problems)) }
        return .success(
            MeasurementRow(
                line: line, indicator: rules.key, area: area, date: date, value: number, basis: basis, source: source,
                note: note))
    }
}

/// The CSV of measurements: export and import share it, so an export re-imports as it is.
public enum MeasurementCSV {
    public static let header = ["indicator", "gebied", "datum", "waarde", "basis", "bron", "toelichting"]
    static let required: Set<String> = ["indicator", "gebied", "datum", "waarde"]

    /// Values with a decimal comma and no thousands dot ("21,9", "3800"), so they read back exactly.
    public static func row(_ row: MeasurementRow) -> [String] {
        [
            row.indicator, row.area, row.date.description, DutchNumber.exact(row.value), row.basis.csvName,
            row.source?.rawValue ?? "",
            CSV.escapeFormula(row.note),
        ]
    }

    public static func encode(_ rows: [MeasurementRow]) -> String {
        CSV.encode([header] + rows.map(row))
    }

    public struct Outcome: Equatable, Sendable {
        /// Lines that add a measurement.
        public var new: [MeasurementRow]
        /// Lines already there with the same value (a re-imported export).
        public var unchanged: Int
    }

    /// All lines or none: every problem of every line is reported, with its line and column.
    /// A line for a measurement that exists with another value is refused, not taken as a correction.
    public static func read(
        _ text: String, indicators: [String: IndicatorRules], areas: Set<String>, existing: [MeasurementKey: Double],
        today: Day? = nil
    ) throws(InvalidInput) -> Outcome {
        let (lines, readProblems) = try CSVFile.lines(
            text, header: header, required: required, nothing: "het bestand heeft geen metingen")
        var problems = readProblems
        var outcome = Outcome(new: [], unchanged: 0)
        var seen: [MeasurementKey: Int] = [:]
        for line in lines {
            switch Measurements.check(
                line.value, line: line.number, indicators: indicators, areas: areas, today: today)
            {
            case .failure(let invalid):
                problems += invalid.problems
            case .success(let row):
                if let earlier = seen[row.key] {
                    problems.append(
                        FieldProblem(
                            field: "datum", message: "dezelfde meting staat ook op regel \(earlier)", line: line.number)
                    )
                    continue
                }
                seen[row.key] = line.number
                if let stored = existing[row.key] {
                    if stored == row.value {
                        outcome.unchanged += 1
                    } else {
                        let unit = indicators[row.indicator]?.unit ?? .count
                        problems.append(
                            FieldProblem(
                                field: "waarde",
                                message:
                                    "op \(row.date) staat al \(unit.format(stored)); verwijder die meting eerst als deze een correctie is",
                                line: line.number))
                    }
                } else {
                    outcome.new.append(row)
                }
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
        return outcome
    }
}
