import Foundation
import StadshartCore
import Vapor

extension Request {
    /// A form shown again with its problems: 422, so scripts and tests see the refusal.
    func rerender(_ template: String, _ page: some Encodable) async throws -> Response {
        let response = try await view.render(template, page).encodeResponse(for: self)
        response.status = .unprocessableEntity
        return response
    }
}

extension Array where Element == FieldProblem {
    /// The messages by field, for a form to show next to each input.
    var byField: [String: String] {
        Dictionary(map { ($0.field, $0.message) }, uniquingKeysWith: { a, b in a + "; " + b })
    }
}

/// A label and a number, for the small tables of counts on several pages.
struct LabelledCount: Encodable {
    var label: String
    var count: Int
}

/// Instants as people in the Netherlands read them: "14-12-2018 09:05", Amsterdam time.
enum DutchTime {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        return calendar
    }()

    static func instant(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let minute = parts.minute! < 10 ? "0\(parts.minute!)" : "\(parts.minute!)"
        let hour = parts.hour! < 10 ? "0\(parts.hour!)" : "\(parts.hour!)"
        return "\(parts.day!)-\(parts.month!)-\(parts.year!) \(hour):\(minute)"
    }
}
