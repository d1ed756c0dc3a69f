import Foundation

/// Money is whole euro cents. This type parses what people type (Dutch or international
/// notation) and formats it the Dutch way.
public enum Money {
    /// Parses "€ 10.000,50", "10000.50", "10.000", "1,5", "€10k"-free plain amounts.
    /// Returns nil when the text is not an amount of money.
    ///
    /// Ambiguity rule: a single separator followed by exactly three digits is a thousands
    /// separator ("10.000" and "10,000" are ten thousand); otherwise it is the decimal mark.
    public static func parseCents(_ text: String) -> Int64? {
        var s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var negative = false
        if s.hasPrefix("-") {  // "-€ 1,50", as format writes it
            negative = true
            s.removeFirst()
        }
        for prefix in ["€", "EUR", "eur"] where s.hasPrefix(prefix) {
            s = String(s.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        s = s.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
        if s.hasPrefix("-") && !negative {
            negative = true
            s.removeFirst()
        }
        // "10.000,-" is a common Dutch way to write whole euros.
        if s.hasSuffix(",-") || s.hasSuffix(".-") { s.removeLast(2) }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }),
            s.first!.isNumber
        else { return nil }

        let separators = s.filter { $0 == "." || $0 == "," }
        var integerPart = s
        var fraction = ""
        if let last = s.lastIndex(where: { $0 == "." || $0 == "," }) {
            let after = s[s.index(after: last)...]
            let lastSeparator = s[last]
            let kinds = Set(separators)
            let isDecimal: Bool
            if kinds.count == 2 {
                isDecimal = true  // "10.000,50" or "10,000.50": the last one is decimal
            } else if separators.count > 1 {
                isDecimal = false  // "1.000.000"
            } else {
                isDecimal = after.count != 3
            }
            if isDecimal {
                guard after.count <= 2, !after.isEmpty else { return nil }
                fraction = String(after)
                integerPart = String(s[..<last])
                // Thousands groups before the decimal mark must use the other separator.
                if integerPart.contains(lastSeparator) { return nil }
            }
            let groups = integerPart.split(
                separator: kinds.count == 2 ? (lastSeparator == "," ? "." : ",") : separators.first!,
                omittingEmptySubsequences: false)
            if groups.count > 1 {
                guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 })
                else { return nil }
            }
            integerPart = groups.joined()
        }
        guard integerPart.allSatisfy(\.isNumber), !integerPart.isEmpty, integerPart.count <= 15,
            let euros = Int64(integerPart)
        else { return nil }
        let cents = Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        let total = euros * 100 + cents
        return negative ? -total : total
    }

    /// "€ 10.000,00": Dutch grouping and decimal comma, always two decimals.
    public static func format(cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        return "\(sign)€ \(groupThousands(magnitude / 100)),\(twoDigits(magnitude % 100))"
    }

    /// The amount without the euro sign, as it is written in a form field: "10.000,00".
    public static func formatPlain(cents: Int64) -> String {
        String(format(cents: cents).replacingOccurrences(of: "€ ", with: ""))
    }

    static func groupThousands(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(digit)
        }
        return out
    }

    static func twoDigits(_ value: UInt64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
