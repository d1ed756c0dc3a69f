import Fluent
import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

@Suite("The monitor: KPIs against baseline, target and trajectory")
struct MonitorTests {
    static let api = "api/v1/centres/assen"

    static func status(_ app: Application, _ key: String, _ date: String) async throws -> IndicatorStatusDTO {
        try await send(app, .GET, "\(api)/indicators/\(key)/status?date=\(date)", as: .bestuurVaart).json()
    }

    static func measurementCount(_ app: Application) async throws -> Int {
        try await Measurement.query(on: app.db).count()
    }

    /// "Records the new appreciation survey score and sees the status and forecast change."
    @Test(arguments: TestDatabase.available)
    func recordingASurveyScoreChangesStatusAndForecast(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            // Baseline 6,8 on 2017-01-01, target 7,5 on 2021-12-31: 1825 days. The latest figure, 7,1 on
            // 2020-01-01 (day 1095), lies under the line: 6,8 + 0,7 × 1095/1825 = 7,22.
            let before = try await Self.status(app, "waardering", "2020-06-01")
            #expect(before.status == "behind" && before.value == 7.1 && before.valueDate == "2020-01-01")
            #expect(abs((before.trajectory ?? 0) - 7.22) < 1e-9)
            #expect(before.forecast.outcome == "reached-on" && before.forecast.points == 5)

            // 7,3 on 2020-05-01 (day 1216): the line stands at 6,8 + 0,7 × 1216/1825 = 7,2664, so on course.
            let created = try await send(
                app, .POST, "\(Self.api)/indicators/waardering/measurements",
                json: MeasurementInputDTO(
                    area: "binnenstad", date: "2020-05-01", value: "7,3", basis: nil, source: "survey",
                    note: "Binnenstadsmonitor voorjaar"))
            #expect(created.status == .created)
            let after = try await Self.status(app, "waardering", "2020-06-01")
            #expect(after.status == "on-course" && after.value == 7.3 && after.valueDate == "2020-05-01")
            #expect(abs((after.trajectory ?? 0) - (6.8 + 0.7 * 1216 / 1825)) < 1e-9)
            let beforeDate = try #require(before.forecast.date.flatMap(Day.init(parsing:)))
            let afterDate = try #require(after.forecast.date.flatMap(Day.init(parsing:)))
            #expect(afterDate < beforeDate, "a steeper recent trend reaches 7,5 sooner")

            // The next survey at 7,6 reaches the target (sent as a JSON number, as scripts do).
            let number = try await send(
                app, .POST, "\(Self.api)/indicators/waardering/measurements",
                raw: #"{"area":"binnenstad","date":"2021-01-01","value":7.6,"source":"survey"}"#)
            #expect(number.status == .created)
            let reached = try await Self.status(app, "waardering", "2021-02-01")
            #expect(reached.status == "reached" && reached.forecast.outcome == "already-reached")
            // As of an earlier day, the later figures do not count.
            #expect(try await Self.status(app, "waardering", "2020-06-01").status == "on-course")
        }
    }

    @Test(arguments: TestDatabase.available)
    func badMeasurementsAreRefusedInDutchAndChangeNothing(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let count = try await Self.measurementCount(app)
            let path = "\(Self.api)/indicators/waardering/measurements"
            let tooHigh = try await send(
                app, .POST, path, json: MeasurementInputDTO(area: "binnenstad", date: "2020-05-01", value: "12"))
            #expect(tooHigh.status == .unprocessableEntity)
            let problem: Problem = try tooHigh.json()
            #expect(problem.errors?.contains { $0.field == "waarde" && $0.message.contains("tussen 0 en 10") } == true)

            let duplicate = try await send(
                app, .POST, path, json: MeasurementInputDTO(area: "binnenstad", date: "2020-01-01", value: "7,4"))
            #expect(duplicate.status == .unprocessableEntity)
            #expect(duplicate.text.contains("staat al 7,1"))

            // Jobs come from the register; nobody types them in for the centre itself.
            let computed = try await send(
                app, .POST, "\(Self.api)/indicators/banen/measurements",
                json: MeasurementInputDTO(area: "binnenstad", date: "2020-01-01", value: "4000"))
            #expect(computed.status == .unprocessableEntity)
            #expect(computed.text.contains("berekend uit het register"))

            let future = try await send(
                app, .POST, path, json: MeasurementInputDTO(area: "binnenstad", date: "2999-01-01", value: "7"))
            #expect(future.status == .unprocessableEntity && future.text.contains("ligt in de toekomst"))

            let unknown = try await send(
                app, .POST, path, json: MeasurementInputDTO(area: "groningen", date: "1-13-2020", value: "7"))
            let fields = Set(try unknown.json(Problem.self).errors?.map(\.field) ?? [])
            #expect(fields == ["gebied", "datum"])

            // The same through the page: the form comes back with the message next to the field.
            let page = try await send(
                app, .POST, Web.recordMeasurement.link("assen", "waardering"),
                form: [("gebied", "binnenstad"), ("datum", "gisteren"), ("waarde", "7,2"), ("basis", "geen")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("gisteren&#39; is geen datum") && page.text.contains("value=\"7,2\""))
            #expect(try await Self.measurementCount(app) == count)
        }
    }

