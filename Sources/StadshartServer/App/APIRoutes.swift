import Vapor

/// One JSON API operation: how it is routed and how the OpenAPI document describes it.
struct APIOperation: Sendable {
    var method: HTTPMethod
    /// OpenAPI form: "/api/v1/centres/{centre}/plans/{year}".
    var path: String
    var summary: String
    /// Component schema names; a name in brackets ("[Action]") is an array of them.
    var request: String?
    var response: String?
    var status: Int
    var errors: [Int]
}

/// Registers API routes and remembers each one's description, so the OpenAPI document is
/// made from the same list the router uses and cannot drift from it.
final class APIRoutes: @unchecked Sendable {
    // Mutated only while routes are registered at start-up, before any request.
    private let routes: any RoutesBuilder
    private(set) var operations: [APIOperation] = []

    init(_ routes: any RoutesBuilder) { self.routes = routes }

    func add<Response: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: String, summary: String, request: String? = nil, response: String?,
        status: HTTPResponseStatus = .ok, errors: [Int] = [404],
        _ handler: @escaping @Sendable (Request) async throws -> Response
    ) {
        let components: [PathComponent] = path.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}")
                ? .parameter(String(part.dropFirst().dropLast())) : .constant(String(part))
        }
        routes.on(method, components) { request async throws -> Vapor.Response in
            let response = try await handler(request).encodeResponse(for: request)
            if response.status == .ok && status != .ok { response.status = status }
            return response
        }
        operations.append(
            APIOperation(
                method: method, path: path, summary: summary, request: request, response: response,
                status: Int(status.code), errors: errors))
    }
}

extension Request {
    /// A path parameter that the route guarantees.
    func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw Abort(.badRequest, reason: "parameter \(name) ontbreekt") }
        return value
    }

    func yearParameter() throws -> Int {
        let text = try parameter("year")
        guard let year = Int(text), (1900...2999).contains(year) else {
            throw StadshartError(status: .badRequest, title: "Ongeldig jaar", detail: "'\(text)' is geen jaartal.")
        }
        return year
    }

    func uuidParameter(_ name: String, what: String) throws -> UUID {
        let text = try parameter(name)
        guard let id = UUID(uuidString: text) else { throw StadshartError.notFound("\(what) '\(text)' bestaat niet.") }
        return id
    }
}
