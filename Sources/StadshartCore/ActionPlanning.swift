/// What the plan's documents say of an action beyond art. 16: whether its money is secured, where it
/// comes from, when the work runs and is due, and how often it comes back.

/// Whether an action's money is there (issue 14): secured, reserved, or still to be found.
public enum FundingStatus: String, CaseIterable, Codable, Sendable {
    case zeker, gereserveerd
    case teVinden = "te_vinden"

    public var label: String {
        switch self {
        case .zeker: "zeker"
        case .gereserveerd: "gereserveerd"
        case .teVinden: "nog te vinden"
        }
    }
}

/// Where an action's money comes from. The free-text funding source stays beside it as a note.
public enum FundingKind: String, CaseIterable, Codable, Sendable {
    case gemeente, binnenstadsfonds, provincie, ondernemers, cofinanciering, anders

    public var label: String {
        switch self {
        case .gemeente: "gemeente"
        case .binnenstadsfonds: "binnenstadsfonds"
        case .provincie: "provincie"
        case .ondernemers: "ondernemers"
        case .cofinanciering: "cofinanciering"
        case .anders: "anders"
        }
    }
}

/// How often recurring work comes back: every year, a number of times a year, or at every occasion
/// (every big exhibition, say). The meeting cycle and the events calendar can later fill it in.
public enum ActionRecurrenceKind: String, CaseIterable, Codable, Sendable {
    case jaarlijks
    case perJaar = "per_jaar"
    case perGelegenheid = "per_gelegenheid"

    public var label: String {
        switch self {
        case .jaarlijks: "jaarlijks"
        case .perJaar: "een aantal keer per jaar"
        case .perGelegenheid: "bij elke gelegenheid"
        }
    }
}

public struct ActionRecurrence: Equatable, Codable, Sendable {
    public var kind: ActionRecurrenceKind
    /// Only for `perJaar`: how many times a year.
    public var count: Int?

    public init(kind: ActionRecurrenceKind, count: Int? = nil) {
        self.kind = kind
        self.count = kind == .perJaar ? count : nil
    }

    public static let maxPerYear = 366

    /// "jaarlijks", "5 keer per jaar", "bij elke gelegenheid".
    public var label: String {
        switch kind {
        case .jaarlijks: "jaarlijks"
        case .perJaar: "\(count ?? 0) keer per jaar"
        case .perGelegenheid: "bij elke gelegenheid"
        }
    }
}

/// The period of an annual plan: by default its calendar year; a first plan may start in the year
/// before (Assen's 2019 werkplan runs "deels 2018 en geheel 2019").
public struct PlanPeriod: Equatable, Sendable {
    public var start: Day
    public var end: Day

    public init(start: Day, end: Day) {
        self.start = start
        self.end = end
    }

    /// 1 January to 31 December of the year.
    public static func standard(year: Int) -> PlanPeriod {
        PlanPeriod(start: Day(year: year, month: 1, day: 1)!, end: Day(year: year, month: 12, day: 31)!)
    }

    /// The stored period, or the year when none is stored.
    public static func of(year: Int, start: Day?, end: Day?) -> PlanPeriod {
        let standard = standard(year: year)
        return PlanPeriod(start: start ?? standard.start, end: end ?? standard.end)
    }

    /// "1 januari 2019 – 31 december 2019".
    public var dutch: String { "\(start.dutch) – \(end.dutch)" }

    /// A period as people send it; blank ends take the year's. The period must cover part of the year.
    public static func parse(year: Int, start: String?, end: String?) throws(InvalidInput) -> PlanPeriod {
        var problems: [FieldProblem] = []
        func day(_ field: String, _ text: String?, what: String) -> Day? {
            guard let text = text.nonBlank else { return nil }
            if let day = Day(parsing: text) { return day }
            problems.append(
                FieldProblem(field: field, message: "\(what) '\(text)' is geen datum; schrijf 2019-01-01 of 01-01-2019")
            )
            return nil
        }
        let period = of(year: year, start: day("start", start, what: "begin"), end: day("end", end, what: "einde"))
        if problems.isEmpty {
            if period.end < period.start {
                problems.append(FieldProblem(field: "end", message: "het einde ligt vóór het begin"))
            } else if period.end.year < year || period.start.year > year {
                problems.append(
                    FieldProblem(field: "start", message: "de looptijd moet (een deel van) het jaar \(year) omvatten"))
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return period
    }
}

extension ActionDraft {
    /// The whole budget: the amount, or the amount per occasion times the expected number of occasions.
    /// Nil when no amount is set, or when the number of occasions is not yet known.
    public var totalBudgetCents: Int64? {
        if let budgetCents { return budgetCents }
        guard let per = budgetPerOccasionCents, let occasions else { return nil }
        return per * Int64(occasions)
    }

    /// Whether a budget is decided at all (an amount, or an amount per occasion).
    public var hasBudget: Bool { budgetCents != nil || budgetPerOccasionCents != nil }

    /// The budget as people read it: "€ 10.000,00", "€ 10.000,00 per keer × 2 = € 20.000,00",
    /// "€ 10.000,00 per keer (aantal keren nog niet bekend)"; nil when no budget is set.
    public var budgetText: String? {
        if let budgetCents { return Money.format(cents: budgetCents) }
        guard let per = budgetPerOccasionCents else { return nil }
        guard let occasions, let total = totalBudgetCents else {
            return "\(Money.format(cents: per)) per keer (aantal keren nog niet bekend)"
        }
        return "\(Money.format(cents: per)) per keer × \(occasions) = \(Money.format(cents: total))"
    }

    /// Both leads as people read them: "Gemeente Assen en Vaart in Assen".
    public func leadsText(name: (String) -> String) -> String? {
        guard let lead else { return nil }
        guard let coLead else { return name(lead) }
        return "\(name(lead)) en \(name(coLead))"
    }

    /// Whether the organisation leads this action, alone or in tandem.
    public func isLed(by organisation: String) -> Bool { lead == organisation || coLead == organisation }

    /// The day the action is due: its deadline, or else its end.
    public var dueDay: Day? { deadline ?? end }

    /// Late on `today`: its due day has passed and it is neither finished nor dropped.
    public func isLate(on today: Day) -> Bool {
        guard let due = dueDay, status != .afgerond, status != .vervallen else { return false }
        return due < today
    }

    /// "te laat: deadline 1 januari 2019", or nil when the action is not late on `today`.
    public func lateNote(on today: Day) -> String? {
        guard isLate(on: today), let due = dueDay else { return nil }
        return "te laat: \(deadline != nil ? "deadline" : "einde") \(due.dutch)"
    }
}
