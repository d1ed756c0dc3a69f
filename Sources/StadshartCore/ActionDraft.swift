import Foundation

/// What the plan may refer to: the centre's theme lines (with their key points) and
/// organisations, by their codes and keys.
public struct PlanVocabulary: Sendable {
    public var keyPointsByThemeLine: [String: Set<String>]
    public var organisations: Set<String>

    public init(keyPointsByThemeLine: [String: Set<String>], organisations: Set<String>) {
        self.keyPointsByThemeLine = keyPointsByThemeLine
        self.organisations = organisations
    }
}

public struct PartnerDraft: Hashable, Codable, Sendable {
    public var organisation: String
    public var contributions: [Contribution]

    public init(organisation: String, contributions: [Contribution]) {
        self.organisation = organisation
        self.contributions = contributions
    }
}

/// A valid action, with organisations by key and theme line and key point by code.
public struct ActionDraft: Equatable, Codable, Sendable {
    public var title: String
    public var description: String
    public var themeLine: String
    public var keyPoint: String?
    public var lead: String?
    /// The second lead when two organisations lead in tandem ("Gemeente en Vaart in Assen trekken samen op").
    public var coLead: String?
    public var partners: [PartnerDraft]
    public var noPartners: Bool
    /// A fixed amount; or else `budgetPerOccasionCents` with the expected number of `occasions`.
    public var budgetCents: Int64?
    public var budgetPerOccasionCents: Int64?
    public var occasions: Int?
    public var budgetHolder: String?
    /// A note on where the money comes from; `fundingKind` is the kind of source.
    public var fundingSource: String?
    public var fundingStatus: FundingStatus?
    public var fundingKind: FundingKind?
    public var horizon: Horizon
    public var priority: Priority
    public var status: ActionStatus
    public var start: Day?
    public var end: Day?
    public var deadline: Day?
    public var recurrence: ActionRecurrence?
    /// The action this one is a sub-action of ("▪" under a "➢" in the plan); see `SubActions`.
    public var parent: UUID?

    public init(
        title: String, description: String = "", themeLine: String, keyPoint: String? = nil,
        lead: String? = nil, coLead: String? = nil, partners: [PartnerDraft] = [], noPartners: Bool = false,
        budgetCents: Int64? = nil, budgetPerOccasionCents: Int64? = nil, occasions: Int? = nil,
        budgetHolder: String? = nil, fundingSource: String? = nil, fundingStatus: FundingStatus? = nil,
        fundingKind: FundingKind? = nil,
        horizon: Horizon = .kort, priority: Priority = .normaal, status: ActionStatus = .gepland,
        start: Day? = nil, end: Day? = nil, deadline: Day? = nil, recurrence: ActionRecurrence? = nil,
        parent: UUID? = nil
    ) {
        self.title = title
        self.description = description
        self.themeLine = themeLine
        self.keyPoint = keyPoint
        self.lead = lead
        self.coLead = coLead
        self.partners = partners
        self.noPartners = noPartners
        self.budgetCents = budgetCents
        self.budgetPerOccasionCents = budgetPerOccasionCents
        self.occasions = occasions
        self.budgetHolder = budgetHolder
        self.fundingSource = fundingSource
        self.fundingStatus = fundingStatus
        self.fundingKind = fundingKind
        self.horizon = horizon
        self.priority = priority
        self.status = status
        self.start = start
        self.end = end
        self.deadline = deadline
        self.recurrence = recurrence
        self.parent = parent
    }

    public var art16: Art16.Facts {
        Art16.Facts(
            status: status, hasLead: lead != nil, partnerCount: partners.count, noPartners: noPartners,
            budgetCents: totalBudgetCents ?? budgetPerOccasionCents, hasBudgetHolder: budgetHolder != nil,
            fundingToBeFound: fundingStatus == .teVinden, isSubAction: parent != nil)
    }
}

