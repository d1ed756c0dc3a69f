import Foundation

extension SVG {
    /// A premises shown on the map: a dot coloured by its state (CSS class `state-<state>`) that
    /// links to its page, named by its label (address and state).
    public struct MapPoint: Sendable {
        public var latitude: Double
        public var longitude: Double
        public var label: String
        public var state: String
        public var href: String?

        public init(latitude: Double, longitude: Double, label: String, state: String, href: String? = nil) {
            self.latitude = latitude
            self.longitude = longitude
            self.label = label
            self.state = state
            self.href = href
        }
    }

    /// A premises as part of the ground the dots lie on: its street and whether it lies in the
    /// core shopping area. The streets and the core area are drawn from these, so they stay the
    /// same whichever premises a filter shows.
    public struct MapPlace: Sendable {
        public var latitude: Double
        public var longitude: Double
        public var street: String
        public var core: Bool

        public init(latitude: Double, longitude: Double, street: String, core: Bool) {
            self.latitude = latitude
            self.longitude = longitude
            self.street = street
            self.core = core
        }
    }

    /// The height of the strip along the top where the address and state of the premises under
    /// the pointer or the keyboard focus appear.
    static let mapBand = 30.0
    static let mapMargin = 30.0
    static let streetNameSize = 11.0

    /// The centre map, drawn from the centre's own data: no tiles, nothing loaded from outside.
    /// Under the dots lie the streets (each a line through its premises, with its name) and the
    /// core shopping area (a shaded hull around its premises, with its name). Each dot with an
    /// `href` is a link named by its label; its label also shows in the strip at the top on hover
    /// and focus (by CSS). Longitude is scaled by the cosine of the latitude, so distances look
    /// right; the height follows from the shape of the centre.
    public static func map(
        _ points: [MapPoint], places: [MapPlace] = [], coreName: String = "Kernwinkelgebied", title: String,
        width: Int = 760, maximumHeight: Int = 820
    ) -> String {
        let coordinates = points.map { ($0.latitude, $0.longitude) } + places.map { ($0.latitude, $0.longitude) }
        let plane = MapPlane(coordinates, width: Double(width), maximumHeight: Double(maximumHeight))
        let height = Int(plane.height.rounded(.up))
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"group\" aria-label=\"\(escape(title))\" class=\"map\">"
        out += "<g aria-hidden=\"true\" pointer-events=\"none\">"
        out += "<rect width=\"\(width)\" height=\"\(height)\" class=\"map-ground\"/>"
        let dots = points.map { plane.project($0.latitude, $0.longitude) }
        let ground = places.map { plane.project($0.latitude, $0.longitude) }
        let radius = dotRadius(ground.isEmpty ? dots : ground)

        // The core shopping area, with room around its outer premises.
        let core = zip(places, ground).filter { $0.0.core }.map(\.1)
        var hull: [MapGeometry.Point] = []
        if !core.isEmpty {
            hull = MapGeometry.paddedHull(core, padding: radius + 8)
            out += "<path d=\"\(path(hull, closed: true))\" class=\"map-core\"/>"
        }

        // The streets, in the order they first appear.
        var streetNames: [String] = []
        var streetPoints: [String: [MapGeometry.Point]] = [:]
        for (place, point) in zip(places, ground) {
            if streetPoints[place.street] == nil { streetNames.append(place.street) }
            streetPoints[place.street, default: []].append(point)
        }
        let streets = streetNames.map { name -> (name: String, line: [MapGeometry.Point], width: Double) in
            let points = streetPoints[name]!
            let line = MapGeometry.centreLine(points, step: max(40, radius * 8))
            let half = MapGeometry.meanDistance(of: points, from: line) - radius * 0.6
            return (name, line, min(16, max(4, 2 * half)))
        }
        for street in streets where street.line.count >= 2 {
            out +=
                "<path d=\"\(path(street.line, closed: false))\" stroke-width=\"\(number(street.width + 2))\" class=\"map-street-casing\"/>"
        }
        for street in streets where street.line.count >= 2 {
            out +=
                "<path d=\"\(path(street.line, closed: false))\" stroke-width=\"\(number(street.width))\" class=\"map-street\"/>"
        }
        out += "<rect width=\"\(width)\" height=\"\(number(mapBand))\" class=\"map-band\"/>"
        out +=
            "<text x=\"12\" y=\"20\" class=\"map-hint\">Wijs een pand aan of ga erheen met Tab: adres en stand verschijnen hier.</text>"
        out += "</g>"

        // The premises, in the order given (which is the keyboard's order).
        out += "<g class=\"map-premises\">"
        for (point, dot) in zip(points, dots) {
            let circle =
                "<circle cx=\"\(number(dot.x))\" cy=\"\(number(dot.y))\" r=\"\(number(radius))\" class=\"state-\(escape(point.state))\""
            if let href = point.href {
                out += "<a href=\"\(escape(href))\" aria-label=\"\(escape(point.label))\">\(circle)/>"
                out +=
                    "<text x=\"12\" y=\"20\" class=\"map-tip\" aria-hidden=\"true\">\(escape(point.label))</text></a>"
            } else {
                out += "\(circle)><title>\(escape(point.label))</title></circle>"
            }
        }
        out += "</g>"

        // The names on top, where the dots do not hide them; they let the pointer through.
        out += "<g aria-hidden=\"true\" pointer-events=\"none\">"
        let room = MapGeometry.Box(minX: 2, minY: mapBand + 2, maxX: Double(width) - 2, maxY: Double(height) - 2)
        var taken: [MapGeometry.Box] = []
        if !hull.isEmpty {
            let label = coreLabel(coreName, hull: hull, room: room)
            taken.append(label.box)
            out +=
                "<text x=\"\(number(label.point.x))\" y=\"\(number(label.point.y))\" dy=\".35em\" text-anchor=\"middle\" class=\"map-core-name\">\(escape(coreName))</text>"
        }
        let labels = MapGeometry.streetLabels(
            streets.map { ($0.name, $0.line) }, size: streetNameSize, room: room, avoiding: taken)
        for label in labels {
            let (x, y) = (number(label.point.x), number(label.point.y))
            out +=
                "<text x=\"\(x)\" y=\"\(y)\" dy=\".35em\" text-anchor=\"middle\" transform=\"rotate(\(number(label.degrees)) \(x) \(y))\" class=\"map-street-name\">\(escape(label.text))</text>"
        }
        return out + "</g></svg>"
    }

