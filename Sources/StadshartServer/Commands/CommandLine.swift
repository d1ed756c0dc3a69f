import Fluent
import FluentPostgresDriver
import StadshartCore
import Vapor

/// Builds the application for the command line: configuration from the environment, and
/// every operational command next to Vapor's own. No command touches the database before it
/// runs, so `--help` works without one.
public enum StadshartCommandLine {
    public static func run() async throws {
        var env = try Environment.detect()
        // An operator gets production settings (the template cache above all) unless they name
        // another environment with --env or VAPOR_ENV.
        let named = CommandLine.arguments.contains { $0 == "--env" || $0 == "-e" || $0.hasPrefix("--env=") }
        if !named && ProcessInfo.processInfo.environment["VAPOR_ENV"] == nil {
            env = Environment(name: Environment.production.name, arguments: env.arguments)
        }
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
            app.asyncCommands.use(ServeCommand(), as: "serve", isDefault: true)
            app.asyncCommands.use(MigrateCommand(), as: "migrate")
            app.asyncCommands.use(DemoCommand(), as: "demo")
            app.asyncCommands.use(BackupCommand(), as: "backup")
            app.asyncCommands.use(RestoreCommand(), as: "restore")
            app.asyncCommands.use(ExportCommands(), as: "export")
            app.asyncCommands.use(ImportCommands(), as: "import")
            app.asyncCommands.use(CentresCommands(), as: "centres")
            app.asyncCommands.use(UsersCommands(), as: "users")
            app.asyncCommands.use(TokensCommands(), as: "tokens")
            app.asyncCommands.use(GenerateCommand(), as: "generate")
            app.asyncCommands.use(MeasureCommand(), as: "measure")
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            FileHandle.standardError.write(Data((CommandFailure.message(for: error) + "\n").utf8))
            exit(error is StadshartConfiguration.Invalid ? 2 : 1)
        }
        try await app.asyncShutdown()
    }
}

/// A command that failed for a reason the user can fix; printed without a stack trace.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }

    /// What the person at the terminal reads for an error.
    static func message(for error: any Error) -> String {
        switch error {
        case let error as StadshartConfiguration.Invalid: error.description
        case let error as StadshartError: error.detail
        case let error as InvalidInput: error.problems.map(\.text).joined(separator: "\n")
        case let error as CommandFailure: error.description
        case let error as PSQLError:
            "PostgreSQL (DATABASE_URL): \(error.serverInfo?[.message] ?? "geen verbinding (\(error.code.description))")"
        default: "Fout: \(error)"
        }
    }
}

extension CommandContext {
    /// The application's database, made ready for use (see `DatabaseSetup.prepare`).
    func database() async throws -> any Database {
        try await DatabaseSetup.prepare(application)
        return application.db
    }

    /// The centre a command names.
    func centre(_ slug: String, on db: any Database) async throws -> Centre {
        try await Centre.find(slug: slug, on: db)
    }

    /// Writes a command's result to a file, or to standard output.
    func write(_ text: String, to output: String?) throws {
        if let output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            console.info("Geschreven: \(output)")
        } else {
            console.output(text.consoleText(), newLine: false)
        }
    }

    /// Prints an import's changes and its outcome.
    func report(_ summary: ImportSummary) {
        for change in summary.changes { console.info("  \(change)") }
        console.info(
            (summary.dryRun ? "Alleen getoond, niets opgeslagen: " : "Geïmporteerd: ")
                + "\(summary.created) nieuw, \(summary.updated) gewijzigd, \(summary.unchanged) ongewijzigd.")
    }

    /// Who acts in the audit trail: the command line, at the application's time.
    var actor: Actor { .commandLine(application) }
}

/// `stadshart serve`: Vapor's server, after the database is made ready.
struct ServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "Adres om op te luisteren (standaard 127.0.0.1).")
        var hostname: String?
        @Option(name: "port", short: "p", help: "Poort (standaard 8080).")
        var port: Int?
        @Option(name: "bind", short: "b", help: "Adres en poort samen, bv. 127.0.0.1:8080.")
        var bind: String?
    }

    var help: String {
        "Start Stadshart. Met SQLite worden eerst de migraties uitgevoerd; met PostgreSQL moet `stadshart migrate` al gedraaid hebben."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        _ = try await context.database()
        try await Self.serve(context, hostname: signature.hostname, port: signature.port, bind: signature.bind)
    }

    static func serve(_ context: CommandContext, hostname: String?, port: Int?, bind: String?) async throws {
        var forwarded = ["stadshart"]
        if let hostname { forwarded += ["--hostname", hostname] }
        if let port { forwarded += ["--port", String(port)] }
        if let bind { forwarded += ["--bind", bind] }
        var serveContext = context
        serveContext.input = CommandInput(arguments: forwarded)
        FeedSchedule.start(on: context.application)
        try await context.application.servers.asyncCommand.run(using: &serveContext)
    }
}

