import Foundation

// The chart of a monitor indicator through time, and the small version of it for a dashboard tile.
//
// CSS classes used here (every element also carries presentation attributes, so the charts read well
// without any CSS; a CSS rule overrides a presentation attribute). No inline `style`, no script.
//   chart       the <svg> of `indicator` (also used by `percentLines`)
//   sparkline   the <svg> of `sparkline`
//   frame       the border of the plot area
//   grid        the horizontal gridlines at the value labels and the vertical lines on 1 January
//   axis        the value labels (left) and the year labels (below)
//   legend      the legend group: a line sample and a <text> per series actually drawn
//   empty       the text "nog geen metingen" in a chart without measurements
//   measure     the measurements: the line (<path>) and the points (<circle>)
//   reference   the reference area: the line (<path>) and the points (small <rect>)
//   trajectory  the straight line from the baseline to the target
//   target      the horizontal target line and its label "doel"
//   trend       the dashed least-squares trend line and its label "trend"

/// Default colours, the same as the app's style sheet (`--accent`, `--muted`, `--ok`, `--top`, `--line`).
private enum Ink {
    static let measure = "#8a1538"
    static let reference = "#5b6472"
    static let trajectory = "#2e7d32"
    static let target = "#c0392b"
    static let trend = "#8a1538"
    static let grid = "#d9dde3"
    static let text = "#5b6472"
    static let trendDash = "6 4"
}

extension SVG {
    public struct IndicatorChart: Sendable {
        public var title: String
        public var unit: IndicatorUnit
        /// The indicator's own measurements (any order; draw sorted by date).
        public var measurements: [Observation]
        /// A reference area's figures on the same basis, drawn as a second line (may be empty).
        public var reference: [Observation]
        public var referenceName: String
        /// The straight trajectory from the baseline to the target (nil: not drawn).
        public var trajectory: (from: Observation, to: Observation)?
        /// The target value as a horizontal line, labelled "doel" (nil: not drawn).
        public var target: Double?
        /// The least-squares trend line, dashed, labelled "trend" (nil: not drawn).
        public var forecast: (from: Observation, until: Observation)?

        public init(
            title: String, unit: IndicatorUnit, measurements: [Observation], reference: [Observation] = [],
            referenceName: String = "", trajectory: (from: Observation, to: Observation)? = nil,
            target: Double? = nil, forecast: (from: Observation, until: Observation)? = nil
        ) {
            self.title = title
            self.unit = unit
            self.measurements = measurements
            self.reference = reference
            self.referenceName = referenceName
            self.trajectory = trajectory
            self.target = target
            self.forecast = forecast
        }
    }

    /// One entry of the legend: what it says and how its sample line is drawn.
    private struct LegendEntry {
        var label: String
        var className: String
        var colour: String
        var dash: String?
    }

    /// The chart of an indicator through time (time axis by real day distance, year ticks on 1 January).
    ///
    /// Measurements that are exactly the same (date and value) are drawn once; values that are not finite
    /// are left out. Without measurements the chart is an empty frame saying "nog geen metingen".
    public static func indicator(_ chart: IndicatorChart, width: Int = 680, height: Int = 300) -> String {
        let width = max(width, 200)
        let height = max(height, 120)
        let unit = chart.unit
        let measured = plotted(chart.measurements)
        let reference = plotted(chart.reference)
        let trajectory = chart.trajectory.flatMap { $0.from.value.isFinite && $0.to.value.isFinite ? $0 : nil }
        let target = chart.target.flatMap { $0.isFinite ? $0 : nil }
        let forecast = chart.forecast.flatMap { $0.from.value.isFinite && $0.until.value.isFinite ? $0 : nil }
        let referenceName = chart.referenceName.trimmed.isEmpty ? "referentie" : chart.referenceName.trimmed

        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(chart.title))\" class=\"chart\">"
        out += "<title>\(escape(chart.title))</title>"
        out +=
            "<desc>\(escape(summary(chart, measured: measured, reference: reference, referenceName: referenceName)))</desc>"

        guard !measured.isEmpty else {
            let margin = 16.0
            out += frame(
                x: margin, y: margin, width: Double(width) - 2 * margin, height: Double(height) - 2 * margin)
            out += text(
                "nog geen metingen", x: Double(width) / 2, y: Double(height) / 2 + 5, anchor: "middle",
                className: "empty", size: 13)
            return out + "</svg>"
        }

