import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import StadshartCore
import Vapor

/// An error a user can act on: a status, a Dutch explanation, and what exactly is wrong.
/// The API sends it as application/problem+json (RFC 9457); pages show it in Dutch.
struct StadshartError: Error {
    var status: HTTPResponseStatus
    var title: String
    var detail: String
    var errors: [FieldProblem] = []
    var incompleteActions: [ActionGapsDTO] = []
    /// Seconds after which a refused request may be tried again (503 under contention).
    var retryAfter: Int? = nil
    /// The methods a path takes, sent as `Allow` with a 405.
    var allow: [HTTPMethod] = []

    static func notFound(_ detail: String) -> Self {
        Self(status: .notFound, title: "Niet gevonden", detail: detail)
    }

    static func conflict(_ detail: String) -> Self {
        Self(status: .conflict, title: "Kan niet", detail: detail)
    }

    /// Input that breaks a rule answers 422; input that is fine but clashes with what is stored
    /// (a key in use, a vacancy already open) answers 409.
    static func invalid(_ input: InvalidInput) -> Self {
        let detail =
            input.problems.count == 1
            ? "De invoer bevat een fout: \(input.problems[0].text)"
            : "De invoer bevat \(input.problems.count) fouten: " + input.problems.map(\.text).joined(separator: "; ")
        if input.onlyClashes {
            return Self(status: .conflict, title: "Kan niet", detail: detail, errors: input.problems)
        }
        return Self(status: .unprocessableEntity, title: "Ongeldige invoer", detail: detail, errors: input.problems)
    }
}

/// RFC 9457 problem details, with Stadshart's extension members.
struct ProblemBody: Content {
    var type: String = "about:blank"
    var title: String
    var status: Int
    var detail: String
    var errors: [FieldProblem]?
    var incompleteActions: [ActionGapsDTO]?
}

