import Foundation

/// A business (vestiging) as a line of the register's CSV: its state on the import's reference date.
public struct BusinessRow: Equatable, Sendable {
    public var line: Int
    public var key: String
    public var name: String
    public var branch: String
    public var chain: Bool
    /// 8 digits.
    public var kvk: String?
    /// Persons working at least 12 hours a week, as LISA counts jobs.
    public var jobs: Int
    public var fte: Double?
    /// Premises keys; a vestiging may occupy adjacent units.
    public var premises: [String]
    /// By day ("ma" ... "zo"): "10:00-18:00", or nil when closed. A read row has all seven days.
    public var openingHours: [String: String?]

    public init(
        line: Int = 0, key: String, name: String, branch: String, chain: Bool = false, kvk: String? = nil,
        jobs: Int, fte: Double? = nil, premises: [String],
        openingHours: [String: String?] = Dictionary(uniqueKeysWithValues: BusinessCSV.days.map { ($0, nil) })
    ) {
        self.line = line
        self.key = key
        self.name = name
        self.branch = branch
        self.chain = chain
        self.kvk = kvk
        self.jobs = jobs
        self.fte = fte
        self.premises = premises
        self.openingHours = openingHours
    }
}

/// The CSV format of businesses, shared by export and import so that an export re-imports as it is.
/// Premises are written "p1|p2"; opening hours one column a day.
public enum BusinessCSV {
    public static let days = ["ma", "di", "wo", "do", "vr", "za", "zo"]
    public static let header = ["sleutel", "naam", "branche", "keten", "kvk", "banen", "fte", "panden"] + days
    static let required: Set<String> = ["sleutel", "naam", "branche", "banen", "panden"]

    public static func row(_ row: BusinessRow) -> [String] {
        [
            row.key, row.name, row.branch, row.chain ? "ja" : "nee", row.kvk ?? "", String(row.jobs),
            row.fte.map(decimal) ?? "", row.premises.joined(separator: "|"),
        ]
            + days.map { day in
                // A day known to be closed is written so; a day not given at all stays empty.
                switch row.openingHours[day] {
                case .some(.some(let hours)): hours
                case .some(.none): "gesloten"
                case .none: ""
                }
            }
    }

    /// A decimal point, and no ".0" on whole numbers: "3" and "0.8".
    static func decimal(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Reads a whole file: every problem of every line (line number + Dutch column name), nothing half-read.
    /// The same sleutel twice is a problem too (reported on the later line).
    public static func read(_ text: String, premisesKeys: Set<String>) throws(InvalidInput) -> [BusinessRow] {
        let file = try CSVFile.lines(
            text, header: header, required: required, nothing: "het bestand heeft geen bedrijven")
        var problems = file.problems
        var rows: [BusinessRow] = []
        var firstLineOf: [String: Int] = [:]
        for var line in file.lines {
            let key = line.key("sleutel")
            let name = line.text("naam", required: true, max: 200)
            let branch = line.text("branche", required: true, max: 100)
            let chain = line.yesNo("keten")
            let kvk = line.digits("kvk", count: 8, name: "KvK-nummer")
            let jobs = line.wholeNumber("banen", in: 0...10_000, required: true)
            let fte = line.decimal("fte", in: 0...Double(Int.max))
            let premises = line["panden"].split(separator: "|").map { String($0).trimmed }.filter { !$0.isEmpty }
            if premises.isEmpty { line.problem("panden", "panden is verplicht: ten minste één pand") }
            for (index, premisesKey) in premises.enumerated() {
                if !premisesKeys.contains(premisesKey) {
                    line.problem("panden", "'\(premisesKey)' is geen bekend pand")
                } else if premises[..<index].contains(premisesKey) {
                    line.problem("panden", "pand '\(premisesKey)' staat er meer dan één keer")
                }
            }
            var openingHours: [String: String?] = [:]
            for day in days { openingHours[day] = .some(line.openingHours(day)) }
            if !key.isEmpty {
                if let first = firstLineOf[key] {
                    line.problem("sleutel", "sleutel '\(key)' staat ook op regel \(first)")
                } else {
                    firstLineOf[key] = line.number
                }
            }
            problems += line.problems
            rows.append(
                BusinessRow(
                    line: line.number, key: key, name: name ?? "", branch: branch ?? "", chain: chain, kvk: kvk,
                    jobs: jobs ?? 0, fte: fte, premises: premises, openingHours: openingHours))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return rows
    }
}

extension CSVFile {
    /// "10:00-18:00" (also "9:00-18:00", written "09:00-18:00"); nil when empty or "gesloten".
    mutating func openingHours(_ column: String) -> String? {
        let text = self[column]
        if text.isEmpty || text.lowercased() == "gesloten" { return nil }
        // Word processors turn a hyphen into an en dash.
        let parts = text.replacingOccurrences(of: "–", with: "-").split(
            separator: "-", omittingEmptySubsequences: false
        )
        .map { Self.minutes(String($0).trimmed) }
        guard parts.count == 2, let start = parts[0], let end = parts[1], start < 24 * 60 else {
            problem(column, "'\(text)' is geen openingstijd zoals 10:00-18:00 of gesloten")
            return nil
        }
        guard end > start else {
            problem(column, "'\(text)': de sluitingstijd ligt niet na de openingstijd")
            return nil
        }
        return "\(Self.clock(start))-\(Self.clock(end))"
    }

    /// Minutes since midnight of "H:MM" or "HH:MM", up to "24:00" (closing at midnight).
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hours = Int(parts[0]), let minutes = Int(parts[1]), minutes < 60
        else { return nil }
        let total = hours * 60 + minutes
        return total <= 24 * 60 ? total : nil
    }

    static func clock(_ minutes: Int) -> String {
        "\(Day.pad(minutes / 60)):\(Day.pad(minutes % 60))"
    }
}
