import Fluent
import Foundation
import SQLKit
import StadshartCore
import Vapor

/// Organisers' proposals: an organisator (a role tied to one organisation of the network) proposes an
/// event for that organisation; it waits, internal, until the coordinator approves it or rejects it with
/// a reason. The organiser changes a waiting or rejected proposal (a rejected one is proposed again) and
/// withdraws it by cancelling, which keeps it. The workflow's rules are `EventWorkflow` in Core.
enum EventProposals {
    // MARK: The service

    /// The organisation these grants propose for, or a refusal that says who proposes.
    static func organisation(of grants: [RoleGrant], in centre: Centre) throws -> String {
        guard let key = Access.proposingOrganisations(grants, in: centre.slug).first else {
            throw Refusal.forbidden(
                "Alleen een organisator stelt evenementen voor; wie de kalender bijhoudt, voegt ze direct toe.")
        }
        return key
    }

    /// A new proposal: an idea of the organiser's own organisation, waiting for approval.
    static func propose(
        _ input: EventInput, organiser: String, centre: Centre, by actor: Actor, on db: any Database
    ) async throws -> Event {
        var input = input
        input.organiser = organiser
        input.status = EventStatus.idee.rawValue
        // Linking a plan action is the coordinator's: an organiser does not see draft plans.
        input.action = nil
        let valid = try await EventService.validate(input, centre: centre, on: db)
        let workflow = EventWorkflow.proposal(needsPermit: valid.category.needsPermit)
        let event = Event(
            valid, centreID: try centre.requireID(), status: workflow.status, approval: workflow.approval,
            proposedBy: actor.name, at: actor.now)
        event.locationText = try await EventService.locationText(valid, centre: centre, on: db)
        try await db.transaction { tx in
            try await event.create(on: tx)
            try await Audit.record(
                .voorgesteld, .evenement, id: event.id?.uuidString, centreID: centre.id,
                summary: "Evenement '\(event.title)' op \(valid.firstDay.dutch) voorgesteld door \(organiser)",
                by: actor, on: tx)
        }
        return event
    }

    /// The organiser changes their proposal while it waits or after it was rejected (then it is proposed
    /// again). An approved proposal is the coordinator's to change; cancelling is `withdraw`.
    static func change(_ event: Event, _ input: EventInput, centre: Centre, by actor: Actor, on db: any Database)
        async throws
    {
        var workflow = event.workflow
        if workflow.approval == .goedgekeurd {
            throw StadshartError.conflict(
                "Dit voorstel is goedgekeurd; wijzigingen lopen nu via de evenementcoördinator.")
        }
        if workflow.status == .afgelast {
            throw StadshartError.conflict("Dit voorstel is ingetrokken en verandert niet meer.")
        }
        var input = input
        input.organiser = event.organiser
        input.status = event.status
        input.action = event.actionID?.uuidString.lowercased()
        let valid = try await EventService.validate(input, centre: centre, on: db)
        let again = workflow.approval.reason != nil
        if again { workflow = try workflow.applying(.propose) }
        let title = event.title
        event.apply(valid)
        event.locationText = try await EventService.locationText(valid, centre: centre, on: db)
        event.approval = workflow.approval.code
        event.approvalReason = nil
        event.sequence += 1
        event.updatedAt = actor.now
        try await db.transaction { tx in
            try await event.update(on: tx)
            try await Audit.record(
                again ? .voorgesteld : .gewijzigd, .evenement, id: event.id?.uuidString, centreID: centre.id,
                summary: again
                    ? "Afgewezen voorstel '\(title)' aangepast en opnieuw voorgesteld"
                    : "Voorstel '\(title)' gewijzigd",
                by: actor, on: tx)
        }
    }

    /// The organiser withdraws the proposal: it is cancelled and stays, visibly, in the calendar's history.
    static func withdraw(_ event: Event, centre: Centre, by actor: Actor, on db: any Database) async throws {
        let workflow = try event.workflow.changingStatus(to: .afgelast)
        event.status = workflow.status.rawValue
        event.statusBeforeCancel = workflow.statusBeforeCancel?.rawValue
        event.sequence += 1
        event.updatedAt = actor.now
        try await db.transaction { tx in
            try await event.update(on: tx)
            try await Audit.record(
                .afgelast, .evenement, id: event.id?.uuidString, centreID: centre.id,
                summary: "Voorstel '\(event.title)' ingetrokken door de organisator", by: actor, on: tx)
        }
    }

