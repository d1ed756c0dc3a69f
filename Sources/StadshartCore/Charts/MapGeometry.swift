import Foundation

/// Plane geometry for the centre map: hulls, street centre lines and where labels go. Works in
/// drawing coordinates (y grows downwards), so it knows nothing of latitude or of SVG.
public enum MapGeometry {
    public struct Point: Sendable, Hashable {
        public var x: Double
        public var y: Double

        public init(_ x: Double, _ y: Double) {
            self.x = x
            self.y = y
        }

        static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
        static func - (a: Point, b: Point) -> Point { Point(a.x - b.x, a.y - b.y) }
        static func * (a: Point, factor: Double) -> Point { Point(a.x * factor, a.y * factor) }
        func dot(_ other: Point) -> Double { x * other.x + y * other.y }
        func distance(to other: Point) -> Double { hypot(x - other.x, y - other.y) }
    }

    /// Twice the signed area of the triangle o, a, b: positive when o → a → b turns one way,
    /// negative the other, zero when they lie on one line.
    static func cross(_ o: Point, _ a: Point, _ b: Point) -> Double {
        (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
    }

    /// The convex hull of the points (Andrew's monotone chain), each corner once, in one turning
    /// direction. Fewer than three distinct points come back as they are.
    public static func convexHull(_ points: [Point]) -> [Point] {
        let sorted = Set(points).sorted { $0.x == $1.x ? $0.y < $1.y : $0.x < $1.x }
        guard sorted.count >= 3 else { return sorted }
        var lower: [Point] = []
        for point in sorted {
            while lower.count >= 2, cross(lower[lower.count - 2], lower[lower.count - 1], point) <= 0 {
                lower.removeLast()
            }
            lower.append(point)
        }
        var upper: [Point] = []
        for point in sorted.reversed() {
            while upper.count >= 2, cross(upper[upper.count - 2], upper[upper.count - 1], point) <= 0 {
                upper.removeLast()
            }
            upper.append(point)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }

    /// The convex hull of the points when each is widened to a disc of `padding` (a 16-sided
    /// polygon around each point): an area with room around its outermost points.
    public static func paddedHull(_ points: [Point], padding: Double) -> [Point] {
        let corners = 16
        let ring = (0..<corners).map { index -> Point in
            let angle = Double(index) * 2 * .pi / Double(corners)
            // The polygon's corners lie a little beyond the disc, so its edges do not cut into it.
            let radius = padding / cos(.pi / Double(corners))
            return Point(cos(angle) * radius, sin(angle) * radius)
        }
        return convexHull(points.flatMap { point in ring.map { point + $0 } })
    }

    /// Whether the point lies inside or on the edge of a convex polygon (either turning direction).
    public static func contains(_ polygon: [Point], _ point: Point) -> Bool {
        guard polygon.count >= 3 else { return polygon.contains(point) }
        var side = 0.0
        for index in polygon.indices {
            let turn = cross(polygon[index], polygon[(index + 1) % polygon.count], point)
            if abs(turn) < 1e-9 { continue }
            if side == 0 {
                side = turn
            } else if (turn > 0) != (side > 0) {
                return false
            }
        }
        return true
    }

    /// The middle of the points and the unit direction in which they spread most (the principal
    /// axis of their scatter).
    static func principalAxis(_ points: [Point]) -> (centre: Point, axis: Point) {
        let count = Double(points.count)
        let centre = Point(points.map(\.x).reduce(0, +) / count, points.map(\.y).reduce(0, +) / count)
        var (xx, yy, xy) = (0.0, 0.0, 0.0)
        for point in points {
            let d = point - centre
            xx += d.x * d.x
            yy += d.y * d.y
            xy += d.x * d.y
        }
        let angle = 0.5 * atan2(2 * xy, xx - yy)
        return (centre, Point(cos(angle), sin(angle)))
    }

    /// A street drawn from its premises: the points ordered along the direction in which they
    /// spread most, averaged over stretches of about `step`, so the two sides of a street meet in
    /// the middle and a bend is followed. It runs from the first premises to the last. One point
    /// gives that point.
    public static func centreLine(_ points: [Point], step: Double) -> [Point] {
        guard points.count >= 2 else { return points }
        let (centre, axis) = principalAxis(points)
        func along(_ point: Point) -> Double { (point - centre).dot(axis) }
        let positions = points.map(along)
        let first = positions.min()!
        let last = positions.max()!
        guard last - first > 1e-9 else { return [points[0]] }
        let stretches = max(1, Int((last - first) / max(step, 1e-9)))
        let width = (last - first) / Double(stretches)
        var sums = [(point: Point, count: Int)](repeating: (Point(0, 0), 0), count: stretches)
        for (point, position) in zip(points, positions) {
            let index = min(stretches - 1, Int((position - first) / width))
            sums[index] = (sums[index].point + point, sums[index].count + 1)
        }
        let middles = sums.filter { $0.count > 0 }.map { $0.point * (1 / Double($0.count)) }
        // Stretch the ends out to the first and the last premises along the street.
        let start = middles[0] + axis * (first - along(middles[0]))
        let end = middles[middles.count - 1] + axis * (last - along(middles[middles.count - 1]))
        var line: [Point] = []
        for point in [start] + middles + [end] where line.last.map({ $0.distance(to: point) > 0.5 }) ?? true {
            line.append(point)
        }
        return line
    }

    /// How far the points lie from a line through them on average: half the width of a street
    /// whose premises face each other.
    static func meanDistance(of points: [Point], from line: [Point]) -> Double {
        guard line.count >= 2, !points.isEmpty else { return 0 }
        let total = points.map { point in
            zip(line, line.dropFirst()).map { distance(point, toSegment: $0, $1) }.min()!
        }.reduce(0, +)
        return total / Double(points.count)
    }

    static func distance(_ point: Point, toSegment a: Point, _ b: Point) -> Double {
        let d = b - a
        let length = d.dot(d)
        guard length > 0 else { return point.distance(to: a) }
        let t = min(1, max(0, (point - a).dot(d) / length))
        return point.distance(to: a + d * t)
    }

    /// The length of a polyline.
    static func length(_ line: [Point]) -> Double {
        zip(line, line.dropFirst()).map { $0.distance(to: $1) }.reduce(0, +)
    }

    /// The point at a fraction of the polyline's length, and the direction of the line there in
    /// degrees, turned so text along it reads from left to right (between -90 and 90).
    static func position(on line: [Point], at fraction: Double) -> (point: Point, degrees: Double) {
        guard line.count >= 2 else { return (line.first ?? Point(0, 0), 0) }
        var remaining = length(line) * fraction
        for (a, b) in zip(line, line.dropFirst()) {
            let piece = a.distance(to: b)
            if remaining <= piece || b == line.last {
                let t = piece > 0 ? min(1, remaining / piece) : 0
                var degrees = atan2(b.y - a.y, b.x - a.x) * 180 / .pi
                if degrees > 90 { degrees -= 180 }
                if degrees <= -90 { degrees += 180 }
                return (a + (b - a) * t, degrees)
            }
            remaining -= piece
        }
        return (line[line.count - 1], 0)
    }

    /// An upright rectangle: what a label takes up, or the room there is.
    public struct Box: Sendable, Equatable {
        public var minX: Double
        public var minY: Double
        public var maxX: Double
        public var maxY: Double

        public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
            self.minX = minX
            self.minY = minY
            self.maxX = maxX
            self.maxY = maxY
        }

        /// The upright box around a rectangle of the size centred on the point and turned by the
        /// angle.
        init(around centre: Point, width: Double, height: Double, degrees: Double) {
            let radians = degrees * .pi / 180
            let halfX = (abs(cos(radians)) * width + abs(sin(radians)) * height) / 2
            let halfY = (abs(sin(radians)) * width + abs(cos(radians)) * height) / 2
            self.init(minX: centre.x - halfX, minY: centre.y - halfY, maxX: centre.x + halfX, maxY: centre.y + halfY)
        }

        var area: Double { max(0, maxX - minX) * max(0, maxY - minY) }

        func overlap(_ other: Box) -> Double {
            max(0, min(maxX, other.maxX) - max(minX, other.minX))
                * max(0, min(maxY, other.maxY) - max(minY, other.minY))
        }

        /// How much of the box lies outside the room.
        func outside(_ room: Box) -> Double { area - overlap(room) }
    }

    /// A text placed on the map: centred on the point, turned by the angle.
    public struct Label: Sendable, Equatable {
        public var text: String
        public var point: Point
        public var degrees: Double
        public var box: Box
    }

    /// The width of a text in the given font size, estimated (no font metrics in a pure function):
    /// a little over half the size per character, which errs on the wide side for most names.
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * 0.6
    }

