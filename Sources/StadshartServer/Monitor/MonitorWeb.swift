import Fluent
import Foundation
import StadshartCore
import Vapor

/// The monitor's pages: the dashboard the steering group opens at every meeting, one page per
/// indicator, the printable "Stand van de binnenstad", the import, and the public progress page.
enum MonitorWeb {
    struct Tile: Encodable {
        var key: String
        var name: String
        var link: String
        var value: String
        var valueDate: String
        var baseline: String
        var target: String
        var status: String
        var statusLabel: String
        var trajectory: String
        var forecast: String
        var explanation: String?
        var sparkline: String
        var group: String
        var area: String
        var source: String
    }

    struct Group: Encodable {
        var label: String
        var rows: [Tile]
    }

    struct DashboardPage: Encodable {
        var layout: Layout
        var date: String
        var dateLabel: String
        var synthetic: Bool
        var behind: [Tile]
        /// KPIs with no figure, or none to compare with: not "behind", but not fine either.
        var unclear: [Tile]
        var tiles: [Tile]
        var groups: [Group]
        var reportLink: String
        var importLink: String?
        var newIndicatorLink: String
        var csvLink: String
        var publicLink: String
    }

    static func register(_ routes: Pages) {
        routes.get(Web.monitor, .centre(.readMonitor)) { req in
            try await req.view.render("monitor", dashboard(req))
        }
        routes.get(Web.indicator, .centre(.readMonitor)) { req in
            try await req.view.render("indicator", indicatorPage(req))
        }
        routes.post(Web.recordMeasurement, .centre(.editMonitor)) { req -> Response in
            let centre = try req.centre
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let indicator = try MonitorStore.indicator(loaded, key: req.parameter("key"))
            let form = FormBody(req)
            var values: [String: String] = [:]
            for field in ["gebied", "datum", "waarde", "basis", "bron", "toelichting"] { values[field] = form[field] }
            do {
                let row = try MonitorService.check(values, indicator: indicator, loaded: loaded, today: req.today)
                _ = try await MonitorService.record(row, loaded: loaded, by: req.actor, on: req.db)
            } catch let invalid as InvalidInput {
                return try await req.rerender(
                    "indicator", indicatorPage(req, problems: invalid.problems, values: values))
            }
            return req.seeOther(
                Web.indicator.link(centre.slug, indicator.key) + "#metingen",
                notice: "Meting vastgelegd: \(values["waarde"] ?? "") op \(values["datum"] ?? "").")
        }
        routes.confirm(Web.deleteMeasurement, .centre(.editMonitor)) { req in
            let centre = try req.centre
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let measurement = try req.routeMeasurement(loaded)
            let indicator = loaded.indicators.first { $0.id == measurement.$indicator.id }
            let area = loaded.areas.first { $0.id == measurement.$area.id }?.name ?? ""
            let day = Day(parsing: measurement.date)?.dutch ?? measurement.date
            let value = indicator.map { $0.unitValue.format(measurement.value) } ?? "\(measurement.value)"
            return (
                Confirmation(
                    heading: "Meting van \(day) verwijderen?",
                    lines: [
                        "\(indicator?.name ?? "Indicator"), \(area): \(value) op \(day), vastgelegd door \(measurement.recordedBy).",
                        "De meting telt dan niet meer mee in de stand, de trend en het verslag. Het logboek houdt de waarde bij.",
                    ],
                    button: "Ja, meting verwijderen",
                    back: Web.indicator.link(centre.slug, indicator?.key ?? "") + "#metingen"),
                try await Layout.centre("Meting verwijderen", centre, request: req)
            )
        }
        routes.post(Web.deleteMeasurement, .centre(.editMonitor)) { req -> Response in
            let centre = try req.centre
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let measurement = try req.routeMeasurement(loaded)
            try await MonitorService.delete(measurement, loaded: loaded, by: req.actor, on: req.db)
            let key = loaded.indicators.first { $0.id == measurement.$indicator.id }?.key ?? ""
            let day = Day(parsing: measurement.date)?.dutch ?? measurement.date
            return req.seeOther(
                Web.indicator.link(centre.slug, key) + "#metingen", notice: "Meting van \(day) verwijderd.")
        }
        routes.get(Web.monitorReport, .centre(.readMonitor)) { req in
            try await req.view.render("monitor-report", report(req))
        }
        routes.get(Web.monitorImport, .centre(.editMonitor)) { req in
            try await req.view.render("monitor-import", importPage(req))
        }
        routes.post(Web.monitorImport, .centre(.editMonitor)) { req -> Response in
            let centre = try req.centre
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let upload = try req.content.decode(RegisterTransfer.Upload.self)
            var page = try await importPage(req)
            do {
                page.summary = try await MonitorService.importCSV(
                    try upload.file.map { try TextRules.utf8($0.data.readableBytesView) } ?? "", loaded: loaded,
                    dryRun: upload.dryRun != nil,
                    by: req.actor, on: req.db)
                return try await req.view.render("monitor-import", page).encodeResponse(for: req)
            } catch let invalid as InvalidInput {
                page.failed = importFields.errors(invalid.problems, heading: FormErrors.notImported)
                return try await req.rerender("monitor-import", page)
            }
        }
        routes.post(Web.monitorAreas, .centre(.editMonitor)) { req -> Response in
            let centre = try req.centre
            let form = FormBody(req)
            do {
                _ = try await MonitorService.addArea(
                    AreaInput(key: form["key"], name: form["name"], reference: form["reference"] == "ja"),
                    loaded: MonitorStore.load(centre, on: req.db), by: req.actor, on: req.db)
            } catch let invalid as InvalidInput {
                var page = try await importPage(req)
                page.failed = areaFields.errors(invalid.problems)
                page.areaInput = AreaInput(key: form["key"], name: form["name"], reference: form["reference"] == "ja")
                return try await req.rerender("monitor-import", page)
            }
            return req.seeOther(
                Web.monitorImport.link(centre.slug) + "#gebieden", notice: "Gebied '\(form["name"] ?? "")' toegevoegd.")
        }
        routes.get(Web.measurementsCSV, .centre(.readMonitor)) { req in
            let centre = try req.centre
            let loaded = try await MonitorStore.load(centre, on: req.db)
            return CSVDownload.response(
                MeasurementCSV.encode(MonitorStore.rows(loaded)), filename: "metingen-\(centre.slug).csv")
        }
        routes.publicPage(Web.progress) { req in
            try await req.view.render("progress", publicPage(req))
        }
    }

