import Fluent
import Foundation
import StadshartCore
import Vapor

/// The event coordinator's pages: the month with its events and the days that have warnings,
/// acknowledging a warning, the event form, and importing a regional calendar.
enum EventsWeb {
    struct MonthDay: Encodable {
        var label: String
        var weekday: String
        var inMonth: Bool
        var warned: Bool
        var events: [Layout.Link]
    }

    struct WarningRow: Encodable {
        var key: String
        var rule: String
        var day: String
        var explanation: String
        var acknowledged: Bool
        var reason: String?
        var events: [Layout.Link]
    }

    struct CalendarPage: Encodable {
        var layout: Layout
        var month: String
        var heading: String
        var previous: String
        var next: String
        var days: [MonthDay]
        var warnings: [WarningRow]
        var newLink: String
        var importLink: String
        var feedLink: String
        var portalLink: String
        var acknowledgeLink: String
        var proposalsLink: String
        var settingsLink: String
        var waitingProposals: Int
        var failed: FormErrors?
    }

    struct FormPage: Encodable {
        var layout: Layout
        var heading: String
        var postLink: String
        var input: [String: String]
        var isPublic: Bool
        var categories: [SelectOption]
        var places: [SelectOption]
        var organisers: [SelectOption]
        /// The actions of the centre's plans, newest plan first, to link the event to.
        var actions: [SelectOption]
        var statuses: [SelectOption]
        var regional: Bool
        var failed: FormErrors?
        var backLink: String
        var backLabel = "Kalender"
        /// The organiser's own form (`EventProposals`): no status, the organiser fixed.
        var proposal = false
        var organiserName: String?
        /// Where a proposal stands ("wacht op goedkeuring", "afgewezen: …"), for both sides.
        var approval: String?
        var changeable = true
        var withdrawLink: String?
        /// For the coordinator: the decision form of a waiting proposal.
        var decideLink: String?
        var proposedBy: String?
        /// The conflict warnings this event is part of (in the year of its first day), with their acknowledgement.
        var warnings: [WarningRow] = []
        var calendarLink: String?
    }

    struct ImportPage: Encodable {
        var layout: Layout
        var calendars: [SelectOption]
        var summary: EventImport.Summary?
        var failed: FormErrors?
    }

    static let eventFields = FormFields(
        form: "event",
        [
            ("title", "title", "Naam"), ("description", "description", "Omschrijving"),
            ("category", "category", "Soort"), ("firstDay", "firstDay", "Eerste dag"),
            ("lastDay", "lastDay", "Laatste dag"), ("startTime", "startTime", "Begintijd"),
            ("endTime", "endTime", "Eindtijd"), ("place", "place", "Plek"), ("organiser", "organiser", "Organisator"),
            ("expectedVisitors", "expectedVisitors", "Verwachte bezoekers"), ("status", "status", "Status"),
            ("cityDressingCents", "cityDressing", "City dressing"), ("rrule", "rrule", "Herhaling"),
            ("exdates", "exdates", "Overgeslagen dagen"), ("contact", "contact", "Contact"),
            ("premises", "premises", "Pand"), ("action", "action", "Actie uit het jaarplan"),
        ])
    /// Every warning has its own reason field; a refusal links to the list of warnings.
    static let acknowledgeFields = FormFields(
        form: "acknowledge", [("reason", "waarschuwingen", "Reden"), ("key", "waarschuwingen", "Waarschuwing")])
    static let importFields = FormFields(
        form: "import", [("ics", "file", "Bestand"), ("calendar", "calendar", "Kalender")])

