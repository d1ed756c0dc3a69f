import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// A refused form as the page shows it (issue 12, item 4): one summary directly above the form
/// that was sent, taking the focus; each problem with its Dutch label, linking to an input that is
/// in the page; each input with a problem marked and tied to its own message.
struct RefusedForm {
    let html: String
    let summary: String

    /// The page of a refused form, or a test failure when it has no single summary.
    init(_ res: TestingHTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(res.status == .unprocessableEntity, sourceLocation: sourceLocation)
        html = res.text
        let summaries = html.ranges(of: #"class="error-summary""#)
        #expect(summaries.count == 1, "one summary on the page", sourceLocation: sourceLocation)
        let start = try #require(html.range(of: #"<div class="error-summary""#), sourceLocation: sourceLocation)
        let end = try #require(html[start.upperBound...].range(of: "</div>"), sourceLocation: sourceLocation)
        summary = String(html[start.lowerBound..<end.upperBound])
    }

    /// The summary's lines, as text.
    var lines: [String] {
        matches(##"<li><a href="#[^"]+">([^<]*)</a></li>"##, in: summary).map {
            $0.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
        }
    }

    /// The ids the summary links to.
    var targets: [String] { matches(##"href="#([^"]+)""##, in: summary) }

    /// The opening tag of the element with this id, if the page has one.
    func tag(_ id: String) -> String? {
        matches(#"(<[a-z]+ [^>]*\bid=""# + NSRegularExpression.escapedPattern(for: id) + #""[^>]*>)"#, in: html).first
    }

    /// Checks the summary and the inputs: `invalid` are the ids of the inputs that must be marked,
    /// `labels` the Dutch labels the summary must use, `keys` the field names it must not show.
    func check(
        form action: String, invalid: [String], labels: [String], keys: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(summary.contains(#"role="alert""#), sourceLocation: sourceLocation)
        #expect(summary.contains(#"tabindex="-1""#) && summary.contains("autofocus"), sourceLocation: sourceLocation)
        #expect(!lines.isEmpty, "the summary lists the problems", sourceLocation: sourceLocation)
        for target in targets {
            #expect(
                tag(target) != nil, "the summary links to #\(target), which is in the page",
                sourceLocation: sourceLocation)
        }
        for id in invalid {
            #expect(targets.contains(id), "the summary links to #\(id)", sourceLocation: sourceLocation)
            let input = tag(id) ?? ""
            #expect(
                input.contains(#"aria-invalid="true""#), "\(id) is marked invalid: \(input)",
                sourceLocation: sourceLocation)
            let described = matches(#"aria-describedby="([^"]+)""#, in: input).first ?? ""
            let message = matches(
                #"<[a-z]+ [^>]*\bid=""# + NSRegularExpression.escapedPattern(for: described) + #""[^>]*>([^<]+)<"#,
                in: html
            ).first
            #expect(
                message?.isEmpty == false, "\(id) is described by its message #\(described)",
                sourceLocation: sourceLocation)
        }
        for label in labels {
            #expect(
                lines.contains { $0.hasPrefix(label + ": ") }, "a line starts with \(label):",
                sourceLocation: sourceLocation)
        }
        for key in keys {
            #expect(
                !summary.contains(key + ":"), "no internal key '\(key):' in \(lines)", sourceLocation: sourceLocation)
        }
        // Directly above the form that was sent: the next form after the summary is that form.
        let after = html[html.range(of: summary)!.upperBound...]
        let next = matches(#"<form[^>]*action="([^"]*)""#, in: String(after)).first
        #expect(
            next == action, "the summary stands directly above the form posting to \(action)",
            sourceLocation: sourceLocation)
    }
}

private func matches(_ pattern: String, in text: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: pattern)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
        Range($0.range(at: 1), in: text).map { String(text[$0]) }
    }
}

@Suite("Error summaries of refused forms")
struct ErrorSummaryTests {
    @Test(arguments: TestDatabase.available)
    func theActionFormNamesItsFieldsInDutchAndLinksToThem(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let action = try #require(try await demoActions(app).first)
            let path = Web.editAction.link("assen", action.id)
            let res = try await send(
                app, .POST, path,
                form: [
                    ("title", ""), ("themeLine", "A"), ("keyPoint", "EO1"), ("lead", "gemeente"),
                    ("budget", "tien euro"), ("horizon", "kort"), ("priority", "normaal"), ("status", "gepland"),
                ])
            let page = try RefusedForm(res)
            page.check(
                form: path, invalid: ["title", "keyPoint", "budget"], labels: ["Titel", "Kernpunt", "Budget"],
                keys: ["title", "keyPoint", "budget"])
            #expect(page.summary.contains("Niets opgeslagen"))
            // The page before the form is short; the summary sits right under the heading.
            #expect(res.text.range(of: "<h1>")!.lowerBound < res.text.range(of: page.summary)!.lowerBound)
            let good = try await send(app, .GET, path)
            #expect(!good.text.contains("error-summary") && !good.text.contains("aria-invalid"))
        }
    }