        // The value axis: everything that is drawn fits.
        var values = measured.map(\.value) + reference.map(\.value)
        if let trajectory { values += [trajectory.from.value, trajectory.to.value] }
        if let target { values.append(target) }
        if let forecast { values += [forecast.from.value, forecast.until.value] }
        let axis = valueAxis(values, unit: unit)
        let tickLabels = axis.ticks.map { unit.format($0) }

        // The legend: only the series actually drawn, in rows above the plot.
        var entries = [LegendEntry(label: "metingen", className: "measure", colour: Ink.measure)]
        if !reference.isEmpty {
            entries.append(LegendEntry(label: referenceName, className: "reference", colour: Ink.reference))
        }
        if trajectory != nil {
            entries.append(LegendEntry(label: "traject", className: "trajectory", colour: Ink.trajectory))
        }
        if target != nil { entries.append(LegendEntry(label: "doel", className: "target", colour: Ink.target)) }
        if forecast != nil {
            entries.append(LegendEntry(label: "trend", className: "trend", colour: Ink.trend, dash: Ink.trendDash))
        }

        let left = max(40, Double(tickLabels.map(\.count).max() ?? 0) * 6.5 + 12)
        let right = 16.0
        let bottom = 28.0
        var placed: [(entry: LegendEntry, x: Double, row: Int)] = []
        var legendX = left
        var row = 0
        for entry in entries {
            let entryWidth = 22 + Double(entry.label.count) * 6.2 + 14
            if legendX > left && legendX + entryWidth > Double(width) - right {
                row += 1
                legendX = left
            }
            placed.append((entry, legendX, row))
            legendX += entryWidth
        }
        let top = 14 + 16 * Double(row + 1) + 8
        let plotWidth = Double(width) - left - right
        let plotHeight = max(Double(height) - top - bottom, 20)

        func y(_ value: Double) -> Double {
            let share = (value - axis.lo) / (axis.hi - axis.lo)
            return unit == .rank ? top + plotHeight * share : top + plotHeight * (1 - share)
        }

        // The time axis, by real day distance.
        var days = measured.map(\.date) + reference.map(\.date)
        if let trajectory { days += [trajectory.from.date, trajectory.to.date] }
        if let forecast { days += [forecast.from.date, forecast.until.date] }
        let first = days.min()!
        let last = days.max()!
        let span = Double(last - first)
        let pad = span == 0 ? 182 : max(span * 0.03, 20)
        let start = Double(first.ordinal) - pad
        let end = Double(last.ordinal) + pad
        func x(_ ordinal: Double) -> Double { left + plotWidth * (ordinal - start) / (end - start) }
        func x(_ day: Day) -> Double { x(Double(day.ordinal)) }

        // Gridlines with the values.
        for (tick, label) in zip(axis.ticks, tickLabels) {
            let level = y(tick)
            out += line(left, level, left + plotWidth, level, className: "grid", colour: Ink.grid, width: 1)
            out += text(label, x: left - 6, y: level + 4, anchor: "end", className: "axis")
        }
        // Years on 1 January, thinned when there are too many for the width.
        let padYears = Int(pad / 365) + 1
        let years = ((first.year - padYears)...(last.year + padYears)).filter {
            let ordinal = Double(Day.ordinal(year: $0, month: 1, day: 1))
            return ordinal >= start && ordinal <= end
        }
        let most = max(2, min(12, Int(plotWidth / 44)))
        var every = 1
        for candidate in [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000] {
            every = candidate
            if years.filter({ $0 % candidate == 0 }).count <= most { break }
        }
        let labelled = years.filter { $0 % every == 0 }
        for year in labelled {
            let at = x(Double(Day.ordinal(year: year, month: 1, day: 1)))
            out += line(at, top, at, top + plotHeight, className: "grid", colour: Ink.grid, width: 1)
            out += text(String(year), x: at, y: top + plotHeight + 18, anchor: "middle", className: "axis")
        }
        if years.isEmpty {
            // No 1 January in the range: everything lies within one year.
            out += text(
                String(first.year), x: left + plotWidth / 2, y: top + plotHeight + 18, anchor: "middle",
                className: "axis")
        }
        out += frame(x: left, y: top, width: plotWidth, height: plotHeight)