    static func register(_ routes: Pages) {
        routes.get(Web.eventCalendar, .centre(.editEvents)) { req in
            try await req.view.render("event-calendar", calendarPage(req))
        }
        routes.post(Web.acknowledge, .centre(.editEvents)) { req -> Response in
            let centre = try req.centre
            let form = FormBody(req)
            let month = form["maand"] ?? ""
            do {
                try await EventService.acknowledge(
                    form["key"] ?? "", reason: form["reason"], centre: centre, by: req.actor, on: req.db)
            } catch let invalid as InvalidInput {
                var page = try await calendarPage(req, month: month)
                page.failed = acknowledgeFields.errors(invalid.problems)
                return try await req.rerender("event-calendar", page)
            }
            return req.seeOther(
                Web.eventCalendar.link(centre.slug) + "?maand=\(month)#waarschuwingen",
                notice: "Waarschuwing erkend; de reden staat in het logboek.")
        }
        routes.get(Web.newEvent, .centre(.editEvents)) { req in
            var input: [String: String] = ["firstDay": req.today.description, "status": EventStatus.idee.rawValue]
            if let day = (req.query["dag"] as String?).flatMap(Day.init(parsing:)) {
                input["firstDay"] = day.description
            }
            return try await req.view.render("event-form", formPage(req, event: nil, input: input))
        }
        routes.post(Web.newEvent, .centre(.editEvents)) { req -> Response in
            let centre = try req.centre
            let form = FormBody(req)
            do {
                let event = try await EventService.create(input(form), centre: centre, by: req.actor, on: req.db)
                return req.seeOther(
                    Web.eventCalendar.link(centre.slug) + "?maand=\(event.firstDay.prefix(7))",
                    notice: "Evenement '\(event.title)' toegevoegd.")
            } catch let invalid as InvalidInput {
                var page = try await formPage(req, event: nil, input: values(form))
                page.failed = eventFields.errors(invalid.problems)
                return try await req.rerender("event-form", page)
            }
        }
        routes.get(Web.editEvent, .centre(.editEvents)) { req in
            let event = try await EventService.find(
                try req.centre, id: req.uuidParameter("id", what: "Evenement"), on: req.db)
            return try await req.view.render("event-form", formPage(req, event: event, input: values(event)))
        }
        routes.post(Web.editEvent, .centre(.editEvents)) { req -> Response in
            let centre = try req.centre
            let event = try await EventService.find(centre, id: req.uuidParameter("id", what: "Evenement"), on: req.db)
            let form = FormBody(req)
            do {
                try await EventService.update(event, input(form), centre: centre, by: req.actor, on: req.db)
            } catch let invalid as InvalidInput {
                var page = try await formPage(req, event: event, input: values(form))
                page.failed = eventFields.errors(invalid.problems)
                return try await req.rerender("event-form", page)
            } catch let refused as StadshartError where refused.status == .conflict {
                var page = try await formPage(req, event: event, input: values(form))
                page.failed = eventFields.refusal(refused.detail)
                return try await req.rerender("event-form", page)
            }
            return req.seeOther(
                Web.eventCalendar.link(centre.slug) + "?maand=\(event.firstDay.prefix(7))",
                notice: event.statusValue == .afgelast
                    ? "Evenement '\(event.title)' afgelast; het blijft zichtbaar als afgelast."
                    : "Evenement '\(event.title)' opgeslagen.")
        }
        routes.get(Web.eventImport, .centre(.editEvents)) { req in
            try await req.view.render("event-import", importPage(req))
        }
        routes.post(Web.eventImport, .centre(.editEvents)) { req -> Response in
            struct Upload: Content {
                var calendar: String?
                var file: File?
            }
            let centre = try req.centre
            let upload = try req.content.decode(Upload.self)
            var page = try await importPage(req)
            do {
                page.summary = try await EventImport.run(
                    upload.file.map { Array($0.data.readableBytesView) } ?? [],
                    calendar: upload.calendar ?? "regionaal",
                    name: nil, centre: centre, by: req.actor, on: req.db)
                page.calendars = try await importPage(req).calendars
                return try await req.view.render("event-import", page).encodeResponse(for: req)
            } catch let invalid as InvalidInput {
                page.failed = importFields.errors(invalid.problems, heading: FormErrors.notImported)
                return try await req.rerender("event-import", page)
            }
        }
    }

    /// The form's text fields as an input (an empty field is no value).
    static func input(_ form: FormBody) -> EventInput {
        func text(_ name: String) -> String? { form[name].flatMap { $0.trimmed.isEmpty ? nil : $0 } }
        var cents: Int64?
        if let euros = text("cityDressing") { cents = Money.parseCents(euros) ?? -1 }
        return EventInput(
            title: form["title"], description: form["description"], category: form["category"],
            firstDay: text("firstDay"), lastDay: text("lastDay"), startTime: text("startTime"),
            endTime: text("endTime"), place: text("place"), organiser: text("organiser"),
            expectedVisitors: text("expectedVisitors").map { Int($0) ?? -1 }, status: text("status"),
            isPublic: form["public"] != nil, cityDressingCents: cents, rrule: text("rrule"),
            exdates: text("exdates").map { $0.split(separator: ",").map { String($0).trimmed } },
            contact: form["contact"], premises: text("premises"), action: text("action"))
    }

    static func values(_ form: FormBody) -> [String: String] {
        var values = Dictionary(form.pairs, uniquingKeysWith: { a, _ in a })
        values["public"] = form["public"] != nil ? "ja" : nil
        return values
    }