    /// "Below the national level" compares units with units and floor area with floor area.
    @Test(arguments: TestDatabase.available)
    func vacancyIsComparedWithTheNationalFigureOnTheSameBasis(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let units = try await Self.status(app, "leegstand-verkooppunten", "2020-01-01")
            let floor = try await Self.status(app, "leegstand-m2", "2020-01-01")
            #expect(units.reference?.area == "nederland" && units.reference?.value == 6.9)
            #expect(floor.reference?.area == "nederland" && floor.reference?.value == 7.4)
            #expect(units.target == 6.9 && floor.target == 7.4)
            // The monitor's plain-SQL reading of the register counts the same as the full models.
            let assen = try await Centre.find(slug: "assen", on: app.db)
            let counts = RegisterCounts(try await RegisterView.load(assen, on: app.db).facts)
            let loaded = try await RegisterStore.load(assen, on: app.db)
            let zoneKeys = Dictionary(uniqueKeysWithValues: loaded.zones.map { ($0.id!, $0.key) })
            let premisesKeys = Dictionary(uniqueKeysWithValues: loaded.premises.map { ($0.id!, $0.key) })
            let fromModels = RegisterFacts.Facts(
                premises: loaded.premises.map { RegisterStore.facts($0, zoneKey: zoneKeys[$0.$zone.id] ?? "") },
                businesses: loaded.businesses.map { RegisterStore.facts($0, premisesKeys: premisesKeys) }, earliest: nil
            )
            for date in ["2015-01-01", "2018-01-01", "2019-07-15", "2020-06-01"] {
                let day = try #require(Day(parsing: date))
                let (vacancy, employment) = RegisterStore.figures(fromModels, at: day, zone: nil, street: nil)
                for measure in RegisterMeasure.allCases {
                    #expect(counts.value(measure, at: day) == measure.value(vacancy, employment), "\(measure) \(date)")
                }
            }
            // The baseline day is the register's own count: 92 of 420.
            let start = try await Self.status(app, "leegstand-verkooppunten", "2018-01-01")
            #expect(abs((start.value ?? 0) - 100.0 * 92 / 420) < 1e-9)

            // A national figure on the other basis only: stored, shown, and not compared.
            let created = try await send(
                app, .POST, "\(Self.api)/indicators/leegstand-verkooppunten/measurements",
                json: MeasurementInputDTO(area: "nederland", date: "2014-01-01", value: "8,0", basis: "m2_wvo"))
            #expect(created.status == .created)
            let early = try await Self.status(app, "leegstand-verkooppunten", "2014-06-01")
            #expect(early.status == "not-comparable")
            #expect(early.explanation?.contains("m² wvo") == true && early.explanation?.contains("niet") == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func measurementsImportAllOrNothingAndAnExportReimportsUnchanged(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let count = try await Self.measurementCount(app)
            let bad = """
                indicator;gebied;datum;waarde;basis;bron;toelichting
                waardering;binnenstad;2021-01-01;7,4;;survey;voorjaar
                top25;binnenstad;2021-01-01;24,5;;other;
                """
            let refused = try await send(app, .POST, "\(Self.api)/measurements/import", raw: bad)
            #expect(refused.status == .unprocessableEntity)
            let problem: Problem = try refused.json()
            #expect(problem.errors?.map(\.line) == [3] && problem.errors?.first?.field == "waarde")
            #expect(try await Self.measurementCount(app) == count)

            let good = bad.replacingOccurrences(of: "24,5", with: "24")
            let summary: ImportSummary = try await send(app, .POST, "\(Self.api)/measurements/import", raw: good).json()
            #expect(summary.created == 2 && summary.unchanged == 0)
            #expect(try await Self.measurementCount(app) == count + 2)
            #expect(try await Self.status(app, "top25", "2021-06-01").status == "reached")

            let export = try await send(app, .GET, "\(Self.api)/measurements.csv")
            #expect(export.headers.contentType?.subType == "csv")
            let again: ImportSummary = try await send(
                app, .POST, "\(Self.api)/measurements/import", raw: export.text
            ).json()
            #expect(again.created == 0 && again.unchanged == count + 2)

            let json: [MeasurementDTO] = try await send(app, .GET, "\(Self.api)/measurements").json()
            #expect(json.count == count + 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDeletedMeasurementLeavesAnAuditEntry(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let all: [MeasurementDTO] = try await send(app, .GET, "\(Self.api)/indicators/waardering/measurements")
                .json()
            let latest = try #require(all.first { $0.date == "2020-01-01" }?.id)
            #expect(try await send(app, .DELETE, "\(Self.api)/measurements/\(latest)").status == .noContent)
            #expect(try await Self.status(app, "waardering", "2020-06-01").valueDate == "2019-01-01")
            let entry = try await AuditEntry.query(on: app.db).filter(\.$kind == "meting")
                .filter(\.$event == "verwijderd").first()
            #expect(entry?.summary.contains("Waardering door bezoekers") == true)
            #expect(entry?.userID != nil)
            #expect(try await send(app, .DELETE, "\(Self.api)/measurements/\(latest)").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theDashboardReportAndPublicPageShowTheKPIs(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let dashboard = try await send(
                app, .GET, Web.monitor.link("assen") + "?date=2020-06-01", as: .bestuurGemeente)
            #expect(dashboard.status == .ok)
            for key in ["banen", "vestigingen", "leegstand-verkooppunten", "leegstand-m2", "waardering", "top25"] {
                #expect(dashboard.text.contains("id=\"kpi-\(key)\""))
            }
            #expect(dashboard.text.contains("lopen achter"))
            #expect(dashboard.text.contains("Gemeentelijke duurzaamheidsindex"))