        if let target {
            let level = y(target)
            out += line(left, level, left + plotWidth, level, className: "target", colour: Ink.target, width: 1.5)
            out += text(
                "doel", x: left + plotWidth - 4, y: level - 5, anchor: "end", className: "target", colour: Ink.target)
        }
        if let trajectory {
            out += line(
                x(trajectory.from.date), y(trajectory.from.value), x(trajectory.to.date), y(trajectory.to.value),
                className: "trajectory", colour: Ink.trajectory, width: 1.5)
        }
        if let forecast {
            let endX = x(forecast.until.date)
            let endY = y(forecast.until.value)
            out += line(
                x(forecast.from.date), y(forecast.from.value), endX, endY, className: "trend", colour: Ink.trend,
                width: 1.5, dash: Ink.trendDash)
            // Above the end of the line, or below it where the label "doel" already is.
            let nearTarget = target.map { abs(y($0) - endY) < 16 && endX > left + plotWidth - 60 } ?? false
            out += text(
                "trend", x: endX, y: nearTarget ? endY + 15 : endY - 6, anchor: "end", className: "trend",
                colour: Ink.trend)
        }
        if !reference.isEmpty {
            if reference.count > 1 {
                out += path(
                    reference.map { (x($0.date), y($0.value)) }, className: "reference", colour: Ink.reference,
                    width: 1.5)
            }
            for point in reference {
                let tip = "\(referenceName), \(point.date.dutch): \(unit.format(point.value))"
                out +=
                    "<rect x=\"\(number(x(point.date) - 2.5))\" y=\"\(number(y(point.value) - 2.5))\" width=\"5\" height=\"5\" fill=\"\(Ink.reference)\" class=\"reference\"><title>\(escape(tip))</title></rect>"
            }
        }
        if measured.count > 1 {
            out += path(measured.map { (x($0.date), y($0.value)) }, className: "measure", colour: Ink.measure, width: 2)
        }
        for point in measured {
            let tip = "\(point.date.dutch): \(unit.format(point.value))"
            out +=
                "<circle cx=\"\(number(x(point.date)))\" cy=\"\(number(y(point.value)))\" r=\"3.5\" fill=\"\(Ink.measure)\" class=\"measure\"><title>\(escape(tip))</title></circle>"
        }