    /// The coordinator's decision on a proposal: approve, or reject with the reason the organiser will read.
    static func decide(
        _ event: Event, _ step: EventApprovalStep, centre: Centre, by actor: Actor, on db: any Database
    ) async throws {
        if case .propose = step {
            throw InvalidInput([FieldProblem(field: "decision", message: "kies goedkeuren of afwijzen")])
        }
        let workflow = try event.workflow.applying(step)
        let read = event.sequence
        event.approval = workflow.approval.code
        event.approvalReason = workflow.approval.reason
        event.sequence += 1
        event.updatedAt = actor.now
        let approved = workflow.approval == .goedgekeurd
        try await db.transaction { tx in
            // Two coordinators deciding at once: only the one who saw the current version decides; the
            // other gets 409 and sees the decision made. The sequence goes up with every change.
            if let sql = tx as? any SQLDatabase {
                let claimed = try await sql.update(Event.schema).set("sequence", to: read + 1)
                    .where("id", .equal, event.requireID()).where("sequence", .equal, read).returning("id").all()
                if claimed.isEmpty {
                    throw StadshartError.conflict(
                        "Dit voorstel is intussen gewijzigd of al beoordeeld. Open het opnieuw en kijk wat er nu staat."
                    )
                }
            }
            try await event.update(on: tx)
            try await Audit.record(
                approved ? .goedgekeurd : .afgewezen, .evenement, id: event.id?.uuidString, centreID: centre.id,
                summary: approved
                    ? "Voorstel '\(event.title)' goedgekeurd"
                    : "Voorstel '\(event.title)' afgewezen: \(workflow.approval.reason ?? "")",
                by: actor, on: tx)
        }
    }

    /// The decision as the form and the API send it.
    static func step(decision: String?, reason: String?) throws -> EventApprovalStep {
        switch decision?.trimmed.lowercased() {
        case "goedkeuren", "goedgekeurd": return .approve
        case "afwijzen", "afgewezen": return .reject(reason: reason ?? "")
        default:
            throw InvalidInput([
                FieldProblem(field: "decision", message: "kies 'goedgekeurd' of 'afgewezen' (met een reden)")
            ])
        }
    }

    /// Proposals of the centre, newest first: all of them for those who keep the calendar, else those of
    /// the organisations given.
    static func list(_ centre: Centre, organisations: [String]?, on db: any Database) async throws -> [Event] {
        var query = Event.query(on: db).filter(\.$centre.$id == (try centre.requireID())).filter(\.$approval != nil)
        if let organisations { query = query.filter(\.$organiser ~~ organisations.map { Optional($0) }) }
        return try await query.sort(\.$updatedAt, .descending).all()
    }

    /// A proposal the person may change: their own organisation's, or any for the calendar's keepers.
    static func own(_ req: Request) async throws -> Event {
        let centre = try req.centre
        _ = try visibleOrganisations(req)
        let event = try await EventService.find(centre, id: req.uuidParameter("id", what: "Voorstel"), on: req.db)
        guard event.isProposal, Access.mayChangeProposal(req.grants, organiser: event.organiser, in: centre.slug)
        else { throw StadshartError.notFound("Dit voorstel bestaat niet.") }
        return event
    }

    /// Who sees which proposals: keepers all (nil), an organiser their own, others none.
    static func visibleOrganisations(_ req: Request) throws -> [String]? {
        let centre = try req.centre
        if Access.allows(req.grants, .editEvents, in: centre.slug) { return nil }
        return [try organisation(of: req.grants, in: centre)]
    }

    // MARK: The API

    struct DecisionInput: Codable, Sendable {
        /// "goedgekeurd" or "afgewezen".
        var decision: String?
        /// Why it is rejected; the organiser reads it.
        var reason: String?
    }

