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
            app.asyncCommands.use(CentresCommand(), as: "centres")
            app.asyncCommands.use(UsersCommand(), as: "users")
            app.asyncCommands.use(TokensCommand(), as: "tokens")
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
        if try await CentreFile.load(from: CentreFile.demoPath(in: app.directory), on: app.db) {
            context.console.info("Demo van Assen geladen.")
        } else {
            context.console.info("De demo van Assen staat al in de database.")
        }
        let assen = try await Centre.find(slug: "assen", on: app.db)
        if try await RegisterFile.load(from: RegisterFile.demoPath(in: app.directory), into: assen, on: app.db) {
            context.console.info("Synthetisch register van de binnenstad van Assen geladen.")
        }
        if try await MonitorFile.load(from: MonitorFile.demoPath(in: app.directory), into: assen, on: app.db) {
            context.console.info("Monitor van Assen geladen (KPI's van het akkoord en de economische agenda).")
        }
        let accounts = try await DemoAccounts.ensure(passwords: app.password.async, on: app.db)
        context.console.info("Demo-accounts (alleen voor de demo; wachtwoord \(DemoAccounts.password)):")
        for (email, role) in accounts { context.console.info("  \(email) — \(role)") }
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
        @Option(name: "format", short: "f", help: "csv (standaard) of json")
        var format: String?
        @Option(name: "output", short: "o", help: "Bestand om naar te schrijven (standaard: het scherm)")
        var output: String?
    }

    var help: String {
        "Schrijft een jaarplan (CSV of JSON), het register op een datum of de metingen van de monitor (CSV), in het importformaat."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        if signature.what == "premises" || signature.what == "businesses" || signature.what == "measurements" {
            try await exportRegister(using: context, signature: signature)
            return
        }
        guard signature.what == "plan" else {
            throw CommandFailure(
                "Onbekend: '\(signature.what)'. Exporteren kan: plan, premises, businesses, measurements.")
        }
        guard let year = Int(signature.when) else { throw CommandFailure("'\(signature.when)' is geen jaartal.") }
        let db = context.application.db
        let text: String
        do {
            let catalog = try await PlanCatalog.load(Centre.find(slug: signature.centre, on: db), on: db)
            let snapshot = try await PlanStore.snapshot(catalog, year: year, on: db)
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

extension ExportCommand {
    func exportRegister(using context: CommandContext, signature: Signature) async throws {
        guard let day = Day(parsing: signature.when) else {
            throw CommandFailure("'\(signature.when)' is geen datum; schrijf 2018-01-01.")
        }
        let db = context.application.db
        let centre: Centre
        do {
            centre = try await Centre.find(slug: signature.centre, on: db)
        } catch let error as StadshartError {
            throw CommandFailure(error.detail)
        }
        let text: String
        if signature.what == "measurements" {
            let monitor = try await MonitorStore.load(centre, on: db)
            text = MeasurementCSV.encode(MonitorStore.rows(monitor).filter { $0.date <= day })
        } else {
            let loaded = try await RegisterStore.load(centre, on: db)
            text =
                signature.what == "premises"
                ? RegisterExport.premises(loaded, at: day) : RegisterExport.businesses(loaded, at: day)
        }
        if let output = signature.output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            context.console.info("Geschreven: \(output)")
        } else {
            context.console.output(text.consoleText(), newLine: false)
        }
    }
}

/// `stadshart import actions|premises|businesses|measurements FILE.csv [--centre assen] [--date D] [--dry-run]`:
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
        let db = context.application.db
        do {
            let text = try TextRules.utf8(data)
            if signature.what == "actions" {
                let summary = try await PlanImport.run(csv: text, by: .commandLine, on: db)
                context.console.info(
                    "Geïmporteerd: \(summary.created) nieuw, \(summary.updated) gewijzigd, \(summary.unchanged) ongewijzigd."
                        + (summary.plansCreated.isEmpty
                            ? "" : " Nieuwe jaarplannen: \(summary.plansCreated.joined(separator: ", ")).")
                )
                return
            }
            let centre = try await Centre.find(slug: signature.centre ?? "assen", on: db)
            if signature.what == "monitor" {
                // A centre's areas, indicators and measurements, in the format of Resources/Demo/assen-monitor.json.
                if try await MonitorFile.load(from: signature.file, into: centre, by: .commandLine, on: db) {
                    context.console.info("Monitor van \(centre.name) ingericht.")
                } else {
                    throw CommandFailure(
                        "\(centre.name) heeft al een monitor; voeg indicatoren toe in de browser of de API.")
                }
                return
            }
            if signature.what == "measurements" {
                let summary = try await MonitorStore.importCSV(
                    text, loaded: MonitorStore.load(centre, on: db), dryRun: signature.dryRun, by: .commandLine, on: db)
                for change in summary.changes { context.console.info("  \(change)") }
                context.console.info(
                    (summary.dryRun ? "Alleen getoond, niets opgeslagen: " : "Geïmporteerd: ")
                        + "\(summary.created) nieuw, \(summary.unchanged) ongewijzigd.")
                return
            }
            guard let day = signature.date.map({ Day(parsing: $0) }) ?? Day.today() else {
                throw CommandFailure("'\(signature.date ?? "")' is geen datum.")
            }
            let summary = try await RegisterTransfer.run(
                signature.what == "premises" ? .premises : .businesses, csv: text, centre: centre, at: day,
                dryRun: signature.dryRun, by: .commandLine, on: db)
            for change in summary.changes { context.console.info("  \(change)") }
            context.console.info(
                (summary.dryRun ? "Alleen getoond, niets opgeslagen: " : "Geïmporteerd: ")
                    + "\(summary.created) nieuw, \(summary.updated) gewijzigd, \(summary.unchanged) ongewijzigd.")
        } catch let invalid as InvalidInput {
            for problem in invalid.problems { context.console.error(problem.text) }
            throw CommandFailure("Niets geïmporteerd: \(invalid.problems.count) fout(en) in \(signature.file).")
        } catch let error as StadshartError {
            throw CommandFailure(error.detail)
        }
    }
}