    /// Street names along their lines, longest street first, each at the first of a few places
    /// along it (the middle, then towards the ends) where it overlaps nothing placed before it and
    /// stays inside the room; where there is no such place, where it overlaps least.
    public static func streetLabels(
        _ streets: [(name: String, line: [Point])], size: Double, room: Box, avoiding taken: [Box] = []
    ) -> [Label] {
        var placed = taken
        var labels: [Label] = []
        let ordered = streets.enumerated().sorted {
            let (a, b) = (length($0.element.line), length($1.element.line))
            return a == b ? $0.offset < $1.offset : a > b
        }.map(\.element)
        for street in ordered where !street.line.isEmpty {
            let width = textWidth(street.name, size: size)
            let height = size * 1.3
            let candidates: [(point: Point, degrees: Double)] =
                street.line.count == 1
                ? [(street.line[0] + Point(0, size * 1.2), 0), (street.line[0] - Point(0, size * 1.2), 0)]
                : [0.5, 0.3, 0.7, 0.15, 0.85].map { position(on: street.line, at: $0) }
            var best: (label: Label, cost: Double)?
            for candidate in candidates {
                let box = Box(around: candidate.point, width: width, height: height, degrees: candidate.degrees)
                let cost = placed.map { $0.overlap(box) }.reduce(0, +) + box.outside(room) * 4
                if best == nil || cost < best!.cost {
                    best = (
                        Label(text: street.name, point: candidate.point, degrees: candidate.degrees, box: box), cost
                    )
                }
                if cost == 0 { break }
            }
            if let label = best?.label {
                labels.append(label)
                placed.append(label.box)
            }
        }
        return labels
    }
}
