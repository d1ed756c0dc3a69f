import Foundation
import Testing

@testable import StadshartCore

@Suite("IndicatorChart")
struct IndicatorChartTests {
    // MARK: - Helpers

    private func day(_ text: String) -> Day { Day(parsing: text)! }

    private func observation(_ date: String, _ value: Double, basis: Basis = .none) -> Observation {
        Observation(date: day(date), value: value, basis: basis)
    }

    /// The numeric values of `attribute` on every `<element>` in the SVG, in document order.
    private func numbers(_ attribute: String, on element: String, in svg: String) -> [Double] {
        let pattern = try! Regex("<\(element)\\s[^>]*?\\b\(attribute)=\"([^\"]*)\"")
        return svg.matches(of: pattern).compactMap { match in
            match.output[1].substring.flatMap { Double($0) }
        }
    }

    /// Every `<element ...>` start tag that has `class="className"`.
    private func tags(_ element: String, className: String, in svg: String) -> [String] {
        let pattern = try! Regex("<\(element)\\s[^>]*\\bclass=\"\(className)\"[^>]*>")
        return svg.matches(of: pattern).map { String(svg[$0.range]) }
    }

    /// The contents of every `<text>` with the class.
    private func texts(className: String, in svg: String) -> [String] {
        let pattern = try! Regex("<text\\s[^>]*\\bclass=\"\(className)\"[^>]*>([^<]*)</text>")
        return svg.matches(of: pattern).compactMap { $0.output[1].substring.map(String.init) }
    }

    private func legend(_ svg: String) -> [String] {
        guard let start = svg.range(of: "<g class=\"legend\">"),
            let end = svg.range(of: "</g>", range: start.upperBound..<svg.endIndex)
        else { return [] }
        return texts(className: "legend", in: String(svg[start.lowerBound..<end.upperBound]))
    }

    private func desc(_ svg: String) -> String? {
        guard let start = svg.range(of: "<desc>"), let end = svg.range(of: "</desc>") else { return nil }
        return String(svg[start.upperBound..<end.lowerBound])
    }

    /// The value labels on the left (right-aligned axis texts).
    private func valueLabels(_ svg: String) -> [String] {
        let pattern = try! Regex("<text\\s[^>]*text-anchor=\"end\"[^>]*class=\"axis\"[^>]*>([^<]*)</text>")
        return svg.matches(of: pattern).compactMap { $0.output[1].substring.map(String.init) }
    }

    /// Every number in an attribute value (coordinates, paths), so none is NaN or infinite.
    private func allCoordinates(_ svg: String) -> [Double] {
        let pattern = try! Regex("(?:x|y|x1|x2|y1|y2|cx|cy|width|height|d)=\"([^\"]*)\"")
        return svg.matches(of: pattern).flatMap { match -> [Double] in
            let value = match.output[1].substring.map(String.init) ?? ""
            return value.split(whereSeparator: { "MLZ ,".contains($0) }).compactMap { Double($0) }
        }
    }

    private func expectClean(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lower = svg.lowercased()
        #expect(!lower.contains("nan"), sourceLocation: sourceLocation)
        #expect(!lower.contains("inf"), sourceLocation: sourceLocation)
        #expect(!lower.contains("style"), sourceLocation: sourceLocation)
        #expect(!lower.contains("<script"), sourceLocation: sourceLocation)
        #expect(!lower.contains("href"), sourceLocation: sourceLocation)
        #expect(allCoordinates(svg).allSatisfy { $0.isFinite }, sourceLocation: sourceLocation)
        #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>"), sourceLocation: sourceLocation)
    }

    private var jobs: [Observation] {
        [
            observation("2018-01-01", 3600), observation("2016-01-01", 3200), observation("2020-01-01", 3950),
            observation("2017-01-01", 3400), observation("2019-01-01", 3800),
        ]
    }

    private var fullChart: SVG.IndicatorChart {
        SVG.IndicatorChart(
            title: "Banen in de binnenstad", unit: .count, measurements: jobs,
            reference: [observation("2016-01-01", 3000), observation("2020-01-01", 3300)], referenceName: "Drenthe",
            trajectory: (from: observation("2016-01-01", 3200), to: observation("2025-01-01", 5000)), target: 5000,
            forecast: (from: observation("2016-01-01", 3220), until: observation("2030-06-01", 5000)))
    }

    // MARK: - Structure