/// A command that failed for a reason the user can fix; printed without a stack trace.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `stadshart users add --email … --role beheerder --centre assen [--name …] [--password …]`.
struct UsersCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "Wat: add, reset-password, enable, reset-two-step of unlock")
        var action: String
        @Option(name: "email", help: "E-mailadres")
        var email: String?
        @Option(name: "name", help: "Naam (standaard het deel voor de @)")
        var name: String?
        @Option(name: "role", help: Role.allCases.map(\.rawValue).joined(separator: ", "))
        var role: String?
        @Option(name: "centre", help: "De binnenstad, bv. assen")
        var centre: String?
        @Option(name: "party", help: "Bij bestuur: gemeente of binnenstadsorganisatie")
        var party: String?
        @Option(name: "theme-line", help: "Bij tafellid: de themalijn, bv. A")
        var themeLine: String?
        @Option(
            name: "subject",
            help: "Bij ondernemer: de sleutel van de eigen vestiging; bij vastgoedeigenaar: de eigenaar (organisatie)")
        var subject: String?
        @Option(name: "password", help: "Wachtwoord; zonder dit wordt een eenmalig wachtwoord gemaakt en getoond")
        var password: String?
    }

    var help: String {
        "Maakt een account met een rol (add); zo komt de eerste beheerder erin. Voor bestuursleden, die de beheerder "
            + "in de browser niet mag overnemen: reset-password (nieuw eenmalig wachtwoord), enable (weer toelaten), "
            + "reset-two-step (tweestapsverificatie opnieuw instellen) en unlock (inlogblokkade opheffen)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        switch signature.action {
        case "add": try await add(using: context, signature: signature)
        case "reset-password", "enable", "reset-two-step", "unlock":
            try await lookAfter(signature.action, using: context, email: signature.email ?? "")
        default:
            throw CommandFailure(
                "Onbekend: '\(signature.action)'. Mogelijk: add, reset-password, enable, reset-two-step, unlock.")
        }
    }

    /// What the browser refuses for board accounts, done on the server by whoever runs it.
    private func lookAfter(_ action: String, using context: CommandContext, email: String) async throws {
        let app = context.application
        guard let user = try await AccountStore.user(email: email, on: app.db), user.erasedAt == nil else {
            throw CommandFailure("Er is geen account met e-mailadres '\(email)'.")
        }
        switch action {
        case "reset-password":
            let password = try await AccountStore.resetPassword(
                user, passwords: app.password.async, by: .commandLine, centreID: nil, on: app.db)
            context.console.info("Nieuw eenmalig wachtwoord voor \(user.email): \(password)")
            context.console.info("Geef het persoonlijk door; alle sessies en tokens zijn beëindigd.")
        case "enable":
            try await AccountStore.setDisabled(user, false, by: .commandLine, centreID: nil, on: app.db)
            context.console.info("\(user.email) kan weer inloggen.")
        case "reset-two-step":
            try await AccountStore.resetTwoStep(user, by: .commandLine, on: app.db)
            context.console.info(
                "Tweestapsverificatie van \(user.email) is gewist; bij de volgende keer inloggen stelt de persoon die opnieuw in."
            )
        default:
            try await AccountStore.liftLockout(of: user, by: .commandLine, centreID: nil, on: app.db)
            context.console.info("De inlogblokkade van \(user.email) is opgeheven.")
        }
    }

    private func add(using context: CommandContext, signature: Signature) async throws {
        guard let role = Role(rawValue: signature.role ?? "") else {
            throw CommandFailure("Kies --role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let email = signature.email ?? ""
        let grant = RoleGrant(
            role: role, centre: signature.centre ?? "", party: signature.party.flatMap(Party.init(rawValue:)),
            themeLine: signature.themeLine?.uppercased(), subject: signature.subject)
        do {
            let (user, oneTime) = try await AccountStore.create(
                .init(
                    email: email, name: signature.name ?? String(email.split(separator: "@").first ?? ""),
                    password: signature.password, grant: grant),
                passwords: context.application.password.async, by: .commandLine, on: context.application.db)
            context.console.info("Account \(user.email) aangemaakt met de rol \(grant.label) in \(grant.centre).")
            if let oneTime { context.console.info("Eenmalig wachtwoord: \(oneTime)") }
            if role.needsTwoStep {
                context.console.info(
                    "Deze rol vraagt tweestapsverificatie: stel die in na het eerste inloggen (Mijn account).")
            }
        } catch let invalid as InvalidInput {
            throw CommandFailure("Geen account gemaakt: " + invalid.problems.map(\.text).joined(separator: "; "))
        }
    }
}

/// `stadshart tokens create --email … --centre … [--name …] [--days 90]`: a token for scripts.
struct TokensCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "Wat: create")
        var action: String
        @Option(name: "email", help: "E-mailadres van het account")
        var email: String?
        @Option(name: "centre", help: "De binnenstad waarin het account een rol heeft")
        var centre: String?
        @Option(name: "name", help: "Naam van het token (standaard 'opdrachtregel')")
        var name: String?
        @Option(name: "days", help: "Geldigheid in dagen (standaard 90)")
        var days: Int?
    }

    var help: String { "Maakt een API-token voor een account en toont het één keer." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else {
            throw CommandFailure("Onbekend: '\(signature.action)'. Mogelijk: create.")
        }
        let db = context.application.db
        guard let user = try await AccountStore.user(email: signature.email ?? "", on: db), user.erasedAt == nil else {
            throw CommandFailure("Er is geen account met e-mailadres '\(signature.email ?? "")'.")
        }
        let grants = try await AccountStore.grants(of: user.requireID(), on: db)
        if let centre = signature.centre, !grants.contains(where: { $0.centre == centre }) {
            throw CommandFailure("\(user.email) heeft geen rol in '\(centre)'.")
        }
        do {
            let (token, model) = try await AccountStore.createToken(
                for: user, name: signature.name ?? "opdrachtregel", days: signature.days, by: .commandLine, on: db)
            context.console.output(token.consoleText())
            context.console.info("Geldig tot \(model.expiresAt); bewaar het veilig, het wordt niet opnieuw getoond.")
        } catch let invalid as InvalidInput {
            throw CommandFailure("Geen token gemaakt: " + invalid.problems.map(\.text).joined(separator: "; "))
        }
    }
}

/// `stadshart centres add FILE.json`: a new partnership from a file in the demo's format.
struct CentresCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "Wat: add")
        var action: String
        @Argument(name: "file", help: "JSON-bestand zoals Resources/Demo/assen.json (plan mag ontbreken)")
        var file: String
    }

    var help: String {
        "Richt een binnenstad in: organisaties, themalijnen, kernpunten en eventueel een eerste jaarplan."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "add" else { throw CommandFailure("Onbekend: '\(signature.action)'. Mogelijk: add.") }
        if try await CentreFile.load(from: signature.file, by: .commandLine, on: context.application.db) {
            context.console.info("Binnenstad ingericht uit \(signature.file).")
        } else {
            throw CommandFailure("Deze binnenstad bestaat al; er is niets veranderd.")
        }
    }
}
