import Foundation
import StadshartCore
import Vapor

/// A run of whole hours on one day: from "10:00" until "17:00".
struct OpeningSpanDTO: Content {
    var from: String
    var until: String
}

/// One weekday of an area.
struct OpeningDayDTO: Content {
    /// "ma" … "zo".
    var weekday: String
    /// Per hour of the day (0–23, the hour 10 is 10:00–11:00), the businesses open that whole hour.
    var open: [Int]
    /// The hours at which at least half of the area's businesses with hours are open the whole hour.
    var mostlyOpen: [OpeningSpanDTO]
}

/// The centre, its core shopping area or one street.
struct OpeningAreaDTO: Content {
    var name: String
    /// The area's businesses whose opening hours the register gives: what the counts are shares of.
    var businesses: Int
    /// Monday first.
    var days: [OpeningDayDTO]
}

/// The opening-hours figures of a centre on a day: per street and per hour of the week how many of the
/// businesses are open, for the whole centre and its core shopping area, and the hours at which at least half
/// of the core is open (the basis for a proposal of more uniform opening hours).
struct OpeningHoursDTO: Content {
    /// The day whose businesses are counted (the hours themselves are the register's weekly hours).
    var date: String
    /// The businesses in the centre on that day.
    var businesses: Int
    /// Of those, the ones without (readable) opening hours: unknown, so left out of every share.
    var withoutHours: Int
    /// The zone that is the centre's core shopping area.
    var coreZone: String
    var centre: OpeningAreaDTO
    var core: OpeningAreaDTO
    /// By street name.
    var streets: [OpeningAreaDTO]
    /// The hours at which at least half of the core is open, in Dutch: "ma–za 10:00–17:00".
    var coreMostlyOpen: String
}

/// Issue 13, part B, "more uniform opening hours": per street and per hour of the week the share of the
/// businesses that are open, by the register's weekly hours. Public, like "what is open" and the vacancy
/// figures: the figures are aggregated per street (and the hours of a shop are on its door anyway), so they
/// can go to the entrepreneurs the proposal is for. The page and the API answer depend only on the centre's
/// data and the day, so both come from the public cache.
enum OpeningHoursPage {
    /// "At least half": the share at which an hour counts as one at which the area is mostly open.
    static let half = 0.5

    /// What both faces show, counted once.
    struct Figures {
        var day: Day
        /// The businesses in the centre on the day.
        var present: Int
        var centre: OpeningShare
        var core: OpeningShare
        var coreZone: String
        var coreName: String
    }

    /// The businesses in the centre on `day` with their street and weekly hours, counted for the centre and
    /// for those in premises of the core zone. Hours the register cannot read are as unknown as hours not given.
    static func figures(_ view: RegisterView, coreZone: String, on day: Day) -> Figures {
        let zones = Dictionary(
            view.premises.map { ($0.place.key, $0.facts.zone) }, uniquingKeysWith: { first, _ in first })
        var all: [BusinessHours] = []
        var core: [BusinessHours] = []
        for (firm, place) in OpenNow.present(view, on: day) {
            let hours = (try? OpeningHours.parse(json: firm.openingHours)) ?? OpeningHours(spans: [:])
            let business = BusinessHours(id: firm.key, name: firm.name, street: place.street, hours: hours)
            all.append(business)
            if zones[place.key] == coreZone { core.append(business) }
        }
        return Figures(
            day: day, present: all.count, centre: OpeningShare(all), core: OpeningShare(core), coreZone: coreZone,
            coreName: view.zones.first { $0.key == coreZone }?.name ?? coreZone)
    }

    static func figures(_ req: Request, on day: Day) async throws -> Figures {
        let centre = try req.centre
        let view = try await RegisterView.current(centre, in: req.application.readModels, on: req.db)
        return figures(view, coreZone: centre.coreZone, on: day)
    }

    static func register(_ api: APIRoutes) {
        api.add(
            .GET, EventsAPI.base + "/opening-hours", .anyone,
            summary:
                "Openingstijden: per straat en per uur van de week hoeveel vestigingen het hele uur open zijn, voor de binnenstad en het kernwinkelgebied, met de uren waarop minstens de helft van het kernwinkelgebied open is (query: date, standaard vandaag; openbaar)",
            errors: [400, 404], publicAnswer: true
        ) { req in
            dto(try await figures(req, on: try req.dateQuery()))
        }
    }

