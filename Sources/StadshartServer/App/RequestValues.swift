import StadshartCore
import Vapor

extension Request {
    /// The named query parameters that were sent, for a Core parser to read.
    func queryValues(_ names: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for name in names { values[name] = query[String.self, at: name] }
        return values
    }

    /// A filter read from the query by a Core parser; what it cannot read is a Dutch 400 naming the field.
    func queryFilter<Filter>(
        _ names: [String], _ parse: ([String: String]) throws(InvalidInput) -> Filter
    ) throws -> Filter {
        do {
            return try parse(queryValues(names))
        } catch {
            var refusal = StadshartError.invalid(error)
            refusal.status = .badRequest
            throw refusal
        }
    }

    /// `?date=` in either notation; today (by the clock) when absent, a Dutch 400 when unreadable.
    func dateQuery() throws -> Day {
        guard let text = query[String.self, at: "date"], !text.isEmpty else { return today }
        guard let day = Day(parsing: text) else {
            var error = StadshartError.invalid(
                InvalidInput([FieldProblem(field: "date", message: "'\(text)' is geen datum")]))
            error.status = .badRequest
            throw error
        }
        return day
    }
}
