import StadshartCore
import Vapor

/// One JSON API operation: how it is routed, who may call it, and how the OpenAPI document
/// describes it. The schemas are read from the handler's own input and output types.
struct APIOperation: Sendable {
    var method: HTTPMethod
    /// OpenAPI form: "api/v1/centres/{centre}/plans/{year}".
    var path: String
    var summary: String
    var rule: RouteRule
    var request: MediaSchema?
    var response: MediaSchema?
    var status: Int
    var errors: [Int]
}

/// A body's media type and schema.
struct MediaSchema: Sendable {
    var mediaType: String
    var schema: JSONValue

    static let csv = MediaSchema(
        mediaType: "text/csv",
        schema: ["type": "string", "minLength": 1, "description": "CSV, UTF-8, ; of , (zie README)"])
    static let anyJSON = MediaSchema(mediaType: "application/json", schema: ["type": "object"])
    static let calendar = MediaSchema(
        mediaType: "text/calendar",
        schema: ["type": "string", "minLength": 1, "description": "iCalendar (RFC 5545), UTF-8"])
}

/// The JSON body of an API request, of the type the route declares.
struct APIBody<Input: Decodable>: Sendable {
    let request: Request
    var value: Input {
        get throws {
            guard let buffer = request.body.data,
                buffer.readableBytesView.contains(where: { !" \n\r\t".utf8.contains($0) })
            else {
                throw StadshartError(
                    status: .badRequest, title: "Geen inhoud",
                    detail: "Dit verzoek heeft een JSON-object als inhoud nodig.")
            }
            let value = try request.json(Input.self)
            // A member the input does not know (a typo, a field of another version) is refused,
            // not ignored, so that nothing a caller meant to change is silently left as it was.
            let unknown = SchemaRegistry.unknownMembers(of: Input.self, in: Data(buffer: buffer))
            if !unknown.isEmpty {
                throw InvalidInput(unknown.map { FieldProblem(field: $0, message: "onbekend veld") })
            }
            return value
        }
    }
}

/// The body of a CSV import: the text, checked to be UTF-8.
struct CSVText {
    var text: String
}

/// The raw bytes of an iCalendar body: the parser unfolds them before it decodes UTF-8.
struct CalendarBytes {
    var bytes: [UInt8]
}

/// Declares the API: each route once, with its method, path, rule, summary and types, from
/// which the router, the permission check and the OpenAPI document all follow.
final class APIRoutes: @unchecked Sendable {
    // Mutated only while routes are registered at start-up, before any request.
    private let routes: any RoutesBuilder
    private(set) var operations: [APIOperation] = []
    let schemas = SchemaRegistry()

    init(_ routes: any RoutesBuilder) { self.routes = routes }

