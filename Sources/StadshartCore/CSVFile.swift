/// What the CSV imports share (actions, premises, businesses): the header check, the field count, the
/// formula escape, and recording problems per line and column.
/// Every check records its problem on the line and returns what it could read, so one pass finds everything.
struct CSVFile {
    var number: Int
    var value: [String: String]
    var problems: [FieldProblem] = []

    /// The lines with the right number of fields, by lowercased column name; the problems found so far.
    /// Throws only when the file as a whole is unreadable (encoding, header, no lines).
    static func lines(_ text: String, header: [String], required: Set<String>, nothing: String)
        throws(InvalidInput) -> (lines: [CSVFile], problems: [FieldProblem])
    {
        let rows: [CSV.Row]
        do {
            rows = try CSV.parse(text)
        } catch {
            throw InvalidInput([FieldProblem(field: "bestand", message: error.message, line: error.line)])
        }
        guard let headerRow = rows.first else {
            throw InvalidInput([FieldProblem(field: "bestand", message: "het bestand is leeg")])
        }
        let names = headerRow.fields.map { $0.trimmed.lowercased() }
        var problems: [FieldProblem] = []
        for name in names where !header.contains(name) {
            problems.append(
                FieldProblem(
                    field: name, message: "onbekende kolom; bekende kolommen: \(header.joined(separator: ", "))",
                    line: 1))
        }
        for name in Set(names).sorted() where names.filter({ $0 == name }).count > 1 {
            problems.append(FieldProblem(field: name, message: "kolom staat er meer dan één keer", line: 1))
        }
        for name in required.sorted() where !names.contains(name) {
            problems.append(FieldProblem(field: name, message: "kolom ontbreekt", line: 1))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        if rows.count == 1 {
            throw InvalidInput([FieldProblem(field: "bestand", message: nothing, line: 2)])
        }
        var lines: [CSVFile] = []
        for row in rows.dropFirst() {
            guard row.fields.count == names.count else {
                problems.append(
                    FieldProblem(
                        field: "regel", message: "\(row.fields.count) velden, verwacht \(names.count)", line: row.line))
                continue
            }
            var value: [String: String] = [:]
            for (name, field) in zip(names, row.fields) {
                value[name] = CSV.unescapeFormula(field.trimmed)
                // Every importer refuses the file when this list is not empty.
                if let problem = TextRules.problem(field: name, field, limit: TextLimit.anyField, line: row.line) {
                    problems.append(problem)
                }
            }
            lines.append(CSVFile(number: row.line, value: value))
        }
        return (lines, problems)
    }

    /// The trimmed value of a column; "" when the column is absent.
    subscript(_ column: String) -> String { value[column] ?? "" }

    mutating func problem(_ column: String, _ message: String) {
        problems.append(FieldProblem(field: column, message: message, line: number))
    }
}
