import Foundation

/// What the monitor measures: the agreement's KPIs and the economic agenda's indicators, each with
/// a baseline, a target and a direction, so that "on course" can be computed rather than argued.

/// The unit a figure is in; it decides how a value is read, checked and written.
public enum IndicatorUnit: String, CaseIterable, Codable, Sendable {
    case count, percent, score, rank, euro

    public var label: String {
        switch self {
        case .count: "aantal"
        case .percent: "procent"
        case .score: "rapportcijfer"
        case .rank: "positie"
        case .euro: "euro"
        }
    }

    /// "3.800", "21,9 %", "7,1", "25e", "€ 1.250": one decimal only where the value has one.
    public func format(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        return switch self {
        case .count: DutchNumber.format(value, decimals: DutchNumber.isWhole(value) ? 0 : 1)
        case .percent: DutchNumber.format(value, decimals: 1) + " %"
        case .score: DutchNumber.format(value, decimals: 1)
        case .rank: DutchNumber.format(value, decimals: 0) + "e"
        case .euro: "€ " + DutchNumber.format(value, decimals: DutchNumber.isWhole(value) ? 0 : 2)
        }
    }

    /// Reads a typed value ("21,9", "21.9 %", "3.800", "€ 1.250", "25e") and checks it fits the unit.
    /// Only the unit's own sign is taken off, where `format` writes it: "50 %" is not a count, and an
    /// "e" elsewhere than after a rank is a typo ("1e2" is not 12).
    public func parse(_ text: String) -> Result<Double, FieldProblem> {
        var cleaned = text.trimmed
        switch self {
        case .percent where cleaned.hasSuffix("%"): cleaned.removeLast()
        case .rank where cleaned.hasSuffix("e"): cleaned.removeLast()
        case .euro where cleaned.hasPrefix("€"): cleaned.removeFirst()
        case .euro where cleaned.hasSuffix("€"): cleaned.removeLast()
        default: break
        }
        guard let value = DutchNumber.parse(cleaned.trimmed) else {
            return .failure(FieldProblem(field: "waarde", message: "'\(text.trimmed)' is geen getal (bijv. 21,9)"))
        }
        switch self {
        case .percent where !(0...100).contains(value):
            return .failure(FieldProblem(field: "waarde", message: "een percentage ligt tussen 0 en 100"))
        case .score where !(0...10).contains(value):
            return .failure(FieldProblem(field: "waarde", message: "een rapportcijfer ligt tussen 0 en 10"))
        case .rank where value < 1 || !DutchNumber.isWhole(value):
            return .failure(FieldProblem(field: "waarde", message: "een positie is een heel getal vanaf 1"))
        case .count where value < 0:
            return .failure(FieldProblem(field: "waarde", message: "een aantal is niet negatief"))
        default:
            return .success(value)
        }
    }
}

/// Whether a rising figure is good news (jobs) or bad news (vacancy, a rank number).
public enum Direction: String, CaseIterable, Codable, Sendable {
    case higherIsBetter = "higher"
    case lowerIsBetter = "lower"

    public var label: String { self == .higherIsBetter ? "hoger is beter" : "lager is beter" }

    public func atLeastAsGood(_ value: Double, as other: Double) -> Bool {
        self == .higherIsBetter ? value >= other : value <= other
    }

    public func better(_ value: Double, than other: Double) -> Bool {
        self == .higherIsBetter ? value > other : value < other
    }
}

public enum IndicatorSource: String, CaseIterable, Codable, Sendable {
    case locatus, lisa, cbs, survey, computed, other

    public var label: String {
        switch self {
        case .locatus: "Locatus"
        case .lisa: "LISA"
        case .cbs: "CBS"
        case .survey: "eigen onderzoek"
        case .computed: "berekend uit het register"
        case .other: "andere bron"
        }
    }
}

/// The economic agenda's four indicator groups ("Koers houden").
public enum IndicatorGroup: String, CaseIterable, Codable, Sendable {
    case economicHealth = "economic-health"
    case sustainableDevelopment = "sustainable-development"
    case sustainabilityIndex = "sustainability-index"
    case imageAndExperience = "image-and-experience"

    public var label: String {
        switch self {
        case .economicHealth: "Economische gezondheid"
        case .sustainableDevelopment: "Duurzame economische ontwikkeling"
        case .sustainabilityIndex: "Gemeentelijke duurzaamheidsindex"
        case .imageAndExperience: "Imago en beleving"
        }
    }
}

/// What a figure is a share of. Vacancy by units and vacancy by floor area are different figures:
/// comparing one with the other would flatter or shame the centre for nothing.
public enum Basis: String, CaseIterable, Codable, Sendable {
    case units
    case floorArea = "floor-area"
    case none

    public var label: String {
        switch self {
        case .units: "aantal verkooppunten"
        case .floorArea: "m² wvo"
        case .none: "—"
        }
    }

    /// How the CSV writes it; "" reads as the indicator's own basis.
    public var csvName: String {
        switch self {
        case .units: "verkooppunten"
        case .floorArea: "m2_wvo"
        case .none: "geen"
        }
    }

    public init?(csvName: String) {
        guard let basis = Basis.allCases.first(where: { $0.csvName == csvName.trimmed.lowercased() }) else {
            return nil
        }
        self = basis
    }
}

/// Figures that come from the register of premises and businesses and are never typed in.
public enum RegisterMeasure: String, CaseIterable, Codable, Sendable {
    case vacancyUnits = "vacancy-units"
    case vacancyFloorArea = "vacancy-floor-area"
    case businesses
    case jobs

    public var label: String {
        switch self {
        case .vacancyUnits: "ja: leegstand naar aantal verkooppunten"
        case .vacancyFloorArea: "ja: leegstand naar m² wvo"
        case .businesses: "ja: vestigingen"
        case .jobs: "ja: banen"
        }
    }

    public var unit: IndicatorUnit {
        switch self {
        case .vacancyUnits, .vacancyFloorArea: .percent
        case .businesses, .jobs: .count
        }
    }

    public var basis: Basis {
        switch self {
        case .vacancyUnits: .units
        case .vacancyFloorArea: .floorArea
        case .businesses, .jobs: .none
        }
    }

    /// The figure on a day, as the indicator's unit holds it (percent as 21.9, not 0.219).
    /// Nil when there is nothing to count (no verkooppunten at all).
    public func value(_ vacancy: VacancyFigures, _ employment: EmploymentFigures) -> Double? {
        switch self {
        case .vacancyUnits: vacancy.unitsRate.map { $0 * 100 }
        case .vacancyFloorArea: vacancy.floorAreaRate.map { $0 * 100 }
        case .businesses: Double(employment.businesses)
        case .jobs: Double(employment.jobs)
        }
    }
}

/// Where the indicator should be by its target date: a value, or better than a reference area
/// ("below the national level") compared on the same basis.
public enum TargetLevel: Equatable, Sendable {
    case value(Double)
    case reference(area: String)
}

public struct Target: Equatable, Sendable {
    public var level: TargetLevel
    public var date: Day

    public init(_ level: TargetLevel, by date: Day) {
        self.level = level
        self.date = date
    }
}

/// One measured value of an indicator in an area. `date` is the reference date (peildatum) the
/// figure describes, not the day it was entered.
public struct Observation: Equatable, Sendable {
    public var date: Day
    public var value: Double
    public var basis: Basis

    public init(date: Day, value: Double, basis: Basis) {
        self.date = date
        self.value = value
        self.basis = basis
    }
}
