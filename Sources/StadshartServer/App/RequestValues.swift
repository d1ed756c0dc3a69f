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
        try Self.asBadRequest { () throws(InvalidInput) in try parse(queryValues(names)) }
    }

    /// What the query asked for cannot be given: a 400 (not a 422, which is for a body) naming the parameter.
    static func asBadRequest<Value>(_ body: () throws(InvalidInput) -> Value) throws -> Value {
        do {
            return try body()
        } catch {
            var refusal = StadshartError.invalid(error)
            refusal.status = .badRequest
            throw refusal
        }
    }

    /// A query parameter that cannot be read: a Dutch 400 naming it.
    static func badQuery(_ field: String, _ message: String) -> StadshartError {
        var refusal = StadshartError.invalid(InvalidInput([FieldProblem(field: field, message: message)]))
        refusal.status = .badRequest
        return refusal
    }

    /// An optional day in the query, in either notation: nil when absent or empty, a Dutch 400 naming it
    /// when unreadable.
    func optionalDayQuery(_ name: String) throws -> Day? {
        guard let text = (query[name] as String?).nonBlank else { return nil }
        guard let day = Day(parsing: text), PlanYear.range.contains(day.year) else {
            throw Self.badQuery(name, "'\(text)' is geen datum; schrijf bijvoorbeeld 2020-06-01 of 1-6-2020")
        }
        return day
    }

    /// `?date=` in either notation; today (by the clock) when absent, a Dutch 400 when unreadable.
    func dateQuery() throws -> Day {
        guard let text = query[String.self, at: "date"], !text.isEmpty else { return today }
        guard let day = Day(parsing: text) else { throw Self.badQuery("date", "'\(text)' is geen datum") }
        return day
    }
}

extension Request {
    private struct NextPageKey: StorageKey {
        typealias Value = String
    }

    /// One page of `rows` by `?limit=&cursor=`; the address of the next page goes out in a
    /// `Link: <…>; rel="next"` header (see `APIRoutes`), so the answer stays a plain list.
    /// Pages for people default to fewer rows than the API's (`defaultLimit`).
    func page<Row>(_ rows: [Row], key: (Row) -> String, defaultLimit: Int = PageRequest.maximum) throws -> [Row] {
        var request = try queryFilter(PageRequest.parameters, PageRequest.parse)
        if (query["limit"] as String?).nonBlank == nil { request.limit = defaultLimit }
        let (page, next) = try Self.asBadRequest { () throws(InvalidInput) in try request.slice(rows, key: key) }
        if let next { setNextPage(cursor: next) }
        return page
    }

    /// Notes the address of the next page: this one's, with the cursor given.
    func setNextPage(cursor: String) {
        guard var address = URLComponents(string: url.string) else { return }
        var items = (address.queryItems ?? []).filter { $0.name != "cursor" }
        items.append(URLQueryItem(name: "cursor", value: cursor))
        address.queryItems = items
        storage[NextPageKey.self] = address.string
    }

    /// The address of the next page, when the answer is one page of a longer list.
    var nextPage: String? { storage[NextPageKey.self] }
}
