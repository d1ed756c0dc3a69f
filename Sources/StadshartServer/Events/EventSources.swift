import Fluent
import Foundation
import StadshartCore
import Vapor

/// A regional calendar as the API gives it, with how its last fetch went.
struct EventCalendarDTO: Content {
    var key: String
    var name: String
    /// Where the schedule fetches it; nil: only imported by hand.
    var url: String?
    var importedAt: Date?
    var lastAttempt: Date?
    var lastSuccess: Date?
    /// "12 nieuw, 3 gewijzigd, 1 verwijderd", "ongewijzigd", or why it failed (with the feed's lines).
    var lastResult: String?
    var failing: Bool

    init(_ calendar: EventCalendar) {
        key = calendar.key
        name = calendar.name
        url = calendar.url
        importedAt = calendar.importedAt
        lastAttempt = calendar.attemptedAt
        lastSuccess = calendar.succeededAt
        lastResult = calendar.result
        failing = calendar.failed ?? false
    }
}

/// What a fetch of a regional calendar gave.
struct EventCalendarFetchDTO: Content {
    /// geimporteerd, ongewijzigd (304) or mislukt (nothing changed).
    var outcome: String
    var result: String
    var summary: EventImport.Summary?
    /// A refused feed's problems, each with its line.
    var problems: [FieldProblem]?
    var calendar: EventCalendarDTO
}

extension CalendarSourceInput: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        [
            "key": .key(), "name": .text(max: TextLimit.name),
            "url": MemberRule(
                required: true,
                schema: [
                    ("pattern", "^\\s*[Hh][Tt][Tt][Pp][Ss]?://\\S+\\s*$"),
                    ("maxLength", .number(CalendarSource.maxURL)),
                ]),
        ]
    }
}

/// The regional calendars a centre imports, as sources: their addresses and how the scheduled
/// fetch of each went. Every change is one transaction with its audit entry. A source is never
/// removed (its events depend on it): emptying its address stops the scheduled fetching.
enum EventSources {
    static func find(_ centre: Centre, key: String, on db: any Database) async throws -> EventCalendar {
        guard
            let calendar = try await EventCalendar.query(on: db).filter(\.$centre.$id == centre.requireID())
                .filter(\.$key == key.lowercased()).first()
        else { throw StadshartError.notFound("Kalender '\(key)' bestaat niet.") }
        return calendar
    }

    static func create(_ input: CalendarSourceInput, centre: Centre, by actor: Actor, on db: any Database)
        async throws -> EventCalendar
    {
        let valid = try input.validate(requireURL: true)
        let centreID = try centre.requireID()
        if try await EventCalendar.query(on: db).filter(\.$centre.$id == centreID).filter(\.$key == valid.key).count()
            > 0
        {
            throw InvalidInput([.clash(field: "key", message: "er is al een kalender met deze sleutel")])
        }
        let calendar = EventCalendar()
        calendar.$centre.id = centreID
        calendar.key = valid.key
        calendar.name = valid.name
        calendar.url = valid.url
        try await db.transaction { tx in
            try await calendar.create(on: tx)
            try await Audit.record(
                .aangemaakt, .evenement, id: valid.key, centreID: centreID,
                summary: "Regionale kalender '\(valid.name)' toegevoegd, op te halen van \(valid.url ?? "")", by: actor,
                on: tx)
        }
        return calendar
    }

    /// A new name or address (the key stays). A new address is a new feed: its validators go.
    static func change(_ calendar: EventCalendar, _ input: CalendarSourceInput, by actor: Actor, on db: any Database)
        async throws
    {
        var input = input
        if let key = input.key, CalendarSource.key(key) != calendar.key {
            throw InvalidInput([FieldProblem(field: "key", message: "de sleutel van een kalender verandert niet")])
        }
        input.key = calendar.key
        let valid = try input.validate(requireURL: false)
        var changes: [FieldChange] = []
        if valid.name != calendar.name {
            changes.append(FieldChange(field: "naam", before: calendar.name, after: valid.name))
        }
        if valid.url != calendar.url {
            changes.append(FieldChange(field: "adres", before: calendar.url ?? "", after: valid.url ?? ""))
        }
        guard !changes.isEmpty else { return }
        let changed = changes
        let summary =
            valid.url == nil && calendar.url != nil
            ? "Regionale kalender '\(valid.name)' heeft geen adres meer en wordt niet meer automatisch opgehaald"
            : "Regionale kalender '\(valid.name)' gewijzigd"
        if valid.url != calendar.url {
            calendar.etag = nil
            calendar.lastModified = nil
        }
        calendar.name = valid.name
        calendar.url = valid.url
        try await db.transaction { tx in
            try await calendar.update(on: tx)
            try await Audit.record(
                .gewijzigd, .evenement, id: calendar.key, centreID: calendar.$centre.id, summary: summary,
                changes: changed, by: actor, on: tx)
        }
    }