    /// A route without a request body. `produces` describes a handler that answers with a
    /// plain `Response` (CSV, a stored document). A `publicAnswer` is served from the centre's
    /// cache while its data is unchanged (see `PublicCache`).
    func add<Output: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: String, _ rule: RouteRule, summary: String,
        status: HTTPResponseStatus = .ok, errors: [Int] = [404], produces: MediaSchema? = nil,
        publicAnswer: Bool = false, _ handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        let response = produces ?? responseSchema(Output.self)
        if publicAnswer {
            register(
                method, path, rule, summary: summary, request: nil, response: response, status: status, errors: errors
            ) {
                req in try await req.publicAnswer { try await handler(req) }
            }
        } else {
            register(
                method, path, rule, summary: summary, request: nil, response: response, status: status, errors: errors,
                handler)
        }
    }

    /// A route with a JSON body of type `Input`. The handler reads it (`try body.value`) after it
    /// has found the record and checked the caller's right to it: a 404 or 403 comes before a 400.
    func add<Input: Decodable, Output: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: String, _ rule: RouteRule, summary: String, body: Input.Type,
        status: HTTPResponseStatus = .ok, errors: [Int] = [404],
        _ handler: @escaping @Sendable (Request, APIBody<Input>) async throws -> Output
    ) {
        let request = MediaSchema(mediaType: "application/json", schema: schemas.schema(for: Input.self, strict: false))
        register(
            method, path, rule, summary: summary, request: request, response: responseSchema(Output.self),
            status: status, errors: errors
        ) { req in try await handler(req, APIBody(request: req)) }
    }

    /// A route whose body is an iCalendar file.
    func add<Output: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: String, _ rule: RouteRule, summary: String, body: CalendarBytes.Type,
        status: HTTPResponseStatus = .ok, errors: [Int] = [404],
        _ handler: @escaping @Sendable (Request, CalendarBytes) async throws -> Output
    ) {
        register(
            method, path, rule, summary: summary, request: .calendar, response: responseSchema(Output.self),
            status: status, errors: errors
        ) { req in
            try await handler(req, CalendarBytes(bytes: req.body.data.map { Array($0.readableBytesView) } ?? []))
        }
    }

    /// A route whose body is a CSV file.
    func add<Output: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: String, _ rule: RouteRule, summary: String, body: CSVText.Type,
        status: HTTPResponseStatus = .ok, errors: [Int] = [404],
        _ handler: @escaping @Sendable (Request, CSVText) async throws -> Output
    ) {
        register(
            method, path, rule, summary: summary, request: .csv, response: responseSchema(Output.self),
            status: status, errors: errors
        ) { req in
            try await handler(
                req, CSVText(text: try req.body.data.map { try TextRules.utf8($0.readableBytesView) } ?? ""))
        }
    }

    private func responseSchema<Output>(_ type: Output.Type) -> MediaSchema? {
        if Output.self == HTTPStatus.self { return nil }
        precondition(Output.self != Response.self, "a route answering with a Response says what it produces")
        guard let decodable = Output.self as? any Decodable.Type else {
            preconditionFailure("\(Output.self) is not Codable, so its schema cannot be read")
        }
        return MediaSchema(mediaType: "application/json", schema: schemas.schema(for: decodable, strict: true))
    }

    private func register<Output: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: String, _ rule: RouteRule, summary: String, request: MediaSchema?,
        response: MediaSchema?, status: HTTPResponseStatus, errors: [Int],
        _ handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        let components: [PathComponent] = path.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}")
                ? .parameter(String(part.dropFirst().dropLast())) : .constant(String(part))
        }
        routes.on(method, components) { request async throws -> Vapor.Response in
            let response = try await handler(request).encodeResponse(for: request)
            if response.status == .ok && status != .ok { response.status = status }
            if let next = request.nextPage { response.headers.add(name: .link, value: "<\(next)>; rel=\"next\"") }
            return response
        }.rule = rule
        operations.append(
            APIOperation(
                method: method, path: path, summary: summary, rule: rule, request: request, response: response,
                status: Int(status.code), errors: errors))
    }
}

/// A link to an API route, from the path it is declared with: fills the "{name}" parts in order.
func apiLink(_ path: String, _ values: CustomStringConvertible...) -> String {
    var remaining = values.makeIterator()
    return "/"
        + path.split(separator: "/").map { part -> String in
            guard part.hasPrefix("{") else { return String(part) }
            let value = remaining.next()?.description ?? ""
            return value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value
        }.joined(separator: "/")
}

extension Request {
    /// A path parameter that the route guarantees.
    func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw Abort(.badRequest, reason: "parameter \(name) ontbreekt") }
        return value
    }

    func yearParameter() throws -> Int {
        let text = try parameter("year")
        guard let year = Int(text), PlanYear.range.contains(year) else {
            throw StadshartError(status: .badRequest, title: "Ongeldig jaar", detail: "'\(text)' is geen jaartal.")
        }
        return year
    }

    /// A plan in a path: its year ("2019"), or "programma-2020" for the economic agenda's programme.
    func planKeyParameter() throws -> PlanKey {
        let text = try parameter("year")
        guard let key = PlanKey(text) else {
            throw StadshartError(
                status: .badRequest, title: "Ongeldig jaar",
                detail: "'\(text)' is geen jaartal (of 'programma-' met een jaartal, voor een uitvoeringsprogramma).")
        }
        return key
    }

    func uuidParameter(_ name: String, what: String) throws -> UUID {
        let text = try parameter(name)
        guard let id = UUID(uuidString: text) else { throw StadshartError.notFound("\(what) '\(text)' bestaat niet.") }
        return id
    }
}
