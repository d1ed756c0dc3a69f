import StadshartCore
import Vapor

/// The OpenAPI 3.1 description of the JSON API, made from the declared operations; every
/// schema is read from a Swift type (see `SchemaRegistry`).
enum OpenAPIDocument {
    static func make(_ operations: [APIOperation], schemas: SchemaRegistry) -> JSONValue {
        let problem = schemas.schema(for: ProblemBody.self, strict: true)
        var paths: [(String, JSONValue)] = []
        for path in uniqueInOrder(operations.map(\.path)) {
            let members = operations.filter { $0.path == path }.map { op in
                (op.method.rawValue.lowercased(), operation(op, problem: problem))
            }
            paths.append(("/" + path, .object(members)))
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Stadshart API",
                "version": "1",
                "description":
                    "Het jaarplan en de werkvoorraad van een binnenstadssamenwerking. Fouten zijn application/problem+json (RFC 9457) met een Nederlandse detail-tekst.",
            ],
            "paths": .object(paths),
            "components": [
                "schemas": .object(schemas.components),
                "securitySchemes": ["token": ["type": "http", "scheme": "bearer"]],
            ],
        ]
    }

    static func uniqueInOrder(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    static func operation(_ op: APIOperation, problem: JSONValue) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("summary", .string(op.summary)), ("description", .string(who(op.rule))),
        ]
        if op.rule != .anyone { members.append(("security", [["token": []]])) }
        let parameters: [JSONValue] = op.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { part in
            let name = String(part.dropFirst().dropLast())
            let type: JSONValue =
                name == "year"
                // A plan's key (`PlanKey`): the annual plan by its year, a programme as "programma-2020".
                ? [
                    "anyOf": [
                        [
                            "type": "integer", "minimum": .number(PlanYear.range.lowerBound),
                            "maximum": .number(PlanYear.range.upperBound),
                        ],
                        ["type": "string", "pattern": "^programma-(20[0-9]{2}|2100)$"],
                    ]
                ] : ["type": "string"]
            return ["name": .string(name), "in": "path", "required": true, "schema": type]
        }
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        if let request = op.request {
            members.append(("requestBody", ["required": true, "content": content(request)]))
        }
        var responses: [(String, JSONValue)] = []
        if let response = op.response {
            responses.append((String(op.status), ["description": "gelukt", "content": content(response)]))
        } else {
            responses.append((String(op.status), ["description": "gelukt"]))
        }
        // Any request can be malformed (a path value, a header, a body that is not JSON), and any
        // write can clash with what is stored or with a write at the same moment.
        let always = op.method == .GET ? [400] : [400, 409]
        for code in Set(always + op.errors).sorted() {
            responses.append(
                (String(code), ["description": "fout", "content": ["application/problem+json": ["schema": problem]]]))
        }
        members.append(("responses", .object(responses)))
        return .object(members)
    }

    static func content(_ media: MediaSchema) -> JSONValue {
        .object([(media.mediaType, .object([("schema", media.schema)]))])
    }

    /// Who may call an operation, in the words of the roles.
    static func who(_ rule: RouteRule) -> String {
        switch rule {
        case .anyone: "Iedereen (concepten alleen voor wie het jaarplan mag lezen)."
        case .ownAccount: "Ingelogd; het eigen account."
        case .ownSession: "Alleen ingelogd in de browser."
        case .member: "Een rol in deze binnenstad; het record bepaalt verder (eigen vestiging, eigen pand)."
        case .centre(let capability): "Een rol in deze binnenstad die mag: \(capability.rawValue)."
        }
    }
}

/// The finished document, made once after every route is registered.
enum OpenAPIDocumentKey: StorageKey {
    typealias Value = Response.Body
}

extension APIRoutes {
    /// Registers /api/openapi.json last, so the document it serves lists every route, itself too.
    func serveDocument(on app: Application) throws {
        add(
            .GET, "api/openapi.json", .anyone, summary: "Deze OpenAPI-beschrijving", errors: [], produces: .anyJSON
        ) { req in
            let response = Response(status: .ok, body: req.application.storage[OpenAPIDocumentKey.self] ?? .empty)
            response.headers.contentType = .json
            return response
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        app.storage[OpenAPIDocumentKey.self] = .init(
            data: try encoder.encode(OpenAPIDocument.make(operations, schemas: schemas)))
    }
}
