import Foundation

/// Numbers written and read the Dutch way: decimal comma, a dot between thousands.
public enum DutchNumber {
    public static func isWhole(_ value: Double) -> Bool {
        value.isFinite && value.rounded() == value
    }

    /// "3.800", "21,9", "-0,5"; rounded half away from zero; "—" for a value that is not a number.
    /// A count as people read it: "3.851", "62.300".
    public static func count(_ value: Int) -> String { format(Double(value), decimals: 0) }

    public static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "—" }
        let decimals = min(max(0, decimals), 6)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        guard let units = Int(exactly: scaled.magnitude) else { return "—" }
        let divisor = Int(scale)
        var text = scaled < 0 ? "-" : ""
        text += grouped(units / divisor)
        if decimals > 0 {
            let fraction = String(units % divisor)
            text += "," + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }

    /// Reads "21,9", "21.9", "3.800", "3.800,5", "-0,5". With a comma, the comma is the decimal mark and
    /// dots group thousands. Without one, a dot followed by groups of exactly three digits groups
    /// thousands ("3.800"); any other dot is a decimal point ("7.5", and "0.500": no number starts
    /// with a thousands group "0").
    public static func parse(_ text: String) -> Double? {
        var body = text.replacingOccurrences(of: " ", with: "")
        var negative = false
        if body.hasPrefix("-") {
            negative = true
            body.removeFirst()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else {
            return nil
        }
        let normalised: String
        if body.contains(",") {
            let parts = body.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[1].isEmpty, !parts[1].contains("."), groupsOfThree(String(parts[0]))
            else { return nil }
            normalised = parts[0].replacingOccurrences(of: ".", with: "") + "." + parts[1]
        } else if body.contains(".") {
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count > 2 || (parts.count == 2 && parts[1].count == 3 && !parts[0].hasPrefix("0")) {
                guard groupsOfThree(body) else { return nil }
                normalised = body.replacingOccurrences(of: ".", with: "")
            } else {
                guard parts.allSatisfy({ !$0.isEmpty }) else { return nil }
                normalised = body
            }
        } else {
            normalised = body
        }
        guard let value = Double(normalised), value.isFinite else { return nil }
        return negative ? -value : value
    }

    /// The value exactly, for text that is read back (CSV, forms): a decimal comma, no thousands dot and
    /// no ",0" on whole numbers ("21,9", "3800"); `parse` gives the same value again.
    public static func exact(_ value: Double) -> String {
        var text = plainDigits(value).replacingOccurrences(of: ".", with: ",")
        if text.hasSuffix(",0") { text.removeLast(2) }
        return text
    }

    /// The shortest digits that read back as the value, without the exponent Swift uses below 0.0001
    /// and from 1e16 on ("1e-05" → "0.00001", "1e+16" → "10000000000000000"), which no import reads.
    static func plainDigits(_ value: Double) -> String {
        let text = String(value)
        guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return text }
        var mantissa = String(text[..<e])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let digits = whole + (parts.count > 1 ? String(parts[1]) : "")
        let point = whole.count + exponent
        let plain: String
        if point <= 0 {
            plain = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            plain = digits + String(repeating: "0", count: point - digits.count)
        } else {
            plain = digits.prefix(point) + "." + digits.dropFirst(point)
        }
        return (negative ? "-" : "") + plain
    }

    /// "3", "3.800", "12.345.678": the first group 1–3 digits and not starting with 0, every later one
    /// exactly 3.
    private static func groupsOfThree(_ text: String) -> Bool {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) || groups.count == 1, !first.isEmpty else {
            return false
        }
        if groups.count > 1 && first.hasPrefix("0") { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    private static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result += "." }
            result.append(c)
        }
        return result
    }
}
