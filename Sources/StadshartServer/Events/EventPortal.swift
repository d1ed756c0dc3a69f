import Foundation
import StadshartCore
import Vapor

/// The public events portal: what is on today, this weekend and this month, an event's own page
/// (with schema.org `Event` data for search engines), and the iCalendar feed to subscribe to.
/// All three are public answers: cached per data version, with an `ETag` (304 when unchanged).
enum EventPortal {
    struct Item: Encodable {
        var title: String
        var link: String
        var when: String
        var place: String?
        var category: String
        var cancelled: Bool
    }

    struct Section: Encodable {
        var id: String
        var heading: String
        var items: [Item]
    }

    struct PortalPage: Encodable {
        var layout: Layout
        var name: String
        var sections: [Section]
        var categories: [SelectOption]
        var feedLink: String
        var categoryFeedLink: String?
        var category: String?
        /// The day asked with `?datum=`, as the date field shows it.
        var date: String?
    }

    struct EventPage: Encodable {
        var layout: Layout
        var title: String
        var description: String
        var category: String
        var runs: [String]
        var place: String?
        var organiser: String?
        var cancelled: Bool
        var contact: String
        var backLink: String
        var jsonLD: String
    }

    static func register(_ routes: Pages) {
        routes.publicPage(Web.events) { req in try await req.view.render("events", portal(req)) }
        routes.publicPage(Web.eventsFeed) { req in
            let centre = try req.centre
            let category = try categoryQuery(req)
            let context = try await EventsAPI.Context.load(centre, on: req.db)
            let events = try await EventService.all(centre, on: req.db).filter {
                EventsAPI.isVisible($0, toEditors: false) && (category == nil || $0.categoryValue == category)
            }
            let name = "Evenementen \(centre.name)" + (category.map { " — \($0.label)" } ?? "")
            return EventFeed.response(events, context: context, name: name, now: req.now)
        }
        routes.publicPage(Web.event) { req in try await req.view.render("event", eventPage(req)) }
    }

    static func categoryQuery(_ req: Request) throws -> EventCategory? {
        guard let text = (req.query["categorie"] as String?).nonBlank else { return nil }
        guard let category = EventCategory(rawValue: text) else {
            throw Request.badQuery(
                "categorie", "kies uit: \(EventCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return category
    }

    static func portal(_ req: Request) async throws -> PortalPage {
        let centre = try req.centre
        let category = try categoryQuery(req)
        let today = req.today
        let context = try await EventsAPI.Context.load(centre, on: req.db)
        let events = try await EventService.all(centre, on: req.db).filter {
            EventsAPI.isVisible($0, toEditors: false) && (category == nil || $0.categoryValue == category)
        }
        // This weekend: Saturday and Sunday of this week (today, when it is one of them).
        let weekday = CentreTime.weekdayIndex(of: today)  // 0 = Monday
        let saturday = weekday == 6 ? today.adding(days: -1) : today.adding(days: 5 - weekday)
        let endOfMonth = today.lastOfMonth
        let laterEnd = today.adding(days: 92)
        func items(from: Day, through: Day) -> [Item] {
            let runs: [(Event, EventRun)] = events.flatMap { event in
                event.timing.runs(from: from, through: through).map { run in (event, run) }
            }
            return runs.sorted { $0.1.start < $1.1.start }.map { event, run in
                Item(
                    title: event.title, link: Web.event.link(centre.slug, event.id!), when: run.dutch,
                    place: placeName(event, context), category: event.categoryValue.label,
                    cancelled: event.statusValue == .afgelast)
            }
        }
        if let asked = try dateQuery(req) {
            // A visitor's own day: that day, and the week from it.
            return PortalPage(
                layout: try await Layout.centre("Evenementen — \(centre.name)", centre, request: req),
                name: centre.name,
                sections: [
                    Section(
                        id: "dag", heading: "Op \(CentreTime.dutchWithWeekday(asked))",
                        items: items(from: asked, through: asked)),
                    Section(
                        id: "week", heading: "De week daarna (tot en met \(asked.adding(days: 7).dutch))",
                        items: items(from: asked.adding(days: 1), through: asked.adding(days: 7))),
                ], categories: categoryOptions(category), feedLink: Web.eventsFeed.link(centre.slug),
                categoryFeedLink: category.map { Web.eventsFeed.link(centre.slug) + "?categorie=\($0.rawValue)" },
                category: category?.label, date: asked.description)
        }
        var sections = [
            Section(
                id: "vandaag", heading: "Vandaag, \(CentreTime.dutchWithWeekday(today))",
                items: items(from: today, through: today)),
            Section(
                id: "weekend", heading: "Dit weekend (\(CentreTime.dutchWeekend(saturday)))",
                items: items(from: max(today, saturday), through: saturday.adding(days: 1))),
            Section(
                id: "volgend-weekend",
                heading: "Volgend weekend (\(CentreTime.dutchWeekend(saturday.adding(days: 7))))",
                items: items(from: saturday.adding(days: 7), through: saturday.adding(days: 8))),
            Section(
                id: "maand", heading: "Deze maand (tot en met \(endOfMonth.dutch))",
                items: items(from: today, through: endOfMonth)),
        ]
        if endOfMonth < laterEnd {
            sections.append(
                Section(
                    id: "later", heading: "Daarna (tot en met \(laterEnd.dutch))",
                    items: items(from: endOfMonth.adding(days: 1), through: laterEnd)))
        }
        let feed = Web.eventsFeed.link(centre.slug)
        let categoryFeed = category.map { feed + "?categorie=\($0.rawValue)" }
        return PortalPage(
            layout: try await Layout.centre("Evenementen — \(centre.name)", centre, request: req), name: centre.name,
            sections: sections, categories: categoryOptions(category), feedLink: feed,
            categoryFeedLink: categoryFeed, category: category?.label)
    }

    /// A public place by its name, or the address of the premises the event is held in.
    static func placeName(_ event: Event, _ context: EventsAPI.Context) -> String? {
        if let key = event.place { return context.places[key]?.name }
        return event.locationText.isEmpty ? nil : event.locationText
    }

    static func categoryOptions(_ category: EventCategory?) -> [SelectOption] {
        [SelectOption(value: "", label: "alle", selected: category == nil)]
            + EventCategory.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == category) }
    }

