import Fluent
import Foundation
import StadshartCore
import Vapor

/// Import and export of the register through the browser and the API. (The command line calls
/// the same RegisterImport and RegisterExport.)
enum RegisterTransfer {
    enum Kind: String, CaseIterable {
        case premises = "panden"
        case businesses = "vestigingen"
    }

    static func run(
        _ kind: Kind, csv: String, centre: Centre, at day: Day, dryRun: Bool, by actor: Actor, on db: any Database
    ) async throws -> ImportSummary {
        switch kind {
        case .premises:
            try await RegisterImport.premises(csv: csv, centre: centre, at: day, dryRun: dryRun, by: actor, on: db)
        case .businesses:
            try await RegisterImport.businesses(csv: csv, centre: centre, at: day, dryRun: dryRun, by: actor, on: db)
        }
    }

    struct Upload: Content {
        var kind: String?
        var date: String?
        var dryRun: String?
        var file: File?
    }

    struct ImportPage: Encodable {
        var layout: Layout
        var postLink: String
        var kinds: [SelectOption]
        var date: String
        var summary: ImportSummary?
        var failed: FormErrors?
        var exportPremises: String
        var exportBusinesses: String
    }

    static func register(_ routes: Pages, api: APIRoutes) {
        routes.get(Web.registerImport, .centre(.editRegister)) { req in
            try await req.view.render("register-import", page(req))
        }
        routes.post(Web.registerImport, .centre(.editRegister)) { req -> Response in
            let centre = try req.centre
            let upload = try req.content.decode(Upload.self)
            do {
                var problems: [FieldProblem] = []
                let kind = Kind(rawValue: upload.kind ?? "")
                if kind == nil {
                    problems.append(FieldProblem(field: "kind", message: "kies panden of vestigingen"))
                }
                let dateText = (upload.date ?? "").trimmingCharacters(in: .whitespaces)
                let day = dateText.isEmpty ? req.today : Day(parsing: dateText)
                if day == nil {
                    problems.append(
                        FieldProblem(
                            field: "date", message: "'\(dateText)' is geen datum; schrijf 2018-01-01 of 1-1-2018"))
                }
                if !problems.isEmpty { throw InvalidInput(problems) }
                let text = try upload.file.map { try TextRules.utf8($0.data.readableBytesView) } ?? ""
                let summary = try await run(
                    kind!, csv: text, centre: centre, at: day!, dryRun: upload.dryRun != nil, by: req.actor, on: req.db)
                var shown = try await page(req)
                shown.summary = summary
                return try await req.view.render("register-import", shown).encodeResponse(for: req)
            } catch let invalid as InvalidInput {
                var shown = try await page(req)
                shown.failed = fields.errors(invalid.problems, heading: FormErrors.notImported)
                return try await req.rerender("register-import", shown)
            }
        }
        routes.get(Web.premisesCSV, .centre(.readRegister)) { req in
            let centre = try req.centre
            return CSVDownload.response(
                RegisterExport.premises(
                    try await RegisterView.current(centre, in: req.application.readModels, on: req.db),
                    at: try req.dateQuery()),
                filename: "panden-\(centre.slug).csv")
        }
        routes.get(Web.businessesCSV, .centre(.readRegister)) { req in
            let centre = try req.centre
            return CSVDownload.response(
                RegisterExport.businesses(
                    try await RegisterView.current(centre, in: req.application.readModels, on: req.db),
                    at: try req.dateQuery()),
                filename: "vestigingen-\(centre.slug).csv")
        }
        for kind in Kind.allCases {
            let path = kind == .premises ? "premises" : "businesses"
            api.add(
                .POST, "api/v1/centres/{centre}/\(path)/import", .centre(.editRegister),
                summary:
                    "CSV (text/csv) importeren; alles of niets. Query: date (peildatum), dryRun=true om alleen te tonen",
                body: CSVText.self, errors: [400, 401, 403, 404, 422]
            ) { req, csv in
                let centre = try req.centre
                let text = csv.text
                let dryRun = YesNo.parse(req.query["dryRun"]) ?? false
                return try await run(
                    kind, csv: text, centre: centre, at: try req.dateQuery(), dryRun: dryRun, by: req.actor,
                    on: req.db)
            }
        }
    }

    /// The upload form: a line of the file is named with its column as the file has it.
    static let fields = FormFields(
        form: "import", [("bestand", "file", "Bestand"), ("kind", "kind", "Soort"), ("date", "date", "Peildatum")])

    static func page(_ req: Request) async throws -> ImportPage {
        let centre = try req.centre
        return ImportPage(
            layout: try await Layout.centre("Register importeren", centre, request: req),
            postLink: Web.registerImport.link(centre.slug),
            kinds: Kind.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.rawValue, selected: $0 == .premises)
            },
            date: req.today.description, summary: nil,
            exportPremises: Web.premisesCSV.link(centre.slug), exportBusinesses: Web.businessesCSV.link(centre.slug))
    }
}
