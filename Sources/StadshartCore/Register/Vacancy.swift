/// How long a vacant unit has stood empty on a date.
///
/// Years are calendar years, not 365 days: vacant since S is one year vacant from the same calendar date a
/// year later (S + 1 year) on, and three years from S + 3 years on; a vacancy that began on 29 February
/// reaches its anniversary on 1 March in a common year. So frictioneel is D < S + 1 year, langdurig is
/// S + 1 year ≤ D < S + 3 years and structureel is D ≥ S + 3 years.
public enum VacancyDuration: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable {
    case frictioneel
    case langdurig
    case structureel

    public var label: String {
        switch self {
        case .frictioneel: "Frictioneel (korter dan 1 jaar)"
        case .langdurig: "Langdurig (1 tot 3 jaar)"
        case .structureel: "Structureel (3 jaar of langer)"
        }
    }

    /// The class of a vacancy that began on `since`, seen on `at`. A date before `since` counts as
    /// frictioneel (a vacancy cannot be negative).
    public static func of(since: Day, at: Day) -> VacancyDuration {
        // A missing anniversary lies past 2999, later than any day.
        if let three = since.anniversary(years: 3), at >= three { return .structureel }
        if let one = since.anniversary(years: 1), at >= one { return .langdurig }
        return .frictioneel
    }
}

/// Vacancy among the verkooppunten of an area on one date, by number of units and by floor area.
public struct VacancyFigures: Equatable, Codable, Sendable {
    public var date: Day
    /// Verkooppunten that exist on the date, vacant or not.
    public var units: Int
    public var vacantUnits: Int
    /// m² wvo of all those verkooppunten.
    public var floorArea: Int
    public var vacantFloorArea: Int
    /// Vacant units per duration class; every class is present, zero when none.
    public var byDuration: [VacancyDuration: Int]

    public init(
        date: Day, units: Int, vacantUnits: Int, floorArea: Int, vacantFloorArea: Int,
        byDuration: [VacancyDuration: Int]
    ) {
        self.date = date
        self.units = units
        self.vacantUnits = vacantUnits
        self.floorArea = floorArea
        self.vacantFloorArea = vacantFloorArea
        var complete = Dictionary(uniqueKeysWithValues: VacancyDuration.allCases.map { ($0, 0) })
        complete.merge(byDuration) { $1 }
        self.byDuration = complete
    }

    /// Vacant units ÷ units; nil when there are no units, since 0 % would claim a full area.
    public var unitsRate: Double? {
        units == 0 ? nil : Double(vacantUnits) / Double(units)
    }

    /// Vacant m² ÷ all m²; nil when the units have no floor area.
    public var floorAreaRate: Double? {
        floorArea == 0 ? nil : Double(vacantFloorArea) / Double(floorArea)
    }

    /// Vacant for a year or more (langdurig and structureel together).
    public var vacantOverOneYear: Int {
        (byDuration[.langdurig] ?? 0) + (byDuration[.structureel] ?? 0)
    }

    /// Vacant for three years or more (structureel).
    public var vacantOverThreeYears: Int {
        byDuration[.structureel] ?? 0
    }

    private enum CodingKeys: String, CodingKey {
        case date, units, vacantUnits, floorArea, vacantFloorArea, byDuration
        case unitsRate, floorAreaRate, vacantOverOneYear, vacantOverThreeYears
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            date: try c.decode(Day.self, forKey: .date), units: try c.decode(Int.self, forKey: .units),
            vacantUnits: try c.decode(Int.self, forKey: .vacantUnits),
            floorArea: try c.decode(Int.self, forKey: .floorArea),
            vacantFloorArea: try c.decode(Int.self, forKey: .vacantFloorArea),
            byDuration: try c.decode([VacancyDuration: Int].self, forKey: .byDuration))
        // The derived figures are passed over, not trusted; reading them names them in the API's schema.
        _ = try c.decodeIfPresent(Double.self, forKey: .unitsRate)
        _ = try c.decodeIfPresent(Double.self, forKey: .floorAreaRate)
        _ = try c.decodeIfPresent(Int.self, forKey: .vacantOverOneYear)
        _ = try c.decodeIfPresent(Int.self, forKey: .vacantOverThreeYears)
    }

    // The derived figures go out too, so an API client need not compute them; they are not read back.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date)
        try c.encode(units, forKey: .units)
        try c.encode(vacantUnits, forKey: .vacantUnits)
        try c.encode(floorArea, forKey: .floorArea)
        try c.encode(vacantFloorArea, forKey: .vacantFloorArea)
        try c.encode(byDuration, forKey: .byDuration)
        try c.encode(unitsRate, forKey: .unitsRate)
        try c.encode(floorAreaRate, forKey: .floorAreaRate)
        try c.encode(vacantOverOneYear, forKey: .vacantOverOneYear)
        try c.encode(vacantOverThreeYears, forKey: .vacantOverThreeYears)
    }
}
