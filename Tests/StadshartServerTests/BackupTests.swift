import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// A backup made while Stadshart serves, restored elsewhere, gives the very same figures.
@Suite("Backup and restore")
struct BackupTests {
    static let figures = "api/v1/centres/assen/vacancy?date=2018-01-01"

    /// The same JSON, whatever the order of the members.
    static func json(_ response: TestingHTTPResponse) throws -> NSObject {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! NSObject
    }

    @Test func aBackupRestoresTheSameFigures() async throws {
        try await withStadshart(.sqlite, register: true, sharedFile: true) { app in
            let before = try Self.json(try await send(app, .GET, Self.figures))
            let premises = try Self.json(try await send(app, .GET, "api/v1/centres/assen/premises?date=2018-01-01"))
            let backup = NSTemporaryDirectory() + "stadshart-backup-\(UUID().uuidString).sqlite"
            defer { try? FileManager.default.removeItem(atPath: backup) }
            try await DatabaseBackup.backup(app, to: backup)
            // Never over an existing file.
            await #expect(throws: CommandFailure.self) { try await DatabaseBackup.backup(app, to: backup) }

            // A change after the backup is not in it.
            let key = try #require(
                try await send(app, .GET, "api/v1/centres/assen/premises?date=2018-01-01&vacant=nee").json(
                    [PremisesDTO].self
                ).first?.key)
            #expect(
                try await send(
                    app, .POST, "api/v1/centres/assen/premises/\(key)/vacancies", raw: #"{"from":"2018-01-01"}"#
                ).status == .created)
            #expect(try Self.json(try await send(app, .GET, Self.figures)) != before)

            // Restored in place of another database, which is kept beside it.
            let target = NSTemporaryDirectory() + "stadshart-restored-\(UUID().uuidString).sqlite"
            FileManager.default.createFile(atPath: target, contents: Data("oud".utf8))
            defer {
                for file in (try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? []
                where file.hasPrefix((target as NSString).lastPathComponent) {
                    try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + file)
                }
            }
            let restored = try await Application.make(.testing)
            do {
                try await configure(
                    restored, StadshartConfiguration(database: .sqliteFile(path: target), rootDirectory: repositoryRoot)
                )
                let kept = try #require(try await DatabaseBackup.restore(restored, from: backup))
                #expect(FileManager.default.contents(atPath: kept) == Data("oud".utf8))
                try await DatabaseSetup.prepare(restored)
                #expect(try Self.json(try await send(restored, .GET, Self.figures, as: .anonymous)) == before)
                let restoredPremises = try await send(
                    restored, .GET, "api/v1/centres/assen/premises?date=2018-01-01", as: .programmateam)
                #expect(try Self.json(restoredPremises) == premises)
            } catch {
                try? await restored.asyncShutdown()
                throw error
            }
            try await restored.asyncShutdown()
        }
    }

    @Test func aFileThatIsNoDatabaseIsNotRestored() async throws {
        let file = NSTemporaryDirectory() + "geen-database-\(UUID().uuidString).txt"
        FileManager.default.createFile(atPath: file, contents: Data("panden;straat\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(throws: CommandFailure.self) { try DatabaseBackup.check(file) }
    }
}