    static func register(_ pages: Pages) {
        pages.publicPage(Web.openingHours) { req in
            let day = try dayQuery(req)
            let figures = try await figures(req, on: day)
            let weekday = try weekdayQuery(req) ?? OpeningHours.Weekday(day)
            let centre = try req.centre
            return try await req.view.render(
                "opening-hours",
                page(
                    figures, weekday: weekday,
                    layout: try await Layout.centre("Openingstijden — \(centre.name)", centre, request: req),
                    centre: centre))
        }
    }

    // MARK: the API

    static func dto(_ figures: Figures) -> OpeningHoursDTO {
        func area(_ name: String, _ counts: OpeningShare.Counts, mostlyOpen: [OpeningHours.Weekday: [Range<Int>]])
            -> OpeningAreaDTO
        {
            OpeningAreaDTO(
                name: name, businesses: counts.businesses,
                days: OpeningHours.Weekday.allCases.map { weekday in
                    OpeningDayDTO(
                        weekday: weekday.code, open: Array(counts.open(on: weekday)),
                        mostlyOpen: (mostlyOpen[weekday] ?? []).map {
                            OpeningSpanDTO(
                                from: OpeningShare.clock(hour: $0.lowerBound),
                                until: OpeningShare.clock(hour: $0.upperBound))
                        })
                })
        }
        let centre = figures.centre
        return OpeningHoursDTO(
            date: figures.day.description, businesses: figures.present, withoutHours: centre.withoutHours,
            coreZone: figures.coreZone,
            centre: area("Binnenstad", centre.all, mostlyOpen: centre.mostlyOpen(threshold: half)),
            core: area(figures.coreName, figures.core.all, mostlyOpen: figures.core.mostlyOpen(threshold: half)),
            streets: centre.streetNames.map { street in
                area(
                    street, centre.streets[street]!, mostlyOpen: centre.mostlyOpen(threshold: half, street: street))
            },
            coreMostlyOpen: figures.core.mostlyOpenText(threshold: half))
    }

    // MARK: the page

    struct Page: Encodable {
        struct Cell: Encodable {
            /// "10:00–11:00", the cell's column on a phone.
            var hour: String
            /// "62 %", or "—" for an area without businesses with hours.
            var text: String
            /// 0 (nobody) … 4 (three quarters or more): the background's shade; the text says the same.
            var shade: Int
        }

        struct Row: Encodable {
            var name: String
            /// "8 vestigingen".
            var businesses: String
            /// "total" for the centre and the core, "" for a street.
            var kind: String
            var cells: [Cell]
        }

        struct WeekRow: Encodable {
            var weekday: String
            var core: String
            var centre: String
        }

        struct DayLink: Encodable {
            var label: String
            var href: String
            var current: Bool
        }

        var layout: Layout
        var synthetic: Bool
        var date: String
        var dateLabel: String
        var weekday: String
        var weekdayCode: String
        var dayLinks: [DayLink]
        var days: [SelectOption]
        var present: String
        var withoutHours: Int
        var withoutHoursText: String
        var coreName: String
        /// The summary sentence, ending before the hours when there are any.
        var proposal: String
        /// "ma–za 10:00–17:00": the hours at which at least half of the core is open; nil when there are none.
        var coreMostlyOpen: String?
        var week: [WeekRow]
        /// The hours of the weekday in which anyone in the centre is open the whole hour: the table's columns.
        var hours: [String]
        var rows: [Row]
        var vacancyLink: String
        var apiLink: String
    }

