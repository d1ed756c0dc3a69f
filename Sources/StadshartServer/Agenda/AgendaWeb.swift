import Fluent
import Foundation
import StadshartCore
import Vapor

/// The economic agenda's matrix as a page: one section per pillar with its tasks, each cell with
/// its text, its tagged actions and its indicators; editors tag and untag actions here.
///
/// Who reads it: those who read the plan (`readPlan`), not the public. The agenda document itself
/// is public, but this page joins it with the actions of draft plans and with the monitor's
/// internal figures, which the public does not see; a public version would have to leave those out.
enum AgendaWeb {
    struct ActionView: Encodable {
        var title: String
        var link: String
        /// "2019", "programma 2020".
        var plan: String
        var status: String
        var statusLabel: String
        var untagLink: String?
    }

    struct IndicatorLine: Encodable {
        var name: String
        var link: String
        var value: String
        var date: String
    }

    struct CellView: Encodable {
        var key: String
        var taskCode: String
        var taskName: String
        var text: String
        var actions: [ActionView]
        var indicators: [IndicatorLine]
        /// Editors: where the cell's text is changed, what the field holds, and why it was refused.
        var textLink: String?
        var textValue: String
        /// The name of its text form, which the page's `failed` names when that form was refused.
        var textForm: String
        var textError: String?
    }

    struct PillarView: Encodable {
        var code: String
        var name: String
        var ambition: String
        var actionCount: Int
        var cells: [CellView]
    }

    struct AgendaPage: Encodable {
        var layout: Layout
        var exists: Bool
        var name: String
        var period: String
        var note: String
        var summary: String
        var pillars: [PillarView]
        var tasks: [String]
        /// Editors only: the form that tags an action to a cell.
        var tagLink: String?
        var cellOptions: [SelectOption]
        var actionOptions: [SelectOption]
        var monitorLink: String
        var failed: FormErrors?
        /// The agenda's yearly programmes, and (editors) the form that starts one.
        var programmes: [ProgrammeView] = []
        var newProgrammeLink: String?
        var suggestedProgrammeYear = ""
    }

    struct ProgrammeView: Encodable {
        var title: String
        var link: String
        var status: String
        var actionCount: Int
    }

    static let fields = FormFields(form: "tag", [("cell", "agendaCell", "Cel"), ("action", "agendaAction", "Actie")])
    static let programmeFields = FormFields(form: "programme", [("year", "programmeYear", "Jaar")])
    /// One text form per cell, each with its own input id.
    static func cellTextFields(_ key: String) -> FormFields {
        FormFields(form: "cellText-\(key)", [("text", "cellText-\(key)", "Tekst van cel \(key)")])
    }

