import Fluent
import StadshartCore
import Vapor

/// `stadshart export plan|premises|businesses|measurements …`: files in the import format.
struct ExportCommands: AsyncCommandGroup {
    var help: String {
        "Schrijft een jaarplan (CSV of JSON), het register op een datum of de metingen van de monitor (CSV), in het importformaat."
    }

    var commands: [String: any AnyAsyncCommand] {
        [
            "plan": Plan(), "premises": Register(.premises), "businesses": Register(.businesses),
            "measurements": Measurements(),
        ]
    }

    struct Output: CommandSignature {
        @Argument(name: "centre", help: "De binnenstad, bv. assen")
        var centre: String
        @Argument(name: "date", help: "De peildatum, bv. 2018-01-01")
        var date: String
        @Option(name: "output", short: "o", help: "Bestand om naar te schrijven (standaard: het scherm)")
        var output: String?

        func day() throws -> Day {
            guard let day = Day(parsing: date) else {
                throw CommandFailure("'\(date)' is geen datum; schrijf 2018-01-01.")
            }
            return day
        }
    }

    /// `export plan assen 2019 [--format csv|json] [--output FILE]`.
    struct Plan: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "centre", help: "De binnenstad, bv. assen")
            var centre: String
            @Argument(name: "year", help: "Het jaar, bv. 2019, of programma-2020 voor een uitvoeringsprogramma")
            var year: String
            @Option(name: "format", short: "f", help: "csv (standaard) of json")
            var format: String?
            @Option(name: "output", short: "o", help: "Bestand om naar te schrijven (standaard: het scherm)")
            var output: String?
        }

        var help: String {
            "Schrijft een jaarplan (of uitvoeringsprogramma) als CSV (het importformaat) of JSON."
        }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let key = PlanKey(signature.year) else {
                throw CommandFailure("'\(signature.year)' is geen jaartal (of 'programma-' met een jaartal).")
            }
            let db = try await context.database()
            let centre = try await context.centre(signature.centre, on: db)
            let snapshot = try await PlanService.snapshot(
                PlanCatalog.load(centre, on: db), year: key.year, kind: key.kind, on: db)
            switch signature.format ?? "csv" {
            case "csv": try context.write(PlanExport.csv(snapshot), to: signature.output)
            case "json":
                try context.write(
                    try PlanExport.json(snapshot, today: context.application.clock.today) + "\n", to: signature.output)
            case let other: throw CommandFailure("Onbekend formaat '\(other)'; kies csv of json.")
            }
        }
    }

    /// `export premises|businesses assen 2018-01-01 [--output FILE]`.
    struct Register: AsyncCommand {
        typealias Signature = Output
        let kind: RegisterTransfer.Kind
        init(_ kind: RegisterTransfer.Kind) { self.kind = kind }

        var help: String {
            kind == .premises
                ? "Schrijft de panden zoals ze op de peildatum waren."
                : "Schrijft de vestigingen zoals ze op de peildatum waren."
        }

        func run(using context: CommandContext, signature: Signature) async throws {
            let day = try signature.day()
            let db = try await context.database()
            let loaded = try await RegisterView.load(context.centre(signature.centre, on: db), on: db)
            try context.write(
                kind == .premises
                    ? RegisterExport.premises(loaded, at: day) : RegisterExport.businesses(loaded, at: day),
                to: signature.output)
        }
    }

    /// `export measurements assen 2020-12-31 [--output FILE]`.
    struct Measurements: AsyncCommand {
        typealias Signature = Output

        var help: String { "Schrijft de metingen van de monitor tot en met de datum." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let day = try signature.day()
            let db = try await context.database()
            let monitor = try await MonitorStore.load(context.centre(signature.centre, on: db), on: db)
            try context.write(
                MeasurementCSV.encode(MonitorStore.rows(monitor).filter { $0.date <= day }), to: signature.output)
        }
    }
}

