import Foundation

/// "ja" or "nee" as people write it in a form, a query or a CSV cell.
public enum YesNo {
    /// true, false, or nil for an empty or unreadable value.
    public static func parse(_ text: String?) -> Bool? {
        switch text?.trimmed.lowercased() {
        case "ja", "yes", "true", "1", "on": true
        case "nee", "no", "false", "0", "off": false
        default: nil
        }
    }
}

/// The register's list filter; the same rules for the page, the API and the export.
/// An empty value does not filter.
public struct PremisesFilter: Equatable, Sendable {
    public var zone: String?
    public var street: String?
    public var function: PremisesFunction?
    /// Only vacant (true) or only not vacant (false) premises.
    public var vacant: Bool?
    /// Only premises vacant for a year or longer.
    public var longTermOnly: Bool
    /// An owner's key.
    public var owner: String?

    public init(
        zone: String? = nil, street: String? = nil, function: PremisesFunction? = nil, vacant: Bool? = nil,
        longTermOnly: Bool = false, owner: String? = nil
    ) {
        self.zone = zone.nonBlank
        self.street = street.nonBlank
        self.function = function
        self.vacant = vacant
        self.longTermOnly = longTermOnly
        self.owner = owner.nonBlank
    }

    public static let parameters = ["zone", "street", "function", "vacant", "longTerm", "owner"]