    static func register(_ api: APIRoutes) {
        let base = EventsAPI.base
        api.add(
            .GET, base + "/event-proposals", .member,
            summary:
                "Voorstellen van organisatoren, nieuwste eerst: een organisator ziet die van de eigen organisatie, wie de kalender bijhoudt alle",
            errors: [401, 403, 404]
        ) { req in
            let centre = try req.centre
            let events = try await list(centre, organisations: visibleOrganisations(req), on: req.db)
            let context = try await EventsAPI.Context.load(centre, on: req.db)
            return events.map { EventDTO($0, places: context.places, calendars: context.calendars) }
        }
        api.add(
            .POST, base + "/event-proposals", .member,
            summary:
                "Een evenement voorstellen (alleen een organisator, voor de eigen organisatie): het wacht op goedkeuring en is tot dan niet openbaar",
            body: EventInput.self, status: .created, errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let centre = try req.centre
            let organiser = try organisation(of: req.grants, in: centre)
            let event = try await propose(
                try body.value, organiser: organiser, centre: centre, by: req.actor, on: req.db)
            let context = try await EventsAPI.Context.load(centre, on: req.db)
            return EventDTO(event, places: context.places, calendars: context.calendars)
        }
        api.add(
            .PATCH, base + "/event-proposals/{id}", .member,
            summary:
                "Een eigen voorstel wijzigen zolang het wacht of na afwijzing (dan opnieuw voorgesteld); status afgelast trekt het in",
            body: PartialUpdate<EventInput>.self, errors: [400, 401, 403, 404, 409, 422]
        ) { req, body in
            let centre = try req.centre
            let event = try await own(req)
            let update = try body.value
            if update.sent.contains("status") {
                guard update.changes.status == EventStatus.afgelast.rawValue, update.sent.count == 1 else {
                    throw InvalidInput([
                        FieldProblem(
                            field: "status",
                            message:
                                "een organisator zet alleen de status 'afgelast' (intrekken), los van andere wijzigingen"
                        )
                    ])
                }
                try await withdraw(event, centre: centre, by: req.actor, on: req.db)
            } else {
                let input = try update.applied(to: EventsAPI.input(of: event))
                try await change(event, input, centre: centre, by: req.actor, on: req.db)
            }
            let context = try await EventsAPI.Context.load(centre, on: req.db)
            return EventDTO(event, places: context.places, calendars: context.calendars)
        }
        api.add(
            .POST, base + "/events/{id}/approval", .centre(.editEvents),
            summary:
                "Over een voorstel beslissen: decision = goedgekeurd of afgewezen (met reason, die de organisator ziet)",
            body: DecisionInput.self, errors: [400, 401, 403, 404, 409, 422]
        ) { req, body in
            let centre = try req.centre
            let event = try await EventService.find(centre, id: req.uuidParameter("id", what: "Evenement"), on: req.db)
            let input = try body.value
            try await decide(
                event, step(decision: input.decision, reason: input.reason), centre: centre, by: req.actor, on: req.db)
            let context = try await EventsAPI.Context.load(centre, on: req.db)
            return EventDTO(event, places: context.places, calendars: context.calendars)
        }
    }

    // MARK: The pages

    struct Row: Encodable {
        var title: String
        var when: String
        var organiser: String
        var proposedBy: String
        var status: String
        var approval: String
        var waiting: Bool
        var rejected: Bool
        var reason: String?
        var link: String
        var decideLink: String
        var changeable: Bool
    }

    struct ListPage: Encodable {
        var layout: Layout
        var keeper: Bool
        var organisation: String?
        var waiting: [Row]
        var decided: [Row]
        var newLink: String?
        var failed: FormErrors?
    }

    static let decisionFields = FormFields(
        form: "decision", [("decision", "voorstellen", "Besluit"), ("goedkeuring", "voorstellen", "Reden")])

    static func register(_ routes: Pages) {
        routes.get(Web.proposals, .member) { req in try await req.view.render("event-proposals", listPage(req)) }
        routes.get(Web.newProposal, .member) { req in
            let organiser = try organisation(of: req.grants, in: try req.centre)
            var input = ["firstDay": req.today.adding(days: 30).description, "organiser": organiser]
            input["public"] = "ja"
            return try await req.view.render("event-form", formPage(req, event: nil, input: input))
        }
        routes.post(Web.newProposal, .member) { req -> Response in
            let centre = try req.centre
            let organiser = try organisation(of: req.grants, in: centre)
            let form = FormBody(req)
            do {
                let event = try await propose(
                    EventsWeb.input(form), organiser: organiser, centre: centre, by: req.actor, on: req.db)
                return req.seeOther(
                    Web.proposals.link(centre.slug),
                    notice: "Voorstel '\(event.title)' verstuurd; de evenementcoördinator beslist erover.")
            } catch let invalid as InvalidInput {
                var page = try await formPage(req, event: nil, input: EventsWeb.values(form))
                page.failed = EventsWeb.eventFields.errors(invalid.problems)
                return try await req.rerender("event-form", page)
            }
        }
        routes.get(Web.proposal, .member) { req in
            let event = try await own(req)
            return try await req.view.render("event-form", formPage(req, event: event, input: EventsWeb.values(event)))
        }
        routes.post(Web.proposal, .member) { req -> Response in
            let centre = try req.centre
            let event = try await own(req)
            let form = FormBody(req)
            do {
                try await change(event, EventsWeb.input(form), centre: centre, by: req.actor, on: req.db)
            } catch let invalid as InvalidInput {
                var page = try await formPage(req, event: event, input: EventsWeb.values(form))
                page.failed = EventsWeb.eventFields.errors(invalid.problems)
                return try await req.rerender("event-form", page)
            } catch let refused as StadshartError where refused.status == .conflict {
                var page = try await formPage(req, event: event, input: EventsWeb.values(form))
                page.failed = EventsWeb.eventFields.refusal(refused.detail)
                return try await req.rerender("event-form", page)
            }
            return req.seeOther(Web.proposals.link(centre.slug), notice: "Voorstel '\(event.title)' opgeslagen.")
        }
        routes.confirm(Web.withdrawProposal, .member) { req in
            let event = try await own(req)
            let centre = try req.centre
            return (
                Confirmation(
                    heading: "Voorstel '\(event.title)' intrekken?",
                    lines: [
                        "Het voorstel wordt afgelast. Het blijft bewaard en zichtbaar als ingetrokken; het logboek houdt bij wie het introk.",
                        "Wilt u alleen iets veranderen? Ga dan terug en wijzig het voorstel.",
                    ],
                    button: "Ja, voorstel intrekken", back: Web.proposal.link(centre.slug, event.id!)),
                try await Layout.centre("Voorstel intrekken", centre, request: req)
            )
        }
        routes.post(Web.withdrawProposal, .member) { req -> Response in
            let centre = try req.centre
            let event = try await own(req)
            try await withdraw(event, centre: centre, by: req.actor, on: req.db)
            return req.seeOther(Web.proposals.link(centre.slug), notice: "Voorstel '\(event.title)' ingetrokken.")
        }
        routes.post(Web.decideProposal, .centre(.editEvents)) { req -> Response in
            let centre = try req.centre
            let event = try await EventService.find(centre, id: req.uuidParameter("id", what: "Evenement"), on: req.db)
            let form = FormBody(req)
            do {
                try await decide(
                    event, step(decision: form["decision"], reason: form["reason"]), centre: centre, by: req.actor,
                    on: req.db)
            } catch let invalid as InvalidInput {
                var page = try await listPage(req)
                page.failed = decisionFields.errors(invalid.problems)
                return try await req.rerender("event-proposals", page)
            }
            return req.seeOther(
                Web.proposals.link(centre.slug),
                notice: event.approvalValue == .goedgekeurd
                    ? "Voorstel '\(event.title)' goedgekeurd; het komt in de openbare kalender zodra het bevestigd is."
                    : "Voorstel '\(event.title)' afgewezen; de organisator ziet de reden.")
        }
    }

