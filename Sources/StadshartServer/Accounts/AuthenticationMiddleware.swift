import Fluent
import StadshartCore
import Vapor

/// Finds the person behind a request: a bearer token (scripts, for the API only) or a session
/// cookie (browsers). Pages ignore tokens: an API token reaches `/api/…` and nothing else, so a
/// token that leaks from a script cannot open the account or administration pages.
struct AuthenticationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.usesAPIToken, let bearer = request.headers.bearerAuthorization {
            guard let token = try await AccountService.tokenUser(bearer.token, on: request.db, now: request.now) else {
                throw StadshartError(
                    status: .unauthorized, title: "Niet ingelogd",
                    detail: "Dit API-token is onbekend, ingetrokken of verlopen.")
            }
            let grants = try await AccountService.grants(of: token.user.requireID(), on: request.db)
            request.principal = Principal(user: token.user, grants: grants, session: nil, token: token)
        } else if let cookie = request.cookies[SessionPolicy.cookieName]?.string,
            let session = try await AccountService.session(token: cookie, on: request.db, now: request.now)
        {
            if session.secondStepPending {
                request.pendingSession = session
            } else {
                let grants = try await AccountService.grants(of: session.user.requireID(), on: request.db)
                request.principal = Principal(user: session.user, grants: grants, session: session, token: nil)
            }
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// A bearer token sent to the API; tokens sent to pages are ignored.
    var usesAPIToken: Bool {
        headers.bearerAuthorization != nil && url.path.hasPrefix("/api/")
    }

    /// Whether cookies must be Secure: the request came over TLS (directly or via a proxy).
    var isSecure: Bool {
        url.scheme == "https" || (behindProxy && headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https")
    }
}

extension Response {
    func setSessionCookie(_ token: String?, for request: Request) {
        cookies[SessionPolicy.cookieName] = HTTPCookies.Value(
            string: token ?? "", expires: token == nil ? Date(timeIntervalSince1970: 0) : nil, path: "/",
            isSecure: request.isSecure, isHTTPOnly: true, sameSite: .lax)
    }
}
