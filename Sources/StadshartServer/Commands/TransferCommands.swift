import Fluent
import StadshartCore
import Vapor

/// `stadshart export plan|premises|businesses|measurements CENTRE WHEN [--format csv|json] [--output FILE]`.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "Wat: plan, premises, businesses of measurements")
        var what: String
        @Argument(name: "centre", help: "De binnenstad, bv. assen")
        var centre: String
        @Argument(
            name: "when",
            help:
                "Bij plan het jaar (2019); bij premises en businesses de peildatum (2018-01-01); bij measurements de metingen tot en met die datum"
        )
        var when: String
        @Option(name: "format", short: "f", help: "Bij plan: csv (standaard) of json")
        var format: String?
        @Option(name: "output", short: "o", help: "Bestand om naar te schrijven (standaard: het scherm)")
        var output: String?
    }

    var help: String {
        "Schrijft een jaarplan (CSV of JSON), het register op een datum of de metingen van de monitor (CSV), in het importformaat."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = try await context.database()
        let centre = try await context.centre(signature.centre, on: db)
        let text: String
        switch signature.what {
        case "plan":
            guard let year = Int(signature.when) else { throw CommandFailure("'\(signature.when)' is geen jaartal.") }
            let snapshot = try await PlanService.snapshot(PlanCatalog.load(centre, on: db), year: year, on: db)
            switch signature.format ?? "csv" {
            case "csv": text = PlanExport.csv(snapshot)
            case "json": text = try PlanExport.json(snapshot) + "\n"
            case let other: throw CommandFailure("Onbekend formaat '\(other)'; kies csv of json.")
            }
        case "premises", "businesses", "measurements":
            guard let day = Day(parsing: signature.when) else {
                throw CommandFailure("'\(signature.when)' is geen datum; schrijf 2018-01-01.")
            }
            if signature.what == "measurements" {
                let monitor = try await MonitorStore.load(centre, on: db)
                text = MeasurementCSV.encode(MonitorStore.rows(monitor).filter { $0.date <= day })
            } else {
                let loaded = try await RegisterStore.load(centre, on: db)
                text =
                    signature.what == "premises"
                    ? RegisterExport.premises(loaded, at: day) : RegisterExport.businesses(loaded, at: day)
            }
        default:
            throw CommandFailure(
                "Onbekend: '\(signature.what)'. Exporteren kan: plan, premises, businesses, measurements.")
        }
        try context.write(text, to: signature.output)
    }
}

/// `stadshart import actions|premises|businesses|measurements|monitor FILE [--centre assen] [--date D] [--dry-run]`:
/// all or nothing.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "Wat: actions, premises, businesses, measurements of monitor (JSON)")
        var what: String
        @Argument(name: "file", help: "Het CSV-bestand (UTF-8, ; of ,)")
        var file: String
        @Option(name: "centre", help: "Bij premises, businesses en measurements: de binnenstad (standaard assen)")
        var centre: String?
        @Option(name: "date", help: "Bij premises en businesses: de peildatum van het bestand (standaard vandaag)")
        var date: String?
        @Flag(name: "dry-run", help: "Alleen tonen wat er zou veranderen")
        var dryRun: Bool
    }

    var help: String {
        "Leest acties, panden, vestigingen of metingen uit CSV. Alle regels worden eerst gecontroleerd; bij één fout wordt niets opgeslagen."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard ["actions", "premises", "businesses", "measurements", "monitor"].contains(signature.what) else {
            throw CommandFailure(
                "Onbekend: '\(signature.what)'. Importeren kan: actions, premises, businesses, measurements, monitor.")
        }
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure("Bestand '\(signature.file)' is niet te lezen.")
        }
        let db = try await context.database()
        do {
            let text = try TextRules.utf8(data)
            if signature.what == "actions" {
                let summary = try await PlanImport.run(csv: text, by: context.actor, on: db)
                context.console.info(
                    "Geïmporteerd: \(summary.created) nieuw, \(summary.updated) gewijzigd, \(summary.unchanged) ongewijzigd."
                        + (summary.plansCreated.isEmpty
                            ? "" : " Nieuwe jaarplannen: \(summary.plansCreated.joined(separator: ", ")).")
                )
                return
            }
            let centre = try await context.centre(signature.centre ?? "assen", on: db)
            switch signature.what {
            case "monitor":
                // A centre's areas, indicators and measurements, in the format of Resources/Demo/assen-monitor.json.
                guard try await MonitorFile.load(from: signature.file, into: centre, by: context.actor, on: db) else {
                    throw CommandFailure(
                        "\(centre.name) heeft al een monitor; voeg indicatoren toe in de browser of de API.")
                }
                context.console.info("Monitor van \(centre.name) ingericht.")
            case "measurements":
                context.report(
                    try await MonitorService.importCSV(
                        text, loaded: MonitorStore.load(centre, on: db), dryRun: signature.dryRun, by: context.actor,
                        on: db))
            default:
                var day = context.application.clock.today
                if let text = signature.date {
                    guard let parsed = Day(parsing: text) else { throw CommandFailure("'\(text)' is geen datum.") }
                    day = parsed
                }
                context.report(
                    try await RegisterTransfer.run(
                        signature.what == "premises" ? .premises : .businesses, csv: text, centre: centre, at: day,
                        dryRun: signature.dryRun, by: context.actor, on: db))
            }
        } catch let invalid as InvalidInput {
            for problem in invalid.problems { context.console.error(problem.text) }
            throw CommandFailure("Niets geïmporteerd: \(invalid.problems.count) fout(en) in \(signature.file).")
        }
    }
}

/// `stadshart centres add FILE.json`: a new partnership from a file in the demo's format.
struct CentresCommands: AsyncCommandGroup {
    var help: String { "Binnensteden inrichten." }
    var commands: [String: any AnyAsyncCommand] { ["add": Add()] }

    struct Add: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "JSON-bestand zoals Resources/Demo/assen.json (plan mag ontbreken)")
            var file: String
        }

        var help: String {
            "Richt een binnenstad in: organisaties, themalijnen, kernpunten en eventueel een eerste jaarplan."
        }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard try await CentreFile.load(from: signature.file, by: context.actor, on: context.database()) else {
                throw CommandFailure("Deze binnenstad bestaat al; er is niets veranderd.")
            }
            context.console.info("Binnenstad ingericht uit \(signature.file).")
        }
    }
}