/// Turns every error into a Dutch answer: problem+json under /api, a page elsewhere.
/// Unexpected errors are logged and answered without stack traces or SQL.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch Refusal.signInNeeded where !request.url.path.hasPrefix("/api/") {
            // A page that needs a signed-in person sends the browser to sign in, and back.
            let back = request.method == .GET ? request.url.string : "/"
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "/-_.")
            return request.redirect(
                to: Web.signIn.link() + "?terug=" + (back.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"),
                redirectType: .normal)
        } catch {
            let problem = Self.problem(for: error, request: request)
            if request.url.path.hasPrefix("/api/") {
                return try Self.json(problem)
            }
            return try await Self.page(problem, request: request)
        }
    }

    static func problem(for error: any Error, request: Request) -> StadshartError {
        switch error {
        case let error as StadshartError:
            return error
        case let error as InvalidInput:
            return .invalid(error)
        case Refusal.signInNeeded:
            return StadshartError(
                status: .unauthorized, title: "Niet ingelogd",
                detail: "Log in (of stuur een API-token mee) om dit te doen.")
        case Refusal.forbidden(let reason):
            // Roles on hold open nothing: where roles decide, that is the real reason.
            if let onHold = request.principal?.onHoldReason, onHold != reason,
                ![RouteRule.ownAccount, .ownSession].contains(request.route?.rule)
            {
                return StadshartError(
                    status: .forbidden, title: "Geen toegang", detail: "\(onHold) Tot dan geldt: \(reason)")
            }
            return StadshartError(status: .forbidden, title: "Geen toegang", detail: reason)
        case let error as any DatabaseError where error.isConstraintFailure:
            // A unique thing made twice at the same moment: the constraint held, the second one is told.
            return StadshartError(
                status: .conflict, title: "Bestaat al",
                detail:
                    "Dit is niet opgeslagen: het bestaat al, of iemand anders veranderde tegelijk hetzelfde. Laad de gegevens opnieuw en kijk of het er al staat."
            )
        case _ where DatabaseContention.isContention(error):
            request.logger.warning("Database busy, answered 503: \(String(reflecting: error))")
            return StadshartError(
                status: .serviceUnavailable, title: "Even druk",
                detail:
                    "Het is op dit moment erg druk; er is niets opgeslagen. Probeer het over een paar seconden opnieuw.",
                retryAfter: 2)
        case let error as DecodingError:
            return StadshartError(
                status: .badRequest, title: "Onleesbaar verzoek",
                detail: "De inhoud van het verzoek kon niet worden gelezen: \(Self.describe(error))")
        case let abort as any AbortError where abort.status == .notFound:
            // A path that exists with other methods is not missing: 405 names what it takes.
            let allowed = Self.methods(of: request.url.path, in: request.application.routes)
            guard !allowed.isEmpty, !allowed.contains(request.method) else {
                return .notFound("Deze pagina of dit gegeven bestaat niet.")
            }
            var problem = StadshartError(
                status: .methodNotAllowed, title: "Methode niet toegestaan",
                detail: "Dit adres kent alleen " + allowed.map(\.rawValue).joined(separator: ", ") + ".")
            problem.allow = allowed
            return problem
        case let abort as any AbortError:
            let status = abort.status
            let detail: String
            switch status {
            case .notFound: detail = "Deze pagina of dit gegeven bestaat niet."
            case .payloadTooLarge: detail = "Het verzoek is te groot."
            case .unsupportedMediaType: detail = "Dit soort inhoud wordt niet ondersteund; stuur JSON."
            case .badRequest: detail = "Het verzoek is onjuist: \(abort.reason)"
            case .methodNotAllowed: detail = "Deze methode is hier niet toegestaan."
            default: detail = status.code >= 500 ? "Er ging iets mis aan onze kant." : abort.reason
            }
            return StadshartError(status: status, title: status.reasonPhrase, detail: detail)
        default:
            request.logger.report(error: error)
            return StadshartError(
                status: .internalServerError, title: "Interne fout",
                detail: "Er ging iets mis aan onze kant. Er is niets opgeslagen; probeer het later opnieuw.")
        }
    }

    /// The methods routed for a path, in the order they were declared.
    static func methods(of path: String, in routes: Routes) -> [HTTPMethod] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        // As the router does, a fixed segment wins over a parameter: `businesses/import` is not
        // the business with key "import".
        var best = (fixed: -1, methods: [HTTPMethod]())
        for route in routes.all where route.path.count == parts.count {
            var fixed = 0
            let fits = zip(route.path, parts).allSatisfy { component, part in
                switch component {
                case .constant(let text):
                    fixed += 1
                    return text == part
                case .parameter, .anything, .catchall: return true
                }
            }
            guard fits, fixed >= best.fixed else { continue }
            if fixed > best.fixed { best = (fixed, []) }
            if !best.methods.contains(route.method) { best.methods.append(route.method) }
        }
        return best.methods
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let names = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return names.isEmpty ? "" : "veld \(names.joined(separator: ".")): "
        }
        switch error {
        case .typeMismatch(_, let context): return path(context) + "verkeerd soort waarde"
        case .valueNotFound(_, let context): return path(context) + "waarde ontbreekt"
        case .keyNotFound(let key, let context): return path(context) + "veld \(key.stringValue) ontbreekt"
        case .dataCorrupted(let context): return path(context) + "geen geldige JSON of waarde"
        @unknown default: return "onbekende fout"
        }
    }

    static func json(_ problem: StadshartError) throws -> Response {
        let body = ProblemBody(
            title: problem.title, status: Int(problem.status.code), detail: problem.detail,
            errors: problem.errors.isEmpty ? nil : problem.errors,
            incompleteActions: problem.incompleteActions.isEmpty ? nil : problem.incompleteActions)
        let response = Response(status: problem.status)
        try response.content.encode(body, as: .json)
        if let seconds = problem.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
        if !problem.allow.isEmpty {
            response.headers.replaceOrAdd(name: .allow, value: problem.allow.map(\.rawValue).joined(separator: ", "))
        }
        response.headers.contentType = HTTPMediaType(
            type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
        return response
    }

    /// The query parameters of the pages (filters, dates, paging) as the page's own labels say them.
    static let parameterLabels: [String: String] = [
        "date": "Datum", "zone": "Zone", "street": "Straat", "function": "Functie", "vacant": "Alleen leeg",
        "longTerm": "Langdurig leeg", "owner": "Eigenaar", "limit": "Aantal per pagina", "cursor": "Vanaf",
        "themeLine": "Themalijn", "lead": "Trekker", "partner": "Partner", "budgetHolder": "Budgethouder",
        "status": "Status", "priority": "Prioriteit", "who": "Wie", "kind": "Soort", "from": "Van",
        "to": "Tot en met", "signIns": "Ook in- en uitloggen", "volgorde": "Volgorde", "year": "Jaar",
    ]

    static func page(_ problem: StadshartError, request: Request) async throws -> Response {
        struct ErrorPage: Encodable {
            var layout: Layout
            var title: String
            var detail: String
            var errors: [FieldProblem]
        }
        // A page names what was wrong in the words of its address's filters, not their keys.
        let errors = problem.errors.map { problem in
            var shown = problem
            shown.field = parameterLabels[problem.field] ?? problem.field
            return shown
        }
        let context = ErrorPage(
            layout: Layout(title: problem.title, request: request), title: problem.title, detail: problem.detail,
            errors: errors)
        do {
            let response = try await request.view.render("error", context).encodeResponse(for: request)
            response.status = problem.status
            if !problem.allow.isEmpty {
                response.headers.replaceOrAdd(
                    name: .allow, value: problem.allow.map(\.rawValue).joined(separator: ", "))
            }
            if let seconds = problem.retryAfter {
                response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            }
            return response
        } catch {
            let response = Response(status: problem.status, body: .init(string: "\(problem.title): \(problem.detail)"))
            response.headers.contentType = .plainText
            return response
        }
    }
}

/// Errors that mean "too busy right now", not "wrong": a writer waited too long for SQLite's lock,
/// PostgreSQL gave up a transaction to break a deadlock or a serialization conflict, or no
/// connection came free in time. They are answered 503 with Retry-After; nothing was written.
enum DatabaseContention {
    static func isContention(_ error: any Error) -> Bool {
        if let error = error as? SQLiteError {
            switch error.reason {
            case .busy, .locked, .busyInRecovery, .busyInSnapshot, .busyTimeout, .lockedBySharedCache: return true
            default: return false
            }
        }
        if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] {
            // serialization_failure, deadlock_detected, lock_not_available, too_many_connections
            return ["40001", "40P01", "55P03", "53300"].contains(state)
        }
        if error is ConnectionPoolTimeoutError { return true }
        return false
    }
}
