import Foundation
import StadshartCore
import Testing
import Vapor

@testable import StadshartServer

@Suite("OpenAPI document")
struct OpenAPITests {
    static func document(_ app: Application) async throws -> [String: Any] {
        let res = try await send(app, .GET, "api/openapi.json", as: .anonymous)
        return try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as! [String: Any]
    }

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
            let document = try await Self.document(app)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = document["paths"] as! [String: [String: Any]]
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } })
            #expect(routes == documented)
            #expect(routes.contains("get /api/v1/centres/{centre}/plans/{year}"))
            // Every referenced schema exists.
            let schemas = (document["components"] as! [String: Any])["schemas"] as! [String: Any]
            let text = String(data: try JSONSerialization.data(withJSONObject: document), encoding: .utf8)!
            let refs = text.components(separatedBy: "#\\/components\\/schemas\\/").dropFirst().map {
                $0.prefix { $0 != "\"" }
            }
            #expect(!refs.isEmpty)
            for ref in refs { #expect(schemas[String(ref)] != nil, "missing schema \(ref)") }
            // Component names as OpenAPI allows them.
            for name in schemas.keys {
                #expect(name.range(of: #"^[a-zA-Z0-9.\-_]+$"#, options: .regularExpression) != nil, "\(name)")
            }
        }
    }

    /// The documented inputs are the decoded types: the drifts the review found are gone.
    @Test func inputSchemasAreTheDecodedTypes() async throws {
        try await withStadshart(.sqlite, demo: false) { app in
            let schemas = (try await Self.document(app)["components"] as! [String: Any])["schemas"] as! [String: Any]
            func members(_ name: String) -> Set<String> {
                Set(((schemas[name] as? [String: Any])?["properties"] as? [String: Any] ?? [:]).keys)
            }
            #expect(members("ProgressNoteInput") == ["date", "text"])
            #expect(!members("ActionPatch").contains("amendedBy"))
            #expect(members("ActionPatch").isSuperset(of: ["title", "budgetCents", "fundingSource", "reason"]))
            #expect(members("NewActionInput").contains("reason"))
        }
    }

    struct Sample: Codable {
        enum Colour: String, Codable, CaseIterable, SchemaEnum { case rood, groen }
        var name: String
        var count: Int?
        var day: Day
        var colour: Colour
        var tags: [String]
        var scores: [String: Double]
    }

    /// A schema is read from the type: required and optional members, their types, and no
    /// member the type does not have.
    @Test func aSchemaIsReadFromItsType() throws {
        let registry = SchemaRegistry()
        _ = registry.schema(for: Sample.self, strict: true)
        let encoded = try JSONEncoder().encode(JSONValue.object(registry.components.map { ($0.0, $0.1) }))
        let components = try JSONSerialization.jsonObject(with: encoded) as! [String: Any]
        let schema = components["OpenAPITests.Sample"] as! [String: Any]
        #expect(Set(schema["required"] as! [String]) == ["name", "day", "colour", "tags", "scores"])
        let check = JSONSchemaCheck(document: ["components": ["schemas": components]])
        let good: [String: Any] = [
            "name": "x", "day": "2019-01-01", "colour": "rood", "tags": ["a"], "scores": ["a": 1.5], "count": 2,
        ]
        #expect(check.problems(good, against: schema).isEmpty)
        var extra = good
        extra["amendedBy"] = "iemand"
        #expect(!check.problems(extra, against: schema).isEmpty, "a member the type lacks")
        var missing = good
        missing["name"] = nil
        #expect(!check.problems(missing, against: schema).isEmpty, "a required member left out")
        var wrong = good
        wrong["count"] = "twee"
        #expect(!check.problems(wrong, against: schema).isEmpty, "a string for an integer")
        wrong = good
        wrong["colour"] = "blauw"
        #expect(!check.problems(wrong, against: schema).isEmpty, "a value outside the enum")
    }

    /// Every GET of the API, on the demo, answers with JSON its documented schema accepts.
    @Test(arguments: TestDatabase.available)
    func everyDemoResponseFitsTheDocument(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let targets = try await AccessTests.makeTargets(app)
            let document = try await Self.document(app)
            let check = JSONSchemaCheck(document: document)
            let paths = document["paths"] as! [String: [String: Any]]
            var checked = 0
            for route in app.routes.all where route.method == .GET && route.path.first?.description == "api" {
                let documentedPath =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                let operation = try #require(paths[documentedPath]?["get"] as? [String: Any])
                let responses = operation["responses"] as! [String: Any]
                guard let ok = responses["200"] as? [String: Any],
                    let schema = ((ok["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                        as? [String: Any]
                else { continue }
                let path = AccessTests.concrete(route, centre: "assen", targets: targets)
                let res = try await send(app, .GET, path, as: .beheerder)
                #expect(res.status == .ok, "\(path): \(res.status)")
                guard res.status == .ok else { continue }
                let value = try JSONSerialization.jsonObject(with: Data(buffer: res.body), options: .fragmentsAllowed)
                let problems = check.problems(value, against: schema)
                #expect(problems.isEmpty, "\(path): \(problems.prefix(5))")
                checked += 1
            }
            #expect(checked >= 20)
        }
    }
}
