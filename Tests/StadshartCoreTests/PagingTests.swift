import Testing

@testable import StadshartCore

@Suite("Paging")
struct PagingTests {
    let rows = (1...25).map { "P\($0 < 10 ? "0" : "")\($0)" }

    @Test func pagesFollowEachOtherWithoutGapsOrRepeats() throws {
        var seen: [String] = []
        var cursor: String?
        repeat {
            let (page, next) = try PageRequest(limit: 10, cursor: cursor).slice(rows) { $0 }
            seen += page
            cursor = next
        } while cursor != nil
        #expect(seen == rows)
    }

    @Test func theLastPageHasNoNext() throws {
        let (page, next) = try PageRequest(limit: 30).slice(rows) { $0 }
        #expect(page.count == 25 && next == nil)
        let (exact, end) = try PageRequest(limit: 5, cursor: "P20").slice(rows) { $0 }
        #expect(exact == ["P21", "P22", "P23", "P24", "P25"] && end == nil)
    }

    @Test func badLimitsAndUnknownCursorsNameTheirField() throws {
        for limit in ["0", "1001", "tien", "-3"] {
            #expect(throws: InvalidInput.self) { try PageRequest.parse(["limit": limit]) }
        }
        #expect(try PageRequest.parse(["limit": " ", "cursor": ""]) == PageRequest())
        do {
            _ = try PageRequest(cursor: "X99").slice(rows) { $0 }
            Issue.record("an unknown cursor gave a page")
        } catch {
            #expect(error.problems.map(\.field) == ["cursor"])
        }
    }
}