    static func listPage(_ req: Request) async throws -> ListPage {
        let centre = try req.centre
        let keeper = Access.allows(req.grants, .editEvents, in: centre.slug)
        let organisations = try await EventService.organisations(centre, on: req.db)
        let names = Dictionary(organisations.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        let own = keeper ? nil : try organisation(of: req.grants, in: centre)
        let events = try await list(centre, organisations: own.map { [$0] }, on: req.db)
        let rows = events.map { event in
            let approval = event.approvalValue
            let run = event.timing.run(startingOn: event.timing.firstDay)
            return Row(
                title: event.title, when: run.dutch, organiser: event.organiser.flatMap { names[$0] } ?? "—",
                proposedBy: event.proposedBy ?? "—",
                status: event.statusValue == .afgelast ? "ingetrokken" : event.statusValue.label,
                approval: approval.label, waiting: approval == .voorgesteld && event.statusValue != .afgelast,
                rejected: approval.reason != nil, reason: approval.reason,
                link: keeper ? Web.editEvent.link(centre.slug, event.id!) : Web.proposal.link(centre.slug, event.id!),
                decideLink: Web.decideProposal.link(centre.slug, event.id!),
                changeable: approval != .goedgekeurd && event.statusValue != .afgelast)
        }
        return ListPage(
            layout: try await Layout.centre("Voorstellen voor evenementen — \(centre.name)", centre, request: req),
            keeper: keeper, organisation: own.flatMap { names[$0] ?? $0 }, waiting: rows.filter(\.waiting),
            decided: rows.filter { !$0.waiting }, newLink: keeper ? nil : Web.newProposal.link(centre.slug),
            failed: nil)
    }

    /// The event form as an organiser sees it: no status and no organiser to choose (their own).
    static func formPage(_ req: Request, event: Event?, input: [String: String]) async throws -> EventsWeb.FormPage {
        let centre = try req.centre
        var page = try await EventsWeb.formPage(req, event: event, input: input)
        let title = event.map { "Voorstel '\($0.title)'" } ?? "Evenement voorstellen"
        page.layout = try await Layout.centre(title, centre, request: req)
        page.heading = title
        page.postLink = event.map { Web.proposal.link(centre.slug, $0.id!) } ?? Web.newProposal.link(centre.slug)
        page.backLink = Web.proposals.link(centre.slug)
        page.backLabel = "Voorstellen"
        page.proposal = true
        page.actions = []
        // Warnings name other events, internal ones too: they are the coordinator's.
        page.warnings = []
        if let event {
            let approval = event.approvalValue
            page.approval = event.statusValue == .afgelast ? "ingetrokken" : approval.label
            page.changeable = approval != .goedgekeurd && event.statusValue != .afgelast
            page.withdrawLink = event.statusValue == .afgelast ? nil : Web.withdrawProposal.link(centre.slug, event.id!)
        }
        page.organiserName = try await EventService.organisations(centre, on: req.db).first {
            $0.key == (event?.organiser ?? input["organiser"])
        }?.name
        return page
    }
}
