import Fluent
import Foundation
import StadshartCore
import Vapor

/// `stadshart generate`: a synthetic country in the database, for benchmarks at national scale.
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "centres", help: "Aantal binnensteden (standaard 100).")
        var centres: Int?
        @Option(name: "seed", help: "Startgetal van het toeval; hetzelfde getal geeft dezelfde gegevens (standaard 1).")
        var seed: UInt64?
        @Option(name: "premises", help: "Panden per binnenstad (standaard 2000).")
        var premises: Int?
        @Option(name: "businesses", help: "Vestigingen per binnenstad, ongeveer (standaard 1500).")
        var businesses: Int?
        @Option(name: "years", help: "Jaren geschiedenis tot en met \(GenerateOptions.lastYear) (standaard 10).")
        var years: Int?
    }

    var help: String {
        "Vult de database met een synthetisch land: binnensteden met panden, vestigingen, jaarplannen, een monitor en een audittrail, voor metingen op landelijke schaal. Alleen in een database zonder deze binnensteden."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        var options = GenerateOptions()
        if let centres = signature.centres { options.centres = centres }
        if let seed = signature.seed { options.seed = seed }
        if let premises = signature.premises { options.premises = premises }
        if let businesses = signature.businesses { options.businesses = businesses }
        if let years = signature.years { options.years = years }
        try CountryGenerator.check(options)
        let db = try await context.database()
        let console = context.console
        let count = options.centres
        let started = ContinuousClock.now
        let totals = try await CountryGenerator.generate(options, on: db) { report in
            console.info(
                "centrum \(report.number)/\(count): \(report.name) — "
                    + "\(DutchNumber.format(Double(report.premises), decimals: 0)) panden, "
                    + "\(DutchNumber.format(Double(report.businesses), decimals: 0)) vestigingen, "
                    + "\(DutchNumber.format(report.seconds, decimals: 1)) s")
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        console.info(
            "Klaar in \(DutchNumber.format(seconds, decimals: 1)) s: \(totals.centres) binnensteden, "
                + "\(DutchNumber.format(Double(totals.premises), decimals: 0)) panden, "
                + "\(DutchNumber.format(Double(totals.businesses), decimals: 0)) vestigingen, "
                + "\(DutchNumber.format(Double(totals.rows), decimals: 0)) rijen.")
        for (table, count) in totals.byTable.sorted(by: { $0.key < $1.key }) {
            console.info("  \(table): \(DutchNumber.format(Double(count), decimals: 0))")
        }
    }
}