    @Test("one circle per distinct measurement, each with its date and value as title")
    func circlesAndTitles() {
        let duplicated = jobs + [observation("2019-01-01", 3800)]
        let svg = SVG.indicator(SVG.IndicatorChart(title: "Banen", unit: .count, measurements: duplicated))
        #expect(tags("circle", className: "measure", in: svg).count == 5)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 5)
        for text in [
            "1 januari 2016: 3.200", "1 januari 2017: 3.400", "1 januari 2018: 3.600", "1 januari 2019: 3.800",
            "1 januari 2020: 3.950",
        ] {
            #expect(svg.contains("<title>\(text)</title></circle>"))
        }
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-label=\"Banen\""))
        #expect(svg.contains("<title>Banen</title>"))
        #expect(tags("path", className: "measure", in: svg).count == 1)
        expectClean(svg)
    }

    @Test("the points are drawn in date order at their real day distance")
    func timeAxisByDays() {
        let svg = SVG.indicator(
            SVG.IndicatorChart(
                title: "Banen", unit: .count,
                measurements: [
                    observation("2020-01-01", 30), observation("2016-01-01", 10), observation("2017-01-01", 20),
                ]))
        let xs = numbers("cx", on: "circle", in: svg)
        try! #require(xs.count == 3)
        #expect(xs[0] < xs[1] && xs[1] < xs[2])
        // 366 days (2016 is a leap year) against 1095 days.
        let ratio = (xs[1] - xs[0]) / (xs[2] - xs[1])
        #expect(abs(ratio - 366.0 / 1095.0) < 0.01)
    }

    @Test("the description summarises in Dutch")
    func description() {
        let single = SVG.indicator(
            SVG.IndicatorChart(
                title: "Banen", unit: .count, measurements: [observation("2020-01-01", 3950)], target: 5000))
        #expect(desc(single) == "Laatste meting 3.950 op 1 januari 2020; doel 5.000.")
        let full = desc(SVG.indicator(fullChart)) ?? ""
        #expect(
            full.hasPrefix("5 metingen van 1 januari 2016 tot 1 januari 2020. Laatste meting 3.950 op 1 januari 2020"))
        #expect(full.contains("doel 5.000"))
        #expect(full.contains("Drenthe"))
        let empty = SVG.indicator(SVG.IndicatorChart(title: "Banen", unit: .count, measurements: [], target: 5000))
        #expect(desc(empty) == "Nog geen metingen; doel 5.000.")
    }

    @Test("every text is escaped")
    func escaping() {
        let chart = SVG.IndicatorChart(
            title: "Leegstand <&\"> test", unit: .percent, measurements: [observation("2020-01-01", 12.5)],
            reference: [observation("2020-01-01", 7)], referenceName: "Noord <&\">")
        let svg = SVG.indicator(chart)
        #expect(svg.contains("aria-label=\"Leegstand &lt;&amp;&quot;&gt; test\""))
        #expect(svg.contains("<title>Leegstand &lt;&amp;&quot;&gt; test</title>"))
        #expect(legend(svg).contains("Noord &lt;&amp;&quot;&gt;"))
        #expect(!svg.contains("<&"))
        #expect(!svg.contains("Noord <"))
        let spark = SVG.sparkline([observation("2020-01-01", 1)], target: nil, title: "A <&\"> B")
        #expect(spark.contains("aria-label=\"A &lt;&amp;&quot;&gt; B\""))
        #expect(!spark.contains("<&"))
    }

    // MARK: - Edge cases

    @Test(
        "edge cases draw without NaN or infinity",
        arguments: [
            ("no measurements", [Observation]()),
            ("one measurement", [Observation(date: Day(year: 2020, month: 1, day: 1)!, value: 3950, basis: .none)]),
            (
                "all values equal",
                [
                    Observation(date: Day(year: 2018, month: 1, day: 1)!, value: 7, basis: .none),
                    Observation(date: Day(year: 2020, month: 1, day: 1)!, value: 7, basis: .none),
                ]
            ),
            (
                "all dates equal",
                [
                    Observation(date: Day(year: 2020, month: 3, day: 5)!, value: 7, basis: .none),
                    Observation(date: Day(year: 2020, month: 3, day: 5)!, value: 9, basis: .none),
                ]
            ),
            (
                "all zero",
                [
                    Observation(date: Day(year: 2019, month: 1, day: 1)!, value: 0, basis: .none),
                    Observation(date: Day(year: 2020, month: 1, day: 1)!, value: 0, basis: .none),
                ]
            ),
            (
                "not finite values",
                [
                    Observation(date: Day(year: 2019, month: 1, day: 1)!, value: .nan, basis: .none),
                    Observation(date: Day(year: 2020, month: 1, day: 1)!, value: .infinity, basis: .none),
                ]
            ),
        ])
    func edgeCases(name: String, measurements: [Observation]) {
        for unit in IndicatorUnit.allCases {
            let bare = SVG.indicator(SVG.IndicatorChart(title: name, unit: unit, measurements: measurements))
            expectClean(bare)
            let dressed = SVG.indicator(
                SVG.IndicatorChart(
                    title: name, unit: unit, measurements: measurements, reference: measurements,
                    referenceName: "Nederland",
                    trajectory: measurements.count > 1 ? (measurements[0], measurements[1]) : nil,
                    target: measurements.first?.value,
                    forecast: measurements.count > 1 ? (measurements[0], measurements[1]) : nil))
            expectClean(dressed)
            let small = SVG.indicator(
                SVG.IndicatorChart(title: name, unit: unit, measurements: measurements), width: 10, height: 10)
            expectClean(small)
            expectClean(SVG.sparkline(measurements, target: measurements.first?.value, title: name))
            expectClean(SVG.sparkline(measurements, target: nil, title: name, width: 0, height: 0))
            let drawn = measurements.filter { $0.value.isFinite }
            #expect(tags("circle", className: "measure", in: bare).count == drawn.count)
            if drawn.isEmpty {
                #expect(bare.contains(">nog geen metingen</text>"))
                #expect(legend(bare).isEmpty)
            } else {
                #expect(!bare.contains("nog geen metingen"))
                #expect((4...6).contains(valueLabels(bare).count) || unit == .rank)
            }
        }
    }

    @Test("a single measurement sits inside the plot, with its year labelled")
    func singleMeasurement() throws {
        let svg = SVG.indicator(
            SVG.IndicatorChart(title: "Banen", unit: .count, measurements: [observation("2020-03-15", 120)]))
        let frame = try #require(tags("rect", className: "frame", in: svg).first)
        let top = try #require(numbers("y", on: "rect", in: frame).first)
        let height = try #require(numbers("height", on: "rect", in: frame).first)
        let left = try #require(numbers("x", on: "rect", in: frame).first)
        let width = try #require(numbers("width", on: "rect", in: frame).first)
        let cy = try #require(numbers("cy", on: "circle", in: svg).first)
        let cx = try #require(numbers("cx", on: "circle", in: svg).first)
        #expect(cy > top && cy < top + height)
        #expect(abs(cx - (left + width / 2)) < 1)
        #expect(texts(className: "axis", in: svg).contains("2020"))
    }

    // MARK: - Value axis

    @Test("a rank axis is inverted: a better rank is higher on the page")
    func rankInverted() throws {
        let svg = SVG.indicator(
            SVG.IndicatorChart(
                title: "Positie", unit: .rank,
                measurements: [
                    observation("2018-01-01", 40), observation("2019-01-01", 25), observation("2020-01-01", 10),
                ],
                target: 5))
        let ys = numbers("cy", on: "circle", in: svg)
        try #require(ys.count == 3)
        #expect(ys[2] < ys[1] && ys[1] < ys[0])
        let labels = valueLabels(svg)
        #expect(labels.first == "1e")
        #expect(labels.allSatisfy { $0.hasSuffix("e") && !$0.contains(",") })
        #expect(svg.contains("<title>1 januari 2020: 10e</title>"))
    }

    @Test("for other units a higher value is higher on the page")
    func higherIsUp() throws {
        let svg = SVG.indicator(
            SVG.IndicatorChart(
                title: "Banen", unit: .count,
                measurements: [observation("2018-01-01", 10), observation("2020-01-01", 40)])
        )
        let ys = numbers("cy", on: "circle", in: svg)
        try #require(ys.count == 2)
        #expect(ys[1] < ys[0])
    }

    @Test("counts start at zero when the lowest is under half the highest, otherwise the range is padded")
    func zeroBased() throws {
        let fromZero = SVG.indicator(
            SVG.IndicatorChart(
                title: "Banen", unit: .count,
                measurements: [observation("2018-01-01", 1000), observation("2020-01-01", 3950)]))
        #expect(valueLabels(fromZero).first == "0")
        let padded = SVG.indicator(
            SVG.IndicatorChart(
                title: "Leegstand", unit: .percent,
                measurements: [observation("2018-01-01", 20), observation("2020-01-01", 25)]))
        let labels = valueLabels(padded)
        #expect(labels.first != "0,0 %")
        #expect(labels.allSatisfy { $0.hasSuffix(" %") })
        #expect((4...6).contains(labels.count))
        let almostAll = SVG.indicator(
            SVG.IndicatorChart(
                title: "Bezetting", unit: .percent,
                measurements: [observation("2018-01-01", 96), observation("2020-01-01", 100)]))
        // A percentage axis stops at 100 %, not at a padded 100,4 %.
        #expect(valueLabels(almostAll).last == "100,0 %")
        let top = try #require(numbers("y", on: "rect", in: tags("rect", className: "frame", in: almostAll)[0]).first)
        #expect(numbers("cy", on: "circle", in: almostAll).last == top)
    }

    @Test("scores zoom in on their values, never beyond 0 to 10")
    func scores() {
        let svg = SVG.indicator(
            SVG.IndicatorChart(
                title: "Waardering", unit: .score,
                measurements: [observation("2018-01-01", 7.1), observation("2020-01-01", 7.4)]))
        let labels = valueLabels(svg).compactMap { DutchNumber.parse($0) }
        #expect(labels.count >= 4 && labels.first! >= 6 && labels.first! <= 7.1 && labels.last! >= 7.4)
        #expect(labels.last! <= 8)
        let top = SVG.indicator(
            SVG.IndicatorChart(
                title: "Waardering", unit: .score,
                measurements: [observation("2018-01-01", 9.6), observation("2020-01-01", 9.9)]))
        #expect(valueLabels(top).compactMap { DutchNumber.parse($0) }.allSatisfy { $0 <= 10 })
    }

    @Test("everything drawn fits in the plot")
    func rangeCoversAll() throws {
        let svg = SVG.indicator(fullChart)
        let frame = try #require(tags("rect", className: "frame", in: svg).first)
        let top = try #require(numbers("y", on: "rect", in: frame).first)
        let bottom = top + (try #require(numbers("height", on: "rect", in: frame).first))
        let left = try #require(numbers("x", on: "rect", in: frame).first)
        let right = left + (try #require(numbers("width", on: "rect", in: frame).first))
        var ys = numbers("cy", on: "circle", in: svg)
        var xs = numbers("cx", on: "circle", in: svg)
        for className in ["target", "trajectory", "trend"] {
            let tag = try #require(tags("line", className: className, in: svg).first)
            ys += numbers("y1", on: "line", in: tag) + numbers("y2", on: "line", in: tag)
            xs += numbers("x1", on: "line", in: tag) + numbers("x2", on: "line", in: tag)
        }
        #expect(ys.count == 5 + 6)
        #expect(ys.allSatisfy { $0 >= top - 0.05 && $0 <= bottom + 0.05 })
        #expect(xs.allSatisfy { $0 >= left - 0.05 && $0 <= right + 0.05 })
        #expect(texts(className: "target", in: svg) == ["doel"])
        #expect(texts(className: "trend", in: svg) == ["trend"])
        #expect(tags("line", className: "trend", in: svg).allSatisfy { $0.contains("stroke-dasharray") })
        #expect(tags("rect", className: "reference", in: svg).count == 2)
        #expect(tags("path", className: "reference", in: svg).count == 1)
        expectClean(svg)
    }

    @Test("four to six gridlines, increasing values, for many ranges and every unit")
    func gridlineCounts() {
        let lows: [Double] = [0, 0.4, 1, 3, 7.5, 12, 19.9, 48, 97, 250, 1000, 3555, 12_345]
        let spans: [Double] = [0, 0.05, 0.3, 1, 2.2, 6.2, 9, 17, 45, 130, 999, 4321]
        for unit in IndicatorUnit.allCases {
            for low in lows {
                for span in spans {
                    let high = unit == .percent ? min(low + span, 100) : low + span
                    let values = unit == .rank ? [max(1, low.rounded()), max(1, high.rounded())] : [low, high]
                    let svg = SVG.indicator(
                        SVG.IndicatorChart(
                            title: "Reeks", unit: unit,
                            measurements: [observation("2018-01-01", values[0]), observation("2020-01-01", values[1])]))
                    let labels = valueLabels(svg)
                    #expect((4...6).contains(labels.count) || unit == .rank && labels.count == 3, "\(unit) \(values)")
                    #expect(Set(labels).count == labels.count, "\(unit) \(values): \(labels)")
                    let ys = numbers("y1", on: "line", in: svg).prefix(labels.count)
                    // Gridlines run down the page for rising values, up the page for ranks.
                    let order = zip(ys, ys.dropFirst()).allSatisfy { unit == .rank ? $0 < $1 : $0 > $1 }
                    #expect(order, "\(unit) \(values)")
                    expectClean(svg)
                }
            }
        }
    }

    @Test("the trend label keeps clear of the target label")
    func labelsApart() throws {
        let svg = SVG.indicator(fullChart)
        let doel = try #require(svg.range(of: ">doel</text>"))
        let trend = try #require(svg.range(of: ">trend</text>"))
        let doelTag = String(svg[..<doel.lowerBound].suffix(200))
        let trendTag = String(svg[..<trend.lowerBound].suffix(200))
        let doelY = try #require(numbers("y", on: "text", in: doelTag).last)
        let trendY = try #require(numbers("y", on: "text", in: trendTag).last)
        #expect(abs(doelY - trendY) >= 12)
    }

    // MARK: - Time axis and legend

    @Test("a year label on each 1 January, thinned when there are many")
    func yearTicks() {
        let svg = SVG.indicator(SVG.IndicatorChart(title: "Banen", unit: .count, measurements: jobs))
        let labels = texts(className: "axis", in: svg)
        for year in 2016...2020 {
            #expect(labels.contains(String(year)))
        }
        #expect(!labels.contains("2015") && !labels.contains("2021"))

        let long = (1950...2020).map { observation("\($0)-01-01", Double($0 - 1900)) }
        let years = texts(
            className: "axis", in: SVG.indicator(SVG.IndicatorChart(title: "Lang", unit: .count, measurements: long))
        )
        .compactMap(Int.init)
        .filter { $0 >= 1900 }
        #expect((2...12).contains(years.count))
        #expect(years.contains(2000))

        let withinYear = SVG.indicator(
            SVG.IndicatorChart(
                title: "Kort", unit: .count, measurements: [observation("2021-03-01", 5), observation("2021-06-01", 8)])
        )
        #expect(texts(className: "axis", in: withinYear).contains("2021"))
    }

    @Test("the legend lists only the series drawn")
    func legendEntries() {
        let bare = SVG.indicator(SVG.IndicatorChart(title: "Banen", unit: .count, measurements: jobs))
        #expect(legend(bare) == ["metingen"])
        #expect(tags("line", className: "target", in: bare).isEmpty)
        #expect(tags("line", className: "trend", in: bare).isEmpty)
        #expect(tags("line", className: "trajectory", in: bare).isEmpty)
        #expect(!bare.contains("class=\"reference\""))

        #expect(legend(SVG.indicator(fullChart)) == ["metingen", "Drenthe", "traject", "doel", "trend"])

        var some = fullChart
        some.reference = []
        some.forecast = nil
        #expect(legend(SVG.indicator(some)) == ["metingen", "traject", "doel"])

        let narrow = SVG.indicator(fullChart, width: 220)
        #expect(legend(narrow) == ["metingen", "Drenthe", "traject", "doel", "trend"])
        expectClean(narrow)
    }

    // MARK: - Sparkline

    @Test("a sparkline: a line, the target, and no text")
    func sparkline() {
        let svg = SVG.sparkline(jobs, target: 5000, title: "Banen: 3.950")
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-label=\"Banen: 3.950\""))
        #expect(svg.contains("<title>Banen: 3.950</title>"))
        #expect(svg.contains("viewBox=\"0 0 160 44\""))
        #expect(svg.contains("class=\"sparkline\""))
        #expect(!svg.contains("<text"))
        #expect(tags("path", className: "measure", in: svg).count == 1)
        #expect(tags("line", className: "target", in: svg).count == 1)
        expectClean(svg)
        let ys = numbers("cy", on: "circle", in: svg)
        let target = numbers("y1", on: "line", in: svg)
        // The target (5.000) is above the latest measurement (3.950).
        #expect(ys.count == 1 && target.count == 1 && target[0] < ys[0])
        #expect(ys.allSatisfy { $0 >= 0 && $0 <= 44 })

        let noTarget = SVG.sparkline(jobs, target: nil, title: "Banen")
        #expect(tags("line", className: "target", in: noTarget).isEmpty)
        let single = SVG.sparkline([observation("2020-01-01", 3)], target: nil, title: "Eén")
        #expect(tags("path", className: "measure", in: single).isEmpty)
        #expect(numbers("cx", on: "circle", in: single) == [80])
        let empty = SVG.sparkline([], target: 5, title: "Leeg")
        #expect(!empty.contains("<circle") && !empty.contains("<path"))
        expectClean(empty)
    }
}
