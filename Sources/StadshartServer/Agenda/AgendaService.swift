import Fluent
import Foundation
import StadshartCore
import Vapor

/// The economic agenda of a centre: reading its matrix with what is tagged to it, and tagging
/// and untagging the actions of the annual plans. The page and the API both call this.
enum AgendaService {
    /// An action of one of the centre's plans, as the matrix shows it.
    struct ActionRef: Sendable {
        var id: UUID
        var title: String
        var status: ActionStatus
        var year: Int
        var kind: PlanKind = .jaarplan

        /// Which plan it is in, for lists that mix them: "2019", "programma 2020".
        var planLabel: String { kind == .jaarplan ? String(year) : "programma \(year)" }
    }

    struct IndicatorRef: Sendable {
        var id: UUID
        var key: String
        var name: String
        var group: IndicatorGroup
    }

    struct Loaded: Sendable {
        var agendaID: UUID
        var name: String
        var period: String
        var note: String
        var matrix: AgendaMatrix
        /// The stored cell of each key.
        var cellIDs: [String: UUID]
        /// Every action of the centre's plans, newest plan first, in plan order.
        var actions: [ActionRef]
        var indicators: [String: IndicatorRef]

        func action(_ id: UUID) -> ActionRef? { actions.first { $0.id == id } }
    }

    static let missing = "Deze binnenstad heeft (nog) geen economische agenda."

