import Foundation
import Vapor

/// Everything Stadshart reads from the environment, read once at start-up.
public struct StadshartConfiguration: Sendable {
    public enum DatabaseChoice: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteMemory
        case postgres(url: String)
    }

    public var database: DatabaseChoice
    /// The folder holding Resources/ and Public/.
    public var rootDirectory: String
    /// Behind a reverse proxy, the client's address and TLS come from the proxy's headers
    /// (X-Forwarded-For, X-Forwarded-Proto); otherwise those headers are not believed.
    public var behindProxy: Bool
    /// Minutes between the scheduled fetches of the regional calendars' feeds; 0 is off.
    public var feedIntervalMinutes: Int

    public init(
        database: DatabaseChoice, rootDirectory: String, behindProxy: Bool = false, feedIntervalMinutes: Int = 60
    ) {
        self.database = database
        self.rootDirectory = rootDirectory
        self.behindProxy = behindProxy
        self.feedIntervalMinutes = feedIntervalMinutes
    }

    /// The longest interval: a week.
    static let maximumFeedInterval = 7 * 24 * 60

    public struct Invalid: Error, CustomStringConvertible {
        public var problems: [String]
        public var description: String {
            "Stadshart kan niet starten:\n" + problems.map { "- \($0)" }.joined(separator: "\n")
        }
    }

    /// Reads `DATABASE_URL`, `STADSHART_HOME`, `STADSHART_BEHIND_PROXY` and `STADSHART_FEED_INTERVAL`;
    /// names every bad variable before failing.
    /// Unset `DATABASE_URL` means the embedded SQLite file `data/stadshart.sqlite` under the root.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> Self
    {
        var problems: [String] = []
        var root = environment["STADSHART_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.locateRoot()
        if !root.hasSuffix("/") { root += "/" }
        if !FileManager.default.fileExists(atPath: root + "Resources/Views") {
            problems.append("STADSHART_HOME: map '\(root)' bevat geen Resources/Views")
        }
        var database = DatabaseChoice.sqliteFile(path: root + "data/stadshart.sqlite")
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            switch parseDatabaseURL(url) {
            case .success(let choice): database = choice
            case .failure(let problem): problems.append("DATABASE_URL: \(problem.message)")
            }
        }
        var behindProxy = false
        switch environment["STADSHART_BEHIND_PROXY"]?.lowercased() {
        case nil, "", "0", "false", "nee": break
        case "1", "true", "ja": behindProxy = true
        case let other?: problems.append("STADSHART_BEHIND_PROXY: '\(other)' is geen ja of nee (1/0)")
        }
        var feedInterval = 60
        if let text = environment["STADSHART_FEED_INTERVAL"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if let minutes = Int(text), (0...maximumFeedInterval).contains(minutes) {
                feedInterval = minutes
            } else {
                problems.append(
                    "STADSHART_FEED_INTERVAL: '\(text)' is geen aantal minuten van 0 (uit) tot \(maximumFeedInterval)")
            }
        }
        if !problems.isEmpty { throw Invalid(problems: problems) }
        return StadshartConfiguration(
            database: database, rootDirectory: root, behindProxy: behindProxy, feedIntervalMinutes: feedInterval)
    }

    struct URLProblem: Error { var message: String }

    static func parseDatabaseURL(_ url: String) -> Result<DatabaseChoice, URLProblem> {
        if url == "sqlite::memory:" || url == "sqlite://:memory:" { return .success(.sqliteMemory) }
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard path.hasPrefix("/") else {
                return .failure(URLProblem(message: "gebruik een absoluut pad: sqlite:///pad/naar/stadshart.sqlite"))
            }
            return .success(.sqliteFile(path: path))
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard URL(string: url)?.host?.isEmpty == false, URL(string: url)?.user != nil else {
                return .failure(URLProblem(message: "verwacht postgres://gebruiker:wachtwoord@host/database"))
            }
            return .success(.postgres(url: url))
        }
        return .failure(URLProblem(message: "onbekend soort database; gebruik sqlite:///pad of postgres://…"))
    }

    /// The checkout or install folder: the nearest folder above the executable (or the current
    /// directory, for `swift run`) that holds Resources/Views.
    static func locateRoot() -> String {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: fm.currentDirectoryPath))
        for start in candidates {
            var folder = start.standardizedFileURL
            for _ in 0..<8 {
                if fm.fileExists(atPath: folder.appendingPathComponent("Resources/Views").path) { return folder.path }
                folder.deleteLastPathComponent()
            }
        }
        return fm.currentDirectoryPath
    }
}