/// An action as people send it: every field optional and loosely typed, from a form, a CSV
/// line or JSON. `validate` turns it into an `ActionDraft` or lists every problem.
public struct ActionInput: Codable, Equatable, Sendable {
    public struct Partner: Codable, Equatable, Sendable {
        public var organisation: String?
        public var contributions: [String]?
        public init(organisation: String?, contributions: [String]?) {
            self.organisation = organisation
            self.contributions = contributions
        }
    }

    public var title: String?
    public var description: String?
    public var themeLine: String?
    public var keyPoint: String?
    public var lead: String?
    public var coLead: String?
    public var partners: [Partner]?
    public var noPartners: Bool?
    /// Either whole cents (the API) or text in Dutch or international notation (forms, CSV).
    public var budgetCents: Int64?
    public var budget: String?
    /// An amount per occasion instead of a fixed amount, in cents or as text, with the expected occasions.
    public var budgetPerOccasionCents: Int64?
    public var budgetPerOccasion: String?
    public var occasions: Int?
    public var budgetHolder: String?
    public var fundingSource: String?
    /// zeker, gereserveerd or te_vinden.
    public var fundingStatus: String?
    /// gemeente, binnenstadsfonds, provincie, ondernemers, cofinanciering or anders.
    public var fundingKind: String?
    public var horizon: String?
    public var priority: String?
    public var status: String?
    /// Days, "2019-01-01" or "01-01-2019".
    public var start: String?
    public var end: String?
    public var deadline: String?
    /// jaarlijks, per_jaar (with `recurrenceCount`) or per_gelegenheid.
    public var recurrence: String?
    public var recurrenceCount: Int?
    /// The id of the action this one is a sub-action of; it then takes that action's theme line and key point.
    public var parent: String?

    public init() {}

    public init(_ draft: ActionDraft) {
        title = draft.title
        description = draft.description
        themeLine = draft.themeLine
        keyPoint = draft.keyPoint
        lead = draft.lead
        coLead = draft.coLead
        partners = draft.partners.map {
            Partner(organisation: $0.organisation, contributions: $0.contributions.map(\.rawValue))
        }
        noPartners = draft.noPartners
        budgetCents = draft.budgetCents
        budgetPerOccasionCents = draft.budgetPerOccasionCents
        occasions = draft.occasions
        budgetHolder = draft.budgetHolder
        fundingSource = draft.fundingSource
        fundingStatus = draft.fundingStatus?.rawValue
        fundingKind = draft.fundingKind?.rawValue
        horizon = draft.horizon.rawValue
        priority = draft.priority.rawValue
        status = draft.status.rawValue
        start = draft.start?.description
        end = draft.end?.description
        deadline = draft.deadline?.description
        recurrence = draft.recurrence?.kind.rawValue
        recurrenceCount = draft.recurrence?.count
        parent = draft.parent?.uuidString
    }

    public static let maxTitle = 200
    static let maxDescription = 5000
    static let maxBudgetCents: Int64 = 100_000_000_000_00  // a hundred billion euro: surely a typo
    public static let maxOccasions = 1000