    /// The filter from query parameters by name; an unknown function or yes/no is a problem.
    public static func parse(_ query: [String: String]) throws(InvalidInput) -> PremisesFilter {
        var problems: [FieldProblem] = []
        var function: PremisesFunction?
        if let text = query["function"].nonBlank {
            function = PremisesFunction(rawValue: text)
            if function == nil {
                problems.append(
                    FieldProblem(
                        field: "function",
                        message: "kies uit: \(PremisesFunction.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        func yesNo(_ name: String) -> Bool? {
            guard let text = query[name].nonBlank else { return nil }
            guard let value = YesNo.parse(text) else {
                problems.append(FieldProblem(field: name, message: "'\(text)': kies ja of nee"))
                return nil
            }
            return value
        }
        let vacant = yesNo("vacant")
        let longTerm = yesNo("longTerm") ?? false
        if !problems.isEmpty { throw InvalidInput(problems) }
        return PremisesFilter(
            zone: query["zone"], street: query["street"], function: function, vacant: vacant, longTermOnly: longTerm,
            owner: query["owner"])
    }

    /// Whether premises with these facts pass on a day.
    public func matches(_ facts: PremisesFacts, ownerKey: String?, at day: Day) -> Bool {
        if let zone, facts.zone != zone { return false }
        if let street, facts.street != street { return false }
        if let function, facts.function(at: day) != function { return false }
        let vacancy = facts.vacancy(at: day)
        if let vacant, vacant != (vacancy != nil) { return false }
        if longTermOnly, vacancy.map({ VacancyDuration.of(since: $0.from, at: day) == .frictioneel }) ?? true {
            return false
        }
        if let owner, ownerKey != owner { return false }
        return true
    }
}

/// How far a planned change of function (verkleuring) has come.
public enum PlannedChangeStage: String, CaseIterable, Codable, Sendable {
    case idee, gepland
    case inUitvoering = "in_uitvoering"
    case gerealiseerd

    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// A premises' planned change of function as people send it.
public struct PlannedChangeInput: Codable, Equatable, Sendable {
    public var to: String?
    public var stage: String?
    /// The id of an action of the plan, or empty.
    public var action: String?

    public init(to: String? = nil, stage: String? = nil, action: String? = nil) {
        self.to = to
        self.stage = stage
        self.action = action
    }

    public struct Valid: Equatable, Sendable {
        public var to: PremisesFunction
        public var stage: PlannedChangeStage
        public var action: UUID?
    }

    /// `actionExists` says whether an action id belongs to the centre's plan.
    public func validate(actionExists: (UUID) -> Bool) throws(InvalidInput) -> Valid {
        var problems: [FieldProblem] = []
        let to = PremisesFunction(rawValue: to ?? "")
        if to == nil { problems.append(FieldProblem(field: "to", message: "kies de nieuwe functie")) }
        let stage = PlannedChangeStage(rawValue: stage ?? "")
        if stage == nil {
            problems.append(
                FieldProblem(
                    field: "stage",
                    message: "kies een stadium: \(PlannedChangeStage.allCases.map(\.label).joined(separator: ", "))"))
        }
        var actionID: UUID?
        if let text = action.nonBlank {
            actionID = UUID(uuidString: text)
            if actionID.map(actionExists) != true {
                problems.append(FieldProblem(field: "action", message: "deze actie bestaat niet in het jaarplan"))
            }
        }
        guard problems.isEmpty, let to, let stage else { throw InvalidInput(problems) }
        return Valid(to: to, stage: stage, action: actionID)
    }
}

/// Temporary use of a vacant premises as people send it.
public struct TemporaryUseInput: Codable, Equatable, Sendable {
    public var from: String?
    public var until: String?
    public var user: String?
    public var openToPublic: Bool
    public var tidyFrontage: Bool
    public var takesPart: Bool

    public init(
        from: String? = nil, until: String? = nil, user: String? = nil, openToPublic: Bool = false,
        tidyFrontage: Bool = false, takesPart: Bool = false
    ) {
        self.from = from
        self.until = until
        self.user = user
        self.openToPublic = openToPublic
        self.tidyFrontage = tidyFrontage
        self.takesPart = takesPart
    }

    public var fromDay: Day? { from.flatMap { Day(parsing: $0) } }
    public var untilDay: Day? { until.nonBlank.flatMap { Day(parsing: $0) } }

    /// Checked against the premises' vacancies: temporary use fills a vacancy.
    public func problems(vacancies: [Period]) -> [FieldProblem] {
        TemporaryUseRule.problems(vacancies: vacancies, from: fromDay, until: untilDay, user: (user ?? "").trimmed)
    }
}

/// A zone of the centre, added or renamed.
public struct ZoneInput: Codable, Equatable, Sendable {
    public var key: String?
    public var name: String?

    public init(key: String? = nil, name: String? = nil) {
        self.key = key
        self.name = name
    }

    public func validate() throws(InvalidInput) -> (key: String, name: String) {
        let key = (key ?? "").trimmed.lowercased()
        let name = (name ?? "").trimmed
        var problems: [FieldProblem] = []
        if key.isEmpty || !key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            problems.append(
                FieldProblem(
                    field: "key", message: "een korte sleutel van letters, cijfers en -, bijvoorbeeld kernwinkelgebied")
            )
        }
        if name.isEmpty { problems.append(FieldProblem(field: "name", message: "naam is verplicht")) }
        problems += TextRules.problems([("key", key, TextLimit.key), ("name", name, TextLimit.name)])
        if !problems.isEmpty { throw InvalidInput(problems) }
        return (key, name)
    }
}

/// A premises becoming vacant (`from`) or let again (`until`), as people send it.
public struct VacancyInput: Codable, Equatable, Sendable {
    public var from: String?
    public var until: String?
    public var reason: String?

    public init(from: String? = nil, until: String? = nil, reason: String? = nil) {
        self.from = from
        self.until = until
        self.reason = reason
    }

    /// The days as sent: an unreadable one is a problem, an empty one is nil.
    public func days() throws(InvalidInput) -> (from: Day?, until: Day?, reason: String?) {
        var problems: [FieldProblem] = []
        func day(_ field: String, _ text: String?) -> Day? {
            guard let text = text.nonBlank else { return nil }
            guard let day = Day(parsing: text) else {
                problems.append(FieldProblem(field: field, message: "'\(text)' is geen datum"))
                return nil
            }
            return day
        }
        let from = day("from", from)
        let until = day("until", until)
        let reason = reason?.trimmed
        if let problem = TextRules.problem(field: "reason", reason, limit: TextLimit.line) { problems.append(problem) }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return (from, until, reason.nonBlank)
    }
}