    static func register(_ routes: Pages) {
        routes.get(Web.agenda, .centre(.readPlan)) { req in
            try await req.view.render("economic-agenda", page(req))
        }
        routes.post(Web.agendaTag, .centre(.editPlan)) { req -> Response in
            let centre = try req.centre
            let form = FormBody(req)
            let cell = form["cell"]
            do {
                let tagged = try await AgendaService.tag(
                    centre, cell: cell, AgendaTagInput(action: form["action"]), by: req.actor, on: req.db)
                return req.seeOther(
                    Web.agenda.link(centre.slug) + "#cel-\(tagged.key)",
                    notice: "Opgeslagen: de actie hoort nu bij cel \(tagged.key).")
            } catch let invalid as InvalidInput {
                var page = try await page(req, cell: cell, action: form["action"])
                page.failed = fields.errors(invalid.problems)
                return try await req.rerender("economic-agenda", page)
            }
        }
        routes.post(Web.agendaCellText, .centre(.editPlan)) { req -> Response in
            let centre = try req.centre
            let key = try req.parameter("cell")
            let text = FormBody(req)["text"] ?? ""
            do {
                _ = try await AgendaService.setText(
                    centre, cell: key, AgendaCellTextInput(text: text), by: req.actor, on: req.db)
                return req.seeOther(
                    Web.agenda.link(centre.slug) + "#cel-\(key)", notice: "Opgeslagen: de tekst van cel \(key).")
            } catch let invalid as InvalidInput {
                let page = try await page(req, textRefusal: (key, text, invalid.problems))
                return try await req.rerender("economic-agenda", page)
            }
        }
        routes.post(Web.newProgramme, .centre(.editPlan)) { req -> Response in
            let centre = try req.centre
            let year = FormBody(req)["year"]
            do {
                let catalog = try await PlanCatalog.load(centre, on: req.db)
                let created = try await PlanService.createPlan(
                    catalog, year: year, kind: .uitvoeringsprogramma, by: req.actor, on: req.db)
                return req.seeOther(
                    Web.plan.link(centre.slug, PlanKey(.uitvoeringsprogramma, year: created)),
                    notice: "Uitvoeringsprogramma \(created) aangemaakt, als concept. Voeg nu de acties toe.")
            } catch let error as StadshartError where error.status == .conflict {
                var page = try await page(req)
                page.failed = programmeFields.errors([FieldProblem(field: "year", message: error.detail)])
                return try await req.rerender("economic-agenda", page)
            } catch let invalid as InvalidInput {
                var page = try await page(req)
                page.failed = programmeFields.errors(invalid.problems)
                return try await req.rerender("economic-agenda", page)
            }
        }
        routes.confirm(Web.agendaUntag, .centre(.editPlan)) { req in
            let centre = try req.centre
            let (cell, action) = try await untagTarget(req)
            return (
                Confirmation(
                    heading: "Actie loskoppelen van cel \(cell.key)?",
                    lines: [
                        "‘\(action.title)’ hoort dan niet meer bij \(cell.pillar.name) × \(cell.task.name).",
                        "Alleen de koppeling verdwijnt: de actie blijft in \(action.kind == .jaarplan ? "het jaarplan" : "het uitvoeringsprogramma") \(action.year), zoals ze is.",
                    ], button: "Ja, loskoppelen", back: Web.agenda.link(centre.slug) + "#cel-\(cell.key)"),
                try await Layout.centre("Actie loskoppelen — \(centre.name)", centre, request: req)
            )
        }
        routes.post(Web.agendaUntag, .centre(.editPlan)) { req -> Response in
            let centre = try req.centre
            let (cell, action) = try await untagTarget(req)
            try await AgendaService.untag(centre, cell: cell.key, action: action.id, by: req.actor, on: req.db)
            return req.seeOther(
                Web.agenda.link(centre.slug) + "#cel-\(cell.key)",
                notice: "Opgeslagen: ‘\(action.title)’ hoort niet meer bij cel \(cell.key); de actie zelf blijft.")
        }
    }

    static func untagTarget(_ req: Request) async throws -> (AgendaMatrix.Cell, AgendaService.ActionRef) {
        let loaded = try await AgendaService.require(try req.centre, on: req.db)
        let key = try req.parameter("cell")
        let id = try req.uuidParameter("id", what: "Actie")
        guard let cell = loaded.matrix.cell(key) else {
            throw StadshartError.notFound("Cel '\(key)' bestaat niet in deze agenda.")
        }
        guard cell.actions.contains(id), let action = loaded.action(id) else {
            throw StadshartError.notFound("Deze actie hoort niet bij cel \(key).")
        }
        return (cell, action)
    }

