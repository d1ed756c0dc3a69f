import Foundation

/// A premises as a line of the register's CSV: its state on the import's reference date.
public struct PremisesRow: Equatable, Sendable {
    public var line: Int
    public var key: String
    /// 16 digits; the best import key, because it survives a change of street name.
    public var bagID: String?
    public var street: String
    /// Digits only; "12a" is number "12" with addition "a".
    public var number: String
    public var addition: String?
    /// Always written "1234 AB".
    public var postcode: String?
    public var zone: String
    /// Square metres of wvo (winkelvloeroppervlak), as Locatus measures it.
    public var floorArea: Int
    public var function: PremisesFunction
    /// An organisation key of the centre.
    public var owner: String?
    public var latitude: Double?
    public var longitude: Double?
    /// "geen", "aanwezig", "mogelijk" or "gepland".
    public var dwellingsAbove: String
    public var vacantSince: Day?
    public var vacancyReason: String?
    /// The address as an import key when there is no BAG id: lowercased "straat|nummer|toevoeging".
    /// Left out of `init`, it is made from the address.
    public var addressKey: String

    public init(
        line: Int = 0, key: String, bagID: String? = nil, street: String, number: String, addition: String? = nil,
        postcode: String? = nil, zone: String, floorArea: Int, function: PremisesFunction, owner: String? = nil,
        latitude: Double? = nil, longitude: Double? = nil, dwellingsAbove: String = "geen", vacantSince: Day? = nil,
        vacancyReason: String? = nil, addressKey: String? = nil
    ) {
        self.line = line
        self.key = key
        self.bagID = bagID
        self.street = street
        self.number = number
        self.addition = addition
        self.postcode = postcode
        self.zone = zone
        self.floorArea = floorArea
        self.function = function
        self.owner = owner
        self.latitude = latitude
        self.longitude = longitude
        self.dwellingsAbove = dwellingsAbove
        self.vacantSince = vacantSince
        self.vacancyReason = vacancyReason
        self.addressKey = addressKey ?? Self.addressKey(street: street, number: number, addition: addition)
    }

    public static func addressKey(street: String, number: String, addition: String?) -> String {
        "\(street)|\(number)|\(addition ?? "")".lowercased()
    }
}

/// The CSV format of premises, shared by export and import so that an export re-imports as it is.
public enum PremisesCSV {
    public static let header = [
        "sleutel", "bag_id", "straat", "huisnummer", "toevoeging", "postcode", "zone", "m2_wvo", "functie",
        "eigenaar", "lat", "lon", "wonen_boven", "leeg_sinds", "reden_leegstand",
    ]
    static let required: Set<String> = ["sleutel", "straat", "huisnummer", "zone", "m2_wvo", "functie"]
    public static let dwellingsAbove = ["geen", "aanwezig", "mogelijk", "gepland"]

    public static func row(_ row: PremisesRow) -> [String] {
        [
            row.key, row.bagID ?? "", row.street, row.number, row.addition ?? "", row.postcode ?? "", row.zone,
            String(row.floorArea), row.function.rawValue, row.owner ?? "",
            row.latitude.map(coordinate) ?? "", row.longitude.map(coordinate) ?? "", row.dwellingsAbove,
            row.vacantSince?.description ?? "", row.vacancyReason ?? "",
        ]
    }

    /// Six decimals is about 10 cm: more than a map needs, and it round-trips what a user typed.
    static func coordinate(_ value: Double) -> String {
        String(format: "%.6f", locale: Locale(identifier: "en_US_POSIX"), value)
    }