    /// The centre's agenda, or nil when it has none.
    static func load(_ centre: Centre, on db: any Database) async throws -> Loaded? {
        let centreID = try centre.requireID()
        guard let agenda = try await EconomicAgenda.query(on: db).filter(\.$centre.$id == centreID).first() else {
            return nil
        }
        let agendaID = try agenda.requireID()
        let pillars = try await AgendaPillarRecord.query(on: db).filter(\.$agenda.$id == agendaID)
            .sort(\.$position).all()
        let tasks = try await AgendaTaskRecord.query(on: db).filter(\.$agenda.$id == agendaID).sort(\.$position).all()
        let cells = try await AgendaCellRecord.query(on: db).filter(\.$agenda.$id == agendaID).all()
        let cellIDs = cells.compactMap(\.id)
        let actionLinks =
            cellIDs.isEmpty
            ? [] : try await AgendaCellAction.query(on: db).filter(\.$cell.$id ~~ cellIDs).sort(\.$taggedAt).all()
        let indicatorLinks =
            cellIDs.isEmpty ? [] : try await AgendaCellIndicator.query(on: db).filter(\.$cell.$id ~~ cellIDs).all()
        let actions = try await centreActions(centre, on: db)
        let indicators = try await Indicator.query(on: db).filter(\.$centre.$id == centreID).sort(\.$position).all()
        let indicatorByID = Dictionary(
            indicators.compactMap { indicator in
                indicator.id.map {
                    ($0, IndicatorRef(id: $0, key: indicator.key, name: indicator.name, group: indicator.groupValue))
                }
            }, uniquingKeysWith: { a, _ in a })
        let pillarCode = Dictionary(
            pillars.compactMap { p in p.id.map { ($0, p.code) } }, uniquingKeysWith: { a, _ in a })
        let taskCode = Dictionary(tasks.compactMap { t in t.id.map { ($0, t.code) } }, uniquingKeysWith: { a, _ in a })
        let position = Dictionary(
            indicators.enumerated().compactMap { index, i in i.id.map { ($0, index) } }, uniquingKeysWith: { a, _ in a }
        )
        var keyOfCell: [UUID: String] = [:]
        let contents = cells.compactMap { cell -> AgendaMatrix.CellContent? in
            guard let id = cell.id, let pillar = pillarCode[cell.$pillar.id], let task = taskCode[cell.$task.id] else {
                return nil
            }
            keyOfCell[id] = AgendaMatrix.key(pillar: pillar, task: task)
            return AgendaMatrix.CellContent(
                pillar: pillar, task: task, text: cell.text,
                actions: actionLinks.filter { $0.$cell.id == id }.map { $0.$action.id },
                indicators: indicatorLinks.filter { $0.$cell.id == id }
                    .sorted { (position[$0.$indicator.id] ?? 0) < (position[$1.$indicator.id] ?? 0) }
                    .compactMap { indicatorByID[$0.$indicator.id]?.key })
        }
        let matrix = try AgendaMatrix(
            pillars: pillars.map { .init(code: $0.code, name: $0.name, ambition: $0.ambition) },
            tasks: tasks.map { .init(code: $0.code, name: $0.name) }, cells: contents)
        return Loaded(
            agendaID: agendaID, name: agenda.name, period: agenda.period, note: agenda.note, matrix: matrix,
            cellIDs: Dictionary(keyOfCell.map { ($1, $0) }, uniquingKeysWith: { a, _ in a }), actions: actions,
            indicators: Dictionary(indicatorByID.values.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    static func require(_ centre: Centre, on db: any Database) async throws -> Loaded {
        guard let loaded = try await load(centre, on: db) else { throw StadshartError.notFound(missing) }
        return loaded
    }

    /// Changes a cell's text; the old and new text go into the audit trail together with the change.
    static func setText(
        _ centre: Centre, cell key: String, _ input: AgendaCellTextInput, by actor: Actor, on db: any Database
    ) async throws -> AgendaMatrix.Cell {
        let loaded = try await require(centre, on: db)
        guard var cell = loaded.matrix.cell(key), let cellID = loaded.cellIDs[key] else {
            throw StadshartError.notFound("Cel '\(key)' bestaat niet in deze agenda.")
        }
        let text = try input.validated()
        let before = cell.text
        guard text != before else { return cell }
        try await db.transaction { tx in
            guard let record = try await AgendaCellRecord.find(cellID, on: tx) else {
                throw StadshartError.notFound("Cel '\(key)' bestaat niet in deze agenda.")
            }
            record.text = text
            try await record.update(on: tx)
            try await Audit.record(
                .gewijzigd, .agenda, id: loaded.agendaID.uuidString, centreID: centre.id,
                summary: "Tekst van cel \(key) van de economische agenda gewijzigd",
                changes: [FieldChange(field: "cel \(key)", before: before, after: text)], by: actor, on: tx)
        }
        cell.text = text
        return cell
    }

    /// The yearly execution programmes of the agenda (`PlanKind.uitvoeringsprogramma`), newest first,
    /// with their status and number of actions.
    struct ProgrammeRef: Sendable {
        var key: PlanKey
        var status: PlanStatus
        var actionCount: Int
    }

    static func programmes(_ centre: Centre, on db: any Database) async throws -> [ProgrammeRef] {
        let kind = PlanKind.uitvoeringsprogramma
        let plans = try await AnnualPlan.query(on: db).filter(\.$centre.$id == centre.requireID())
            .filter(\.$kind == kind.rawValue).sort(\.$year, .descending).all()
        let ids = plans.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let adoptions = try await Adoption.query(on: db).filter(\.$plan.$id ~~ ids).all()
        let actions = try await Action.query(on: db).filter(\.$plan.$id ~~ ids).all()
        return plans.map { plan in
            ProgrammeRef(
                key: plan.key,
                status: PlanStatus.of(
                    adoptedBy: adoptions.filter { $0.$plan.id == plan.id }.compactMap { Party(rawValue: $0.party) },
                    kind: kind),
                actionCount: actions.filter { $0.$plan.id == plan.id }.count)
        }
    }

    /// Every action of the centre's plans: the newest plan first, each in its own order.
    static func centreActions(_ centre: Centre, on db: any Database) async throws -> [ActionRef] {
        let plans = try await AnnualPlan.query(on: db).filter(\.$centre.$id == centre.requireID()).all()
        let keys = Dictionary(plans.compactMap { p in p.id.map { ($0, p.key) } }, uniquingKeysWith: { a, _ in a })
        guard !keys.isEmpty else { return [] }
        let actions = try await Action.query(on: db).filter(\.$plan.$id ~~ Array(keys.keys)).all()
        return actions.compactMap { action -> (ActionRef, Int)? in
            guard let id = action.id, let key = keys[action.$plan.id] else { return nil }
            return (
                ActionRef(
                    id: id, title: action.title, status: ActionStatus(rawValue: action.status) ?? .idee,
                    year: key.year, kind: key.kind),
                action.position
            )
        }
        .sorted { $0.0.year != $1.0.year ? $0.0.year > $1.0.year : $0.1 < $1.1 }
        .map(\.0)
    }

    /// Tags an action to a cell; refuses an unknown cell or action, or a tag that is already there,
    /// naming the field. The tag and its audit entry are written together.
    @discardableResult
    static func tag(
        _ centre: Centre, cell key: String?, _ input: AgendaTagInput, by actor: Actor, on db: any Database
    ) async throws -> AgendaMatrix.Cell {
        let loaded = try await require(centre, on: db)
        let (cell, actionID) = try AgendaRules.validateTag(
            cell: key, input, matrix: loaded.matrix, actions: Set(loaded.actions.map(\.id)))
        guard let cellID = loaded.cellIDs[cell.key], let action = loaded.action(actionID) else {
            throw StadshartError.notFound("Cel '\(cell.key)' bestaat niet.")
        }
        try await db.transaction { tx in
            let link = AgendaCellAction()
            link.$cell.id = cellID
            link.$action.id = actionID
            link.taggedAt = actor.now
            try await link.create(on: tx)
            try await Audit.record(
                .gekoppeld, .actie, id: actionID.uuidString, centreID: centre.id,
                summary: "Actie '\(action.title)' gekoppeld aan cel \(cell.key) van de economische agenda "
                    + "(\(cell.pillar.name) × \(cell.task.name))",
                by: actor, on: tx)
        }
        var tagged = cell
        tagged.actions.append(actionID)
        return tagged
    }

    /// Removes the tag of an action from a cell; the action itself stays as it is.
    static func untag(_ centre: Centre, cell key: String, action actionID: UUID, by actor: Actor, on db: any Database)
        async throws
    {
        let loaded = try await require(centre, on: db)
        guard let cell = loaded.matrix.cell(key), let cellID = loaded.cellIDs[key] else {
            throw StadshartError.notFound("Cel '\(key)' bestaat niet in deze agenda.")
        }
        guard cell.actions.contains(actionID), let action = loaded.action(actionID) else {
            throw StadshartError.notFound("Deze actie hoort niet bij cel \(key).")
        }
        try await db.transaction { tx in
            try await AgendaCellAction.query(on: tx).filter(\.$cell.$id == cellID).filter(\.$action.$id == actionID)
                .delete()
            try await Audit.record(
                .ontkoppeld, .actie, id: actionID.uuidString, centreID: centre.id,
                summary: "Actie '\(action.title)' losgekoppeld van cel \(cell.key) van de economische agenda "
                    + "(\(cell.pillar.name) × \(cell.task.name)); de actie zelf blijft",
                by: actor, on: tx)
        }
    }
}
