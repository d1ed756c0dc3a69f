/// Percentages written the Dutch way.
public enum Percent {
    /// "21,9 %" for 0.219: decimal comma, thousands dot, a space before the sign, rounded half away from
    /// zero. "—" when there is no figure (nil, or not a number), so an empty area never reads as 0 %.
    /// `decimals` is kept within 0–6, more than any register figure carries.
    public static func dutch(_ ratio: Double?, decimals: Int = 1) -> String {
        guard let ratio, ratio.isFinite else { return "—" }
        let decimals = min(max(0, decimals), 6)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (ratio * 100 * scale).rounded(.toNearestOrAwayFromZero)
        // Beyond Int's range no register figure can lie; say so rather than trap.
        guard let units = Int(exactly: scaled.magnitude) else { return "—" }
        let divisor = Int(scale)
        let whole = units / divisor
        var text = scaled < 0 ? "-" : ""
        text += grouped(whole)
        if decimals > 0 {
            let fraction = String(units % divisor)
            text += "," + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text + " %"
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
