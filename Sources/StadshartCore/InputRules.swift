/// How long a text may be, by what it is used for. Every text that comes in has one of these.
public enum TextLimit {
    /// Keys that name things in URLs and files (zones, organisations, indicators).
    public static let key = 64
    /// Names and titles, and the short facts beside them (a funding source, a temporary user).
    public static let name = 200
    /// A sentence: a reason, a short note.
    public static let line = 500
    /// Descriptions and progress notes.
    public static let text = 10_000
    /// The most any single field may carry, whatever it is; a backstop for fields without their own.
    public static let anyField = 20_000
}

/// What every text that comes in must satisfy: readable characters and a length that fits its use.
public enum TextRules {
    /// Tab, line feed and carriage return are the only control characters a text may hold: a NUL
    /// cuts text short in SQLite and is refused by PostgreSQL, and the others are never typed.
    public static func forbiddenCharacter(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            scalar.properties.generalCategory == .control && !["\t", "\n", "\r"].contains(scalar)
        }
    }

    /// The problem with one field's text, if any: a control character or more than `limit` characters.
    public static func problem(field: String, _ text: String?, limit: Int, line: Int? = nil) -> FieldProblem? {
        guard let text else { return nil }
        if let scalar = forbiddenCharacter(in: text) {
            let code = String(scalar.value, radix: 16, uppercase: true)
            return FieldProblem(
                field: field,
                message:
                    "bevat een onzichtbaar stuurteken (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)); "
                    + "alleen gewone tekst, tabs en regeleinden zijn toegestaan",
                line: line)
        }
        if text.count > limit {
            return FieldProblem(
                field: field, message: "is te lang: hoogstens \(DutchNumber.format(Double(limit), decimals: 0)) tekens",
                line: line)
        }
        return nil
    }

    /// The problems of several fields at once, each with its own limit.
    public static func problems(_ fields: [(field: String, text: String?, limit: Int)], line: Int? = nil)
        -> [FieldProblem]
    {
        fields.compactMap { problem(field: $0.field, $0.text, limit: $0.limit, line: line) }
    }

    /// A file's bytes as text, when they are UTF-8; otherwise a problem naming the first line with
    /// a byte that is not (a file saved as Latin-1 or Windows-1252 would otherwise be stored garbled).
    public static func utf8(_ bytes: some Collection<UInt8>, field: String = "bestand") throws(InvalidInput) -> String {
        if let text = String(validating: bytes, as: UTF8.self) {
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        var line = 1
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n") {
                if String(validating: bytes[start..<index], as: UTF8.self) == nil { break }
                line += 1
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        throw InvalidInput([
            FieldProblem(
                field: field,
                message:
                    "het bestand is geen UTF-8; sla het op als 'CSV UTF-8' (bijvoorbeeld in Excel) en probeer opnieuw",
                line: line)
        ])
    }
}

/// Dates of things that happened: not after today.
public enum DayRules {
    public static func happened(_ day: Day?, today: Day, field: String, what: String) -> FieldProblem? {
        guard let day, day > today else { return nil }
        return FieldProblem(
            field: field, message: "\(what) ligt in de toekomst (\(day.dutch)); vandaag is het \(today.dutch)")
    }
}
