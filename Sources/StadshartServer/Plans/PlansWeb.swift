import Fluent
import StadshartCore
import Vapor

/// The plan's pages. They work without JavaScript: forms post, and answer with the page
/// again (with Dutch messages next to the fields) or a redirect to the result.
enum PlansWeb {
    static func register(_ routes: Pages) {
        routes.get(Web.plan, .anyone) { req in
            let (snapshot, years) = try await load(req)
            let nextYearExists = try await nextProgrammeExists(snapshot, on: req.db)
            guard let day = try req.optionalDayQuery("stand") else {
                let page = PlanPages.planPage(
                    snapshot, request: req, filter: try req.actionFilter(), years: years,
                    nextYearExists: nextYearExists)
                return try await req.view.render("plan", page)
            }
            // The plan as it stood on that day: a view of the past, so nothing to adopt or add there.
            var page = PlanPages.planPage(
                try await PlanService.snapshot(snapshot, asOf: day, on: req.db), request: req,
                filter: try req.actionFilter(), years: years, nextYearExists: nextYearExists)
            page.asOf = day.dutch
            page.asOfValue = day.description
            page.adopt = nil
            page.canEdit = false
            page.canAdopt = false
            return try await req.view.render("plan", page)
        }
        routes.get(Web.whoDoesWhat, .anyone) { req in
            let (snapshot, years) = try await load(req)
            return try await req.view.render("who", PlanPages.whoPage(snapshot, request: req, years: years))
        }
        routes.get(Web.exportCSV, .anyone) { req in
            let (snapshot, _) = try await load(req)
            return CSVDownload.response(
                PlanExport.csv(snapshot),
                filename: "\(snapshot.plan.planKind.noun)-\(snapshot.catalog.centre.slug)-\(snapshot.plan.year).csv"
            )
        }
        routes.post(Web.planPeriod, .centre(.editPlan)) { req -> Response in
            let (snapshot, years) = try await load(req)
            let form = FormBody(req)
            let (start, end) = (form["start"] ?? "", form["end"] ?? "")
            do {
                try await PlanService.setPeriod(snapshot, start: start, end: end, by: req.actor, on: req.db)
            } catch let invalid as InvalidInput {
                let page = PlanPages.planPage(
                    snapshot, request: req, filter: ActionFilter(), years: years,
                    nextYearExists: try await nextProgrammeExists(snapshot, on: req.db), periodInput: (start, end),
                    periodProblems: invalid.problems)
                return try await req.rerender("plan", page)
            }
            return req.seeOther(
                Web.plan.link(snapshot.catalog.centre.slug, snapshot.plan.key) + "#looptijd",
                notice: "Opgeslagen: de looptijd.")
        }
        routes.post(Web.adopt, .centre(.adoptPlan)) { req -> Response in
            let (snapshot, years) = try await load(req)
            let form = FormBody(req)
            let input = AdoptionInput(party: form["party"], adoptedBy: form["adoptedBy"], date: form["date"])
            do {
                try await PlanService.adopt(
                    snapshot, input,
                    allowed: { Access.mayAdopt(req.grants, for: $0, in: snapshot.catalog.centre.slug) }, by: req.actor,
                    on: req.db)
            } catch let error as StadshartError where error.status.code < 500 {
                return try await req.rerender(
                    "plan",
                    PlanPages.planPage(
                        snapshot, request: req, filter: ActionFilter(), years: years, adoptInput: input,
                        adoptError: error, nextYearExists: try await nextProgrammeExists(snapshot, on: req.db)))
            } catch let invalid as InvalidInput {
                return try await req.rerender(
                    "plan",
                    PlanPages.planPage(
                        snapshot, request: req, filter: ActionFilter(), years: years, adoptInput: input,
                        adoptError: .invalid(invalid),
                        nextYearExists: try await nextProgrammeExists(snapshot, on: req.db)))
            }
            return req.seeOther(
                Web.plan.link(snapshot.catalog.centre.slug, snapshot.plan.key),
                notice: "Vastgesteld namens het \(Party(rawValue: input.party ?? "")?.label ?? "bestuur").")
        }
        routes.confirm(Web.nextYear, .centre(.editPlan)) { req in
            let (snapshot, _) = try await load(req)
            let (year, kind) = (snapshot.plan.year, snapshot.plan.planKind)
            let carried = snapshot.actions.filter { $0.draft.status.carriesOver }.count
            return (
                Confirmation(
                    heading: "\(kind.label) \(year + 1) starten?",
                    lines: [
                        "Er komt een nieuw \(kind.noun) \(year + 1), als concept. De \(carried) acties van \(year) die nog niet afgerond of vervallen zijn, gaan mee; wat af is blijft in \(year).",
                        "Het \(kind.noun) \(year) zelf verandert niet. Een concept zonder vaststelling kan later worden aangepast.",
                    ],
                    button: "Ja, \(kind.noun) \(year + 1) starten",
                    back: Web.plan.link(snapshot.catalog.centre.slug, snapshot.plan.key)),
                try await Layout.centre("\(kind.label) \(year + 1) starten", snapshot.catalog.centre, request: req)
            )
        }
        routes.post(Web.nextYear, .centre(.editPlan)) { req -> Response in
            let (snapshot, _) = try await load(req)
            let result = try await PlanService.startNextYear(snapshot, by: req.actor, on: req.db)
            let kind = snapshot.plan.planKind
            return req.seeOther(
                Web.plan.link(snapshot.catalog.centre.slug, PlanKey(kind, year: result.year)),
                notice: "\(kind.label) \(result.year) gestart met \(result.carried) acties uit \(snapshot.plan.year).")
        }

        routes.get(Web.newAction, .centre(.editPlan)) { req in
            let (snapshot, years) = try await load(req)
            var input = ActionInput()
            input.themeLine = req.query["themeLine"]
            input.parent = req.query["hoofdactie"]
            return try await req.view.render("action-form", newForm(snapshot, request: req, input: input, years: years))
        }
        routes.post(Web.newAction, .centre(.editPlan)) { req -> Response in
            let (snapshot, years) = try await load(req)
            let (input, amendment) = ActionForm.input(from: FormBody(req))
            do {
                let draft = try input.validate(against: snapshot.catalog.vocabulary)
                let id = try await PlanService.create(
                    draft, in: snapshot.plan, catalog: snapshot.catalog, reason: amendment, by: req.actor, on: req.db)
                return req.seeOther(
                    Web.action.link(snapshot.catalog.centre.slug, id),
                    notice: "Actie toegevoegd aan het \(snapshot.plan.key.name).")
            } catch let invalid as InvalidInput {
                let page = newForm(
                    snapshot, request: req, input: input, years: years, amendment: amendment, problems: invalid.problems
                )
                return try await req.rerender("action-form", page)
            }
        }

        routes.get(Web.action, .anyone) { req in
            try await req.view.render("action", actionPage(req))
        }
        routes.post(Web.addProgress, .centre(.addProgress)) { req -> Response in
            let (record, catalog) = try await req.visibleAction()
            try PlanService.requireProgressRight(record, catalog: catalog, for: req.caller)
            let form = FormBody(req)
            let input = ProgressNoteInput(date: form["date"], text: form["text"])
            do {
                try await PlanService.addNote(to: record, input, catalog: catalog, by: req.actor, on: req.db)
            } catch let invalid as InvalidInput {
                return try await req.rerender("action", actionPage(req, noteInput: input, noteErrors: invalid.problems))
            }
            return req.seeOther(
                Web.action.link(catalog.centre.slug, record.id) + "#voortgang", notice: "Voortgang toegevoegd.")
        }
        routes.confirm(Web.deleteAction, .centre(.editPlan)) { req in
            let (record, catalog) = try await req.visibleAction()
            return (
                Confirmation(
                    heading: "Actie '\(record.draft.title)' verwijderen?",
                    lines: [
                        "De actie verdwijnt uit het \(record.model.plan.key.name), met haar partners, voortgang en wijzigingen. Het logboek houdt bij dat ze bestond en wie haar verwijderde.",
                        "Is de actie niet meer nodig maar wel gedaan of besproken? Zet dan de status op 'vervallen': dan blijft ze zichtbaar.",
                    ],
                    button: "Ja, actie verwijderen", back: Web.action.link(catalog.centre.slug, record.id)),
                try await Layout.centre("Actie verwijderen", catalog.centre, request: req)
            )
        }
        routes.post(Web.deleteAction, .centre(.editPlan)) { req -> Response in
            let (record, catalog) = try await req.visibleAction()
            let key = record.model.plan.key
            try await PlanService.delete(record, catalog: catalog, by: req.actor, on: req.db)
            return req.seeOther(
                Web.plan.link(catalog.centre.slug, key), notice: "Actie '\(record.draft.title)' verwijderd.")
        }
        routes.get(Web.editAction, .centre(.editPlan)) { req in
            let (form, _, _, _, _) = try await editContext(req)
            return try await req.view.render("action-form", form)
        }
        routes.post(Web.editAction, .centre(.editPlan)) { req -> Response in
            let (_, record, catalog, years, parents) = try await editContext(req)
            let (input, amendment) = ActionForm.input(from: FormBody(req))
            do {
                let draft = try input.validate(against: catalog.vocabulary)
                let changed = try await PlanService.update(
                    record, to: draft, amendment: amendment, catalog: catalog, by: req.actor, on: req.db
                ).map(\.field)
                return req.seeOther(
                    Web.action.link(catalog.centre.slug, record.id),
                    notice: changed.isEmpty
                        ? "Niets veranderd." : "Opgeslagen. Gewijzigd: \(changed.joined(separator: ", ")).")
            } catch let invalid as InvalidInput {
                let needsReason = try await PlanService.hasAdoption(planID: record.model.$plan.id, on: req.db)
                let page = editForm(
                    record, request: req, catalog: catalog, years: years, parents: parents, needsReason: needsReason,
                    input: input, amendment: amendment, problems: invalid.problems)
                return try await req.rerender("action-form", page)
            }
        }

        routes.get(Web.newKeyPoint, .centre(.editPlan)) { req in
            let catalog = try await req.planCatalog()
            let line = try PlanService.themeLine(catalog, code: req.parameter("code"))
            let years = try await PlanService.years(catalog, on: req.db)
            return try await req.view.render(
                "keypoint-form", keyPointForm(catalog, request: req, line: line, years: years))
        }
        routes.post(Web.newKeyPoint, .centre(.editPlan)) { req -> Response in
            let catalog = try await req.planCatalog()
            let line = try PlanService.themeLine(catalog, code: req.parameter("code"))
            let form = FormBody(req)
            let input = KeyPointInput(code: form["code"], title: form["title"])
            do {
                _ = try await PlanService.addKeyPoint(input, to: line, catalog: catalog, by: req.actor, on: req.db)
                return req.seeOther(try await backToPlan(catalog, on: req.db), notice: "Kernpunt toegevoegd.")
            } catch let invalid as InvalidInput {
                let years = try await PlanService.years(catalog, on: req.db)
                let page = keyPointForm(
                    catalog, request: req, line: line, years: years, input: input, problems: invalid.problems)
                return try await req.rerender("keypoint-form", page)
            }
        }
        routes.get(Web.editKeyPoint, .centre(.editPlan)) { req in
            let catalog = try await req.planCatalog()
            let point = try PlanService.keyPoint(catalog, id: req.uuidParameter("id", what: "Kernpunt"))
            let line = catalog.themeLine(id: point.$themeLine.id)!
            let years = try await PlanService.years(catalog, on: req.db)
            let page = keyPointForm(catalog, request: req, line: line, years: years, point: point)
            return try await req.view.render("keypoint-form", page)
        }
        routes.post(Web.editKeyPoint, .centre(.editPlan)) { req -> Response in
            let catalog = try await req.planCatalog()
            let point = try PlanService.keyPoint(catalog, id: req.uuidParameter("id", what: "Kernpunt"))
            let line = catalog.themeLine(id: point.$themeLine.id)!
            let title = FormBody(req)["title"]
            do {
                try await PlanService.renameKeyPoint(point, title: title, catalog: catalog, by: req.actor, on: req.db)
                return req.seeOther(
                    try await backToPlan(catalog, on: req.db), notice: "Kernpunt \(point.code) opgeslagen.")
            } catch let invalid as InvalidInput {
                let years = try await PlanService.years(catalog, on: req.db)
                let page = keyPointForm(
                    catalog, request: req, line: line, years: years, point: point,
                    input: KeyPointInput(code: point.code, title: title), problems: invalid.problems)
                return try await req.rerender("keypoint-form", page)
            }
        }
    }

