import Fluent
import StadshartCore
import Vapor

/// `stadshart backup FILE`: a consistent copy of the SQLite database, made while Stadshart serves.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Het nieuwe bestand voor de reservekopie")
        var file: String
    }

    var help: String {
        "Maakt een reservekopie van de SQLite-database terwijl Stadshart draait (met PostgreSQL: zie pg_dump)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        _ = try await context.database()
        try await DatabaseBackup.backup(context.application, to: signature.file)
        context.console.info("Reservekopie geschreven: \(signature.file)")
    }
}

/// `stadshart restore FILE`: puts a backup in place of the database, with the servers stopped.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "De reservekopie")
        var file: String
    }

    var help: String {
        "Zet een reservekopie terug (stop eerst de servers); de huidige database blijft ernaast bewaard."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let kept = try await DatabaseBackup.restore(context.application, from: signature.file)
        _ = try await context.database()
        context.console.info("Teruggezet uit \(signature.file).")
        if let kept { context.console.info("De vorige database staat nu in \(kept).") }
    }
}