    static func values(_ event: Event) -> [String: String] {
        var values = [
            "title": event.title, "description": event.description, "category": event.category,
            "firstDay": event.firstDay, "lastDay": event.lastDay, "startTime": event.startTime ?? "",
            "endTime": event.endTime ?? "", "place": event.place ?? "", "organiser": event.organiser ?? "",
            "expectedVisitors": event.expectedVisitors.map(String.init) ?? "", "status": event.status,
            "rrule": event.rrule ?? "", "exdates": event.exdates.replacingOccurrences(of: ",", with: ", "),
            "contact": event.contact,
            "cityDressing": event.cityDressingCents.map { Money.formatPlain(cents: $0) } ?? "",
            "premises": event.premises ?? "", "action": event.actionID?.uuidString.lowercased() ?? "",
        ]
        if event.isPublic { values["public"] = "ja" }
        return values
    }

    static func formPage(_ req: Request, event: Event?, input: [String: String]) async throws -> FormPage {
        let centre = try req.centre
        let places = try await EventService.places(centre, on: req.db)
        let organisations = try await EventService.organisations(centre, on: req.db)
        // An event's own status, then the steps the workflow allows from it; a new one may start anywhere.
        let statuses: [EventStatus] = event.map { [$0.statusValue] + $0.workflow.nextStatuses } ?? EventStatus.allCases
        func options(_ pairs: [(String, String)], selected: String?, none: String? = nil) -> [SelectOption] {
            (none.map { [SelectOption(value: "", label: $0, selected: (selected ?? "").isEmpty)] } ?? [])
                + pairs.map { SelectOption(value: $0.0, label: $0.1, selected: $0.0 == selected) }
        }
        var warnings: [WarningRow] = []
        if let event, let id = event.id {
            let year = event.timing.firstDay.year
            let (all, acknowledged) = try await EventService.warnings(
                centre, from: Day(year: year, month: 1, day: 1)!, through: Day(year: year, month: 12, day: 31)!,
                on: req.db)
            warnings = all.filter { $0.eventIDs.contains(id.uuidString) }.map { warning in
                let record = acknowledged[warning.key.description]
                return WarningRow(
                    key: warning.key.description, rule: warning.rule.label,
                    day: CentreTime.dutchWithWeekday(warning.day), explanation: warning.explanation,
                    acknowledged: record != nil, reason: record?.reason, events: [])
            }
        }
        let title = event.map { "Evenement '\($0.title)' bewerken" } ?? "Nieuw evenement"
        return FormPage(
            layout: try await Layout.centre(title, centre, request: req), heading: title,
            postLink: event.map { Web.editEvent.link(centre.slug, $0.id!) } ?? Web.newEvent.link(centre.slug),
            input: input, isPublic: input["public"] != nil || event == nil,
            categories: options(EventCategory.allCases.map { ($0.rawValue, $0.label) }, selected: input["category"]),
            places: options(places.map { ($0.key, $0.name) }, selected: input["place"], none: "— geen vaste plek —"),
            organisers: options(organisations.map { ($0.key, $0.name) }, selected: input["organiser"], none: "—"),
            actions: options(
                try await planActions(centre, on: req.db), selected: input["action"]?.lowercased(),
                none: "— geen —"),
            statuses: options(statuses.map { ($0.rawValue, $0.label) }, selected: input["status"]),
            regional: event?.isRegional ?? false, failed: nil,
            backLink: Web.eventCalendar.link(centre.slug) + "?maand=\((input["firstDay"] ?? "").prefix(7))",
            approval: event.flatMap { $0.isProposal ? $0.approvalValue.label : nil },
            decideLink: event.flatMap {
                $0.approvalValue == .voorgesteld && $0.statusValue != .afgelast
                    ? Web.decideProposal.link(centre.slug, $0.id!) : nil
            }, proposedBy: event?.proposedBy, warnings: warnings,
            calendarLink: event.map {
                Web.eventCalendar.link(centre.slug) + "?maand=\($0.firstDay.prefix(7))#waarschuwingen"
            })
    }

    /// The centre's plan actions as (id, "2019 · A · title"), newest plan first: one query, whatever the
    /// number of plans.
    static func planActions(_ centre: Centre, on db: any Database) async throws -> [(String, String)] {
        let actions = try await Action.query(on: db)
            .join(AnnualPlan.self, on: \Action.$plan.$id == \AnnualPlan.$id)
            .filter(AnnualPlan.self, \.$centre.$id == centre.requireID())
            .with(\.$plan).with(\.$themeLine).all()
        return actions.sorted { ($1.plan.year, $0.position) < ($0.plan.year, $1.position) }.map {
            ($0.id!.uuidString.lowercased(), "\($0.plan.year) · \($0.themeLine.code) · \($0.title)")
        }
    }