    /// Whether a programme's next year exists (an annual plan's is among the years the page has); nil for a plan.
    static func nextProgrammeExists(_ snapshot: PlanSnapshot, on db: any Database) async throws -> Bool? {
        let kind = snapshot.plan.planKind
        guard kind != .jaarplan else { return nil }
        return try await PlanService.exists(
            snapshot.catalog.centreID, PlanKey(kind, year: snapshot.plan.year + 1), on: db)
    }

    static func load(_ req: Request) async throws -> (PlanSnapshot, [Int]) {
        let snapshot = try await req.visiblePlan()
        return (snapshot, try await PlanService.visibleYears(snapshot.catalog.centre, for: req.grants, on: req.db))
    }

    static func newForm(
        _ snapshot: PlanSnapshot, request: Request, input: ActionInput, years: [Int],
        amendment: AmendmentInput = AmendmentInput(), problems: [FieldProblem] = []
    ) -> ActionForm.Page {
        let slug = snapshot.catalog.centre.slug
        return ActionForm.page(
            heading: "Nieuwe actie — \(snapshot.plan.key.name)", request: request,
            postLink: Web.newAction.link(slug, snapshot.plan.key), cancelLink: Web.plan.link(slug, snapshot.plan.key),
            input: input, catalog: snapshot.catalog, years: years,
            parents: snapshot.topLevel.map { ($0.id, $0.draft.title) }, needsReason: snapshot.changesNeedReason,
            amendment: amendment, problems: problems)
    }

