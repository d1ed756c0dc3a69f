import Foundation

/// CSV as RFC 4180 describes it, UTF-8, with ';' (what Dutch spreadsheets write) or ','.
public enum CSV {
    public struct Row: Equatable, Sendable {
        /// 1-based line number of the row's first line in the file, for messages.
        public var line: Int
        public var fields: [String]
    }

    public struct Malformed: Error, Equatable, Sendable {
        public var line: Int
        public var message: String
    }

    /// The delimiter of a file: whichever of ';' and ',' the header line has more of.
    public static func delimiter(of text: String) -> Character {
        let header =
            text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        return header.filter { $0 == ";" }.count >= header.filter { $0 == "," }.count ? ";" : ","
    }

    public static func parse(_ text: String, delimiter: Character? = nil) throws(Malformed) -> [Row] {
        let delimiter = delimiter ?? Self.delimiter(of: text)
        var rows: [Row] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var rowStart = 1
        var fieldWasQuoted = false
        var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        if chars.last != "\n" && chars.last != "\r\n" { chars.append("\n") }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" {
                        field.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c == "\r\n" ? "\n" : c)
                }
            } else if c == "\"" {
                guard field.isEmpty && !fieldWasQuoted else {
                    throw Malformed(line: line, message: "aanhalingsteken midden in een veld")
                }
                inQuotes = true
                fieldWasQuoted = true
            } else if c == delimiter {
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                fields.append(field)
                if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                    rows.append(Row(line: rowStart, fields: fields))
                }
                fields = []
                field = ""
                fieldWasQuoted = false
                line += 1
                rowStart = line
            } else {
                if fieldWasQuoted { throw Malformed(line: line, message: "tekst na het sluitende aanhalingsteken") }
                field.append(c)
            }
            i += 1
        }
        if inQuotes { throw Malformed(line: rowStart, message: "aanhalingsteken wordt niet gesloten") }
        return rows
    }

    /// Characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// A field that a spreadsheet would run as a formula gets a leading apostrophe, so an export
    /// opened by an auditor cannot start anything. `unescapeFormula` takes it off again on import.
    public static func escapeFormula(_ field: String) -> String {
        guard let first = field.first, formulaStarts.contains(first) else { return field }
        return "'" + field
    }

    public static func unescapeFormula(_ field: String) -> String {
        guard field.first == "'", let second = field.dropFirst().first, formulaStarts.contains(second) else {
            return field
        }
        return String(field.dropFirst())
    }

    public static func encode(_ rows: [[String]], delimiter: Character = ";") -> String {
        rows.map { row in
            row.map(escapeFormula).map { field in
                let needsQuotes =
                    field.contains(delimiter) || field.contains("\"") || field.contains("\n")
                    || field.contains("\r") || field.first == " " || field.last == " "
                return needsQuotes ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: String(delimiter))
        }.joined(separator: "\r\n") + "\r\n"
    }
}