    /// The name of the core area above its hull, or below it when there is no room above.
    static func coreLabel(_ name: String, hull: [MapGeometry.Point], room: MapGeometry.Box) -> MapGeometry.Label {
        let size = 13.0
        let width = MapGeometry.textWidth(name, size: size) * 1.1
        let top = hull.min { $0.y < $1.y }!
        let bottom = hull.max { $0.y < $1.y }!
        let x = min(max(top.x, room.minX + width / 2), room.maxX - width / 2)
        var y = top.y - size
        if y - size < room.minY { y = min(bottom.y + size, room.maxY - size) }
        let point = MapGeometry.Point(x, y)
        return MapGeometry.Label(
            text: name, point: point, degrees: 0,
            box: MapGeometry.Box(around: point, width: width, height: size * 1.4, degrees: 0))
    }

    /// As large as the premises' spacing allows, so neighbours touch rather than cover each other:
    /// half the usual distance to the nearest other premises, between 3.5 and 7.
    static func dotRadius(_ points: [MapGeometry.Point]) -> Double {
        guard points.count >= 2 else { return 6 }
        // A sample is enough for the usual distance; every point is a neighbour candidate.
        let stride = max(1, points.count / 300)
        var nearest: [Double] = []
        for index in Swift.stride(from: 0, to: points.count, by: stride) {
            var best = Double.infinity
            for other in points.indices where other != index {
                let distance = points[index].distance(to: points[other])
                if distance > 0.01 { best = min(best, distance) }
            }
            if best.isFinite { nearest.append(best) }
        }
        guard !nearest.isEmpty else { return 6 }
        let median = nearest.sorted()[nearest.count / 2]
        return min(7, max(3.5, median / 2))
    }

    static func path(_ points: [MapGeometry.Point], closed: Bool) -> String {
        let moves = points.enumerated().map { index, point in
            "\(index == 0 ? "M" : "L")\(number(point.x)) \(number(point.y))"
        }
        return moves.joined(separator: " ") + (closed ? " Z" : "")
    }
}

/// Latitude and longitude onto the drawing: the centre fitted into the width, below the strip at
/// the top, with a margin all round; the height follows from the centre's shape.
struct MapPlane {
    let height: Double
    private let scale: Double
    private let minX: Double
    private let maxLatitude: Double
    private let factor: Double
    private let left: Double
    private let top: Double

    init(_ coordinates: [(latitude: Double, longitude: Double)], width: Double, maximumHeight: Double) {
        let margin = SVG.mapMargin
        let band = SVG.mapBand
        let middle =
            coordinates.isEmpty ? 52 : coordinates.map(\.latitude).reduce(0, +) / Double(coordinates.count)
        let scale = cos(middle * .pi / 180)
        self.scale = scale
        let xs = coordinates.map { $0.longitude * scale }
        let ys = coordinates.map(\.latitude)
        let minX = xs.min() ?? 0
        let maxLatitude = ys.max() ?? 0
        self.minX = minX
        self.maxLatitude = maxLatitude
        let spanX = (xs.max() ?? 0) - minX
        let spanY = maxLatitude - (ys.min() ?? 0)
        let across = width - 2 * margin
        let down = maximumHeight - band - 2 * margin
        if spanX < 1e-12 && spanY < 1e-12 {
            factor = 1
        } else {
            factor = min(spanX < 1e-12 ? .infinity : across / spanX, spanY < 1e-12 ? .infinity : down / spanY)
        }
        let height = max(band + 2 * margin + spanY * factor, 240)
        self.height = height
        left = (width - spanX * factor) / 2
        top = band + (height - band - spanY * factor) / 2
    }

    func project(_ latitude: Double, _ longitude: Double) -> MapGeometry.Point {
        MapGeometry.Point(left + (longitude * scale - minX) * factor, top + (maxLatitude - latitude) * factor)
    }
}