    static func editContext(_ req: Request) async throws -> (
        ActionForm.Page, ActionRecord, PlanCatalog, [Int], [(id: UUID, title: String)]
    ) {
        let (record, catalog) = try await req.visibleAction()
        let years = try await PlanService.years(catalog, on: req.db)
        let needsReason = try await PlanService.hasAdoption(planID: record.model.$plan.id, on: req.db)
        let parents = try await PlanService.parentChoices(for: record, catalog: catalog, on: req.db)
        let page = editForm(
            record, request: req, catalog: catalog, years: years, parents: parents, needsReason: needsReason,
            input: ActionForm.input(for: record.draft))
        return (page, record, catalog, years, parents)
    }

    static func editForm(
        _ record: ActionRecord, request: Request, catalog: PlanCatalog, years: [Int],
        parents: [(id: UUID, title: String)], needsReason: Bool,
        input: ActionInput, amendment: AmendmentInput = AmendmentInput(), problems: [FieldProblem] = []
    ) -> ActionForm.Page {
        let link = Web.action.link(catalog.centre.slug, record.id)
        return ActionForm.page(
            heading: "Actie bewerken", request: request, postLink: Web.editAction.link(catalog.centre.slug, record.id),
            cancelLink: link, input: input, catalog: catalog, years: years, parents: parents, needsReason: needsReason,
            amendment: amendment, problems: problems)
    }

