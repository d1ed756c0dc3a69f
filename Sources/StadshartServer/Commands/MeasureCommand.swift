import Fluent
import Foundation
import StadshartCore
import Vapor

/// `stadshart measure`: the store's own figures for the national-scale benchmark (bench/national.sh),
/// on a benchmark database: the vacancy of one centre and of every centre at a date, read anew
/// from the database (cold) and from the kept read model (warm); the monitor of a centre; and the
/// import of a large premises CSV into a new centre, which it leaves behind. Prints, never asserts.
struct MeasureCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "centre", help: "De binnenstad voor de cijfers van één centrum (standaard de eerste)")
        var centre: String?
        @Option(name: "date", help: "Peildatum (standaard 2020-01-01)")
        var date: String?
        @Option(name: "import-lines", help: "Regels in het panden-CSV om te importeren (standaard 200000; 0 = niet)")
        var importLines: Int?
    }

    var help: String { "Meet de rekentijd van de registercijfers, de monitor en een grote import (voor benchmarks)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = try await context.database()
        guard let day = Day(parsing: signature.date ?? "2020-01-01") else {
            throw CommandFailure("'\(signature.date ?? "")' is geen datum.")
        }
        let centres = try await Centre.query(on: db).sort(\.$slug).all()
        guard let first = centres.first else { throw CommandFailure("De database heeft geen binnenstad.") }
        var centre = first
        if let slug = signature.centre { centre = try await Centre.find(slug: slug, on: db) }
        let models = ReadModels()
        func report(_ what: String, _ duration: Duration, _ detail: String = "") {
            let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            context.console.output("\(what): \(String(format: "%.1f", ms)) ms\(detail.isEmpty ? "" : " (\(detail))")")
        }
        let clock = ContinuousClock()

        var view = try await RegisterView.load(centre, on: db)
        var figures: VacancyFigures?
        report(
            "vacancy of \(centre.slug) on \(day), read from the database",
            try await clock.measure {
                view = try await RegisterView.current(centre, in: models, on: db)
                figures = RegisterFigures.vacancy(view.facts.premises, at: day)
            }, "\(view.places.count) premises, \(Percent.dutch(figures?.unitsRate))")
        report(
            "vacancy of \(centre.slug) on \(day), from the kept read model",
            clock.measure { figures = RegisterFigures.vacancy(view.facts.premises, at: day) })

        var premises = 0
        let all = ReadModels(capacity: centres.count * 2)
        report(
            "vacancy of all \(centres.count) centres on \(day), read from the database",
            try await clock.measure {
                for centre in centres {
                    let view = try await RegisterView.current(centre, in: all, on: db)
                    premises += view.places.count
                    _ = RegisterFigures.vacancy(view.facts.premises, at: day)
                }
            }, "\(premises) premises")
        report(
            "vacancy of all \(centres.count) centres on \(day), from the kept read models",
            try await clock.measure {
                for centre in centres {
                    _ = RegisterFigures.vacancy(
                        try await RegisterView.current(centre, in: all, on: db).facts.premises, at: day)
                }
            })
        var indicators = 0
        report(
            "monitor of \(centre.slug) on \(day), read and computed",
            try await clock.measure {
                indicators = try await MonitorService.views(centre, asOf: day, models: ReadModels(), on: db).1.count
            }, "\(indicators) indicators")

        let lines = signature.importLines ?? 200_000
        guard lines > 0 else { return }
        let target = try await Self.importCentre(at: context.actor.now, on: db)
        let csv = Self.premisesCSV(lines: lines)
        var summary: ImportSummary?
        report(
            "import of a \(lines)-line premises CSV (\(csv.utf8.count / 1_000_000) MB) into \(target.slug)",
            try await clock.measure {
                summary = try await RegisterImport.premises(
                    csv: csv, centre: target, at: day, dryRun: false, by: context.actor, on: db)
            }, "\(summary?.created ?? 0) created")
    }

    /// A new centre with two zones for the import, named after the moment so that runs never clash.
    static func importCentre(at now: Date, on db: any Database) async throws -> Centre {
        let centre = Centre(slug: "import-\(Int(now.timeIntervalSince1970))", name: "Importproef")
        try await centre.create(on: db)
        for (position, key) in ["kernwinkelgebied", "overig"].enumerated() {
            let zone = Zone()
            zone.$centre.id = try centre.requireID()
            zone.key = key
            zone.name = key
            zone.position = position
            try await zone.create(on: db)
        }
        return centre
    }

    static func premisesCSV(lines: Int) -> String {
        let functions: [PremisesFunction] = [.detailhandel, .horeca, .dienstverlening, .kantoor, .wonen]
        var rows = [PremisesCSV.header]
        rows.reserveCapacity(lines + 1)
        for index in 0..<lines {
            rows.append(
                PremisesCSV.row(
                    PremisesRow(
                        line: 0, key: "I\(index)", bagID: nil, street: "Straat \(index / 500)",
                        number: String(index % 500 + 1), addition: nil, postcode: nil,
                        zone: index % 3 == 0 ? "kernwinkelgebied" : "overig", floorArea: 40 + index % 400,
                        function: functions[index % functions.count], owner: nil, latitude: nil, longitude: nil,
                        dwellingsAbove: "geen",
                        vacantSince: index % 9 == 0 ? Day(year: 2018, month: 5, day: 1) : nil, vacancyReason: nil)))
        }
        return CSV.encode(rows)
    }
}
