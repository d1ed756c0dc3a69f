import StadshartCore
import Vapor

/// What a route asks of the person calling it. Every route is declared with its rule
/// (`Pages.get/post`, `APIRoutes.add`); the rule travels on the route itself, so there is no
/// table to keep in step with the router.
enum RouteRule: Equatable, Sendable {
    /// Anyone, signed in or not. Plan routes then show drafts only to those with `readPlan`.
    case anyone
    /// A signed-in person, on their own account (allowed while setting up the second step).
    case ownAccount
    /// The same, but only signed in through the browser: an API token cannot make new tokens or
    /// change how its owner signs in.
    case ownSession
    /// A role in the route's `:centre` that has this capability.
    case centre(Capability)
    /// Any role in the route's `:centre`; the handler decides on the record (an ondernemer's own
    /// business, a vastgoedeigenaar's own premises).
    case member
}

extension Route {
    private static let ruleKey = "stadshart.rule"

    /// The rule this route was declared with; a route without one is refused.
    var rule: RouteRule? {
        get { userInfo[Self.ruleKey] as? RouteRule }
        set { userInfo[Self.ruleKey] = newValue }
    }
}

/// Declares the web pages: each with its address (a `Web` path, so links and routes share it),
/// its method and its rule.
struct Pages {
    let routes: any RoutesBuilder

    func get(
        _ path: WebPath, _ rule: RouteRule,
        _ handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable
    ) {
        on(.GET, path, rule, handler)
    }

    /// A public page of a centre, served from the centre's cache while its data is unchanged.
    func publicPage(
        _ path: WebPath, _ handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable
    ) {
        on(.GET, path, .anyone) { req in try await req.publicAnswer { try await handler(req) } }
    }

    func post(
        _ path: WebPath, _ rule: RouteRule,
        _ handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable
    ) {
        on(.POST, path, rule, handler)
    }

    func on<Output: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: WebPath, _ rule: RouteRule,
        _ handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        routes.on(method, path.components) { try await handler($0) }.rule = rule
    }
}

/// Applies each route's rule, after routing and before the handler, and finds the route's
/// centre once, for every handler after it (`request.centre`).
struct PermissionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let route = request.route, let rule = route.rule else {
            request.logger.error("route without a permission rule: \(request.method) \(request.url.path)")
            throw Refusal.forbidden("Deze pagina heeft geen toegangsregel en is daarom dicht.")
        }
        let slug = request.parameters.get("centre")
        switch rule {
        case .anyone:
            break
        case .ownAccount:
            _ = try request.requirePrincipal()
        case .ownSession:
            guard try request.requirePrincipal().session != nil else {
                throw Refusal.forbidden("Dit kan alleen ingelogd in de browser, niet met een API-token.")
            }
        case .member:
            let principal = try request.requirePrincipal()
            if let reason = principal.onHoldReason { throw Refusal.forbidden(reason) }
            guard principal.grants.contains(where: { $0.centre == slug }) else {
                throw Refusal.forbidden("U hebt geen rol in deze binnenstad.")
            }
        case .centre(let capability):
            let principal = try request.requirePrincipal()
            if let reason = principal.onHoldReason { throw Refusal.forbidden(reason) }
            guard Access.allows(principal.grants, capability, in: slug ?? "") else {
                throw Refusal.forbidden("U hebt geen rol in deze binnenstad die dit mag.")
            }
        }
        if let slug { request.storage[CentreKey.self] = try await Centre.find(slug: slug, on: request.db) }
        return try await next.respond(to: request)
    }
}

private struct CentreKey: StorageKey {
    typealias Value = Centre
}

extension Request {
    /// The centre of a route with `:centre`, found by the permission middleware.
    var centre: Centre {
        get throws {
            guard let centre = storage[CentreKey.self] else {
                throw Abort(.internalServerError, reason: "route without :centre asked for its centre")
            }
            return centre
        }
    }
}