    static func actionPage(
        _ req: Request, noteInput: ProgressNoteInput? = nil, noteErrors: [FieldProblem] = []
    ) async throws -> PlanPages.ActionPage {
        let (record, catalog) = try await req.visibleAction()
        let detail = ActionDTO(
            try await PlanService.detail(catalog, id: record.id, on: req.db), catalog: catalog, today: req.today)
        let adopted = try await PlanService.hasAdoption(planID: record.model.$plan.id, on: req.db)
        let slug = catalog.centre.slug
        var page = PlanPages.actionPage(
            detail, request: req, record: record, catalog: catalog,
            years: try await PlanService.visibleYears(catalog.centre, for: req.grants, on: req.db), adopted: adopted,
            noteInput: noteInput, noteErrors: noteErrors)
        page.canEdit = Access.allows(req.grants, .editPlan, in: slug)
        page.canDelete = page.canEdit && !adopted
        page.canAddProgress = Access.mayAddProgress(req.grants, themeLine: record.draft.themeLine, in: slug)
        if Access.allows(req.grants, .readAudit, in: slug) {
            page.historyLink = Web.history.link(slug, AuditKind.actie.rawValue, record.id)
        }
        return page
    }

    struct KeyPointFormPage: Encodable {
        var layout: Layout
        var heading: String
        var themeLine: String
        var isNew: Bool
        var code: String
        var title: String
        var failed: FormErrors?
    }

    static let keyPointFields = FormFields(form: "keypoint", labels: [("code", "Code"), ("title", "Titel")])

    static func keyPointForm(
        _ catalog: PlanCatalog, request: Request, line: ThemeLine, years: [Int], point: KeyPoint? = nil,
        input: KeyPointInput? = nil, problems: [FieldProblem] = []
    ) -> KeyPointFormPage {
        let suggested = "\(line.code)\(catalog.keyPoints(of: line).count + 1)"
        return KeyPointFormPage(
            layout: Layout(
                title: point == nil ? "Nieuw kernpunt" : "Kernpunt bewerken", request: request, centre: catalog.centre,
                years: years),
            heading: point == nil ? "Nieuw kernpunt bij \(line.code) \(line.name)" : "Kernpunt \(point!.code) bewerken",
            themeLine: "\(line.code) \(line.name)", isNew: point == nil,
            code: input?.code ?? point?.code ?? suggested, title: input?.title ?? point?.title ?? "",
            failed: problems.isEmpty ? nil : keyPointFields.errors(problems))
    }

    static func backToPlan(_ catalog: PlanCatalog, on db: any Database) async throws -> String {
        guard let year = try await PlanService.years(catalog, on: db).first else {
            return Web.centre.link(catalog.centre.slug)
        }
        return Web.plan.link(catalog.centre.slug, year)
    }
}
