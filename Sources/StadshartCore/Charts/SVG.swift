import Foundation

/// Charts and the centre map as SVG, drawn by Stadshart itself (nothing loaded from outside).
/// Every text that goes into the SVG is escaped here, so the result can be placed in a page as is.
public enum SVG {
    /// For element content and for attributes in either kind of quotes.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    static func number(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    public struct Series: Sendable {
        public var name: String
        public var points: [(x: String, y: Double?)]
        public var colour: String

        public init(name: String, points: [(x: String, y: Double?)], colour: String) {
            self.name = name
            self.points = points
            self.colour = colour
        }
    }

    /// A line chart of percentages over labelled points in time (the same labels for every series),
    /// with a legend. Missing values leave a gap.
    public static func percentLines(_ series: [Series], title: String, width: Int = 640, height: Int = 280) -> String {
        let left = 48.0
        let right = 16.0
        let top = 28.0
        let bottom = 40.0
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let labels = series.first?.points.map(\.x) ?? []
        let maximum = max(0.05, (series.flatMap { $0.points.compactMap(\.y) }.max() ?? 0) * 1.15)
        func x(_ index: Int) -> Double {
            labels.count < 2 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(labels.count - 1)
        }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - value / maximum) }
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(title))\" class=\"chart\">"
        out += "<title>\(escape(title))</title>"
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            out +=
                "<line x1=\"\(number(left))\" x2=\"\(number(left + plotWidth))\" y1=\"\(number(y(value)))\" y2=\"\(number(y(value)))\" class=\"grid\"/>"
            out +=
                "<text x=\"\(number(left - 6))\" y=\"\(number(y(value) + 4))\" text-anchor=\"end\" class=\"axis\">\(escape(percent(value)))</text>"
        }
        for (index, label) in labels.enumerated() {
            out +=
                "<text x=\"\(number(x(index)))\" y=\"\(number(top + plotHeight + 18))\" text-anchor=\"middle\" class=\"axis\">\(escape(label))</text>"
        }
        for (number, line) in series.enumerated() {
            var path = ""
            var pen = false
            for (index, point) in line.points.enumerated() {
                guard let value = point.y else {
                    pen = false
                    continue
                }
                path += "\(pen ? "L" : "M")\(Self.number(x(index))) \(Self.number(y(value))) "
                pen = true
                out +=
                    "<circle cx=\"\(Self.number(x(index)))\" cy=\"\(Self.number(y(value)))\" r=\"3\" fill=\"\(escape(line.colour))\"><title>\(escape(line.name)) \(escape(point.x)): \(escape(percent(value)))</title></circle>"
            }
            out += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(escape(line.colour))\" stroke-width=\"2\"/>"
            let legendX = left + Double(number) * plotWidth / Double(max(series.count, 1))
            out +=
                "<rect x=\"\(Self.number(legendX))\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(escape(line.colour))\"/>"
            out += "<text x=\"\(Self.number(legendX + 16))\" y=\"16\" class=\"legend\">\(escape(line.name))</text>"
        }
        return out + "</svg>"
    }

    static func percent(_ ratio: Double) -> String {
        Percent.dutch(ratio, decimals: 0)
    }
}
