/// Percentages written the Dutch way.
public enum Percent {
    /// "21,9 %" for 0.219: decimal comma, thousands dot, a space before the sign, rounded half away from
    /// zero. "—" when there is no figure (nil, or not a number), so an empty area never reads as 0 %.
    /// `decimals` is kept within 0–6, more than any register figure carries.
    public static func dutch(_ ratio: Double?, decimals: Int = 1) -> String {
        guard let ratio, ratio.isFinite else { return "—" }
        let number = DutchNumber.format(ratio * 100, decimals: decimals)
        return number == "—" ? number : number + " %"
    }
}
