/// One page of a long list: at most `limit` rows after the row named by `cursor` (the key of
/// the last row of the page before). Lists keep one order, so a cursor stays right while rows
/// are added elsewhere in the list.
public struct PageRequest: Equatable, Sendable {
    public static let maximum = 1000
    public static let parameters = ["limit", "cursor"]

    public var limit: Int
    public var cursor: String?

    public init(limit: Int = PageRequest.maximum, cursor: String? = nil) {
        self.limit = limit
        self.cursor = cursor
    }

    public static func parse(_ query: [String: String]) throws(InvalidInput) -> PageRequest {
        var page = PageRequest(cursor: query["cursor"].nonBlank)
        if let text = query["limit"].nonBlank {
            guard let limit = Int(text), (1...maximum).contains(limit) else {
                throw InvalidInput([FieldProblem(field: "limit", message: "kies een aantal van 1 tot \(maximum)")])
            }
            page.limit = limit
        }
        return page
    }

    /// The page's rows, and the cursor of the next page when there is one. A cursor that names
    /// no row (another list's, or made up) is a problem, not an empty page.
    public func slice<Row>(_ rows: [Row], key: (Row) -> String) throws(InvalidInput) -> (rows: [Row], next: String?) {
        var start = 0
        if let cursor {
            guard let index = rows.firstIndex(where: { key($0) == cursor }) else {
                throw InvalidInput([
                    FieldProblem(
                        field: "cursor", message: "'\(cursor)' hoort bij geen rij van deze lijst; begin zonder cursor")
                ])
            }
            start = index + 1
        }
        let end = min(rows.count, start + limit)
        let page = Array(rows[start..<end])
        return (page, end < rows.count ? page.last.map(key) : nil)
    }
}
