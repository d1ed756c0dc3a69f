import Foundation
import Testing
import Vapor

@testable import StadshartServer

@Suite("OpenAPI document")
struct OpenAPITests {
    /// Every API route is in the document, and the document names no route that is not there.
    @Test func documentMatchesTheRoutes() async throws {
        try await withStadshart(.sqlite, demo: false) { app in
            let routes = Set(
                app.routes.all.filter { $0.path.first?.description == "api" }.map { route in
                    route.method.rawValue.lowercased() + " /"
                        + route.path.map { component -> String in
                            if case .parameter(let name) = component { return "{\(name)}" }
                            return component.description
                        }.joined(separator: "/")
                })
            let res = try await send(app, .GET, "api/openapi.json", as: .anonymous)
            let document = try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as! [String: Any]
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = document["paths"] as! [String: [String: Any]]
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } })
            #expect(routes == documented)
            #expect(routes.contains("get /api/v1/centres/{centre}/plans/{year}"))
            // Every referenced schema exists.
            let schemas = (document["components"] as! [String: Any])["schemas"] as! [String: Any]
            let text = res.body.string
            let refs = text.components(separatedBy: "#/components/schemas/").dropFirst().map {
                $0.prefix { $0 != "\"" }
            }
            #expect(!refs.isEmpty)
            for ref in refs { #expect(schemas[String(ref)] != nil, "missing schema \(ref)") }
        }
    }
}
