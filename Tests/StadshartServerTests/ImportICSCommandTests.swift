import Fluent
import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// Issue 13: `stadshart import ics FILE|URL --calendar KEY --centre C`, run as the command line runs
/// it (the command group reads the arguments), against a file and against a feed served over HTTP.
@Suite("import ics")
struct ImportICSCommandTests {
    /// A console that keeps what a command writes.
    final class CapturingConsole: Console, @unchecked Sendable {
        private let lock = NSLock()
        private var written: [String] = []
        private var info: [AnySendableHashable: any Sendable] = [:]

        var userInfo: [AnySendableHashable: any Sendable] {
            get { lock.withLock { info } }
            set { lock.withLock { info = newValue } }
        }
        var text: String { lock.withLock { written.joined() } }
        var size: (width: Int, height: Int) { (80, 24) }

        func input(isSecure: Bool) -> String { "" }
        func output(_ text: ConsoleText, newLine: Bool) {
            lock.withLock { written.append(text.description + (newLine ? "\n" : "")) }
        }
        func report(error: String, newLine: Bool) { lock.withLock { written.append(error + (newLine ? "\n" : "")) } }
        func clear(_ type: ConsoleClear) {}
    }

    /// `stadshart import ARGUMENTS…` in `app`: what it printed, and the message it stopped with (the
    /// command line then exits with status 1), nil when it succeeded.
    static func run(_ app: Application, _ arguments: [String]) async -> (output: String, failure: String?) {
        let console = CapturingConsole()
        var context = CommandContext(console: console, input: CommandInput(arguments: ["stadshart"] + arguments))
        context.application = app
        do {
            try await ImportCommands().run(using: &context)
            return (console.text, nil)
        } catch {
            return (console.text, CommandFailure.message(for: error))
        }
    }

    static func regionalCount(_ app: Application) async throws -> Int {
        try await Event.query(on: app.db).filter(\.$calendar.$id != nil).count()
    }

    @Test(arguments: TestDatabase.available)
    func aFeedFileIsImportedAndItsNextVersionFollows(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            _ = try await EventsTests.loadDemoEvents(app)
            let first = await Self.run(
                app,
                [
                    "ics", EventFile.demoRegionalPath(in: app.directory, version: 1), "--calendar", "regio-drenthe",
                    "--centre", "assen",
                ])
            #expect(first.failure == nil, "\(first.failure ?? "")")
            #expect(first.output.contains("regio-drenthe: 17 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 verwijderd"))
            #expect(try await Self.regionalCount(app) == 17)

            let second = await Self.run(
                app,
                [
                    "ics", EventFile.demoRegionalPath(in: app.directory, version: 2), "--calendar", "regio-drenthe",
                    "--centre", "assen",
                ])
            #expect(second.failure == nil, "\(second.failure ?? "")")
            #expect(second.output.contains("regio-drenthe: 1 nieuw, 1 gewijzigd, 15 ongewijzigd, 1 verwijderd"))
            #expect(try await Self.regionalCount(app) == 17)
        }
    }

    /// A broken feed prints each problem with its line, stops with a failure and changes nothing; so do a
    /// missing option and a file that is not there.
    @Test(arguments: TestDatabase.available)
    func aBrokenFeedChangesNothing(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            _ = try await EventsTests.loadDemoEvents(app)
            let file = NSTemporaryDirectory() + "stadshart-broken-\(UUID().uuidString).ics"
            defer { try? FileManager.default.removeItem(atPath: file) }
            try Data(
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2019-13-01\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8
            ).write(to: URL(fileURLWithPath: file))
            let events = try await Event.query(on: app.db).count()
            let calendars = try await EventCalendar.query(on: app.db).count()

            let broken = await Self.run(app, ["ics", file, "--calendar", "regio-drenthe", "--centre", "assen"])
            #expect(broken.output.contains("regel 4"), "\(broken.output)")
            #expect(broken.failure?.contains("Niets geïmporteerd") == true)
            #expect(try await Event.query(on: app.db).count() == events)
            #expect(try await EventCalendar.query(on: app.db).count() == calendars)

            let noCalendar = await Self.run(app, ["ics", file, "--centre", "assen"])
            #expect(noCalendar.failure?.contains("--calendar") == true)
            let missing = await Self.run(
                app, ["ics", file + ".weg", "--calendar", "regio-drenthe", "--centre", "assen"])
            #expect(missing.failure?.contains("is niet te lezen") == true)
            #expect(try await Event.query(on: app.db).count() == events)
        }
    }

    /// A URL is fetched with the application's client: here Assen's own public feed, served by the app,
    /// becomes a regional calendar of a second centre. An address that answers 404 imports nothing.
    @Test(arguments: TestDatabase.available)
    func aFeedIsFetchedFromItsAddress(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let assen = try await EventsTests.loadDemoEvents(app)
            try await Centre(slug: "emmen", name: "Binnenstad Emmen").create(on: app.db)
            let publicEvents = try await EventService.all(assen, on: app.db).filter {
                EventsAPI.isVisible($0, toEditors: false)
            }
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            do {
                let port = try #require(app.http.server.shared.localAddress?.port)
                let fetched = await Self.run(
                    app,
                    [
                        "ics", "http://127.0.0.1:\(port)/assen/evenementen.ics", "--calendar", "assen",
                        "--name", "Binnenstad Assen", "--centre", "emmen",
                    ])
                #expect(fetched.failure == nil, "\(fetched.failure ?? "")")
                #expect(fetched.output.contains("assen: \(publicEvents.count) nieuw, 0 gewijzigd"), "\(fetched.output)")
                let emmen = try await Centre.find(slug: "emmen", on: app.db)
                let calendar = try #require(
                    try await EventCalendar.query(on: app.db).filter(\.$centre.$id == emmen.requireID()).first())
                #expect(calendar.key == "assen" && calendar.name == "Binnenstad Assen")
                #expect(
                    try await Event.query(on: app.db).filter(\.$centre.$id == emmen.requireID()).count()
                        == publicEvents.count)

                let gone = await Self.run(
                    app,
                    [
                        "ics", "http://127.0.0.1:\(port)/nergens/evenementen.ics", "--calendar", "nergens",
                        "--centre", "emmen",
                    ])
                #expect(gone.failure?.contains("404") == true, "\(gone.failure ?? "")")
                #expect(try await EventCalendar.query(on: app.db).filter(\.$key == "nergens").count() == 0)
            } catch {
                await app.server.shutdown()
                throw error
            }
            await app.server.shutdown()
        }
    }
}
