import Vapor

/// What a destructive step asks before it happens, on a page of its own: the form that does it
/// posts to the same address, so the step works without JavaScript and cannot be one slip of
/// the finger. A GET of that address shows this page; only its button posts.
struct Confirmation {
    var heading: String
    /// What will happen, and what will not (kept, can be undone, …).
    var lines: [String]
    var button: String
    /// Where "Nee, terug" goes: the page the person came from.
    var back: String
}

struct ConfirmPage: Encodable {
    var layout: Layout
    var heading: String
    var lines: [String]
    var button: String
    var postLink: String
    var back: String
}

extension Pages {
    /// The confirmation page for a destructive POST on `path`, with the same rule as that POST.
    func confirm(
        _ path: WebPath, _ rule: RouteRule,
        _ ask: @escaping @Sendable (Request) async throws -> (Confirmation, Layout)
    ) {
        get(path, rule) { req in
            let (question, layout) = try await ask(req)
            return try await req.view.render(
                "confirm",
                ConfirmPage(
                    layout: layout, heading: question.heading, lines: question.lines, button: question.button,
                    postLink: req.url.path, back: question.back))
        }
    }
}