/// `stadshart migrate`: brings the database schema up to date; the deploy step with PostgreSQL.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String {
        "Voert de migraties uit die nog niet gedraaid hebben. Met PostgreSQL is dit de stap bij elke uitrol, vóór de servers starten."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let applied = try await DatabaseSetup.migrate(context.application)
        context.console.info(applied == 0 ? "De database is al bij." : "\(applied) migratie(s) uitgevoerd.")
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
        @Option(
            name: "date",
            help:
                "De werkdag van de demo (standaard \(DemoCommand.defaultDay)): de gegevens lopen tot 2020. 'vandaag' is de echte datum."
        )
        var date: String?
    }

    /// The demo's data runs to 2020; on this day its plan, register and monitor are all current.
    static let defaultDay = Day(year: 2020, month: 6, day: 1)!

    var help: String {
        "Voert de migraties uit, laadt de demo van Assen (als die er nog niet is) en start Stadshart, net als serve, op de werkdag van de demo (1 juni 2020)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        var workingDay: Day? = Self.defaultDay
        if let text = signature.date {
            if text == "vandaag" {
                workingDay = nil
            } else if let day = Day(parsing: text) {
                workingDay = day
            } else {
                throw CommandFailure("--date: '\(text)' is geen datum (bv. 2020-06-01 of vandaag)")
            }
        }
        _ = try await DatabaseSetup.migrate(app)
        let actor = Actor.demo(app)
        if try await CentreFile.load(from: CentreFile.demoPath(in: app.directory), by: actor, on: app.db) {
            context.console.info("Demo van Assen geladen.")
        } else {
            context.console.info("De demo van Assen staat al in de database.")
        }
        let assen = try await Centre.find(slug: "assen", on: app.db)
        if try await RegisterFile.load(
            from: RegisterFile.demoPath(in: app.directory), into: assen, by: actor, on: app.db)
        {
            context.console.info("Synthetisch register van de binnenstad van Assen geladen.")
        }
        if try await MonitorFile.load(from: MonitorFile.demoPath(in: app.directory), into: assen, by: actor, on: app.db)
        {
            context.console.info("Monitor van Assen geladen (KPI's van het akkoord en de economische agenda).")
        }
        let agenda = try await AgendaFile.load(
            from: AgendaFile.demoPath(in: app.directory), into: assen, by: actor, on: app.db)
        if agenda.loaded {
            context.console.info("Economische agenda van Assen geladen (pijlers × opgaven, met acties en indicatoren).")
        }
        for title in agenda.missingActions {
            context.console.warning(
                "Economische agenda: geen actie '\(title)' in het jaarplan; die koppeling is overgeslagen.")
        }
        if try await ProgrammeFile.load(
            from: ProgrammeFile.demoPath(in: app.directory), into: assen, by: actor, on: app.db)
        {
            context.console.info("Uitvoeringsprogramma 2020 van de economische agenda geladen (ter illustratie).")
        }
        if try await EventFile.load(from: EventFile.demoPath(in: app.directory), into: assen, by: actor, on: app.db) {
            let feed = try Data(contentsOf: URL(fileURLWithPath: EventFile.demoRegionalPath(in: app.directory)))
            let summary = try await EventImport.run(
                Array(feed), calendar: "regio-drenthe", name: nil, centre: assen, by: actor, on: app.db)
            context.console.info("Evenementen van Assen geladen, met \(summary.added) uit de regionale kalender.")
        }
        let accounts = try await DemoAccounts.ensure(passwords: app.password.async, by: actor, on: app.db)
        context.console.info("Demo-accounts (alleen voor de demo; wachtwoord \(DemoAccounts.password)):")
        for (email, role) in accounts { context.console.info("  \(email) — \(role)") }
        // Loaded on the real day (its files hold facts up to 2020), then served on the working day.
        if let workingDay {
            app.clock = .demo(on: workingDay)
            context.console.info(
                "De demo werkt op \(workingDay.dutch); pagina's, monitor en formulieren gaan van die dag uit.")
        }
        try await ServeCommand.serve(context, hostname: signature.hostname, port: signature.port, bind: signature.bind)
    }
}
