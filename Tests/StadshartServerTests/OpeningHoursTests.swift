import Fluent
import Foundation
import StadshartCore
import Testing
import VaporTesting

@testable import StadshartServer

/// Issue 13, part B: the opening-hours page and its API, checked against shares worked out here from the
/// register's own records (the Fluent models and the stored texts, not the read model or `OpeningShare`).
@Suite("Opening hours per street and hour")
struct OpeningHoursPageTests {
    /// Monday 1 June 2020, the demo's working day; the page is asked for the Saturday of the register's week.
    static let day = "2020-06-01"
    static let street = "Kruisstraat"

    /// A day's register text ("09:00-17:00", "09:00-12:00,13:00-17:30", "16:00-03:00") as minute spans,
    /// read here by hand; nil for a closed day.
    static func spans(_ text: String?) -> [(Int, Int)] {
        guard let text, !text.isEmpty, text.lowercased() != "gesloten" else { return [] }
        return text.split(separator: ",").map { part in
            let times = part.split(separator: "-").map { time -> Int in
                let clock = time.split(separator: ":").map { Int($0)! }
                return clock[0] * 60 + clock[1]
            }
            return (times[0], times[1] > times[0] ? times[1] : times[1] + 24 * 60)
        }
    }

    /// Of the businesses on `street` on `day` (by their occupancy) with any hours, how many are open the whole
    /// hour `hour` of Saturday, and how many there are; `core` counts those in premises of the core zone.
    static func expected(_ app: Application, hour: Int, street: String?, core: Bool = false) async throws -> (
        open: Int, businesses: Int
    ) {
        let assen = try await Centre.find(slug: "assen", on: app.db)
        let businesses = try await Business.query(on: app.db).filter(\.$centre.$id == assen.requireID())
            .with(\.$occupancies) { $0.with(\.$premises) { $0.with(\.$zone) } }.all()
        var open = 0
        var counted = 0
        for business in businesses {
            guard
                let occupancy = business.occupancies.first(where: {
                    $0.from <= day && ($0.until.map { day < $0 } ?? true)
                })
            else { continue }
            if let street, occupancy.premises.street != street { continue }
            if core && occupancy.premises.zone.key != assen.coreZone { continue }
            let texts = try JSONDecoder().decode([String: String?].self, from: Data(business.openingHours.utf8))
            let week = ["ma", "di", "wo", "do", "vr", "za", "zo"].map { spans(texts[$0] ?? nil) }
            guard week.contains(where: { !$0.isEmpty }) else { continue }
            counted += 1
            // Saturday's own hours, or Friday's past midnight (the demo's bars).
            let start = hour * 60
            let saturday = week[5].contains { $0.0 <= start && start + 60 <= $0.1 }
            let fridayNight = week[4].contains { $0.0 <= start + 24 * 60 && start + 24 * 60 + 60 <= $0.1 }
            if saturday || fridayNight { open += 1 }
        }
        return (open, counted)
    }

    /// "63 %" for 5 of 8: the share rounded to a whole percent; never "0 %" when someone is open, nor
    /// "100 %" when someone is not.
    static func percent(_ open: Int, of total: Int) -> String {
        let whole = Int((Double(open) * 100 / Double(total)).rounded())
        if open > 0 && whole == 0 { return "&lt; 1 %" }
        if open < total && whole == 100 { return "&gt; 99 %" }
        return "\(whole) %"
    }

    /// The text of the cell of `hour` ("11:00–12:00") in the table row headed `name`.
    static func cell(_ html: String, row name: String, hour: String) -> String? {
        guard let start = html.range(of: "<th scope=\"row\">\(name) <span") else { return nil }
        let rest = html[start.upperBound...]
        let row = rest[..<(rest.range(of: "</tr>")?.lowerBound ?? rest.endIndex)]
        guard let label = row.range(of: "data-label=\"\(hour)\">") else { return nil }
        let after = row[label.upperBound...]
        return after.range(of: "</td>").map { String(after[..<$0.lowerBound]) }
    }

    @Test(arguments: TestDatabase.available)
    func thePageShowsTheSharesOfTheRegister(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let res = try await send(
                app, .GET, "/assen/openingstijden?datum=\(Self.day)&dag=za", as: .anonymous)
            #expect(res.status == .ok, "\(res.text.prefix(300))")
            let html = res.text
            #expect(html.contains("<h1>Openingstijden in de binnenstad</h1>"))
            #expect(html.contains("<caption>Deel van de vestigingen dat het hele uur open is, op zaterdag"))
            #expect(
                html.contains("<a href=\"/assen/openingstijden?datum=2020-06-01&amp;dag=za\" aria-current=\"page\">"))