/// `stadshart import actions|premises|businesses|measurements|monitor|ics FILE …`: all or nothing.
struct ImportCommands: AsyncCommandGroup {
    var help: String {
        "Leest acties, panden, vestigingen of metingen uit CSV, de monitor uit JSON of een regionale kalender uit iCalendar. Alle regels worden eerst gecontroleerd; bij één fout wordt niets opgeslagen."
    }

    var commands: [String: any AnyAsyncCommand] {
        [
            "actions": Actions(), "premises": Register(.premises), "businesses": Register(.businesses),
            "measurements": Measurements(), "monitor": Monitor(), "ics": ICS(),
        ]
    }

    struct File: CommandSignature {
        @Argument(name: "file", help: "Het bestand (UTF-8; CSV met ; of ,)")
        var file: String
        @Option(name: "centre", help: "De binnenstad (standaard assen)")
        var centre: String?
        @Option(name: "date", help: "Bij panden en vestigingen: de peildatum van het bestand (standaard vandaag)")
        var date: String?
        @Flag(name: "dry-run", help: "Alleen tonen wat er zou veranderen")
        var dryRun: Bool

        func text() throws -> String {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure("Bestand '\(file)' is niet te lezen.")
            }
            return try TextRules.utf8(data)
        }
    }

    /// Runs an import; its problems are listed, and nothing is saved.
    static func importing(_ context: CommandContext, _ file: String, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let invalid as InvalidInput {
            for problem in invalid.problems { context.console.error(problem.text) }
            throw CommandFailure("Niets geïmporteerd: \(invalid.problems.count) fout(en) in \(file).")
        }
    }

    /// `import actions FILE.csv`: the centre and year are columns of the file.
    struct Actions: AsyncCommand {
        typealias Signature = File
        var help: String { "Leest acties uit CSV (de kolommen van export plan)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let db = try await context.database()
            try await importing(context, signature.file) {
                let summary = try await PlanImport.run(csv: signature.text(), by: context.actor, on: db)
                context.console.info(
                    "Geïmporteerd: \(summary.created) nieuw, \(summary.updated) gewijzigd, \(summary.unchanged) ongewijzigd."
                        + (summary.plansCreated.isEmpty
                            ? "" : " Nieuwe jaarplannen: \(summary.plansCreated.joined(separator: ", ")).")
                )
            }
        }
    }

    /// `import premises|businesses FILE.csv [--centre assen] [--date D] [--dry-run]`.
    struct Register: AsyncCommand {
        typealias Signature = File
        let kind: RegisterTransfer.Kind
        init(_ kind: RegisterTransfer.Kind) { self.kind = kind }

        var help: String { "Leest de stand van het register op de peildatum; alles of niets." }

        func run(using context: CommandContext, signature: Signature) async throws {
            var day = context.application.clock.today
            if let text = signature.date {
                guard let parsed = Day(parsing: text) else { throw CommandFailure("'\(text)' is geen datum.") }
                day = parsed
            }
            let db = try await context.database()
            let centre = try await context.centre(signature.centre ?? "assen", on: db)
            try await importing(context, signature.file) {
                context.report(
                    try await RegisterTransfer.run(
                        kind, csv: signature.text(), centre: centre, at: day, dryRun: signature.dryRun,
                        by: context.actor, on: db))
            }
        }
    }

    /// `import measurements FILE.csv [--centre assen] [--dry-run]`.
    struct Measurements: AsyncCommand {
        typealias Signature = File
        var help: String { "Leest metingen uit CSV (de kolommen van export measurements); alles of niets." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let db = try await context.database()
            let centre = try await context.centre(signature.centre ?? "assen", on: db)
            try await importing(context, signature.file) {
                context.report(
                    try await MonitorService.importCSV(
                        signature.text(), loaded: MonitorStore.load(centre, on: db), dryRun: signature.dryRun,
                        by: context.actor, on: db))
            }
        }
    }

    /// `import monitor FILE.json --centre C`: a centre's areas, indicators and measurements, in the
    /// format of Resources/Demo/assen-monitor.json.
    struct Monitor: AsyncCommand {
        typealias Signature = File
        var help: String { "Richt de monitor van een binnenstad in uit JSON (gebieden, indicatoren, eerste metingen)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let db = try await context.database()
            let centre = try await context.centre(signature.centre ?? "assen", on: db)
            try await importing(context, signature.file) {
                guard try await MonitorFile.load(from: signature.file, into: centre, by: context.actor, on: db) else {
                    throw CommandFailure(
                        "\(centre.name) heeft al een monitor; voeg indicatoren toe in de browser of de API.")
                }
                context.console.info("Monitor van \(centre.name) ingericht.")
            }
        }
    }

    /// `import ics FILE|URL --calendar KEY [--name NAME] --centre C`: a regional calendar's feed, from a
    /// file or fetched over http(s), imported as `EventImport.run` does it (by UID and SEQUENCE, removals
    /// followed); a broken feed lists its lines and changes nothing.
    struct ICS: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "source", help: "Het iCalendar-bestand, of een adres (http of https)")
            var source: String
            @Option(name: "calendar", help: "De sleutel van de regionale kalender, bv. regio-drenthe")
            var calendar: String?
            @Option(name: "name", help: "De naam bij een nieuwe kalender (standaard de naam in de feed)")
            var name: String?
            @Option(name: "centre", help: "De binnenstad, bv. assen")
            var centre: String?
        }

        /// How large a feed may be (it may take 30 seconds to arrive).
        static let maximumBytes = 20 * 1024 * 1024

        var help: String {
            "Leest een regionale kalender (iCalendar) uit een bestand of van een adres: nieuw, gewijzigd (hogere SEQUENCE) en verwijderd op UID; alles of niets."
        }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let key = signature.calendar.nonBlank else {
                throw CommandFailure("Geef de kalender met --calendar, bv. --calendar regio-drenthe.")
            }
            guard let slug = signature.centre.nonBlank else {
                throw CommandFailure("Geef de binnenstad met --centre, bv. --centre assen.")
            }
            let db = try await context.database()
            let centre = try await context.centre(slug, on: db)
            let bytes = try await Self.read(signature.source, client: context.application.client)
            try await importing(context, signature.source) {
                let summary = try await EventImport.run(
                    bytes, calendar: key, name: signature.name, centre: centre, by: context.actor, on: db)
                context.console.info(
                    "\(summary.calendar): \(summary.added) nieuw, \(summary.updated) gewijzigd, \(summary.unchanged) ongewijzigd, \(summary.removed) verwijderd"
                )
            }
        }

        /// The feed's bytes: fetched when the source is an http(s) address, read from the file otherwise.
        static func read(_ source: String, client: any Client) async throws -> [UInt8] {
            let lowered = source.lowercased()
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
                guard let data = FileManager.default.contents(atPath: source) else {
                    throw CommandFailure("Bestand '\(source)' is niet te lezen.")
                }
                return Array(data)
            }
            let response: ClientResponse
            do {
                response = try await client.get(URI(string: source)) { $0.timeout = .seconds(30) }
            } catch {
                throw CommandFailure("'\(source)' is niet op te halen: \(error.localizedDescription)")
            }
            guard (200..<300).contains(response.status.code) else {
                throw CommandFailure(
                    "'\(source)' is niet op te halen: de server antwoordde \(response.status.code) \(response.status.reasonPhrase)."
                )
            }
            let bytes = response.body.map { Array($0.readableBytesView) } ?? []
            guard bytes.count <= maximumBytes else {
                throw CommandFailure(
                    "'\(source)' is groter dan \(maximumBytes / 1024 / 1024) MB; dat is geen kalender.")
            }
            return bytes
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