    static func tile(_ view: IndicatorView, slug: String) -> Tile {
        let assessment = view.assessment
        return Tile(
            key: view.indicator.key, name: view.indicator.name,
            link: Web.indicator.link(slug, view.indicator.key) + "?date=\(assessment.asOf)",
            value: view.format(assessment.latest?.value), valueDate: assessment.latest?.date.dutch ?? "—",
            baseline: view.baselineText, target: view.targetText, status: assessment.status.rawValue,
            statusLabel: assessment.status.label, trajectory: view.format(assessment.trajectoryValue),
            forecast: view.forecastText, explanation: assessment.explanation,
            sparkline: SVG.sparkline(
                view.comparableOwn, target: assessment.targetValue, unit: view.unit,
                title: "\(view.indicator.name): verloop en doel"),
            group: view.indicator.groupValue.label, area: view.area.name,
            source: view.indicator.sourceValue.label)
    }

    /// The public pages show no "future": a date after today is read as today.
    /// The economic agenda's groups with their indicators (the agreement's KPIs are the tiles above).
    static func groups(_ views: [IndicatorView], slug: String) -> [Group] {
        IndicatorGroup.allCases.compactMap { group in
            let rows = views.filter { !$0.indicator.agreement && $0.indicator.groupValue == group }
            return rows.isEmpty ? nil : Group(label: group.label, rows: rows.map { tile($0, slug: slug) })
        }
    }