    /// Reads a whole file: every problem of every line (line number + Dutch column name), nothing half-read.
    /// Also a problem: the same sleutel twice, the same bag_id twice, the same address twice (the later line).
    public static func read(_ text: String, zones: Set<String>, owners: Set<String>) throws(InvalidInput)
        -> [PremisesRow]
    {
        let file = try CSVFile.lines(
            text, header: header, required: required, nothing: "het bestand heeft geen panden")
        var problems = file.problems
        var rows: [PremisesRow] = []
        var firstLineOf: (key: [String: Int], bagID: [String: Int], address: [String: Int]) = ([:], [:], [:])
        for var line in file.lines {
            let key = line.key("sleutel")
            let bagID = line.digits("bag_id", count: 16, name: "BAG-id")
            let street = line.text("straat", required: true, max: 200)
            var number = line["huisnummer"]
            if number.isEmpty {
                line.problem("huisnummer", "huisnummer is verplicht")
            } else if !number.allSatisfy({ $0.isASCII && $0.isNumber }) || number.count > 6 {
                line.problem("huisnummer", "'\(number)' is geen huisnummer; zet een toevoeging in de kolom toevoeging")
                number = ""
            }
            let addition = line.text("toevoeging", required: false, max: 20)
            let postcode = line.postcode("postcode")
            let zone = line.oneOf("zone", zones, kind: "zone van deze binnenstad", required: true)
            let floorArea = line.wholeNumber("m2_wvo", in: 1...100_000, required: true)
            let functionText = line["functie"]
            let function = PremisesFunction(rawValue: functionText.lowercased())
            if functionText.isEmpty {
                line.problem("functie", "functie is verplicht")
            } else if function == nil {
                let known = PremisesFunction.allCases.map(\.rawValue).joined(separator: ", ")
                line.problem("functie", "'\(functionText)' is geen functie; mogelijk: \(known)")
            }
            let owner = line.oneOf("eigenaar", owners, kind: "organisatie van deze binnenstad", required: false)
            let latitude = line.decimal("lat", in: 50.5...53.7, place: "breedtegraad")
            let longitude = line.decimal("lon", in: 3.2...7.3, place: "lengtegraad")
            // A point needs both; one alone would put the premises on a line across the country.
            if line["lat"].isEmpty != line["lon"].isEmpty {
                let (missing, present) = line["lat"].isEmpty ? ("lat", "lon") : ("lon", "lat")
                line.problem(missing, "\(missing) ontbreekt terwijl \(present) is ingevuld")
            }
            var dwellings = line["wonen_boven"].lowercased()
            if dwellings.isEmpty {
                dwellings = "geen"
            } else if !dwellingsAbove.contains(dwellings) {
                line.problem(
                    "wonen_boven",
                    "'\(line["wonen_boven"])' is geen waarde voor wonen boven; mogelijk: "
                        + dwellingsAbove.joined(separator: ", "))
            }
            let vacantSince = line.day("leeg_sinds")
            let reason = line.text("reden_leegstand", required: false, max: 500)
            if reason != nil && line["leeg_sinds"].isEmpty {
                line.problem("reden_leegstand", "een reden van leegstand hoort bij een datum in leeg_sinds")
            }

            let row = PremisesRow(
                line: line.number, key: key, bagID: bagID, street: street ?? "", number: number, addition: addition,
                postcode: postcode, zone: zone ?? "", floorArea: floorArea ?? 0, function: function ?? .overig,
                owner: owner, latitude: latitude, longitude: longitude, dwellingsAbove: dwellings,
                vacantSince: vacantSince, vacancyReason: reason)
            // Duplicates name the earlier line, so the user can see which two lines collide.
            if !key.isEmpty {
                if let first = firstLineOf.key[key] {
                    line.problem("sleutel", "sleutel '\(key)' staat ook op regel \(first)")
                } else {
                    firstLineOf.key[key] = line.number
                }
            }
            if let bagID {
                if let first = firstLineOf.bagID[bagID] {
                    line.problem("bag_id", "bag_id '\(bagID)' staat ook op regel \(first)")
                } else {
                    firstLineOf.bagID[bagID] = line.number
                }
            }
            if street != nil && !number.isEmpty {
                if let first = firstLineOf.address[row.addressKey] {
                    let address = [street ?? "", number, addition ?? ""].joined(separator: " ").trimmed
                    line.problem("straat", "adres '\(address)' staat ook op regel \(first)")
                } else {
                    firstLineOf.address[row.addressKey] = line.number
                }
            }
            problems += line.problems
            rows.append(row)
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return rows
    }
}

extension CSVFile {
    /// A required key: letters, digits, '-' and '_', so it is safe in addresses and in "a|b" lists.
    mutating func key(_ column: String) -> String {
        let text = self[column]
        if text.isEmpty {
            problem(column, "\(column) is verplicht")
        } else if text.count > 40
            || !text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        {
            problem(column, "'\(text)' is geen geldige sleutel: alleen letters, cijfers, - en _, hoogstens 40 tekens")
            return ""
        }
        return text
    }