    /// "Nu ophalen": fetched and imported at once, whatever the schedule; audited whatever the outcome.
    static func fetchNow(_ calendar: EventCalendar, on req: Request) async throws -> FeedFetch.Outcome {
        guard calendar.url != nil else {
            throw StadshartError.conflict(
                "Kalender '\(calendar.name)' heeft geen adres om van op te halen; vul eerst een adres in, of importeer een bestand."
            )
        }
        return try await FeedFetch.run(
            try calendar.requireID(), notSince: nil, audited: true, fetcher: req.application.feedFetcher,
            by: req.actor, logger: req.logger, on: req.db)
    }

    static func register(_ pages: Pages, api: APIRoutes) {
        EventSourcesAPI.register(api)
        EventSourcesWeb.register(pages)
    }
}

enum EventSourcesAPI {
    static let base = "api/v1/centres/{centre}/event-calendars"

    static func register(_ api: APIRoutes) {
        api.add(
            .GET, base, .centre(.editEvents),
            summary:
                "De regionale kalenders: hun adres, de laatste poging, het laatste gelukte ophalen en het laatste resultaat",
            errors: [401, 403, 404]
        ) { req in
            try await EventService.calendars(try req.centre, on: req.db).map(EventCalendarDTO.init)
        }
        api.add(
            .POST, base, .centre(.editEvents),
            summary:
                "Een regionale kalender toevoegen (sleutel, naam, adres: http of https); het schema haalt hem daarna op",
            body: CalendarSourceInput.self, status: .created, errors: [400, 401, 403, 404, 409, 422]
        ) { req, body in
            EventCalendarDTO(
                try await EventSources.create(try body.value, centre: try req.centre, by: req.actor, on: req.db))
        }
        api.add(
            .PATCH, base + "/{key}", .centre(.editEvents),
            summary:
                "De naam of het adres van een regionale kalender wijzigen (adres null: niet meer automatisch ophalen); de sleutel blijft",
            body: PartialUpdate<CalendarSourceInput>.self, errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let calendar = try await EventSources.find(try req.centre, key: try req.parameter("key"), on: req.db)
            let current = CalendarSourceInput(key: calendar.key, name: calendar.name, url: calendar.url)
            try await EventSources.change(calendar, try body.value.applied(to: current), by: req.actor, on: req.db)
            return EventCalendarDTO(calendar)
        }
        api.add(
            .POST, base + "/{key}/fetches", .centre(.editEvents),
            summary:
                "Een regionale kalender nu ophalen en importeren (alles of niets; 304 is ongewijzigd); het resultaat staat ook bij de kalender",
            status: .created, errors: [401, 403, 404, 409]
        ) { req in
            let centre = try req.centre
            let calendar = try await EventSources.find(centre, key: try req.parameter("key"), on: req.db)
            let outcome = try await EventSources.fetchNow(calendar, on: req)
            let stored = try await EventSources.find(centre, key: calendar.key, on: req.db)
            let dto = EventCalendarDTO(stored)
            switch outcome {
            case .imported(let summary):
                return EventCalendarFetchDTO(
                    outcome: "geimporteerd", result: FeedFetch.text(summary), summary: summary, calendar: dto)
            case .failed(let text, let problems):
                return EventCalendarFetchDTO(
                    outcome: "mislukt", result: text, problems: problems.isEmpty ? nil : problems, calendar: dto)
            case .unchanged, .skipped:
                return EventCalendarFetchDTO(outcome: "ongewijzigd", result: FeedFetch.unchangedText, calendar: dto)
            }
        }
    }
}

/// The coordinator's page of sources (`/{centre}/kalender/bronnen`): each regional calendar with its
/// address and its last fetch, changing the address, "Nu ophalen", and adding a source.
enum EventSourcesWeb {
    struct SourceRow: Encodable {
        var key: String
        var name: String
        var url: String?
        var importedAt: String?
        var attempted: String?
        var succeeded: String?
        var result: String?
        var failing: Bool
        /// The change form's name and its address input's id, value and message.
        var form: String
        var inputID: String
        var urlValue: String
        var urlError: String?
        var anchor: String
        var changeLink: String
        var fetchLink: String
    }

    struct Page: Encodable {
        var layout: Layout
        var schedule: String
        var sources: [SourceRow]
        var addLink: String
        var calendarLink: String
        var importLink: String
        var failed: FormErrors?
    }

    static let addFields = FormFields(
        form: "source", [("key", "key", "Sleutel"), ("name", "name", "Naam"), ("url", "url", "Adres")])

    static func changeFields(_ key: String) -> FormFields {
        FormFields(form: "source-\(key)", [("url", "url-\(key)", "Adres"), ("name", "url-\(key)", "Naam")])
    }