    /// The page's context: a function a test can call without HTTP.
    static func page(_ figures: Figures, weekday: OpeningHours.Weekday, layout: Layout, centre: Centre) -> Page {
        let hours = figures.centre.all.hoursWithAnyOpen(on: weekday)
        func row(_ name: String, _ counts: OpeningShare.Counts, kind: String) -> Page.Row {
            Page.Row(
                name: name,
                businesses: counts.businesses == 1
                    ? "1 vestiging" : "\(DutchNumber.count(counts.businesses)) vestigingen",
                kind: kind,
                cells: hours.map { hour in
                    let open = counts.open[weekday.rawValue * 24 + hour]
                    return Page.Cell(
                        hour: "\(OpeningShare.clock(hour: hour))–\(OpeningShare.clock(hour: hour + 1))",
                        text: percent(open: open, of: counts.businesses),
                        shade: shade(open: open, of: counts.businesses))
                })
        }
        let centreShare = figures.centre
        let coreWhen = figures.core.mostlyOpen(threshold: half)
        let centreWhen = centreShare.mostlyOpen(threshold: half)
        func when(_ runs: [Range<Int>]?) -> String { runs.map(OpeningShare.hoursText) ?? "geen enkel uur" }
        let coreText = figures.core.mostlyOpenText(threshold: half)
        let coreBusinesses = figures.core.all.businesses
        let inCore = "in het \(figures.coreName.lowercased())"
        let proposal =
            coreBusinesses == 0
            ? "Het register geeft geen vestigingen met openingstijden \(inCore)."
            : coreWhen.isEmpty
                ? "Er is geen uur waarop minstens de helft van de \(DutchNumber.count(coreBusinesses)) vestigingen \(inCore) open is."
                : "Minstens de helft van de \(DutchNumber.count(coreBusinesses)) vestigingen \(inCore) is open op"
        let slug = centre.slug
        let link = Web.openingHours.link(slug) + "?datum=\(figures.day)&dag="
        let without = centreShare.withoutHours
        return Page(
            layout: layout, synthetic: centre.registerSynthetic, date: figures.day.description,
            dateLabel: figures.day.dutch, weekday: weekday.name, weekdayCode: weekday.code,
            dayLinks: OpeningHours.Weekday.allCases.map {
                Page.DayLink(label: $0.name, href: link + $0.code, current: $0 == weekday)
            },
            days: OpeningHours.Weekday.allCases.map {
                SelectOption(value: $0.code, label: $0.name, selected: $0 == weekday)
            },
            present: DutchNumber.count(figures.present), withoutHours: without,
            withoutHoursText: without == 0
                ? "Van alle \(DutchNumber.count(figures.present)) vestigingen geeft het register de openingstijden."
                : "Van \(DutchNumber.count(without)) van de \(DutchNumber.count(figures.present)) vestigingen geeft het register geen openingstijden: die tellen nergens mee.",
            coreName: figures.coreName, proposal: proposal, coreMostlyOpen: coreWhen.isEmpty ? nil : coreText,
            week: OpeningHours.Weekday.allCases.map { day in
                Page.WeekRow(weekday: day.name, core: when(coreWhen[day]), centre: when(centreWhen[day]))
            },
            hours: hours.map { OpeningShare.clock(hour: $0) },
            rows: [
                row("Hele binnenstad", centreShare.all, kind: "total"),
                row(figures.coreName, figures.core.all, kind: "total"),
            ] + centreShare.streetNames.map { row($0, centreShare.streets[$0]!, kind: "") },
            vacancyLink: Web.vacancy.link(slug),
            apiLink: "/" + EventsAPI.base.replacingOccurrences(of: "{centre}", with: slug)
                + "/opening-hours?date=\(figures.day)")
    }

    /// "62 %": the share in whole percents; "< 1 %" and "> 99 %" when rounding would say nobody or everyone,
    /// "—" without businesses.
    static func percent(open: Int, of businesses: Int) -> String {
        guard businesses > 0 else { return "—" }
        let share = Double(open) / Double(businesses)
        if open > 0 && share < 0.005 { return "< 1 %" }
        if open < businesses && share >= 0.995 { return "> 99 %" }
        return Percent.dutch(share, decimals: 0)
    }

    /// The shade of a cell: 0 nobody open, 1 under a quarter, 2 under half, 3 half or more, 4 three quarters or
    /// more. Counted in whole numbers, so exactly half is always shade 3, like "at least half" in the summary.
    static func shade(open: Int, of businesses: Int) -> Int {
        guard businesses > 0, open > 0 else { return 0 }
        if open * 4 >= businesses * 3 { return 4 }
        if open * 2 >= businesses { return 3 }
        if open * 4 >= businesses { return 2 }
        return 1
    }

    // MARK: the query

    /// `?datum=` in either notation; today when absent, a Dutch 400 naming it when unreadable.
    static func dayQuery(_ req: Request) throws -> Day {
        guard let text = (req.query["datum"] as String?).nonBlank else { return req.today }
        guard let day = Day(parsing: text) else {
            throw Request.badQuery("datum", "'\(text)' is geen datum; schrijf bijvoorbeeld 2020-06-01 of 1-6-2020")
        }
        return day
    }

    /// `?dag=ma` … `zo`; nil when absent (the date's weekday), a Dutch 400 when it is no day.
    static func weekdayQuery(_ req: Request) throws -> OpeningHours.Weekday? {
        guard let text = (req.query["dag"] as String?).nonBlank else { return nil }
        guard let weekday = OpeningHours.Weekday(code: text) else {
            throw Request.badQuery(
                "dag",
                "'\(text)' is geen dag; kies uit \(OpeningHours.Weekday.allCases.map(\.code).joined(separator: ", "))")
        }
        return weekday
    }
}