            let indicator = try await send(app, .GET, Web.indicator.link("assen", "waardering") + "?date=2020-06-01")
            #expect(indicator.status == .ok)
            #expect(indicator.text.contains("<svg") && indicator.text.contains("measurement-form"))
            #expect(indicator.text.contains("Acties die eraan bijdragen (jaarplan 2019)"))

            let report = try await send(
                app, .GET, Web.monitorReport.link("assen") + "?date=2020-01-01", as: .tafellidA)
            #expect(report.status == .ok)
            #expect(report.text.contains("Stand van de binnenstad") && report.text.contains("1 januari 2020"))
            #expect(report.text.contains("Jaarplan 2019") && report.text.contains("id=\"report-kpis\""))
            let plan = try await demoActions(app)
            #expect(report.text.contains(plan[0].title.replacingOccurrences(of: "'", with: "&#39;")))

            // The public sees the agreement's KPIs and none of the internal notes.
            let open = try await send(app, .GET, Web.progress.link("assen"), as: .anonymous)
            #expect(open.status == .ok && open.text.contains("id=\"kpi-waardering\""))
            #expect(!open.text.contains("synthetisch (demo)") && !open.text.contains("Toelichting"))
            let note = try #require(try await Indicator.query(on: app.db).filter(\.$key == "waardering").first()?.note)
            #expect(!open.text.contains(note))
            // The public sees no "future": a date after today reads as today.
            let later: [PublicKPIDTO] = try await send(
                app, .GET, "\(Self.api)/kpis?date=2999-12-31", as: .anonymous
            ).json()
            let today: [PublicKPIDTO] = try await send(app, .GET, "\(Self.api)/kpis", as: .anonymous).json()
            #expect(later.map(\.valueDate) == today.map(\.valueDate) && later.map(\.status) == today.map(\.status))
            let kpis = try await send(app, .GET, "\(Self.api)/kpis", as: .anonymous)
            #expect(kpis.status == .ok && !kpis.text.contains("note"))
            #expect(try kpis.json([PublicKPIDTO].self).count == 6)

            #expect(try await send(app, .GET, Web.monitor.link("assen"), as: .anonymous).status == .seeOther)
            #expect(try await send(app, .GET, Web.monitor.link("assen"), as: .ondernemer).status == .forbidden)
        }
    }
}

@Suite("Defining indicators")
struct IndicatorDefinitionTests {
    static let api = "api/v1/centres/assen"

