import Foundation
import Vapor

/// "Opgeslagen" after every change. A form's success answers 303 to the page that shows the
/// result; the message rides along on a short-lived cookie, which that page shows once and
/// clears. No JavaScript, and no message in the address (a reload or a shared link shows none).
enum Notice {
    static let cookieName = "stadshart-melding"
    /// Cookies are small; a notice is one sentence.
    static let maximumLength = 300
}

extension Request {
    /// A finished form: 303 to `location`, saying what happened there.
    func seeOther(_ location: String, notice: String) -> Response {
        let response = seeOther(location)
        let text = String(notice.prefix(Notice.maximumLength))
        response.cookies[Notice.cookieName] = HTTPCookies.Value(
            string: text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "", maxAge: 60, path: "/",
            isSecure: isSecure, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// The notice this request brings from the form before it, if any.
    var notice: String? {
        guard let value = cookies[Notice.cookieName]?.string, !value.isEmpty else { return nil }
        return value.removingPercentEncoding.map { String($0.prefix(Notice.maximumLength)) }
    }
}

/// Clears a notice once a page has been answered with it, so it shows only once.
struct NoticeMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let redirected = (300..<400).contains(response.status.code) && response.status != .notModified
        if request.notice != nil, !redirected, response.cookies[Notice.cookieName] == nil {
            response.cookies[Notice.cookieName] = HTTPCookies.Value(
                string: "", expires: Date(timeIntervalSince1970: 0), path: "/", isSecure: request.isSecure,
                isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}