        out += "<g class=\"legend\">"
        for (entry, entryX, entryRow) in placed {
            let middle = 14 + 16 * Double(entryRow)
            out += line(
                entryX, middle, entryX + 18, middle, className: entry.className, colour: entry.colour, width: 2,
                dash: entry.dash)
            out += text(entry.label, x: entryX + 22, y: middle + 4, anchor: "start", className: "legend")
        }
        out += "</g>"
        return out + "</svg>"
    }

    /// A small chart for a dashboard tile: the measurements as a line and the target as a thin line, no
    /// text on the chart itself; has role="img", an aria-label and a title.
    /// A rank is drawn upside down, as on the big chart: rank 1 at the top, so better is always up.
    public static func sparkline(
        _ measurements: [Observation], target: Double?, unit: IndicatorUnit? = nil, title: String, width: Int = 160,
        height: Int = 44
    ) -> String {
        let width = max(width, 20)
        let height = max(height, 10)
        let measured = plotted(measurements)
        let target = target.flatMap { $0.isFinite ? $0 : nil }
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(title))\" class=\"sparkline\">"
        out += "<title>\(escape(title))</title>"
        guard let latest = measured.last, let earliest = measured.first else {
            return out + "<desc>nog geen metingen</desc></svg>"
        }
        let margin = 4.0
        let plotWidth = Double(width) - 2 * margin
        let plotHeight = Double(height) - 2 * margin
        let values = measured.map(\.value) + (target.map { [$0] } ?? [])
        var lo = values.min()!
        var hi = values.max()!
        if hi - lo <= 1e-9 * max(1, abs(hi)) {
            let half = max(abs(hi) * 0.1, 1)
            lo -= half
            hi += half
        } else {
            let pad = (hi - lo) * 0.1
            lo -= pad
            hi += pad
        }
        if !(hi - lo).isFinite || hi <= lo {
            lo = -1
            hi = 1
        }
        let span = Double(latest.date - earliest.date)
        func x(_ day: Day) -> Double {
            span == 0 ? margin + plotWidth / 2 : margin + plotWidth * Double(day - earliest.date) / span
        }
        func y(_ value: Double) -> Double {
            var share = (value - lo) / (hi - lo)
            if unit == .rank { share = 1 - share }
            return margin + plotHeight * (1 - (share.isFinite ? share : 0.5))
        }
        if let target {
            out += line(
                margin, y(target), margin + plotWidth, y(target), className: "target", colour: Ink.target, width: 1)
        }
        if measured.count > 1 {
            out += path(
                measured.map { (x($0.date), y($0.value)) }, className: "measure", colour: Ink.measure, width: 1.5)
        }
        out +=
            "<circle cx=\"\(number(x(latest.date)))\" cy=\"\(number(y(latest.value)))\" r=\"2.5\" fill=\"\(Ink.measure)\" class=\"measure\"/>"
        return out + "</svg>"
    }

    // MARK: - Building blocks

    /// Finite values only, exact duplicates (same date and value) once, sorted by date (then value).
    private static func plotted(_ observations: [Observation]) -> [Observation] {
        var seen = Set<String>()
        return
            observations
            .filter { $0.value.isFinite && seen.insert("\($0.date) \($0.value)").inserted }
            .sorted { ($0.date, $0.value) < ($1.date, $1.value) }
    }

    /// "Laatste meting 3.950 op 1 januari 2020; doel 5.000." with what else is drawn.
    private static func summary(
        _ chart: IndicatorChart, measured: [Observation], reference: [Observation], referenceName: String
    ) -> String {
        let unit = chart.unit
        var parts: [String] = []
        if let latest = measured.last, let earliest = measured.first {
            if measured.count > 1 {
                parts.append(
                    "\(measured.count) metingen van \(earliest.date.dutch) tot \(latest.date.dutch). "
                        + "Laatste meting \(unit.format(latest.value)) op \(latest.date.dutch)")
            } else {
                parts.append("Laatste meting \(unit.format(latest.value)) op \(latest.date.dutch)")
            }
        } else {
            parts.append("Nog geen metingen")
        }
        if let target = chart.target, target.isFinite {
            parts.append("doel \(unit.format(target))")
        }
        guard !measured.isEmpty else { return parts.joined(separator: "; ") + "." }
        if let trajectory = chart.trajectory, trajectory.from.value.isFinite, trajectory.to.value.isFinite {
            parts.append(
                "traject van \(unit.format(trajectory.from.value)) op \(trajectory.from.date.dutch) "
                    + "naar \(unit.format(trajectory.to.value)) op \(trajectory.to.date.dutch)")
        }
        if let latest = reference.last {
            parts.append("\(referenceName): laatste cijfer \(unit.format(latest.value)) op \(latest.date.dutch)")
        }
        if let forecast = chart.forecast, forecast.from.value.isFinite, forecast.until.value.isFinite {
            parts.append("trend naar \(unit.format(forecast.until.value)) op \(forecast.until.date.dutch)")
        }
        if unit == .rank {
            parts.append("de as staat omgekeerd: positie 1 bovenaan")
        }
        return parts.joined(separator: "; ") + "."
    }

    /// The value axis: its ends and the values of its gridlines (4 to 6 of them, at round numbers).
    /// Scores zoom in on their values within 0–10 (a 7,1 against a 7,5 must be visible); counts, percentages
    /// and amounts start at 0 when the lowest value is under half the highest; a rank axis starts at 1.
    /// Every value given lies within the ends.
    private static func valueAxis(_ values: [Double], unit: IndicatorUnit) -> (lo: Double, hi: Double, ticks: [Double])
    {
        let lowest = values.min() ?? 0
        let highest = values.max() ?? 0
        // The natural bottom of the scale, when no value lies under it.
        let floor: Double? = unit == .rank ? (lowest >= 1 ? 1 : nil) : (lowest >= 0 ? 0 : nil)
        // Less than this and gridline labels would repeat (one decimal) or not be whole (ranks).
        let minimumSpan: Double = unit == .rank ? 3 : 1
        var lo = lowest
        var hi = highest
        if hi - lo <= 1e-9 * max(1, abs(hi)) {
            let half = max(abs(hi) * 0.1, minimumSpan / 2)
            lo -= half
            hi += half
        } else if let floor, unit != .score, lowest < highest / 2 {
            lo = floor
            hi += (hi - lo) * 0.1
        } else {
            let pad = (hi - lo) * 0.1
            lo -= pad
            hi += pad
        }
        if hi - lo < minimumSpan {
            let middle = (hi + lo) / 2
            lo = middle - minimumSpan / 2
            hi = middle + minimumSpan / 2
        }
        if let floor, lo < floor {
            hi = max(hi, floor + minimumSpan)
            lo = floor
        }
        guard (hi - lo).isFinite, hi > lo else { return (lowest - 1, highest + 1, [lowest - 1, highest + 1]) }
        if unit == .percent, lowest >= 0, highest <= 100 { hi = min(hi, 100) }
        if unit == .score, lowest >= 0, highest <= 10 { hi = min(hi, 10) }
        let whole = unit == .rank || (unit == .count && hi - lo >= 3)
        var axis = niceTicks(lo, hi, whole: whole)
        if unit == .rank, let floor {
            // Rank 1 is the top of the axis, and labelled there when that leaves room.
            let step = axis.ticks.count > 1 ? axis.ticks[1] - axis.ticks[0] : 1
            axis.ticks = axis.ticks.filter { $0 >= floor }
            axis.lo = max(axis.lo, floor)
            if axis.lo == floor, axis.ticks.first != floor, axis.ticks.count < 6,
                (axis.ticks.first ?? axis.hi) - floor >= step * 0.6
            {
                axis.ticks.insert(floor, at: 0)
            }
        }
        if unit == .percent, lowest >= 0, highest <= 100, axis.hi > 100 {
            axis.ticks = axis.ticks.filter { $0 < 100 } + [100]
            axis.hi = 100
        }
        return axis
    }

    /// Gridline values at a round step (1, 2, 2,5 or 5 times a power of ten), four to six of them: within
    /// the range when a step allows that, otherwise with the range widened to the round values just outside.
    private static func niceTicks(
        _ lo: Double, _ hi: Double, whole: Bool
    ) -> (lo: Double, hi: Double, ticks: [Double]) {
        let span = hi - lo
        guard span.isFinite, span > 0 else { return (lo, hi, [lo, hi]) }
        let base = pow(10, log10(span / 5).rounded(.down))
        let multiples: [Double] = [1, 2, 2.5, 5]
        var steps: [Double] = []
        for scale in [base / 10, base, base * 10, base * 100] {
            for multiple in multiples {
                let step = scale * multiple
                if !whole || (step >= 1 && step.rounded() == step) { steps.append(step) }
            }
        }
        func gridlines(_ first: Double, _ last: Double, _ step: Double) -> [Double]? {
            let count = last - first + 1
            guard count.isFinite, (4...6).contains(count) else { return nil }
            return (0..<Int(count)).map { (first + Double($0)) * step }
        }
        for step in steps {
            let first = (lo / step - 1e-9).rounded(.up)
            let last = (hi / step + 1e-9).rounded(.down)
            if let ticks = gridlines(first, last, step) { return (lo, hi, ticks) }
        }
        for step in steps {
            let first = (lo / step + 1e-9).rounded(.down)
            let last = (hi / step - 1e-9).rounded(.up)
            if let ticks = gridlines(first, last, step) {
                return (min(lo, ticks[0]), max(hi, ticks[ticks.count - 1]), ticks)
            }
        }
        return (lo, hi, [lo, hi])
    }

    private static func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, className: String, colour: String, width: Double,
        dash: String? = nil
    ) -> String {
        let dashing = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        return
            "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" stroke=\"\(colour)\" stroke-width=\"\(number(width))\"\(dashing) class=\"\(className)\"/>"
    }

    private static func path(_ points: [(Double, Double)], className: String, colour: String, width: Double) -> String {
        let d = points.enumerated().map {
            "\($0.offset == 0 ? "M" : "L")\(number($0.element.0)) \(number($0.element.1))"
        }
        return
            "<path d=\"\(d.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(number(width))\" stroke-linejoin=\"round\" class=\"\(className)\"/>"
    }

    private static func frame(x: Double, y: Double, width: Double, height: Double) -> String {
        "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(width))\" height=\"\(number(height))\" fill=\"none\" stroke=\"\(Ink.grid)\" class=\"frame\"/>"
    }

    private static func text(
        _ content: String, x: Double, y: Double, anchor: String, className: String, colour: String = Ink.text,
        size: Int = 11
    ) -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" fill=\"\(colour)\" class=\"\(className)\">\(escape(content))</text>"
    }
}