    @Test(arguments: TestDatabase.available)
    func anIndicatorIsDefinedCheckedAndChangedWithItsHistory(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let before = try await Indicator.query(on: app.db).count()
            let bad = try await send(
                app, .POST, "\(Self.api)/indicators",
                raw:
                    #"{"key":"passanten","name":"","unit":"count","direction":"higher","group":"image-and-experience","source":"other","area":"nederland","baselineValue":"veel","baselineDate":"2019-01-01","targetDate":"2018-01-01"}"#
            )
            #expect(bad.status == .unprocessableEntity)
            let fields = Set(try bad.json(Problem.self).errors?.map(\.field) ?? [])
            #expect(fields == ["name", "area", "baselineValue", "targetDate", "targetValue"])
            #expect(try await Indicator.query(on: app.db).count() == before)

            let created = try await send(
                app, .POST, "\(Self.api)/indicators",
                raw:
                    #"{"key":"passanten","name":"Passanten op het Koopmansplein","unit":"count","direction":"higher","group":"image-and-experience","source":"other","area":"binnenstad","baselineValue":"12.500","baselineDate":"2019-01-01","targetValue":"15.000","targetDate":"2021-12-31","themeLines":["D","F"],"agreement":false}"#
            )
            #expect(created.status == .created)
            let dto: IndicatorDTO = try created.json()
            #expect(dto.baseline.value == 12_500 && dto.target.value == 15_000 && dto.themeLines == ["D", "F"])

            let changed = try await send(
                app, .PATCH, "\(Self.api)/indicators/passanten", raw: #"{"targetValue":"16.000","key":"andere"}"#)
            #expect(changed.status == .ok)
            #expect(try changed.json(IndicatorDTO.self).target.value == 16_000)
            #expect(try changed.json(IndicatorDTO.self).key == "passanten")
            let entry = try #require(
                try await AuditEntry.query(on: app.db).filter(\.$kind == "indicator").filter(\.$event == "gewijzigd")
                    .first())
            #expect(Audit.changes(of: entry).map(\.field) == ["streefwaarde"])
            #expect(Audit.changes(of: entry).first?.after.hasPrefix("16.000") == true)

            // The unit of an indicator with measurements stays.
            let unit = try await send(app, .PATCH, "\(Self.api)/indicators/waardering", raw: #"{"unit":"percent"}"#)
            #expect(unit.status == .unprocessableEntity && unit.text.contains("eenheid ligt vast"))
            let basis = try await send(
                app, .PATCH, "\(Self.api)/indicators/waardering", raw: #"{"basis":"floor-area"}"#)
            #expect(basis.status == .unprocessableEntity && basis.text.contains("basis ligt vast"))

            // Through the form: the new indicator's page opens after saving.
            let form = try await send(
                app, .POST, Web.newIndicator.link("assen"),
                form: [
                    ("key", "fietsparkeren"), ("name", "Bezetting fietsenstallingen"), ("unit", "percent"),
                    ("direction", "lower"), ("basis", "none"), ("group", "sustainable-development"),
                    ("source", "survey"), ("area", "binnenstad"), ("baselineValue", "85"),
                    ("baselineDate", "2019-01-01"), ("targetValue", "70"), ("targetDate", "2022-01-01"),
                    ("themeLines", "C"),
                ])
            #expect(form.status == .seeOther)
            #expect(form.headers.first(name: .location) == Web.indicator.link("assen", "fietsparkeren"))
            let refused = try await send(
                app, .POST, Web.newIndicator.link("assen"), form: [("key", "fietsparkeren"), ("name", "Dubbel")])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("al in gebruik"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aReferenceAreaIsAddedAndUsedAsATarget(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let created = try await send(
                app, .POST, "\(Self.api)/areas", raw: #"{"key":"drenthe","name":"Provincie Drenthe","reference":true}"#)
            #expect(created.status == .created)
            let again = try await send(
                app, .POST, "\(Self.api)/areas", raw: #"{"key":"drenthe","name":"Nog eens"}"#)
            #expect(again.status == .unprocessableEntity && again.text.contains("al in gebruik"))
            let form = try await send(
                app, .POST, Web.monitorAreas.link("assen"), form: [("key", "-"), ("name", ""), ("reference", "ja")])
            #expect(form.status == .unprocessableEntity && form.text.contains("vul de naam in"))
            let areas: [AreaDTO] = try await send(app, .GET, "\(Self.api)/areas", as: .tafellidA).json()
            #expect(areas.filter { $0.key == "drenthe" }.map(\.reference) == [true])
            // The new area is a target an indicator can be measured against.
            let indicator = try await send(
                app, .PATCH, "\(Self.api)/indicators/waardering",
                raw: #"{"targetValue":"","targetReference":"drenthe"}"#)
            #expect(indicator.status == .ok)
            _ = try await send(
                app, .POST, "\(Self.api)/indicators/waardering/measurements",
                json: MeasurementInputDTO(area: "drenthe", date: "2020-01-01", value: "7,0"))
            let status: IndicatorStatusDTO = try await send(
                app, .GET, "\(Self.api)/indicators/waardering/status?date=2020-06-01"
            ).json()
            #expect(status.reference?.area == "drenthe" && status.status == "reached")
        }
    }
}