    /// The page's context; `cell` and `action` keep a refused form's choice.
    static func page(
        _ req: Request, cell chosenCell: String? = nil, action chosenAction: String? = nil,
        textRefusal: (cell: String, text: String, problems: [FieldProblem])? = nil
    ) async throws -> AgendaPage {
        let centre = try req.centre
        let slug = centre.slug
        let layout = try await Layout.centre("Economische agenda — \(centre.name)", centre, request: req)
        guard let loaded = try await AgendaService.load(centre, on: req.db) else {
            return AgendaPage(
                layout: layout, exists: false, name: "Economische agenda", period: "", note: "",
                summary: AgendaService.missing, pillars: [], tasks: [], tagLink: nil, cellOptions: [],
                actionOptions: [], monitorLink: Web.monitor.link(slug))
        }
        let canEdit = Access.allows(req.grants, .editPlan, in: slug)
        let (_, views) = try await MonitorService.views(
            centre, asOf: req.today, models: req.application.readModels, on: req.db)
        let latest = Dictionary(views.map { ($0.indicator.key, $0) }, uniquingKeysWith: { a, _ in a })
        let matrix = loaded.matrix
        let refusedText = textRefusal.map { (cell: $0.cell, failed: cellTextFields($0.cell).errors($0.problems)) }
        let pillars = matrix.rows.map { row -> PillarView in
            let pillar = row[0].pillar
            return PillarView(
                code: pillar.code, name: pillar.name, ambition: pillar.ambition,
                actionCount: matrix.actionCount(pillar: pillar.code),
                cells: row.map { cell in
                    CellView(
                        key: cell.key, taskCode: cell.task.code, taskName: cell.task.name, text: cell.text,
                        actions: cell.actions.compactMap { id in
                            loaded.action(id).map { action in
                                ActionView(
                                    title: action.title, link: Web.action.link(slug, id), plan: action.planLabel,
                                    status: action.status.rawValue, statusLabel: action.status.label,
                                    untagLink: canEdit ? Web.agendaUntag.link(slug, cell.key, id) : nil)
                            }
                        },
                        indicators: cell.indicators.compactMap { key in
                            guard let reference = loaded.indicators[key] else { return nil }
                            let view = latest[key]
                            return IndicatorLine(
                                name: reference.name, link: Web.indicator.link(slug, key),
                                value: view.map { $0.format($0.assessment.latest?.value) } ?? "—",
                                date: view?.assessment.latest?.date.dutch ?? "")
                        },
                        textLink: canEdit ? Web.agendaCellText.link(slug, cell.key) : nil,
                        textValue: textRefusal?.cell == cell.key ? textRefusal!.text : cell.text,
                        textForm: cellTextFields(cell.key).form,
                        textError: refusedText?.cell == cell.key
                            ? refusedText?.failed.messages["cellText-\(cell.key)"] : nil)
                })
        }
        let programmeRefs = try await AgendaService.programmes(centre, on: req.db)
        let programmes = programmeRefs.map {
            ProgrammeView(
                title: "\($0.key.kind.label) \($0.key.year)", link: Web.plan.link(slug, $0.key),
                status: $0.status.label,
                actionCount: $0.actionCount)
        }
        let tagged = Set(matrix.cells.flatMap(\.actions)).count
        let empty = matrix.cellsWithoutActions.count
        let summary =
            "\(matrix.pillars.count) pijlers × \(matrix.tasks.count) opgaven: \(matrix.cells.count) cellen; "
            + "\(tagged == 1 ? "1 actie" : "\(tagged) acties") uit jaarplan of programma gekoppeld, "
            + "\(empty == 1 ? "1 cel" : "\(empty) cellen") nog zonder actie."
        var page = AgendaPage(
            layout: layout, exists: true, name: loaded.name, period: loaded.period, note: loaded.note,
            summary: summary, pillars: pillars, tasks: matrix.tasks.map { "\($0.code). \($0.name)" },
            tagLink: canEdit ? Web.agendaTag.link(slug) : nil,
            cellOptions: [SelectOption(value: "", label: "Kies een cel", selected: (chosenCell ?? "").isEmpty)]
                + matrix.cells.map {
                    SelectOption(
                        value: $0.key, label: "\($0.key): \($0.pillar.name) × \($0.task.name)",
                        selected: $0.key == chosenCell)
                },
            actionOptions: [SelectOption(value: "", label: "Kies een actie", selected: (chosenAction ?? "").isEmpty)]
                + loaded.actions.map {
                    SelectOption(
                        value: $0.id.uuidString, label: "\($0.planLabel): \($0.title)",
                        selected: $0.id.uuidString == chosenAction)
                },
            monitorLink: Web.monitor.link(slug), programmes: programmes,
            newProgrammeLink: canEdit ? Web.newProgramme.link(slug) : nil,
            suggestedProgrammeYear: String((programmeRefs.map(\.key.year).max() ?? req.today.year - 1) + 1))
        page.failed = refusedText?.failed
        return page
    }
}
