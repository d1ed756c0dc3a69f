import Fluent
import StadshartCore
import Vapor

/// What one centre's plans refer to, loaded once per request: organisations, theme lines and
/// key points, with look-ups both ways between database ids and the keys people use.
struct PlanCatalog {
    let centre: Centre
    let centreID: UUID
    let organisations: [Organisation]
    let themeLines: [ThemeLine]
    let keyPoints: [KeyPoint]

    private let organisationsByID: [UUID: Organisation]
    private let organisationsByKey: [String: Organisation]
    private let themeLinesByID: [UUID: ThemeLine]
    private let keyPointsByID: [UUID: KeyPoint]

    static func load(_ centre: Centre, on db: any Database) async throws -> PlanCatalog {
        let centreID = try centre.requireID()
        let organisations = try await Organisation.query(on: db).filter(\.$centre.$id == centreID).sort(\.$name).all()
        let themeLines = try await ThemeLine.query(on: db).filter(\.$centre.$id == centreID).sort(\.$position).all()
        let keyPoints =
            themeLines.isEmpty
            ? []
            : try await KeyPoint.query(on: db).filter(\.$themeLine.$id ~~ themeLines.compactMap(\.id)).all()
        return PlanCatalog(centre: centre, organisations: organisations, themeLines: themeLines, keyPoints: keyPoints)
    }

    init(centre: Centre, organisations: [Organisation], themeLines: [ThemeLine], keyPoints: [KeyPoint]) {
        self.centre = centre
        self.centreID = centre.id!
        self.organisations = organisations
        self.themeLines = themeLines
        self.keyPoints = keyPoints.sorted { ($0.code.count, $0.code) < ($1.code.count, $1.code) }
        organisationsByID = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id!, $0) })
        organisationsByKey = Dictionary(uniqueKeysWithValues: organisations.map { ($0.key, $0) })
        themeLinesByID = Dictionary(uniqueKeysWithValues: themeLines.map { ($0.id!, $0) })
        keyPointsByID = Dictionary(uniqueKeysWithValues: keyPoints.map { ($0.id!, $0) })
    }

    var vocabulary: PlanVocabulary {
        var byLine: [String: Set<String>] = [:]
        for line in themeLines { byLine[line.code] = Set(keyPoints(of: line).map(\.code)) }
        return PlanVocabulary(keyPointsByThemeLine: byLine, organisations: Set(organisationsByKey.keys))
    }

    func organisation(id: UUID?) -> Organisation? { id.flatMap { organisationsByID[$0] } }
    func organisation(key: String?) -> Organisation? { key.flatMap { organisationsByKey[$0] } }
    func themeLine(id: UUID) -> ThemeLine? { themeLinesByID[id] }
    func themeLine(code: String) -> ThemeLine? { themeLines.first { $0.code == code } }
    func keyPoint(id: UUID?) -> KeyPoint? { id.flatMap { keyPointsByID[$0] } }
    func keyPoints(of line: ThemeLine) -> [KeyPoint] { keyPoints.filter { $0.$themeLine.id == line.id } }
    func keyPoint(code: String?, in themeLine: String) -> KeyPoint? {
        guard let code, let line = self.themeLine(code: themeLine) else { return nil }
        return keyPoints(of: line).first { $0.code == code }
    }

    func name(ofKey key: String) -> String { organisationsByKey[key]?.name ?? key }

    func ref(_ organisation: Organisation?) -> OrganisationRef? {
        organisation.map { OrganisationRef(key: $0.key, name: $0.name) }
    }

    /// An action read from the database, in the terms of the rules.
    func draft(of action: Action) -> ActionDraft {
        ActionDraft(
            title: action.title, description: action.description,
            themeLine: themeLine(id: action.$themeLine.id)?.code ?? "?",
            keyPoint: keyPoint(id: action.$keyPoint.id)?.code,
            lead: organisation(id: action.$lead.id)?.key, coLead: organisation(id: action.$coLead.id)?.key,
            partners: action.partners.compactMap { partner in
                guard let organisation = organisation(id: partner.$organisation.id) else { return nil }
                return PartnerDraft(
                    organisation: organisation.key,
                    contributions: partner.contributions.split(separator: ",").compactMap {
                        Contribution(rawValue: String($0))
                    })
            }.sorted { name(ofKey: $0.organisation) < name(ofKey: $1.organisation) },
            noPartners: action.noPartners, budgetCents: action.budgetCents,
            budgetPerOccasionCents: action.budgetPerOccasionCents, occasions: action.occasions,
            budgetHolder: organisation(id: action.$budgetHolder.id)?.key, fundingSource: action.fundingSource,
            fundingStatus: action.fundingStatus.flatMap(FundingStatus.init(rawValue:)),
            fundingKind: action.fundingKind.flatMap(FundingKind.init(rawValue:)),
            horizon: Horizon(rawValue: action.horizon) ?? .kort,
            priority: Priority(rawValue: action.priority) ?? .normaal,
            status: ActionStatus(rawValue: action.status) ?? .gepland,
            start: action.startDay.flatMap(Day.init(parsing:)), end: action.endDay.flatMap(Day.init(parsing:)),
            deadline: action.deadlineDay.flatMap(Day.init(parsing:)),
            recurrence: action.recurrence.flatMap(ActionRecurrenceKind.init(rawValue:)).map {
                ActionRecurrence(kind: $0, count: action.recurrenceCount)
            }, parent: action.parentID)
    }

    /// Copies a valid draft onto a model (partners are written separately).
    func apply(_ draft: ActionDraft, to action: Action) {
        action.title = draft.title
        action.description = draft.description
        action.$themeLine.id = themeLine(code: draft.themeLine)!.id!
        action.$keyPoint.id = keyPoint(code: draft.keyPoint, in: draft.themeLine)?.id
        action.$lead.id = organisation(key: draft.lead)?.id
        action.noPartners = draft.noPartners
        action.budgetCents = draft.budgetCents
        action.$budgetHolder.id = organisation(key: draft.budgetHolder)?.id
        action.fundingSource = draft.fundingSource
        action.horizon = draft.horizon.rawValue
        action.priority = draft.priority.rawValue
        action.status = draft.status.rawValue
        action.$coLead.id = organisation(key: draft.coLead)?.id
        action.budgetPerOccasionCents = draft.budgetPerOccasionCents
        action.occasions = draft.occasions
        action.fundingStatus = draft.fundingStatus?.rawValue
        action.fundingKind = draft.fundingKind?.rawValue
        action.startDay = draft.start?.description
        action.endDay = draft.end?.description
        action.deadlineDay = draft.deadline?.description
        action.recurrence = draft.recurrence?.kind.rawValue
        action.recurrenceCount = draft.recurrence?.count
        action.parentID = draft.parent
    }
}
