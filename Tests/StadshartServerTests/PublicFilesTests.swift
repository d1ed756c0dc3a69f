import Testing
import VaporTesting

@testable import StadshartServer

/// The public directory's files are served; any other path goes to the routes without a file lookup.
@Suite("Public files")
struct PublicFilesTests {
    @Test func theStyleSheetIsServedAndOtherPathsAreRoutes() async throws {
        try await withStadshart(.sqlite, demo: false) { app in
            let css = try await send(app, .GET, "/style.css", as: .anonymous)
            #expect(css.status == .ok)
            #expect(css.headers.contentType?.subType == "css")
            #expect(css.text.contains("body"))
            // Not a file of the directory: the router answers (here: nothing there).
            let missing = try await send(app, .GET, "/stijl.css", as: .anonymous)
            #expect(missing.status == .notFound)
            let escape = try await send(app, .GET, "/../Package.swift", as: .anonymous)
            #expect(escape.status == .notFound)
        }
    }
}