            let kruisstraat = try await Self.expected(app, hour: 11, street: Self.street)
            #expect(kruisstraat.businesses > 20 && kruisstraat.open > 0, "the demo's busiest street")
            #expect(kruisstraat.open < kruisstraat.businesses, "not everyone is open on a Saturday morning")
            #expect(
                Self.cell(html, row: Self.street, hour: "11:00–12:00")
                    == Self.percent(kruisstraat.open, of: kruisstraat.businesses))
            #expect(html.contains("\(Self.street) <span class=\"small\">\(kruisstraat.businesses) vestigingen</span>"))

            let centre = try await Self.expected(app, hour: 11, street: nil)
            #expect(
                Self.cell(html, row: "Hele binnenstad", hour: "11:00–12:00")
                    == Self.percent(centre.open, of: centre.businesses))
            let core = try await Self.expected(app, hour: 11, street: nil, core: true)
            #expect(core.businesses < centre.businesses)
            #expect(
                Self.cell(html, row: "Kernwinkelgebied", hour: "11:00–12:00")
                    == Self.percent(core.open, of: core.businesses))
            // An hour at which nobody is open has no column.
            #expect(try await Self.expected(app, hour: 5, street: nil).open == 0)
            #expect(!html.contains("data-label=\"05:00–06:00\""))

            // Shade and text together, and the proposal's sentence for the core.
            #expect(html.contains("class=\"share share-"))
            #expect(
                html.contains(
                    "Minstens de helft van de \(core.businesses) vestigingen in het kernwinkelgebied is open op <strong>"
                ))
            #expect(html.contains("<th scope=\"row\">zaterdag</th>"))
            #expect(html.contains("Van alle 434 vestigingen geeft het register de openingstijden."))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theAPIGivesTheSameFigures(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let res = try await send(app, .GET, "api/v1/centres/assen/opening-hours?date=\(Self.day)", as: .anonymous)
            #expect(res.status == .ok, "\(res.text.prefix(300))")
            #expect(res.headers.first(name: .eTag) != nil, "served from the public cache")
            let answer = try res.json(OpeningHoursDTO.self)
            #expect(answer.date == Self.day)
            #expect(answer.coreZone == "kernwinkelgebied")
            #expect(answer.businesses == answer.centre.businesses + answer.withoutHours)
            #expect(answer.streets.map(\.businesses).reduce(0, +) == answer.centre.businesses)
            #expect(answer.streets.map(\.name) == answer.streets.map(\.name).sorted())

            let street = try #require(answer.streets.first { $0.name == Self.street })
            let saturday = street.days[5]
            #expect(saturday.weekday == "za")
            #expect(saturday.open.count == 24)
            let expected = try await Self.expected(app, hour: 11, street: Self.street)
            #expect(saturday.open[11] == expected.open)
            #expect(street.businesses == expected.businesses)
            let core = try await Self.expected(app, hour: 11, street: nil, core: true)
            #expect(answer.core.days[5].open[11] == core.open && answer.core.businesses == core.businesses)

            // The page says what the API says, hour by hour, for the whole centre on Saturday.
            let page = try await send(app, .GET, "/assen/openingstijden?datum=\(Self.day)&dag=za", as: .anonymous)
            for hour in 0..<24 where answer.centre.days[5].open[hour] > 0 {
                let label = "\(OpeningShare.clock(hour: hour))–\(OpeningShare.clock(hour: hour + 1))"
                #expect(
                    Self.cell(page.text, row: "Hele binnenstad", hour: label)
                        == Self.percent(answer.centre.days[5].open[hour], of: answer.centre.businesses))
            }
            #expect(page.text.contains("<strong>\(answer.coreMostlyOpen)</strong>"))
            // "At least half" in the spans is half or more of the core's businesses, hour by hour.
            for span in answer.core.days[5].mostlyOpen {
                let from = Int(span.from.prefix(2))!
                let until = Int(span.until.prefix(2))!
                for hour in from..<until { #expect(answer.core.days[5].open[hour] * 2 >= answer.core.businesses) }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBadDateOrDayIsRefusedInDutch(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let page = try await send(app, .GET, "/assen/openingstijden?datum=morgen", as: .anonymous)
            #expect(page.status == .badRequest)
            #expect(
                page.text.contains("&#39;morgen&#39; is geen datum") || page.text.contains("'morgen' is geen datum"))
            let day = try await send(app, .GET, "/assen/openingstijden?dag=zaterdag", as: .anonymous)
            #expect(day.status == .badRequest)
            #expect(day.text.contains("is geen dag; kies uit ma, di, wo, do, vr, za, zo"))

            let api = try await send(app, .GET, "api/v1/centres/assen/opening-hours?date=31-02-2020", as: .anonymous)
            #expect(api.status == .badRequest)
            #expect(api.isProblem)
            let problem = try api.json(Problem.self)
            #expect(problem.errors?.first?.field == "date")
            #expect(problem.errors?.first?.message.contains("is geen datum") == true)

            // Without a date: the clock's day; a centre that is not there is not found.
            #expect(try await send(app, .GET, "/assen/openingstijden", as: .anonymous).status == .ok)
            #expect(try await send(app, .GET, "/nergens/openingstijden", as: .anonymous).status == .notFound)
        }
    }

    /// The shades follow "at least half" exactly, counted in whole numbers; the percent never rounds to nobody
    /// or everyone.
    @Test func shadesAndPercents() {
        #expect(OpeningHoursPage.percent(open: 5, of: 8) == "63 %")
        #expect(OpeningHoursPage.percent(open: 1, of: 434) == "< 1 %")
        #expect(OpeningHoursPage.percent(open: 433, of: 434) == "> 99 %")
        #expect(OpeningHoursPage.percent(open: 0, of: 434) == "0 %")
        #expect(OpeningHoursPage.percent(open: 0, of: 0) == "—")
        #expect(OpeningHoursPage.shade(open: 0, of: 8) == 0)
        #expect(OpeningHoursPage.shade(open: 1, of: 8) == 1)
        #expect(OpeningHoursPage.shade(open: 2, of: 8) == 2)
        #expect(OpeningHoursPage.shade(open: 4, of: 8) == 3)
        #expect(OpeningHoursPage.shade(open: 5, of: 8) == 3)
        #expect(OpeningHoursPage.shade(open: 6, of: 8) == 4)
        #expect(OpeningHoursPage.shade(open: 0, of: 0) == 0)
    }
}