    /// `?datum=` (2019-06-24, or Dutch 24-06-2019): the day a visitor asks about; empty is none.
    static func dateQuery(_ req: Request) throws -> Day? {
        guard let text = (req.query["datum"] as String?).nonBlank else { return nil }
        guard let day = Day(parsing: text), PlanYear.range.contains(day.year) else {
            throw Request.badQuery("datum", "'\(text)' is geen datum; kies een dag, bijvoorbeeld 2019-06-29")
        }
        return day
    }

    static func eventPage(_ req: Request) async throws -> EventPage {
        let centre = try req.centre
        let (event, context) = try await EventsAPI.visibleEvent(req)
        let today = req.today
        let timing = event.timing
        var runs = timing.runs(from: today, through: today.adding(days: 366))
        if runs.isEmpty { runs = [timing.run(startingOn: timing.firstDay)] }
        let place = placeName(event, context)
        var organiser: String?
        if let key = event.organiser {
            organiser = try await EventService.organisations(centre, on: req.db).first { $0.key == key }?.name
        }
        return EventPage(
            layout: try await Layout.centre("\(event.title) — \(centre.name)", centre, request: req),
            title: event.title, description: event.description, category: event.categoryValue.label,
            runs: runs.prefix(12).map(\.dutch), place: place, organiser: organiser,
            cancelled: event.statusValue == .afgelast, contact: event.contact,
            backLink: Web.events.link(centre.slug),
            jsonLD: jsonLD(event, run: runs[0], place: place, centre: centre, organiser: organiser))
    }

    /// schema.org `Event` for search engines, encoded so it cannot close its script element.
    static func jsonLD(_ event: Event, run: EventRun, place: String?, centre: Centre, organiser: String?) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = CentreTime.timeZone
        var object: [String: Any] = [
            "@context": "https://schema.org", "@type": "Event", "name": event.title,
            "description": event.description,
            "startDate": run.allDay ? run.firstDay.description : formatter.string(from: run.start),
            "endDate": run.allDay ? run.lastDay.description : formatter.string(from: run.end),
            "eventStatus": event.statusValue == .afgelast
                ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": [
                "@type": "Place", "name": place ?? centre.name,
                "address": ["@type": "PostalAddress", "addressLocality": centre.name, "addressCountry": "NL"],
            ],
        ]
        if let organiser { object["organizer"] = ["@type": "Organization", "name": organiser] }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }
}