    /// Free text; nil when empty and not required.
    mutating func text(_ column: String, required: Bool, max: Int) -> String? {
        let text = self[column]
        if text.isEmpty {
            if required { problem(column, "\(column) is verplicht") }
            return nil
        }
        if text.count > max { problem(column, "\(column) is langer dan \(max) tekens") }
        return text
    }

    /// An optional number of exactly `count` digits, such as a BAG id or a KvK number.
    mutating func digits(_ column: String, count: Int, name: String) -> String? {
        let text = self[column]
        guard !text.isEmpty else { return nil }
        guard text.count == count, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            problem(column, "'\(text)' is geen \(name) van \(count) cijfers")
            return nil
        }
        return text
    }

    mutating func wholeNumber(_ column: String, in range: ClosedRange<Int>, required: Bool) -> Int? {
        let text = self[column]
        if text.isEmpty {
            if required { problem(column, "\(column) is verplicht") }
            return nil
        }
        // Int("+5") would pass; a register count is plain digits.
        guard text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) else {
            problem(column, "'\(text)' is geen geheel getal")
            return nil
        }
        guard range.contains(number) else {
            problem(column, "\(number) ligt niet tussen \(range.lowerBound) en \(range.upperBound)")
            return nil
        }
        return number
    }

    /// An optional decimal with a point or a comma, such as "52,99" or "0.8".
    mutating func decimal(_ column: String, in range: ClosedRange<Double>, place: String? = nil) -> Double? {
        let text = self[column]
        guard !text.isEmpty else { return nil }
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "." || $0 == "," }
        // Double("nan") and Double("1e3") would pass; people type plain decimals.
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let number = Double(parts.joined(separator: "."))
        else {
            problem(column, "'\(text)' is geen getal")
            return nil
        }
        guard range.contains(number) else {
            if let place {
                problem(
                    column,
                    "'\(text)' ligt niet in Nederland (\(place) tussen \(range.lowerBound) en \(range.upperBound))")
            } else {
                problem(column, "'\(text)' ligt niet tussen \(range.lowerBound) en \(range.upperBound)")
            }
            return nil
        }
        return number
    }

    /// A key from `known`, matched case-insensitively and returned as `known` spells it.
    mutating func oneOf(_ column: String, _ known: Set<String>, kind: String, required: Bool) -> String? {
        let text = self[column]
        if text.isEmpty {
            if required { problem(column, "\(column) is verplicht") }
            return nil
        }
        if known.contains(text) { return text }
        if let match = known.first(where: { $0.lowercased() == text.lowercased() }) { return match }
        let list = known.isEmpty ? "er zijn er nog geen" : "bekend: \(known.sorted().joined(separator: ", "))"
        problem(column, "'\(text)' is geen \(kind); \(list)")
        return nil
    }

    /// "1234 AB" or "1234AB" (any case), written "1234 AB".
    mutating func postcode(_ column: String) -> String? {
        let text = self[column]
        guard !text.isEmpty else { return nil }
        var compact = Array(text.uppercased())
        if compact.count == 7 && compact[4] == " " { compact.remove(at: 4) }
        let digits = String(compact.prefix(4))
        let letters = String(compact.dropFirst(4))
        guard compact.count == 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            digits.first != "0", letters.allSatisfy({ $0.isASCII && $0.isLetter })
        else {
            problem(column, "'\(text)' is geen postcode zoals 1234 AB")
            return nil
        }
        return "\(digits) \(letters)"
    }

    mutating func day(_ column: String) -> Day? {
        let text = self[column]
        guard !text.isEmpty else { return nil }
        guard let day = Day(parsing: text) else {
            problem(column, "'\(text)' is geen datum zoals 2019-01-15 of 15-01-2019")
            return nil
        }
        return day
    }

    /// Empty is no; spreadsheets also write true/false and 1/0.
    mutating func yesNo(_ column: String) -> Bool {
        switch self[column].lowercased() {
        case "", "nee", "no", "false", "0": return false
        case "ja", "yes", "true", "1": return true
        case let other:
            problem(column, "'\(other)' is geen ja of nee")
            return false
        }
    }
}
