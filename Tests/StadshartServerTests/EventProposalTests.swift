import Fluent
import Foundation
import StadshartCore
import Testing
import VaporTesting

@testable import StadshartServer

/// Issue 13: an organiser proposes an event and the coordinator approves or rejects it; and each
/// centre sets its own thresholds for the conflict warnings.
@Suite("Event proposals and conflict settings")
struct EventProposalTests {
    static let api = "api/v1/centres/assen"

    static func proposal(_ title: String, day: String = "2019-09-14") -> EventInput {
        EventInput(
            title: title, description: "Muziek op het plein", category: "muziek", firstDay: day, startTime: "14:00",
            endTime: "18:00", place: nil, organiser: "gemeente", expectedVisitors: 800, status: "bevestigd",
            isPublic: true)
    }

    /// The API from the organiser's proposal to the public calendar: the proposal belongs to the
    /// organiser's own organisation (whatever it says), waits unseen, is approved, and shows once
    /// the coordinator confirms it.
    @Test(arguments: TestDatabase.available)
    func anOrganiserProposesAndTheCoordinatorApproves(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let created = try await send(
                app, .POST, "\(Self.api)/event-proposals", json: Self.proposal("Pleinconcert"), as: .organisator)
            #expect(created.status == .created, "\(created.text)")
            let event: EventDTO = try created.json()
            #expect(event.organiser == "cultureel-hart")
            #expect(event.status == "idee")
            #expect(event.approval == "voorgesteld")
            // Unseen by the public while it waits.
            let publicList: [EventDTO] = try await send(app, .GET, "\(Self.api)/events", as: .anonymous).json()
            #expect(!publicList.contains { $0.id == event.id })
            #expect(try await send(app, .GET, "\(Self.api)/events/\(event.id)", as: .anonymous).status == .notFound)
            // Only an organiser proposes; the keepers add events directly, others not at all.
            #expect(
                try await send(app, .POST, "\(Self.api)/event-proposals", json: Self.proposal("X"), as: .ondernemer)
                    .status == .forbidden)
            #expect(
                try await send(app, .POST, "\(Self.api)/events", json: Self.proposal("X"), as: .organisator).status
                    == .forbidden)
            // The organiser does not decide.
            #expect(
                try await send(
                    app, .POST, "\(Self.api)/events/\(event.id)/approval", raw: #"{"decision":"goedgekeurd"}"#,
                    as: .organisator
                ).status == .forbidden)
            // The coordinator sees it waiting and cannot confirm it before approving.
            let waiting: [EventDTO] = try await send(app, .GET, "\(Self.api)/event-proposals").json()
            #expect(waiting.map(\.id) == [event.id])
            let early = try await send(
                app, .PATCH, "\(Self.api)/events/\(event.id)", raw: #"{"status":"aangevraagd"}"#)
            #expect(early.status == .ok, "\(early.text)")
            let tooEarly = try await send(
                app, .PATCH, "\(Self.api)/events/\(event.id)", raw: #"{"status":"vergund"}"#)
            #expect(tooEarly.status == .ok)
            let confirmBefore = try await send(
                app, .PATCH, "\(Self.api)/events/\(event.id)", raw: #"{"status":"bevestigd"}"#)
            #expect(confirmBefore.status == .unprocessableEntity)
            #expect(confirmBefore.text.contains("wacht nog op goedkeuring"))
            let approved = try await send(
                app, .POST, "\(Self.api)/events/\(event.id)/approval", raw: #"{"decision":"goedgekeurd"}"#)
            #expect(approved.status == .ok, "\(approved.text)")
            #expect(try approved.json(EventDTO.self).approval == "goedgekeurd")
            let twice = try await send(
                app, .POST, "\(Self.api)/events/\(event.id)/approval", raw: #"{"decision":"goedgekeurd"}"#)
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.text.contains("al goedgekeurd"))
            #expect(
                try await send(app, .PATCH, "\(Self.api)/events/\(event.id)", raw: #"{"status":"bevestigd"}"#).status
                    == .ok)
            let shown: [EventDTO] = try await send(app, .GET, "\(Self.api)/events", as: .anonymous).json()
            #expect(shown.contains { $0.id == event.id })
            // An approved proposal is the coordinator's to change now.
            let late = try await send(
                app, .PATCH, "\(Self.api)/event-proposals/\(event.id)", raw: #"{"title":"Anders"}"#, as: .organisator)
            #expect(late.status == .conflict)
            // Every step is in the audit trail.
            let kinds = try await AuditEntry.query(on: app.db).filter(\.$recordID == event.id.uuidString).all()
                .map(\.event)
            #expect(kinds.contains("voorgesteld"))
            #expect(kinds.contains("goedgekeurd"))
        }
    }

    /// A rejection needs a reason, which the organiser reads; changing a rejected proposal proposes it
    /// again; another organisation's proposal is out of reach; withdrawing cancels and keeps it.
    @Test(arguments: TestDatabase.available)
    func twoDecisionsOnOneProposalTheSecondIsRefused(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let created = try await send(
                app, .POST, "\(Self.api)/event-proposals", json: Self.proposal("Straattheater"), as: .organisator)
            let id = try created.json(EventDTO.self).id
            // Two coordinators opened the proposal at the same moment.
            let first = try #require(try await Event.find(id, on: app.db))
            let second = try #require(try await Event.find(id, on: app.db))
            let centre = try await Centre.find(slug: "assen", on: app.db)
            try await EventProposals.decide(first, .approve, centre: centre, by: .commandLine(app), on: app.db)
            await #expect(throws: StadshartError.self) {
                try await EventProposals.decide(
                    second, .reject(reason: "te laat"), centre: centre, by: .commandLine(app), on: app.db)
            }
            let stored: EventDTO = try await send(app, .GET, "\(Self.api)/events/\(id)").json()
            #expect(stored.approval == "goedgekeurd")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRejectedProposalIsChangedAndProposedAgain(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let event: EventDTO = try await send(
                app, .POST, "\(Self.api)/event-proposals", json: Self.proposal("Nachtfestival"), as: .organisator
            ).json()
            let bare = try await send(
                app, .POST, "\(Self.api)/events/\(event.id)/approval", raw: #"{"decision":"afgewezen"}"#)
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.text.contains("geef een reden"))
            let rejected = try await send(
                app, .POST, "\(Self.api)/events/\(event.id)/approval",
                raw: #"{"decision":"afgewezen","reason":"Te laat op de avond naast woningen"}"#)
            #expect(rejected.status == .ok)
            let mine: [EventDTO] = try await send(app, .GET, "\(Self.api)/event-proposals", as: .organisator).json()
            #expect(mine.first?.approval == "afgewezen")
            #expect(mine.first?.approvalReason == "Te laat op de avond naast woningen")
            let page = try await send(app, .GET, Web.proposals.link("assen"), as: .organisator)
            #expect(page.text.contains("Te laat op de avond naast woningen"))
            // Changed and proposed again.
            let changed = try await send(
                app, .PATCH, "\(Self.api)/event-proposals/\(event.id)", raw: #"{"endTime":"22:00"}"#, as: .organisator)
            #expect(changed.status == .ok, "\(changed.text)")
            let again: EventDTO = try changed.json()
            #expect(again.approval == "voorgesteld")
            #expect(again.approvalReason == nil)
            #expect(again.endTime == "22:00")
            #expect(again.sequence > event.sequence)
            // A proposal of another organisation is not the organiser's.
            let assen = try await Centre.find(slug: "assen", on: app.db)
            let other = try await EventProposals.propose(
                Self.proposal("Van een ander"), organiser: "vaart", centre: assen, by: .demo(app), on: app.db)
            #expect(
                try await send(
                    app, .PATCH, "\(Self.api)/event-proposals/\(other.id!)", raw: #"{"title":"Mijn"}"#,
                    as: .organisator
                ).status == .notFound)
            let listed: [EventDTO] = try await send(app, .GET, "\(Self.api)/event-proposals", as: .organisator).json()
            #expect(!listed.contains { $0.id == other.id })
            // The organiser's only status is withdrawing, which keeps the event, cancelled.
            let status = try await send(
                app, .PATCH, "\(Self.api)/event-proposals/\(event.id)", raw: #"{"status":"bevestigd"}"#,
                as: .organisator)
            #expect(status.status == .unprocessableEntity)
            let withdrawn = try await send(
                app, .PATCH, "\(Self.api)/event-proposals/\(event.id)", raw: #"{"status":"afgelast"}"#,
                as: .organisator)
            #expect(withdrawn.status == .ok)
            let kept = try await Event.find(event.id, on: app.db)
            #expect(kept?.status == "afgelast")
        }
    }

    /// The same in the browser: the organiser's form (no status, no organiser to pick), the
    /// coordinator's decision on the proposals page, and withdrawing after a question.
    @Test(arguments: TestDatabase.available)
    func theBrowserWayFromProposalToDecision(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let form = try await send(app, .GET, Web.newProposal.link("assen"), as: .organisator)
            #expect(form.status == .ok)
            #expect(!form.text.contains(#"name="status""#))
            #expect(!form.text.contains(#"name="organiser""#))
            #expect(form.text.contains("Cultureel Hart"))
            let refused = try await send(
                app, .POST, Web.newProposal.link("assen"),
                form: [("title", ""), ("category", "muziek"), ("firstDay", "2019-09-14")], as: .organisator)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Naam: vul de naam van het evenement in"))
            let sent = try await send(
                app, .POST, Web.newProposal.link("assen"),
                form: [
                    ("title", "Boekenmarkt"), ("category", "markt"), ("firstDay", "2019-09-21"),
                    ("public", "ja"),
                ], as: .organisator)
            #expect(sent.status == .seeOther)
            let assen = try await Centre.find(slug: "assen", on: app.db)
            let event = try #require(try await EventProposals.list(assen, organisations: nil, on: app.db).first)
            #expect(event.title == "Boekenmarkt")
            // The coordinator's calendar counts the waiting proposal; the proposals page decides it.
            let calendar = try await send(app, .GET, Web.eventCalendar.link("assen") + "?maand=2019-09")
            #expect(calendar.text.contains("Voorstellen (1 wachten)"))
            let list = try await send(app, .GET, Web.proposals.link("assen"))
            #expect(list.text.contains("Boekenmarkt"))
            #expect(list.text.contains("Goedkeuren"))
            let noReason = try await send(
                app, .POST, Web.decideProposal.link("assen", event.id!), form: [("decision", "afwijzen")])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.text.contains("geef een reden"))
            let decided = try await send(
                app, .POST, Web.decideProposal.link("assen", event.id!), form: [("decision", "goedkeuren")])
            #expect(decided.status == .seeOther)
            #expect(try await Event.find(event.id, on: app.db)?.approval == "goedgekeurd")
            // Withdrawing asks first, then cancels and keeps it.
            let question = try await send(app, .GET, Web.withdrawProposal.link("assen", event.id!), as: .organisator)
            #expect(question.text.contains("Ja, voorstel intrekken"))
            #expect(try await Event.find(event.id, on: app.db)?.status == "idee")
            let gone = try await send(
                app, .POST, Web.withdrawProposal.link("assen", event.id!), form: [], as: .organisator)
            #expect(gone.status == .seeOther)
            #expect(try await Event.find(event.id, on: app.db)?.status == "afgelast")
        }
    }

    /// A centre's own thresholds change what the rules warn about; bad values are refused by field
    /// and change nothing.
    @Test(arguments: TestDatabase.available)
    func aCentreSetsItsOwnConflictThresholds(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let assen = try await Centre.find(slug: "assen", on: app.db)
            func busyWeekends() async throws -> Int {
                let (warnings, _) = try await EventService.warnings(
                    assen, from: Day(year: 2019, month: 1, day: 1)!, through: Day(year: 2019, month: 12, day: 31)!,
                    on: app.db)
                return warnings.filter { $0.rule == .busyWeekend }.count
            }
            // Two own events on one weekend: not busy at the default of four.
            for title in ["Een", "Twee"] {
                _ = try await EventService.create(
                    EventInput(title: title, category: "netwerk", firstDay: "2019-10-05", status: "bevestigd"),
                    centre: assen, by: .demo(app), on: app.db)
            }
            #expect(try await busyWeekends() == 0)
            let defaults: ConflictSettingsDTO = try await send(app, .GET, "\(Self.api)/event-settings").json()
            #expect(defaults.own == false)
            #expect(defaults.maxEventsPerWeekend == 4)
            let bad = try await send(
                app, .PATCH, "\(Self.api)/event-settings", raw: #"{"maxEventsPerWeekend":0,"quietHour":"25:00"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("maxEventsPerWeekend"))
            #expect(bad.text.contains("quietHour"))
            #expect(try await EventService.settingsRecord(assen, on: app.db) == nil)
            let saved = try await send(app, .PATCH, "\(Self.api)/event-settings", raw: #"{"maxEventsPerWeekend":1}"#)
            #expect(saved.status == .ok)
            #expect(try saved.json(ConflictSettingsDTO.self).own)
            #expect(try await busyWeekends() == 1)
            // The form: the months the wrong way round are refused with the field's label.
            let form = try await send(
                app, .POST, Web.eventSettings.link("assen"),
                form: [("emptyWeekendFrom", "10"), ("emptyWeekendThrough", "4")])
            #expect(form.status == .unprocessableEntity)
            #expect(form.text.contains("tot en met maand: de laatste maand ligt vóór de eerste maand"))
            let ok = try await send(
                app, .POST, Web.eventSettings.link("assen"),
                form: [("largeEventVisitors", "10.000"), ("cityDressingCents", "15.000")])
            #expect(ok.status == .seeOther)
            let now = try await EventService.conflictSettings(assen, on: app.db)
            #expect(now.largeEventVisitors == 10_000)
            #expect(now.maxEventsPerWeekend == 1)
            #expect(now.cityDressingProvisionCents[2019] == 1_500_000)
        }
    }

    /// A visitor picks a day on the portal: that day and the week after it; a wrong day is named.
    @Test(arguments: TestDatabase.available)
    func thePortalFiltersOnADay(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            app.clock = .demo(on: Day(year: 2019, month: 9, day: 2)!)
            let assen = try await Centre.find(slug: "assen", on: app.db)
            _ = try await EventService.create(
                EventInput(
                    title: "Nazomermarkt", category: "netwerk", firstDay: "2019-09-28", status: "bevestigd",
                    isPublic: true), centre: assen, by: .demo(app), on: app.db)
            let day = try await send(app, .GET, "/assen/evenementen?datum=2019-09-28", as: .anonymous)
            #expect(day.status == .ok)
            #expect(day.text.contains("Op zaterdag 28 september 2019"))
            #expect(day.text.contains("Nazomermarkt"))
            #expect(day.text.contains(#"value="2019-09-28""#))
            let weekBefore = try await send(app, .GET, "/assen/evenementen?datum=2019-09-21", as: .anonymous)
            #expect(weekBefore.text.contains("De week daarna"))
            #expect(weekBefore.text.contains("Nazomermarkt"))
            let later = try await send(app, .GET, "/assen/evenementen?datum=2019-10-10", as: .anonymous)
            #expect(!later.text.contains("Nazomermarkt"))
            // Without a day: today, this weekend, next weekend, this month.
            let plain = try await send(app, .GET, "/assen/evenementen", as: .anonymous)
            #expect(plain.text.contains("Volgend weekend"))
            let wrong = try await send(app, .GET, "/assen/evenementen?datum=morgen", as: .anonymous)
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("&#39;morgen&#39; is geen datum"))
        }
    }

    /// An event may be held in premises of the register instead of on a public place, and serve an
    /// action of the plan; two events in the same premises at the same time conflict.
    @Test(arguments: TestDatabase.available)
    func anEventInPremisesServingAnAction(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let assen = try await Centre.find(slug: "assen", on: app.db)
            let premises = try #require(
                try await Premises.query(on: app.db).filter(\.$centre.$id == assen.requireID()).sort(\.$key).first())
            let action = try #require(try await demoActions(app).first)
            func event(_ title: String, premises key: String?, place: String? = nil, action: String? = nil)
                -> EventInput
            {
                EventInput(
                    title: title, category: "cultuur", firstDay: "2019-10-12", startTime: "14:00", endTime: "17:00",
                    place: place, status: "idee", isPublic: false, premises: key, action: action)
            }
            let created = try await send(
                app, .POST, "\(Self.api)/events",
                json: event("Expositie in de winkel", premises: premises.key.lowercased(), action: action.id.uuidString)
            )
            #expect(created.status == .created, "\(created.text)")
            let dto: EventDTO = try created.json()
            #expect(dto.premises == premises.key)
            #expect(dto.placeName?.hasPrefix("\(premises.street) \(premises.number)") == true)
            #expect(dto.action == action.id)
            // Refused by field: both a place and premises, unknown premises, an unknown action.
            let bad = try await send(
                app, .POST, "\(Self.api)/events",
                json: event("X", premises: "P9999", action: "00000000-0000-0000-0000-000000000000"))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("'P9999' is geen pand in het register"))
            #expect(bad.text.contains("geen actie van een jaarplan"))
            let both = try await send(
                app, .POST, "\(Self.api)/events", json: event("X", premises: premises.key, place: "markt"))
            #expect(both.status == .unprocessableEntity)
            // A second event in the same premises at the same time: the same-place rule warns.
            _ = try await send(
                app, .POST, "\(Self.api)/events", json: event("Lezing in de winkel", premises: premises.key))
            let conflicts: [ConflictDTO] = try await send(app, .GET, "\(Self.api)/events/\(dto.id)/conflicts").json()
            #expect(conflicts.contains { $0.rule == "zelfde-plek" })
            // The event's own page keeps the premises and shows the warning it is part of.
            let form = try await send(app, .GET, Web.editEvent.link("assen", dto.id))
            #expect(form.text.contains(#"value="\#(premises.key)""#))
            #expect(form.text.contains("Waarschuwingen bij dit evenement"))
            // The plan's actions to link, newest plan first, with the linked one chosen.
            #expect(form.text.contains(#"<option value="\#(action.id.uuidString.lowercased())" selected>2019 · "#))
            #expect(form.text.contains("twee evenementen op dezelfde plek"))
        }
    }
}