    static func dashboard(_ req: Request) async throws -> DashboardPage {
        let (centre, _, views, day) = try await req.monitorViews()
        let tiles = views.filter(\.indicator.agreement).map { tile($0, slug: centre.slug) }
        return DashboardPage(
            layout: try await Layout.centre("Monitor — \(centre.name)", centre, request: req), date: day.description,
            dateLabel: day.dutch, synthetic: centre.registerSynthetic,
            behind: tiles.filter { $0.status == CourseStatus.behind.rawValue },
            unclear: tiles.filter {
                [CourseStatus.noData.rawValue, CourseStatus.notComparable.rawValue].contains($0.status)
            }, tiles: tiles,
            groups: groups(views, slug: centre.slug),
            reportLink: Web.monitorReport.link(centre.slug) + "?date=\(day)",
            importLink: Access.allows(req.grants, .editMonitor, in: centre.slug)
                ? Web.monitorImport.link(centre.slug) : nil,
            newIndicatorLink: Web.newIndicator.link(centre.slug), csvLink: Web.measurementsCSV.link(centre.slug),
            publicLink: Web.progress.link(centre.slug))
    }

    struct MeasurementLine: Encodable {
        var date: String
        var area: String
        var value: String
        var basis: String
        var source: String
        var note: String
        var recordedBy: String
        var computed: Bool
        var deleteLink: String?
    }

    struct ActionLine: Encodable {
        var title: String
        var link: String
        var themeLine: String
        var status: String
    }

    struct IndicatorPage: Encodable {
        var layout: Layout
        var date: String
        var tile: Tile
        var description: String
        var goal: String
        var themeLines: [String]
        var owner: String
        var unit: String
        var direction: String
        var basis: String
        var computed: Bool
        var note: String
        var reference: String?
        var otherBasis: Int
        var chart: String
        var measurements: [MeasurementLine]
        var canRecord: Bool
        var editLink: String?
        var postLink: String
        var areas: [SelectOption]
        var bases: [SelectOption]
        var sources: [SelectOption]
        var values: [String: String]
        var failed: FormErrors?
        var planYear: Int?
        var actions: [ActionLine]
        var backLink: String
    }

    /// The measurement form on an indicator's page; its names are the columns of the CSV.
    static let measurementFields = FormFields(
        form: "measurement",
        labels: [
            ("gebied", "Gebied"), ("datum", "Peildatum"), ("waarde", "Waarde"), ("basis", "Basis"), ("bron", "Bron"),
            ("toelichting", "Toelichting"),
        ])