    static func register(_ routes: Pages) {
        routes.get(Web.eventSources, .centre(.editEvents)) { req in
            try await req.view.render("event-sources", page(req))
        }
        routes.post(Web.eventSources, .centre(.editEvents)) { req -> Response in
            let centre = try req.centre
            let form = FormBody(req)
            let input = CalendarSourceInput(key: form["key"], name: form["name"], url: form["url"])
            do {
                let calendar = try await EventSources.create(input, centre: centre, by: req.actor, on: req.db)
                return req.seeOther(
                    Web.eventSources.link(centre.slug) + "#bron-\(calendar.key)",
                    notice: "Bron '\(calendar.name)' toegevoegd. Haal hem nu op, of wacht op de volgende ronde.")
            } catch let invalid as InvalidInput {
                var failed = addFields.errors(invalid.problems)
                failed.sent = addFields.sent(form)
                return try await req.rerender("event-sources", page(req, failed: failed))
            }
        }
        routes.post(Web.eventSource, .centre(.editEvents)) { req -> Response in
            let centre = try req.centre
            let calendar = try await EventSources.find(centre, key: try req.parameter("key"), on: req.db)
            let form = FormBody(req)
            let hadURL = calendar.url != nil
            do {
                try await EventSources.change(
                    calendar, CalendarSourceInput(key: calendar.key, name: calendar.name, url: form["url"] ?? ""),
                    by: req.actor, on: req.db)
            } catch let invalid as InvalidInput {
                let fields = changeFields(calendar.key)
                var failed = fields.errors(invalid.problems)
                failed.sent = ["url-\(calendar.key)": form["url"] ?? ""]
                return try await req.rerender("event-sources", page(req, failed: failed))
            }
            return req.seeOther(
                Web.eventSources.link(centre.slug) + "#bron-\(calendar.key)",
                notice: calendar.url == nil && hadURL
                    ? "Opgeslagen: '\(calendar.name)' heeft geen adres meer en wordt niet meer automatisch opgehaald."
                    : "Opgeslagen: het adres van '\(calendar.name)'.")
        }
        routes.post(Web.fetchEventSource, .centre(.editEvents)) { req -> Response in
            let centre = try req.centre
            let calendar = try await EventSources.find(centre, key: try req.parameter("key"), on: req.db)
            let fields = changeFields(calendar.key)
            let outcome: FeedFetch.Outcome
            do {
                outcome = try await EventSources.fetchNow(calendar, on: req)
            } catch let refused as StadshartError where refused.status == .conflict {
                return try await req.rerender("event-sources", page(req, failed: fields.refusal(refused.detail)))
            }
            let back = Web.eventSources.link(centre.slug) + "#bron-\(calendar.key)"
            switch outcome {
            case .imported(let summary):
                return req.seeOther(back, notice: "'\(calendar.name)' opgehaald: \(FeedFetch.text(summary)).")
            case .unchanged, .skipped:
                return req.seeOther(back, notice: "'\(calendar.name)' opgehaald: ongewijzigd sinds de vorige keer.")
            case .failed(let text, let problems):
                // Nothing changed; the page shows each problem, with its line, above the source.
                let items =
                    problems.isEmpty
                    ? [FormErrors.Item(href: "#bron-\(calendar.key)", text: text)]
                    : problems.map { problem in
                        FormErrors.Item(
                            href: "#bron-\(calendar.key)",
                            text: (problem.line.map { "Regel \($0): " } ?? "") + problem.message)
                    }
                let failed = FormErrors(
                    form: fields.form, heading: "Niets geïmporteerd. De bron '\(calendar.name)' gaf deze fouten:",
                    items: items, messages: [:])
                return try await req.rerender("event-sources", page(req, failed: failed))
            }
        }
    }

    static func page(_ req: Request, failed: FormErrors? = nil) async throws -> Page {
        let centre = try req.centre
        let calendars = try await EventService.calendars(centre, on: req.db)
        let minutes = req.application.stadshartConfiguration?.feedIntervalMinutes ?? 0
        let schedule =
            minutes > 0
            ? "Bronnen met een adres worden \(FeedSchedule.every(minutes)) opgehaald; alleen een nieuwe versie wordt geïmporteerd."
            : "Automatisch ophalen staat uit (STADSHART_FEED_INTERVAL=0); gebruik 'Nu ophalen'."
        let rows = calendars.map { calendar in
            let fields = changeFields(calendar.key)
            let inputID = "url-\(calendar.key)"
            let mine = failed?.form == fields.form
            return SourceRow(
                key: calendar.key, name: calendar.name, url: calendar.url,
                importedAt: calendar.importedAt.map(DutchTime.instant),
                attempted: calendar.attemptedAt.map(DutchTime.instant),
                succeeded: calendar.succeededAt.map(DutchTime.instant), result: calendar.result,
                failing: calendar.failed ?? false, form: fields.form, inputID: inputID,
                urlValue: mine ? (failed?.sent[inputID] ?? calendar.url ?? "") : (calendar.url ?? ""),
                urlError: mine ? failed?.messages[inputID] : nil, anchor: "bron-\(calendar.key)",
                changeLink: Web.eventSource.link(centre.slug, calendar.key),
                fetchLink: Web.fetchEventSource.link(centre.slug, calendar.key))
        }
        return Page(
            layout: try await Layout.centre("Bronnen van regionale kalenders", centre, request: req),
            schedule: schedule, sources: rows, addLink: Web.eventSources.link(centre.slug),
            calendarLink: Web.eventCalendar.link(centre.slug), importLink: Web.eventImport.link(centre.slug),
            failed: failed)
    }
}
