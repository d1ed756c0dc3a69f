import Foundation
import StadshartCore
import Vapor

/// The settings as the API gives them (the members of `ConflictSettingsInput`, all present).
struct ConflictSettingsDTO: Content {
    var largeEventVisitors: Int
    var maxEventsPerWeekend: Int
    var quietHour: String
    var quietUntil: String
    var emptyWeekendFrom: Int
    var emptyWeekendThrough: Int
    var cityDressingCents: Int64
    /// Whether the centre set its own; false: the defaults.
    var own: Bool

    init(_ settings: ConflictSettings, year: Int, own: Bool) {
        let input = ConflictSettingsInput(settings, year: year)
        largeEventVisitors = input.largeEventVisitors ?? 0
        maxEventsPerWeekend = input.maxEventsPerWeekend ?? 0
        quietHour = input.quietHour ?? ""
        quietUntil = input.quietUntil ?? ""
        emptyWeekendFrom = input.emptyWeekendFrom ?? 0
        emptyWeekendThrough = input.emptyWeekendThrough ?? 0
        cityDressingCents = input.cityDressingCents ?? 0
        self.own = own
    }
}

/// A centre's own thresholds for the conflict warnings (large event, busy and empty weekends, the
/// night's rest, the city-dressing provision): a form for the coordinator and the same through the API.
enum EventSettingsRoutes {
    static func register(_ api: APIRoutes) {
        let path = EventsAPI.base + "/event-settings"
        api.add(
            .GET, path, .centre(.editEvents),
            summary: "De instellingen van de conflictwaarschuwingen van deze binnenstad (eigen of standaard)",
            errors: [401, 403, 404]
        ) { req in
            let centre = try req.centre
            return ConflictSettingsDTO(
                try await EventService.conflictSettings(centre, on: req.db), year: req.today.year,
                own: try await EventService.settingsRecord(centre, on: req.db) != nil)
        }
        api.add(
            .PATCH, path, .centre(.editEvents),
            summary:
                "De instellingen van de conflictwaarschuwingen wijzigen (alleen de meegegeven velden; city dressing in centen per jaar)",
            body: ConflictSettingsInput.self, errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let settings = try await EventService.saveSettings(
                try body.value, centre: try req.centre, by: req.actor, on: req.db)
            return ConflictSettingsDTO(settings, year: req.today.year, own: true)
        }
    }

    struct SettingsPage: Encodable {
        var layout: Layout
        var input: [String: String]
        var backLink: String
        var failed: FormErrors?
    }

    static let fields = FormFields(
        form: "settings",
        labels: [
            ("largeEventVisitors", "Groot evenement vanaf (bezoekers)"),
            ("maxEventsPerWeekend", "Hoogstens eigen evenementen per weekend"), ("quietHour", "Nachtrust vanaf"),
            ("quietUntil", "Nachtrust tot"), ("emptyWeekendFrom", "Lege weekenden melden vanaf maand"),
            ("emptyWeekendThrough", "tot en met maand"), ("cityDressingCents", "City dressing per jaar"),
        ])

    static func register(_ routes: Pages) {
        routes.get(Web.eventSettings, .centre(.editEvents)) { req in
            let settings = try await EventService.conflictSettings(try req.centre, on: req.db)
            return try await req.view.render(
                "event-settings", page(req, input: values(ConflictSettingsInput(settings, year: req.today.year))))
        }
        routes.post(Web.eventSettings, .centre(.editEvents)) { req -> Response in
            let centre = try req.centre
            let form = FormBody(req)
            do {
                try await EventService.saveSettings(input(form), centre: centre, by: req.actor, on: req.db)
            } catch let invalid as InvalidInput {
                var page = try await page(req, input: Dictionary(form.pairs, uniquingKeysWith: { a, _ in a }))
                page.failed = fields.errors(invalid.problems)
                return try await req.rerender("event-settings", page)
            }
            return req.seeOther(
                Web.eventSettings.link(centre.slug),
                notice: "Instellingen opgeslagen; de waarschuwingen volgen ze meteen.")
        }
    }

    /// The form's texts as an input: a number that is not one becomes -1, which the rules refuse by name.
    static func input(_ form: FormBody) -> ConflictSettingsInput {
        func number(_ name: String) -> Int? {
            form[name].nonBlank.map { Int($0.replacingOccurrences(of: ".", with: "").trimmed) ?? -1 }
        }
        return ConflictSettingsInput(
            largeEventVisitors: number("largeEventVisitors"), maxEventsPerWeekend: number("maxEventsPerWeekend"),
            quietHour: form["quietHour"], quietUntil: form["quietUntil"],
            emptyWeekendFrom: number("emptyWeekendFrom"), emptyWeekendThrough: number("emptyWeekendThrough"),
            cityDressingCents: form["cityDressingCents"].nonBlank.map { Money.parseCents($0) ?? -1 })
    }

    static func values(_ input: ConflictSettingsInput) -> [String: String] {
        [
            "largeEventVisitors": input.largeEventVisitors.map(String.init) ?? "",
            "maxEventsPerWeekend": input.maxEventsPerWeekend.map(String.init) ?? "",
            "quietHour": input.quietHour ?? "", "quietUntil": input.quietUntil ?? "",
            "emptyWeekendFrom": input.emptyWeekendFrom.map(String.init) ?? "",
            "emptyWeekendThrough": input.emptyWeekendThrough.map(String.init) ?? "",
            "cityDressingCents": input.cityDressingCents.map { Money.formatPlain(cents: $0) } ?? "",
        ]
    }

    static func page(_ req: Request, input: [String: String]) async throws -> SettingsPage {
        let centre = try req.centre
        return SettingsPage(
            layout: try await Layout.centre(
                "Instellingen van de waarschuwingen — \(centre.name)", centre, request: req),
            input: input, backLink: Web.eventCalendar.link(centre.slug), failed: nil)
    }
}