    static func indicatorPage(_ req: Request, problems: [FieldProblem] = [], values: [String: String] = [:])
        async throws -> IndicatorPage
    {
        let (centre, loaded, views, day) = try await req.monitorViews()
        let key = try req.parameter("key")
        guard let view = views.first(where: { $0.indicator.key == key }) else {
            throw StadshartError.notFound("Indicator '\(key)' bestaat niet.")
        }
        let canRecord = Access.allows(req.grants, .editMonitor, in: centre.slug)
        let unit = view.unit
        var lines = view.stored.compactMap { measurement -> MeasurementLine? in
            guard let area = loaded.area(measurement.$area.id) else { return nil }
            return MeasurementLine(
                date: measurement.date, area: area.name, value: unit.format(measurement.value),
                basis: (Basis(rawValue: measurement.basis) ?? .none).label,
                source: measurement.source.flatMap(IndicatorSource.init(rawValue:))?.label ?? "—",
                note: measurement.note, recordedBy: measurement.recordedBy, computed: false,
                deleteLink: canRecord ? measurement.id.map { Web.deleteMeasurement.link(centre.slug, $0) } : nil)
        }
        if view.isComputed {
            lines += view.own.map {
                MeasurementLine(
                    date: $0.date.description, area: view.area.name, value: unit.format($0.value),
                    basis: $0.basis.label,
                    source: IndicatorSource.computed.label, note: "", recordedBy: "", computed: true, deleteLink: nil)
            }
        }
        lines.sort { ($0.date, $0.area) > ($1.date, $1.area) }
        // Sorted on the ISO day, shown as people read it.
        lines = lines.map { line in
            var line = line
            line.date = Day(parsing: line.date)?.dutch ?? line.date
            return line
        }
        let (year, actions, themeLineNames) = try await serving(
            view.indicator.themeLineCodes, centre: centre, day: day, on: req.db)
        var form = values
        if form["gebied"] == nil {
            form["gebied"] = view.isComputed ? (view.referenceArea?.key ?? "") : view.area.key
        }
        if form["datum"] == nil { form["datum"] = req.today.description }
        if form["basis"] == nil { form["basis"] = view.indicator.basisValue.csvName }
        if form["bron"] == nil { form["bron"] = view.isComputed ? "" : view.indicator.source }
        return IndicatorPage(
            layout: try await Layout.centre("\(view.indicator.name) — monitor", centre, request: req),
            date: day.description, tile: tile(view, slug: centre.slug), description: view.indicator.description,
            goal: view.indicator.goal,
            themeLines: themeLineNames,
            owner: view.indicator.owner, unit: unit.label, direction: view.indicator.directionValue.label,
            basis: view.indicator.basisValue.label, computed: view.isComputed, note: view.indicator.note,
            reference: view.referenceArea?.name, otherBasis: view.assessment.otherBasis,
            chart: SVG.indicator(view.chart), measurements: lines, canRecord: canRecord,
            editLink: canRecord ? Web.editIndicator.link(centre.slug, view.indicator.key) : nil,
            postLink: Web.recordMeasurement.link(centre.slug, view.indicator.key),
            areas: loaded.areas.filter { !view.isComputed || $0.id != view.area.id }.map {
                SelectOption(value: $0.key, label: $0.name, selected: $0.key == form["gebied"])
            },
            bases: Basis.allCases.map {
                SelectOption(value: $0.csvName, label: $0.label, selected: $0.csvName == form["basis"])
            },
            sources: [SelectOption(value: "", label: "—", selected: (form["bron"] ?? "").isEmpty)]
                + IndicatorSource.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["bron"])
                },
            values: form, failed: problems.isEmpty ? nil : measurementFields.errors(problems), planYear: year,
            actions: actions,
            backLink: Web.monitor.link(centre.slug) + "?date=\(day)")
    }

    /// The plan of the year in view (or the latest before it), and its actions on these theme lines.
    static func serving(_ codes: [String], centre: Centre, day: Day, on db: any Database) async throws -> (
        Int?, [ActionLine], [String]
    ) {
        let catalog = try await PlanCatalog.load(centre, on: db)
        let names = codes.map { code in catalog.themeLine(code: code).map { "\(code) \($0.name)" } ?? code }
        let years = try await PlanService.years(catalog, on: db)
        guard let year = years.first(where: { $0 <= day.year }) else { return (nil, [], names) }
        let snapshot = try await PlanService.snapshot(
            PlanService.snapshot(catalog, year: year, on: db), asOf: day, on: db)
        let actions = snapshot.actions.filter { codes.contains($0.draft.themeLine) }.map {
            ActionLine(
                title: $0.draft.title, link: Web.action.link(centre.slug, $0.id), themeLine: $0.draft.themeLine,
                status: $0.draft.status.label)
        }
        return (year, actions, names)
    }

    struct ThemeLineReport: Encodable {
        var code: String
        var name: String
        var actions: [ActionLine]
        var counts: [LabelledCount]
    }

    struct ReportPage: Encodable {
        var layout: Layout
        var date: String
        var dateLabel: String
        var printedOn: String
        var synthetic: Bool
        var tiles: [Tile]
        var groups: [Group]
        var planYear: Int?
        var planStatus: String
        /// The day whose action statuses are shown: the report's own (the plan's status history).
        var statusesOn: String
        var themeLines: [ThemeLineReport]
        var dashboardLink: String
    }

    static func report(_ req: Request) async throws -> ReportPage {
        let (centre, _, views, day) = try await req.monitorViews()
        let catalog = try await PlanCatalog.load(centre, on: req.db)
        let years = try await PlanService.years(catalog, on: req.db)
        var themeLines: [ThemeLineReport] = []
        var planYear: Int?
        var planStatus = "geen jaarplan"
        if let year = years.first(where: { $0 <= day.year }) {
            let snapshot = try await PlanService.snapshot(
                PlanService.snapshot(catalog, year: year, on: req.db), asOf: day, on: req.db)
            planYear = year
            planStatus = snapshot.status.label
            themeLines = catalog.themeLines.map { line in
                let actions = snapshot.actions.filter { $0.draft.themeLine == line.code }
                return ThemeLineReport(
                    code: line.code, name: line.name,
                    actions: actions.map {
                        ActionLine(
                            title: $0.draft.title, link: Web.action.link(centre.slug, $0.id), themeLine: line.code,
                            status: $0.draft.status.label)
                    },
                    counts: ActionStatus.allCases.compactMap { status in
                        let count = actions.filter { $0.draft.status == status }.count
                        return count == 0 ? nil : LabelledCount(label: status.label, count: count)
                    })
            }.filter { !$0.actions.isEmpty }
        }
        return ReportPage(
            layout: try await Layout.centre("Stand van de binnenstad — \(day.dutch)", centre, request: req),
            date: day.description, dateLabel: day.dutch, printedOn: req.today.dutch,
            synthetic: centre.registerSynthetic,
            tiles: views.filter(\.indicator.agreement).map { tile($0, slug: centre.slug) },
            groups: groups(views, slug: centre.slug), planYear: planYear, planStatus: planStatus,
            statusesOn: day.dutch, themeLines: themeLines,
            dashboardLink: Web.monitor.link(centre.slug) + "?date=\(day)")
    }

    struct ImportPage: Encodable {
        var layout: Layout
        var postLink: String
        var exportLink: String
        var summary: ImportSummary?
        var indicators: [SelectOption]
        var areas: [SelectOption]
        var areasLink: String
        var areaInput = AreaInput(reference: true)
        var failed: FormErrors?
    }

    /// The upload: a problem names its line and column as the file does, and links to the file.
    static let importFields = FormFields(form: "import", [("bestand", "file", "Bestand")])
    static let areaFields = FormFields(
        form: "area",
        [
            ("key", "areaKey", "Sleutel"), ("name", "areaName", "Naam"),
            ("reference", "areaReference", "Referentiegebied"),
        ])

    static func importPage(_ req: Request) async throws -> ImportPage {
        let centre = try req.centre
        let loaded = try await MonitorStore.load(centre, on: req.db)
        return ImportPage(
            layout: try await Layout.centre("Metingen importeren", centre, request: req),
            postLink: Web.monitorImport.link(centre.slug), exportLink: Web.measurementsCSV.link(centre.slug),
            summary: nil,
            indicators: loaded.indicators.map { SelectOption(value: $0.key, label: $0.name, selected: false) },
            areas: loaded.areas.map {
                SelectOption(value: $0.key, label: $0.name + ($0.reference ? " (referentie)" : ""), selected: false)
            }, areasLink: Web.monitorAreas.link(centre.slug))
    }

    struct PublicPage: Encodable {
        var layout: Layout
        var dateLabel: String
        var synthetic: Bool
        var tiles: [Tile]
    }

    /// For everyone: the agreement's KPIs with value, target and status; no internal notes.
    static func publicPage(_ req: Request) async throws -> PublicPage {
        let (centre, _, views, day) = try await req.monitorViews(notAfterToday: true)
        return PublicPage(
            layout: try await Layout.centre("Voortgang — \(centre.name)", centre, request: req), dateLabel: day.dutch,
            synthetic: centre.registerSynthetic,
            tiles: views.filter(\.indicator.agreement).map { view in
                var shown = tile(view, slug: centre.slug)
                shown.link = ""
                return shown
            })
    }
}
