import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// Long lists come in pages: the API follows `Link: rel=next`, the page has a link to the next.
@Suite("Lists in pages")
struct ListPagingTests {
    @Test(arguments: TestDatabase.available)
    func theWholeRegisterComesThroughItsPages(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let all: [PremisesDTO] = try await send(app, .GET, "api/v1/centres/assen/premises?date=2018-01-01").json()
            #expect(all.count > 200)
            var seen: [String] = []
            var next: String? = "/api/v1/centres/assen/premises?date=2018-01-01&limit=100"
            var pages = 0
            while let address = next {
                let res = try await send(app, .GET, address)
                #expect(res.status == .ok)
                let page: [PremisesDTO] = try res.json()
                #expect(page.count <= 100)
                seen += page.map(\.key)
                pages += 1
                next = res.headers.first(name: .link).flatMap { link in
                    link.split(separator: ";").first.map { String($0.dropFirst().dropLast()) }
                }
                next = next.flatMap { URLComponents(string: $0).map { "\($0.path)?\($0.query ?? "")" } }
            }
            #expect(pages == (all.count + 99) / 100)
            #expect(seen == all.map(\.key))

            let bad = try await send(app, .GET, "api/v1/centres/assen/premises?cursor=bestaat-niet")
            #expect(bad.status == .badRequest)
            #expect(try bad.json(Problem.self).errors?.map(\.field) == ["cursor"])
            let tooMany = try await send(app, .GET, "api/v1/centres/assen/premises?limit=5000")
            #expect(try tooMany.json(Problem.self).errors?.map(\.field) == ["limit"])

            let page = try await send(app, .GET, "/assen/panden?date=2018-01-01&limit=100")
            #expect(page.status == .ok)
            #expect(page.text.contains("Volgende panden"))
            #expect(page.text.contains("cursor=\(seen[99])"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theAuditTrailComesInPagesFromTheDatabase(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let all: [AuditService.Row] = try await send(app, .GET, "api/v1/centres/assen/audit?limit=1000").json()
            #expect(all.count > 30)
            var seen: [UUID?] = []
            var next: String? = "/api/v1/centres/assen/audit?limit=7"
            var pages = 0
            while let address = next, pages < 100 {
                pages += 1
                let res = try await send(app, .GET, address)
                #expect(res.status == .ok)
                let page: [AuditService.Row] = try res.json()
                #expect(page.count <= 7)
                seen += page.map(\.id)
                next = res.headers.first(name: .link).flatMap { link in
                    link.split(separator: ";").first.map { String($0.dropFirst().dropLast()) }
                }
                next = next.flatMap { URLComponents(string: $0).map { "\($0.path)?\($0.query ?? "")" } }
            }
            // Every entry once, newest first, as in one long list.
            #expect(seen == all.map(\.id))
            #expect(zip(all, all.dropFirst()).allSatisfy { $0.at >= $1.at })

            let bad = try await send(app, .GET, "api/v1/centres/assen/audit?cursor=\(UUID())")
            #expect(bad.status == .badRequest)
            #expect(try bad.json(Problem.self).errors?.map(\.field) == ["cursor"])
            let page = try await send(app, .GET, "/assen/logboek?limit=7")
            #expect(page.text.contains("Oudere regels"))
            #expect(page.text.contains("cursor=\(seen[6]!.uuidString)"))
        }
    }
}
