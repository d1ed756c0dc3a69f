/// What a premises is used for. A vacant premises keeps the function it last had, or the one it is
/// designated for, so that it still counts among the verkooppunten.
public enum PremisesFunction: String, CaseIterable, Codable, Sendable {
    case detailhandel
    case horeca
    /// Consumer-facing services only (hairdresser, travel agent, bank branch); offices are `kantoor`.
    case dienstverlening
    case leisure
    case cultuur
    case ambacht
    case wonen
    case kantoor
    case maatschappelijk
    case overig

    public var label: String {
        switch self {
        case .detailhandel: "Detailhandel"
        case .horeca: "Horeca"
        case .dienstverlening: "Consumentgerichte dienstverlening"
        case .leisure: "Leisure"
        case .cultuur: "Cultuur"
        case .ambacht: "Ambacht"
        case .wonen: "Wonen"
        case .kantoor: "Kantoor"
        case .maatschappelijk: "Maatschappelijk"
        case .overig: "Overig"
        }
    }

    /// Whether a unit with this function is a verkooppunt, counted in vacancy figures.
    ///
    /// We count as Locatus does: a verkooppunt is an outlet where consumers buy goods or services —
    /// detailhandel, horeca, consumer-facing dienstverlening, leisure and cultuur. Wonen, kantoor,
    /// ambacht, maatschappelijk and overig are not outlets, so an empty flat or office does not raise
    /// the shop vacancy rate. A vacant unit counts by the function it last had or is designated for.
    public var isSalesPoint: Bool {
        switch self {
        case .detailhandel, .horeca, .dienstverlening, .leisure, .cultuur: true
        case .ambacht, .wonen, .kantoor, .maatschappelijk, .overig: false
        }
    }
}

/// The facts of one premises (pand, verkooppunt) that the figures need, taken from the register.
///
/// A split or a merger ends the old premises and begins new ones, each with its own existence period;
/// the figures then see only the premises that exist on the date.
public struct PremisesFacts: Sendable {
    public var id: String
    /// One of the centre's own zones, e.g. "kernwinkelgebied", "aanloopstraat", "overige binnenstad".
    public var zone: String
    public var street: String
    /// Floor area in m² wvo (winkelvloeroppervlak).
    public var floorArea: Int
    public var existence: Period
    /// Each function holds from its day until the next one begins; sorted by day when set through `init`.
    public var functions: [(from: Day, function: PremisesFunction)]
    /// A vacancy may begin before `existence` does: after a split the new unit can carry on the vacancy
    /// of the old one, so its duration class stays honest.
    public var vacancies: [Period]

    public init(
        id: String, zone: String, street: String, floorArea: Int, existence: Period,
        functions: [(from: Day, function: PremisesFunction)], vacancies: [Period] = []
    ) {
        self.id = id
        self.zone = zone
        self.street = street
        self.floorArea = floorArea
        self.existence = existence
        // Stable sort: of two changes on one day, the one listed last wins.
        self.functions = functions.enumerated().sorted { ($0.element.from, $0.offset) < ($1.element.from, $1.offset) }
            .map(\.element)
        self.vacancies = vacancies
    }

    public func exists(at day: Day) -> Bool {
        existence.contains(day)
    }

    /// The function on `day`: the last change on or before it. Nil when the premises does not exist then
    /// or no function had begun yet.
    public func function(at day: Day) -> PremisesFunction? {
        guard exists(at: day) else { return nil }
        return functions.last { $0.from <= day }?.function
    }

    /// The vacancy that holds on `day`, or nil when the premises is in use or does not exist then.
    ///
    /// Vacancy periods that overlap or follow each other without a gap are one vacancy, from the first
    /// one's start: a new record (another owner, another agent) does not make a long vacancy short.
    public func vacancy(at day: Day) -> Period? {
        guard exists(at: day) else { return nil }
        let periods = vacancies.filter { !$0.isEmpty }.sorted { $0.from < $1.from }
        var current: Period?
        for period in periods {
            if var joined = current, joined.until.map({ period.from <= $0 }) ?? true {
                joined.until = Period.later(joined.until, period.until)
                current = joined
            } else {
                if let current, current.contains(day) { return current }
                current = period
            }
        }
        guard let current, current.contains(day) else { return nil }
        return current
    }
}

extension Period {
    // The later of two ends, where nil (still holding) is the latest.
    fileprivate static func later(_ a: Day?, _ b: Day?) -> Day? {
        guard let a, let b else { return nil }
        return max(a, b)
    }
}