    static func importPage(_ req: Request) async throws -> ImportPage {
        let centre = try req.centre
        let calendars = try await EventService.calendars(centre, on: req.db)
        return ImportPage(
            layout: try await Layout.centre("Regionale kalender importeren", centre, request: req),
            calendars: calendars.map { SelectOption(value: $0.key, label: $0.name, selected: false) }
                + (calendars.contains { $0.key == "regionaal" }
                    ? [] : [SelectOption(value: "regionaal", label: "een nieuwe regionale kalender", selected: false)]),
            summary: nil, failed: nil)
    }

    static let weekdays = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
    static let months = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
        "november", "december",
    ]

    static func calendarPage(_ req: Request, month asked: String? = nil) async throws -> CalendarPage {
        let centre = try req.centre
        let text = asked ?? (req.query["maand"] as String?) ?? ""
        let today = req.today
        var first = today.firstOfMonth
        if !text.isEmpty {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, let day = Day(year: parts[0], month: parts[1], day: 1),
                PlanYear.range.contains(parts[0])
            else { throw Request.badQuery("maand", "'\(text)' is geen maand; schrijf 2019-06") }
            first = day
        }
        let last = first.lastOfMonth
        let nextMonth = last.adding(days: 1)
        let gridStart = first.adding(days: -CentreTime.weekdayIndex(of: first))
        let gridEnd = last.adding(days: 6 - CentreTime.weekdayIndex(of: last))
        let events = try await EventService.all(centre, on: req.db)
        let (warnings, acknowledged) = try await EventService.warnings(
            centre, from: Day(year: first.year, month: 1, day: 1)!, through: Day(year: first.year, month: 12, day: 31)!,
            on: req.db)
        let open = warnings.filter { acknowledged[$0.key.description] == nil }
        let warnedDays = EventConflicts.days(open)
        var byDay: [Day: [Layout.Link]] = [:]
        for event in events {
            for run in event.timing.runs(from: gridStart, through: gridEnd) {
                var day = max(run.firstDay, gridStart)
                while day <= min(run.lastDay, gridEnd) {
                    byDay[day, default: []].append(
                        Layout.Link(
                            label: event.title + (event.statusValue == .afgelast ? " (afgelast)" : "")
                                + (event.isRegional ? " (regionaal)" : ""),
                            href: Web.editEvent.link(centre.slug, event.id!)))
                    day = day.adding(days: 1)
                }
            }
        }
        var days: [MonthDay] = []
        var day = gridStart
        while day <= gridEnd {
            days.append(
                MonthDay(
                    label: day.dutch, weekday: weekdays[CentreTime.weekdayIndex(of: day)],
                    inMonth: day >= first && day <= last, warned: warnedDays.contains(day), events: byDay[day] ?? []))
            day = day.adding(days: 1)
        }
        let titles = Dictionary(
            events.compactMap { e in e.id.map { ($0.uuidString, e) } }, uniquingKeysWith: { a, _ in a })
        let monthWarnings = warnings.filter { $0.day >= first && $0.day <= last }.map { warning in
            let record = acknowledged[warning.key.description]
            return WarningRow(
                key: warning.key.description, rule: warning.rule.label, day: CentreTime.dutchWithWeekday(warning.day),
                explanation: warning.explanation, acknowledged: record != nil, reason: record?.reason,
                events: warning.eventIDs.compactMap { titles[$0] }.map {
                    Layout.Link(label: $0.title, href: Web.editEvent.link(centre.slug, $0.id!))
                })
        }
        func monthText(_ day: Day) -> String { "\(day.year)-\(day.month < 10 ? "0" : "")\(day.month)" }
        return CalendarPage(
            layout: try await Layout.centre("Evenementenkalender — \(centre.name)", centre, request: req),
            month: monthText(first), heading: "\(months[first.month - 1]) \(first.year)",
            previous: Web.eventCalendar.link(centre.slug) + "?maand=\(monthText(first.adding(days: -1)))",
            next: Web.eventCalendar.link(centre.slug) + "?maand=\(monthText(nextMonth))", days: days,
            warnings: monthWarnings, newLink: Web.newEvent.link(centre.slug),
            importLink: Web.eventImport.link(centre.slug), feedLink: Web.eventsFeed.link(centre.slug),
            portalLink: Web.events.link(centre.slug), acknowledgeLink: Web.acknowledge.link(centre.slug),
            proposalsLink: Web.proposals.link(centre.slug), settingsLink: Web.eventSettings.link(centre.slug),
            waitingProposals: events.filter { $0.approvalValue == .voorgesteld && $0.statusValue != .afgelast }.count,
            failed: nil)
    }
}
