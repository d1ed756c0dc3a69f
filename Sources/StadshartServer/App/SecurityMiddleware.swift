import Vapor

/// Headers every response carries: no inline script, no framing, no sniffing, little referrer.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        if request.url.path.hasPrefix("/api/") || request.principal != nil {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}

/// Cross-site request forgery: a change made with a session cookie must carry the session's
/// token (form field `csrf` or header `X-CSRF-Token`) and, when the browser names its origin,
/// come from this site. Bearer-token requests carry no ambient credentials and need neither.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard [.POST, .PUT, .PATCH, .DELETE].contains(request.method), !request.usesAPIToken
        else { return try await next.respond(to: request) }
        if let origin = request.headers.first(name: .origin), origin != "null" {
            let host = request.headers.first(name: .host)
            guard let host, URL(string: origin)?.hostWithPort == host else {
                throw StadshartError(
                    status: .forbidden, title: "Geweigerd", detail: "Een verzoek van een andere website is geweigerd.")
            }
        }
        if let session = request.principal?.session ?? request.pendingSession {
            var sent = request.headers.first(name: "X-CSRF-Token")
            if sent == nil, request.headers.contentType == .urlEncodedForm {
                _ = try await request.body.collect(max: 2 * 1024 * 1024).get()
                sent = FormBody(request)["csrf"]
            } else if sent == nil, request.headers.contentType?.type == "multipart" {
                _ = try await request.body.collect(max: 2 * 1024 * 1024).get()
                sent = try? request.content.get(String.self, at: "csrf")
            }
            guard sent == session.csrfToken else {
                throw StadshartError(
                    status: .forbidden, title: "Formulier verlopen",
                    detail:
                        "Dit formulier is verlopen of niet van Stadshart afkomstig. Laad de pagina opnieuw en probeer het nog eens."
                )
            }
        }
        return try await next.respond(to: request)
    }
}

extension URL {
    var hostWithPort: String? {
        guard let host else { return nil }
        return port.map { "\(host):\($0)" } ?? host
    }
}

/// Static files from Public/, for paths that can name a file at all. A segment longer than a file
/// name may be (255 bytes) made the file system's stat fail and the request end in a 500; such a
/// path names nothing here and goes on to the router, which answers 404.
struct PublicFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware
    /// The files of the public directory, as paths ("/style.css"), listed when the server starts: every
    /// other request goes straight on, without asking the file system whether it names a file (a round
    /// trip to the file I/O threads that the busiest pages, the public ones, would pay on every request).
    let paths: Set<String>

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
        let root = URL(fileURLWithPath: publicDirectory)
        let found = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        paths = Set(
            found.filter { relative in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(
                    atPath: root.appendingPathComponent(relative).path, isDirectory: &isDirectory)
                    && !isDirectory.boolValue
            }.map { "/" + $0 })
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard paths.contains(request.url.path) else { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }
}