    /// Checks every field; all problems are reported at once, each with its field (and line).
    public func validate(against vocabulary: PlanVocabulary, line: Int? = nil) throws(InvalidInput) -> ActionDraft {
        var problems: [FieldProblem] = []
        func problem(_ field: String, _ message: String) {
            problems.append(FieldProblem(field: field, message: message, line: line))
        }
        func organisation(_ field: String, _ key: String?) -> String? {
            guard let key = key.nonBlank else { return nil }
            if !vocabulary.organisations.contains(key) { problem(field, "onbekende organisatie '\(key)'") }
            return key
        }
        func choice<T: RawRepresentable & CaseIterable>(_ field: String, _ raw: String?, default value: T) -> T
        where T.RawValue == String {
            optionalChoice(field, raw) ?? value
        }
        func optionalChoice<T: RawRepresentable & CaseIterable>(_ field: String, _ raw: String?) -> T?
        where T.RawValue == String {
            guard let raw = raw.nonBlank else { return nil }
            if let parsed = T(rawValue: raw.lowercased().replacingOccurrences(of: " ", with: "_")) { return parsed }
            problem(field, "kies uit: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        func day(_ field: String, _ text: String?, what: String) -> Day? {
            guard let text = text.nonBlank else { return nil }
            if let day = Day(parsing: text) { return day }
            problem(field, "\(what) '\(text)' is geen datum; schrijf 2019-01-01 of 01-01-2019")
            return nil
        }
        func amount(_ field: String, cents: Int64?, text: String?, what: String) -> Int64? {
            var cents = cents
            if let text = text.nonBlank {
                if let parsed = Money.parseCents(text) {
                    cents = parsed
                } else {
                    problem(field, "'\(text)' is geen bedrag; schrijf bijvoorbeeld 10.000 of 10.000,50")
                }
            }
            if let value = cents {
                if value < 0 { problem(field, "\(what) kan niet negatief zijn") }
                if value > Self.maxBudgetCents { problem(field, "\(what) is onwaarschijnlijk groot") }
            }
            return cents
        }

        let title = (self.title ?? "").trimmed
        if title.isEmpty { problem("title", "titel is verplicht") }
        if title.count > Self.maxTitle { problem("title", "titel is langer dan \(Self.maxTitle) tekens") }
        let description = (self.description ?? "").trimmed
        if description.count > Self.maxDescription {
            problem("description", "omschrijving is langer dan \(Self.maxDescription) tekens")
        }

        var parent: UUID?
        if let text = self.parent.nonBlank {
            parent = UUID(uuidString: text)
            if parent == nil {
                problem("parent", "'\(text)' is geen actie van dit jaarplan; kies de hoofdactie uit de lijst")
            }
        }
        let themeLine = (self.themeLine ?? "").trimmed.uppercased()
        var keyPoint = self.keyPoint.nonBlank?.uppercased()
        if themeLine.isEmpty {
            // A sub-action takes its parent's theme line and key point when it is saved (SubActions).
            if parent == nil { problem("themeLine", "themalijn is verplicht") }
        } else if let keyPoints = vocabulary.keyPointsByThemeLine[themeLine] {
            if let code = keyPoint, !keyPoints.contains(code) {
                problem("keyPoint", "kernpunt '\(code)' hoort niet bij themalijn \(themeLine)")
            }
        } else {
            problem("themeLine", "onbekende themalijn '\(themeLine)'")
            keyPoint = nil
        }

        let lead = organisation("lead", self.lead)
        let coLead = organisation("coLead", self.coLead)
        if let coLead {
            if lead == nil {
                problem("coLead", "kies eerst de trekker; de tweede trekker trekt samen met hem op")
            } else if coLead == lead {
                problem("coLead", "de tweede trekker is dezelfde organisatie als de trekker")
            }
        }
        var partners: [PartnerDraft] = []
        for (index, partner) in (self.partners ?? []).enumerated() {
            let field = "partners"
            guard let key = organisation(field, partner.organisation) else {
                problem(field, "partner \(index + 1) heeft geen organisatie")
                continue
            }
            if partners.contains(where: { $0.organisation == key }) {
                problem(field, "'\(key)' staat twee keer bij de partners")
            }
            if key == lead { problem(field, "de trekker '\(key)' staat ook bij de partners") }
            if key == coLead, key != lead { problem(field, "de tweede trekker '\(key)' staat ook bij de partners") }
            var kinds: [Contribution] = []
            for raw in partner.contributions ?? [] {
                if let kind = Contribution(rawValue: raw.trimmed.lowercased()) {
                    if !kinds.contains(kind) { kinds.append(kind) }
                } else {
                    problem(
                        field,
                        "onbekende bijdrage '\(raw)' bij '\(key)'; kies uit: "
                            + Contribution.allCases.map(\.rawValue).joined(separator: ", "))
                }
            }
            if kinds.isEmpty && (partner.contributions ?? []).isEmpty {
                problem(field, "kies bij '\(key)' minstens één soort bijdrage (art. 19)")
            }
            partners.append(PartnerDraft(organisation: key, contributions: kinds.sorted { $0.order < $1.order }))
        }
        let noPartners = self.noPartners ?? false
        if noPartners && !partners.isEmpty {
            problem("noPartners", "kies partners óf 'geen partners', niet allebei")
        }

        let budgetCents = amount("budget", cents: self.budgetCents, text: budget, what: "budget")
        let perOccasion = amount(
            "budgetPerOccasion", cents: budgetPerOccasionCents, text: budgetPerOccasion, what: "budget per keer")
        if budgetCents != nil && perOccasion != nil {
            problem("budgetPerOccasion", "vul een vast budget óf een budget per keer in, niet allebei")
        }
        if let occasions {
            if perOccasion == nil {
                problem("occasions", "het aantal keren hoort bij een budget per keer; vul dat ook in")
            } else if !(1...Self.maxOccasions).contains(occasions) {
                problem(
                    "occasions", "het aantal keren moet een geheel getal van 1 tot en met \(Self.maxOccasions) zijn")
            }
        }
        let fundingStatus: FundingStatus? = optionalChoice("fundingStatus", self.fundingStatus)
        let fundingKind: FundingKind? = optionalChoice("fundingKind", self.fundingKind)

        let start = day("start", self.start, what: "begindatum")
        let end = day("end", self.end, what: "einddatum")
        let deadline = day("deadline", self.deadline, what: "deadline")
        if let start, let end, end < start { problem("end", "de einddatum ligt vóór de begindatum") }
        if let start, let deadline, deadline < start { problem("deadline", "de deadline ligt vóór de begindatum") }

        var recurrence: ActionRecurrence?
        let recurrenceKind: ActionRecurrenceKind? = optionalChoice("recurrence", self.recurrence)
        switch (recurrenceKind, recurrenceCount) {
        case (nil, nil): break
        case (nil, .some):
            if self.recurrence.nonBlank == nil {
                problem("recurrenceCount", "kies ook hoe vaak: 'een aantal keer per jaar'")
            }
        case (.perJaar?, let count):
            if let count, (1...ActionRecurrence.maxPerYear).contains(count) {
                recurrence = ActionRecurrence(kind: .perJaar, count: count)
            } else {
                problem(
                    "recurrenceCount",
                    "vul in hoe vaak per jaar: een geheel getal van 1 tot en met \(ActionRecurrence.maxPerYear)")
            }
        case (let kind?, nil): recurrence = ActionRecurrence(kind: kind)
        case (let kind?, .some):
            problem(
                "recurrenceCount",
                "een aantal keer hoort alleen bij 'een aantal keer per jaar', niet bij '\(kind.label)'")
        }

        let budgetHolder = organisation("budgetHolder", self.budgetHolder)
        if let found = TextRules.problem(field: "fundingSource", fundingSource, limit: TextLimit.name) {
            problem(found.field, found.message)
        }

        let draft = ActionDraft(
            title: title, description: description, themeLine: themeLine, keyPoint: keyPoint, lead: lead,
            coLead: coLead, partners: partners, noPartners: noPartners, budgetCents: budgetCents,
            budgetPerOccasionCents: perOccasion, occasions: perOccasion == nil ? nil : occasions,
            budgetHolder: budgetHolder, fundingSource: fundingSource.nonBlank?.trimmed, fundingStatus: fundingStatus,
            fundingKind: fundingKind,
            horizon: choice("horizon", horizon, default: Horizon.kort),
            priority: choice("priority", priority, default: Priority.normaal),
            status: choice("status", status, default: ActionStatus.gepland),
            start: start, end: end, deadline: deadline, recurrence: recurrence, parent: parent)
        if !problems.isEmpty { throw InvalidInput(problems) }
        return draft
    }
}

extension Contribution {
    var order: Int { Contribution.allCases.firstIndex(of: self)! }
}

extension String {
    public var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

extension Optional where Wrapped == String {
    /// The text when it has something other than white space.
    public var nonBlank: String? {
        guard let text = self?.trimmed, !text.isEmpty else { return nil }
        return text
    }
}
