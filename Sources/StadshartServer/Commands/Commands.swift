import StadshartCore
import Vapor

/// Builds the application for the command line: configuration from the environment,
/// migrations, and every operational command next to Vapor's own `serve`.
public enum StadshartCommandLine {
    public static func run() async throws {
        let env = try Environment.detect()
        // Logs go to standard error, so `export` can write its file to standard output.
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let app = try await Application.make(env)
        do {
            let config = try StadshartConfiguration.fromEnvironment()
            try await configure(app, config)
            app.asyncCommands.use(DemoCommand(), as: "demo")
            app.asyncCommands.use(ExportCommand(), as: "export")
            app.asyncCommands.use(ImportCommand(), as: "import")
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            let message: String
            switch error {
            case let error as StadshartConfiguration.Invalid: message = error.description
            case let error as StadshartError: message = error.detail
            case let error as CommandFailure: message = error.description
            default: message = "Fout: \(error)"
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            exit(error is StadshartConfiguration.Invalid ? 2 : 1)
        }
        try await app.asyncShutdown()
    }
}

/// `stadshart demo`: the Assen demo loaded into an empty database, then served like `serve`.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "Adres om op te luisteren (standaard 127.0.0.1).")
        var hostname: String?
        @Option(name: "port", short: "p", help: "Poort (standaard 8080).")
        var port: Int?
        @Option(name: "bind", short: "b", help: "Adres en poort samen, bv. 127.0.0.1:8080.")
        var bind: String?
    }

    var help: String { "Laadt de demo van Assen (als die er nog niet is) en start Stadshart, net als serve." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if try await AssenDemo.load(from: AssenDemo.path(in: app.directory), on: app.db) {
            context.console.info("Demo van Assen geladen.")
        } else {
            context.console.info("De demo van Assen staat al in de database.")
        }
        var forwarded = ["stadshart"]
        if let hostname = signature.hostname { forwarded += ["--hostname", hostname] }
        if let port = signature.port { forwarded += ["--port", String(port)] }
        if let bind = signature.bind { forwarded += ["--bind", bind] }
        var serveContext = context
        serveContext.input = CommandInput(arguments: forwarded)
        try await app.servers.asyncCommand.run(using: &serveContext)
    }
}

/// `stadshart export plan assen 2019 --format csv|json [--output FILE]`.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "Wat: plan")
        var what: String
        @Argument(name: "centre", help: "De binnenstad, bv. assen")
        var centre: String
        @Argument(name: "year", help: "Het jaar van het plan, bv. 2019")
        var year: Int
        @Option(name: "format", short: "f", help: "csv (standaard) of json")
        var format: String?
        @Option(name: "output", short: "o", help: "Bestand om naar te schrijven (standaard: het scherm)")
        var output: String?
    }

    var help: String { "Schrijft een jaarplan als CSV (het importformaat) of JSON." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.what == "plan" else {
            throw CommandFailure("Onbekend: '\(signature.what)'. Exporteren kan: plan.")
        }
        let db = context.application.db
        let text: String
        do {
            let catalog = try await PlanCatalog.load(Centre.find(slug: signature.centre, on: db), on: db)
            let snapshot = try await PlanStore.snapshot(catalog, year: signature.year, on: db)
            switch signature.format ?? "csv" {
            case "csv": text = PlanExport.csv(snapshot)
            case "json": text = try PlanExport.json(snapshot) + "\n"
            case let other: throw CommandFailure("Onbekend formaat '\(other)'; kies csv of json.")
            }
        } catch let error as StadshartError {
            throw CommandFailure(error.detail)
        }
        if let output = signature.output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            context.console.info("Geschreven: \(output)")
        } else {
            context.console.output(text.consoleText(), newLine: false)
        }
    }
}

/// `stadshart import actions FILE.csv`: all or nothing.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "Wat: actions")
        var what: String
        @Argument(name: "file", help: "Het CSV-bestand (UTF-8, ; of ,)")
        var file: String
    }

    var help: String {
        "Leest acties uit CSV. Alle regels worden eerst gecontroleerd; bij één fout wordt niets opgeslagen."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.what == "actions" else {
            throw CommandFailure("Onbekend: '\(signature.what)'. Importeren kan: actions.")
        }
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure("Bestand '\(signature.file)' is niet te lezen.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("Bestand '\(signature.file)' is geen UTF-8-tekst.")
        }
        do {
            let summary = try await PlanImport.run(csv: text, on: context.application.db)
            context.console.info(
                "Geïmporteerd: \(summary.created) nieuw, \(summary.updated) gewijzigd, \(summary.unchanged) ongewijzigd."
                    + (summary.plansCreated.isEmpty
                        ? "" : " Nieuwe jaarplannen: \(summary.plansCreated.joined(separator: ", ")).")
            )
        } catch let invalid as InvalidInput {
            for problem in invalid.problems { context.console.error(problem.text) }
            throw CommandFailure("Niets geïmporteerd: \(invalid.problems.count) fout(en) in \(signature.file).")
        }
    }
}

/// A command that failed for a reason the user can fix; printed without a stack trace.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
