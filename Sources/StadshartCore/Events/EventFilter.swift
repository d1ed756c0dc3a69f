import Foundation

/// The query of the event list: days, category, status and source, each optional.
public struct EventFilter: Equatable, Sendable, CustomStringConvertible {
    public var from: Day?
    public var to: Day?
    public var category: EventCategory?
    public var status: EventStatus?
    /// "eigen" for the centre's own, or a regional calendar's key.
    public var source: String?

    public init() {}

    public static let parameters = ["from", "to", "category", "status", "source"]

    public static func parse(_ query: [String: String]) throws(InvalidInput) -> EventFilter {
        var problems: [FieldProblem] = []
        var filter = EventFilter()
        for (name, keyPath) in [("from", \EventFilter.from), ("to", \EventFilter.to)] {
            guard let text = query[name].nonBlank else { continue }
            if let day = Day(parsing: text) {
                filter[keyPath: keyPath] = day
            } else {
                problems.append(FieldProblem(field: name, message: "'\(text)' is geen datum"))
            }
        }
        if let text = query["category"].nonBlank {
            filter.category = EventCategory(rawValue: text)
            if filter.category == nil {
                problems.append(
                    FieldProblem(
                        field: "category",
                        message: "kies uit: \(EventCategory.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if let text = query["status"].nonBlank {
            filter.status = EventStatus(rawValue: text)
            if filter.status == nil {
                problems.append(
                    FieldProblem(
                        field: "status",
                        message: "kies uit: \(EventStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if let from = filter.from, let to = filter.to, to < from {
            problems.append(FieldProblem(field: "to", message: "de einddatum ligt vóór de begindatum"))
        }
        filter.source = query["source"].nonBlank
        if !problems.isEmpty { throw InvalidInput(problems) }
        return filter
    }

    public var description: String {
        "\(from?.description ?? "")|\(to?.description ?? "")|\(category?.rawValue ?? "")|\(status?.rawValue ?? "")|\(source ?? "")"
    }
}