    @Test func theKeyPointFormAndTheNewPlanFormToo() async throws {
        try await withStadshart(.sqlite) { app in
            let path = Web.newKeyPoint.link("assen", "A")
            let page = try RefusedForm(try await send(app, .POST, path, form: [("code", ""), ("title", "")]))
            page.check(form: "", invalid: ["code", "title"], labels: ["Code", "Titel"], keys: ["code", "title"])

            let plan = try RefusedForm(
                try await send(app, .POST, Web.newPlan.link("assen"), form: [("year", "volgend jaar")]))
            plan.check(form: Web.newPlan.link("assen"), invalid: ["year"], labels: ["Jaar"], keys: ["year"])
        }
    }

    /// The adoption form is at the end of a page thousands of pixels long: the refusal stands
    /// right above it, and links to the list of what is missing.
    @Test func theAdoptionRefusalStandsAboveTheAdoptionForm() async throws {
        try await withStadshart(.sqlite) { app in
            let adopt = Web.adopt.link("assen", 2019)
            let refused = try RefusedForm(
                try await send(
                    app, .POST, adopt,
                    form: [("party", "gemeente"), ("adoptedBy", "M. Jansen"), ("date", "2018-12-11")],
                    as: .bestuurGemeente))
            refused.check(form: adopt, invalid: [], labels: [], keys: [])
            #expect(refused.targets == ["ontbreekt"])
            #expect(refused.lines.first?.contains("niet compleet") == true)
            let top = refused.html.range(of: #"id="vaststellen""#)!.lowerBound
            #expect(top < refused.html.range(of: refused.summary)!.lowerBound)

            let wrong = try RefusedForm(
                try await send(
                    app, .POST, adopt, form: [("party", "gemeente"), ("adoptedBy", ""), ("date", "gisteren")],
                    as: .bestuurGemeente))
            wrong.check(
                form: adopt, invalid: ["adoptedBy", "adoptDate"], labels: ["Namens het bestuur", "Datum"],
                keys: ["adoptedBy", "date"])
        }
    }

    @Test func theProgressNoteAndTheMeasurement() async throws {
        try await withStadshart(.sqlite) { app in
            let action = try #require(try await demoActions(app).first)
            let note = Web.addProgress.link("assen", action.id)
            let refused = try RefusedForm(try await send(app, .POST, note, form: [("date", "ooit"), ("text", "")]))
            refused.check(
                form: note, invalid: ["noteDate", "noteText"], labels: ["Datum", "Wat is er gebeurd"],
                keys: ["date", "text"])

            let record = Web.recordMeasurement.link("assen", "waardering")
            let score = try RefusedForm(
                try await send(
                    app, .POST, record, form: [("gebied", "binnenstad"), ("datum", "2020-05-01"), ("waarde", "12")]))
            score.check(form: record, invalid: ["waarde"], labels: ["Waarde"], keys: ["waarde"])
            #expect(score.summary.contains(#"id="measurement-problems""#))
            #expect(score.html.contains(#"value="12""#))
        }
    }

    @Test func theIndicatorFormAndTheAreaForm() async throws {
        try await withStadshart(.sqlite) { app in
            let path = Web.newIndicator.link("assen")
            let page = try RefusedForm(
                try await send(
                    app, .POST, path,
                    form: [
                        ("key", "Met Spaties"), ("name", ""), ("unit", "aantal"), ("direction", "hoger"),
                        ("targetDate", "ooit"),
                    ]))
            page.check(
                form: path, invalid: ["key", "name", "targetDate"], labels: ["Sleutel", "Naam", "Doel: streefdatum"],
                keys: ["key", "name", "targetDate"])

            let areas = Web.monitorAreas.link("assen")
            let area = try RefusedForm(
                try await send(app, .POST, areas, form: [("key", "-"), ("name", ""), ("reference", "ja")]))
            area.check(
                form: areas, invalid: ["areaKey", "areaName"], labels: ["Sleutel", "Naam"], keys: ["key", "name"])
        }
    }

    @Test func thePremisesFormsEachShowTheirOwnSummary() async throws {
        try await withStadshart(.sqlite, register: true) { app in
            let vacant: [PremisesDTO] = try await send(app, .GET, "api/v1/centres/assen/premises?vacant=ja").json()
            let unit = try #require(vacant.first)
            let use = Web.temporaryUse.link("assen", unit.key)
            let refused = try RefusedForm(
                try await send(app, .POST, use, form: [("user", ""), ("from", "2021-03-01"), ("until", "2021-02-01")]))
            refused.check(
                form: use, invalid: ["user", "tuntil"], labels: ["Gebruiker", "Tot"], keys: ["user", "until"])
            // The form that ends the vacancy has an input named "until" too: it is not marked.
            #expect(refused.tag("until")?.contains("aria-invalid") == false)

            let change = Web.plannedChange.link("assen", unit.key)
            let plan = try RefusedForm(
                try await send(app, .POST, change, form: [("to", "kasteel"), ("stage", "gepland")]))
            plan.check(form: change, invalid: ["to"], labels: ["Nieuwe functie"], keys: ["to"])
        }
    }

    /// Item 2 of the issue: after a refused save the facts show what is stored, the form what was sent.
    @Test func aRefusedBusinessFormLeavesTheFactsAsStored() async throws {
        try await withStadshart(.sqlite, register: true) { app in
            let own = try #require(DemoAccounts.accounts.first { $0.email == "ondernemer@assen.demo" }?.grant.subject)
            let path = Web.business.link("assen", own)
            let before = try await send(app, .GET, path, as: .ondernemer).text
            let stored = try #require(matches(#"<dt>Banen[^<]*</dt><dd>([^<]*)</dd>"#, in: before).first)
            let page = try RefusedForm(
                try await send(app, .POST, path, form: [("ma", "18:00-10:00"), ("jobs", "vijf")], as: .ondernemer))
            page.check(
                form: path, invalid: ["ma", "jobs"], labels: ["Openingstijden maandag", "Banen"], keys: ["ma", "jobs"])
            #expect(matches(#"<dt>Banen[^<]*</dt><dd>([^<]*)</dd>"#, in: page.html).first == stored)
            #expect(page.tag("jobs")?.contains(#"value="vijf""#) == true)
            #expect(page.tag("ma")?.contains(#"value="18:00-10:00""#) == true)
        }
    }

    @Test func zonesAndTheImports() async throws {
        try await withStadshart(.sqlite, register: true) { app in
            let zones = Web.zones.link("assen")
            let zone = try RefusedForm(try await send(app, .POST, zones, form: [("key", "met spatie"), ("name", "")]))
            zone.check(form: zones, invalid: ["name"], labels: ["Naam"], keys: ["name"])
            let core = Web.coreZone.link("assen")
            let coreZone = try RefusedForm(try await send(app, .POST, core, form: [("zone", "nergens")]))
            coreZone.check(
                form: core, invalid: ["coreZone"], labels: ["Zone die het kernwinkelgebied is"], keys: ["zone"])

            let csv =
                "sleutel;straat;huisnummer;zone;m2_wvo;functie\nN0002;Kruisstraat;101;kernwinkelgebied;veel;detailhandel\n"
            let session = try await signIn(app, "uitvoeringsteam@assen.demo")
            let (headers, body) = RegisterTransferTests.multipart(
                [("csrf", session.csrf), ("kind", "panden")], file: csv)
            var all = headers
            all.add(contentsOf: session.headers)
            let upload = Web.registerImport.link("assen")
            let imported = try RefusedForm(
                try await app.testing().sendRequest(.POST, upload, headers: all, body: ByteBuffer(string: body)))
            // A line of the file keeps the column name the file has.
            imported.check(form: upload, invalid: ["file"], labels: [], keys: [])
            #expect(imported.lines.contains { $0.hasPrefix("regel 2, m2_wvo: ") })
            #expect(imported.summary.contains("Niets geïmporteerd"))
        }
    }

    @Test func theAccountForms() async throws {
        try await withStadshart(.sqlite) { app in
            let password = Web.changePassword.link()
            let refused = try RefusedForm(
                try await send(
                    app, .POST, password, form: [("current", "fout"), ("new", "kort"), ("repeat", "anders")],
                    as: .beheerder))
            refused.check(
                form: password, invalid: ["current", "new", "repeat"],
                labels: ["Huidig wachtwoord", "Nieuw wachtwoord", "Nieuw wachtwoord nogmaals"],
                keys: ["current", "password", "repeat"])
            let tokens = Web.tokens.link()
            let token = try RefusedForm(
                try await send(app, .POST, tokens, form: [("name", ""), ("days", "9999")], as: .beheerder))
            token.check(
                form: tokens, invalid: ["tokenName", "days"], labels: ["Naam", "Geldig (dagen)"],
                keys: ["name", "days"])

            let accounts = Web.accounts.link("assen")
            let account = try RefusedForm(
                try await send(
                    app, .POST, accounts, form: [("email", "geen-adres"), ("name", ""), ("role", "tafellid")],
                    as: .beheerder))
            account.check(
                form: accounts, invalid: ["email", "name", "themeLine"], labels: ["E-mailadres", "Naam", "Themalijn"],
                keys: ["email", "name", "themeLine"])
        }
    }
}
