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
    public var partners: [PartnerDraft]
    public var noPartners: Bool
    public var budgetCents: Int64?
    public var budgetHolder: String?
    public var fundingSource: String?
    public var horizon: Horizon
    public var priority: Priority
    public var status: ActionStatus

    public init(
        title: String, description: String = "", themeLine: String, keyPoint: String? = nil,
        lead: String? = nil, partners: [PartnerDraft] = [], noPartners: Bool = false,
        budgetCents: Int64? = nil, budgetHolder: String? = nil, fundingSource: String? = nil,
        horizon: Horizon = .kort, priority: Priority = .normaal, status: ActionStatus = .gepland
    ) {
        self.title = title
        self.description = description
        self.themeLine = themeLine
        self.keyPoint = keyPoint
        self.lead = lead
        self.partners = partners
        self.noPartners = noPartners
        self.budgetCents = budgetCents
        self.budgetHolder = budgetHolder
        self.fundingSource = fundingSource
        self.horizon = horizon
        self.priority = priority
        self.status = status
    }

    public var art16: Art16.Facts {
        Art16.Facts(
            status: status, hasLead: lead != nil, partnerCount: partners.count, noPartners: noPartners,
            budgetCents: budgetCents, hasBudgetHolder: budgetHolder != nil)
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
    public var partners: [Partner]?
    public var noPartners: Bool?
    /// Either whole cents (the API) or text in Dutch or international notation (forms, CSV).
    public var budgetCents: Int64?
    public var budget: String?
    public var budgetHolder: String?
    public var fundingSource: String?
    public var horizon: String?
    public var priority: String?
    public var status: String?

    public init() {}

    public init(_ draft: ActionDraft) {
        title = draft.title
        description = draft.description
        themeLine = draft.themeLine
        keyPoint = draft.keyPoint
        lead = draft.lead
        partners = draft.partners.map {
            Partner(organisation: $0.organisation, contributions: $0.contributions.map(\.rawValue))
        }
        noPartners = draft.noPartners
        budgetCents = draft.budgetCents
        budgetHolder = draft.budgetHolder
        fundingSource = draft.fundingSource
        horizon = draft.horizon.rawValue
        priority = draft.priority.rawValue
        status = draft.status.rawValue
    }

    public static let maxTitle = 200
    static let maxDescription = 5000
    static let maxBudgetCents: Int64 = 100_000_000_000_00  // a hundred billion euro: surely a typo

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
            guard let raw = raw.nonBlank else { return value }
            if let parsed = T(rawValue: raw.lowercased().replacingOccurrences(of: " ", with: "_")) { return parsed }
            problem(field, "kies uit: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return value
        }

        let title = (self.title ?? "").trimmed
        if title.isEmpty { problem("title", "titel is verplicht") }
        if title.count > Self.maxTitle { problem("title", "titel is langer dan \(Self.maxTitle) tekens") }
        let description = (self.description ?? "").trimmed
        if description.count > Self.maxDescription {
            problem("description", "omschrijving is langer dan \(Self.maxDescription) tekens")
        }

        let themeLine = (self.themeLine ?? "").trimmed.uppercased()
        var keyPoint = self.keyPoint.nonBlank?.uppercased()
        if themeLine.isEmpty {
            problem("themeLine", "themalijn is verplicht")
        } else if let keyPoints = vocabulary.keyPointsByThemeLine[themeLine] {
            if let code = keyPoint, !keyPoints.contains(code) {
                problem("keyPoint", "kernpunt '\(code)' hoort niet bij themalijn \(themeLine)")
            }
        } else {
            problem("themeLine", "onbekende themalijn '\(themeLine)'")
            keyPoint = nil
        }

        let lead = organisation("lead", self.lead)
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

        var budgetCents = self.budgetCents
        if let text = budget.nonBlank {
            if let cents = Money.parseCents(text) {
                budgetCents = cents
            } else {
                problem("budget", "'\(text)' is geen bedrag; schrijf bijvoorbeeld 10.000 of 10.000,50")
            }
        }
        if let cents = budgetCents {
            if cents < 0 { problem("budget", "budget kan niet negatief zijn") }
            if cents > Self.maxBudgetCents { problem("budget", "budget is onwaarschijnlijk groot") }
        }
        let budgetHolder = organisation("budgetHolder", self.budgetHolder)
        if let found = TextRules.problem(field: "fundingSource", fundingSource, limit: TextLimit.name) {
            problem(found.field, found.message)
        }

        let draft = ActionDraft(
            title: title, description: description, themeLine: themeLine, keyPoint: keyPoint, lead: lead,
            partners: partners, noPartners: noPartners, budgetCents: budgetCents, budgetHolder: budgetHolder,
            fundingSource: fundingSource.nonBlank?.trimmed,
            horizon: choice("horizon", horizon, default: Horizon.kort),
            priority: choice("priority", priority, default: Priority.normaal),
            status: choice("status", status, default: ActionStatus.gepland))
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
