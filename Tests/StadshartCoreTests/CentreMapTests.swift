import Foundation
import Testing

@testable import StadshartCore

@Suite("The centre map")
struct CentreMapTests {
    typealias Point = MapGeometry.Point

    /// A small centre: a street running east–west with premises on both sides (odd north, even
    /// south), a street running north–south from its middle, and one lone premises on a square.
    /// The east–west street is the core shopping area.
    static let places: [SVG.MapPlace] = {
        var places: [SVG.MapPlace] = []
        for number in 0..<12 {
            let side = number.isMultiple(of: 2) ? -0.00004 : 0.00004
            places.append(
                .init(
                    latitude: 53.0 + side, longitude: 6.560 + Double(number / 2) * 0.0002, street: "Kruisstraat",
                    core: true))
        }
        for number in 0..<8 {
            let side = number.isMultiple(of: 2) ? -0.00006 : 0.00006
            places.append(
                .init(
                    latitude: 52.9995 - Double(number / 2) * 0.0003, longitude: 6.5605 + side, street: "Oudestraat",
                    core: false))
        }
        places.append(.init(latitude: 52.9985, longitude: 6.5615, street: "Brink", core: false))
        return places
    }()

    static func points(_ places: [SVG.MapPlace]) -> [SVG.MapPoint] {
        places.enumerated().map { index, place in
            let key = String(format: "P%04d", index + 1)
            return SVG.MapPoint(
                latitude: place.latitude, longitude: place.longitude, label: "\(place.street) \(index + 1): in gebruik",
                state: index == 3 ? "structureel" : "in-gebruik", href: "/assen/panden/\(key)")
        }
    }

    /// The attributes of every `<element …>` start tag with the class, by name.
    func tags(_ element: String, className: String, in svg: String) -> [[String: String]] {
        let tag = try! Regex("<\(element)\\s([^>]*)>")
        let attribute = try! Regex("([a-z-]+)=\"([^\"]*)\"")
        return svg.matches(of: tag).compactMap { match -> [String: String]? in
            let text = String(match.output[1].substring ?? "")
            var attributes: [String: String] = [:]
            for pair in text.matches(of: attribute) {
                attributes[String(pair.output[1].substring ?? "")] = String(pair.output[2].substring ?? "")
            }
            return attributes["class"] == className ? attributes : nil
        }
    }

    /// The contents of every `<text>` with the class.
    func texts(className: String, in svg: String) -> [String] {
        let pattern = try! Regex("<text\\s[^>]*\\bclass=\"\(className)\"[^>]*>([^<]*)</text>")
        return svg.matches(of: pattern).compactMap { $0.output[1].substring.map(String.init) }
    }

    /// Every linked dot: the premises key in its link and where its circle is.
    func dots(in svg: String) -> [(key: String, at: Point)] {
        let pattern = try! Regex("<a href=\"/assen/panden/(P\\d{4})\"[^>]*><circle cx=\"([^\"]*)\" cy=\"([^\"]*)\"")
        return svg.matches(of: pattern).map {
            (String($0.output[1].substring!), Point(Double($0.output[2].substring!)!, Double($0.output[3].substring!)!))
        }
    }

    /// The corners of a path of straight lines (`M x y L x y … Z`).
    func corners(_ d: String) -> [Point] {
        let numbers = d.split(whereSeparator: { "MLZ ".contains($0) }).compactMap { Double($0) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { Point(numbers[$0], numbers[$0 + 1]) }
    }

    @Test func streetsAreDrawnUnderTheDotsWithTheirNames() {
        let svg = SVG.map(Self.points(Self.places), places: Self.places, title: "Kaart")

        // A line for each street of more than one premises, each name once, the lone one too.
        #expect(tags("path", className: "map-street", in: svg).count == 2)
        #expect(texts(className: "map-street-name", in: svg).sorted() == ["Brink", "Kruisstraat", "Oudestraat"])
        let streets = svg.range(of: "class=\"map-street\"")!.lowerBound
        let firstDot = svg.range(of: "<circle")!.lowerBound
        #expect(streets < firstDot)

        // The east–west street runs between its two rows of premises, from the first to the last.
        let line = corners(tags("path", className: "map-street", in: svg)[0]["d"]!)
        let row = dots(in: svg).prefix(12).map(\.at)
        let middle = row.map(\.y).reduce(0, +) / Double(row.count)
        #expect(line.allSatisfy { abs($0.y - middle) < 1 })
        #expect(abs(line.map(\.x).min()! - row.map(\.x).min()!) < 1)
        #expect(abs(line.map(\.x).max()! - row.map(\.x).max()!) < 1)

        // The names go on top of the dots, in a layer hidden from screen readers (each link
        // already names its street) that lets the pointer through to the dots.
        let names = svg.range(of: "class=\"map-street-name\"")!.lowerBound
        let layer = svg.range(of: "<g aria-hidden=\"true\" pointer-events=\"none\">", options: .backwards)!.lowerBound
        #expect(svg.range(of: "<circle", options: .backwards)!.lowerBound < layer && layer < names)
    }

    @Test func eachPremisesIsALinkNamedByItsAddressAndState() {
        let points = Self.points(Self.places)
        let svg = SVG.map(points, places: Self.places, title: "Kaart van de panden")

        let links = svg.matches(
            of: try! Regex("<a href=\"([^\"]*)\" aria-label=\"([^\"]*)\"><circle [^>]*class=\"([^\"]*)\""))
        #expect(links.map { String($0.output[1].substring!) } == points.compactMap(\.href))
        #expect(links.map { String($0.output[2].substring!) } == points.map(\.label))
        #expect(links[3].output[3].substring == "state-structureel")
        // Its label shows in the strip at the top on hover and focus; the map itself is a group,
        // not an image, since links inside an image would not be reachable.
        #expect(texts(className: "map-tip", in: svg) == points.map(\.label))
        #expect(svg.contains("role=\"group\" aria-label=\"Kaart van de panden\""))
        #expect(!svg.contains("role=\"img\""))
        // Dots are as large as the spacing of the premises allows (and no smaller than 3.5).
        let radii = Set(tags("circle", className: "state-in-gebruik", in: svg).map { $0["r"]! })
        #expect(radii.count == 1 && Double(radii.first!)! >= 3.5)
    }

    @Test func theCoreAreaContainsItsPremisesAndIsNamed() throws {
        let points = Self.points(Self.places)
        let svg = SVG.map(points, places: Self.places, coreName: "Kernwinkelgebied", title: "Kaart")

        let hull = corners(try #require(tags("path", className: "map-core", in: svg).first?["d"]))
        let drawn = dots(in: svg)
        #expect(drawn.count == points.count)
        let core = zip(drawn, Self.places).filter(\.1.core).map(\.0.at)
        let others = zip(drawn, Self.places).filter { !$0.1.core }.map(\.0.at)
        #expect(core.count == 12)
        #expect(core.allSatisfy { MapGeometry.contains(hull, $0) })
        // The other street's far end lies outside it.
        #expect(others.contains { !MapGeometry.contains(hull, $0) })
        #expect(texts(className: "map-core-name", in: svg) == ["Kernwinkelgebied"])

        // Without core premises there is no core area to draw.
        let plain = Self.places.map {
            SVG.MapPlace(latitude: $0.latitude, longitude: $0.longitude, street: $0.street, core: false)
        }
        let none = SVG.map(points, places: plain, title: "Kaart")
        #expect(tags("path", className: "map-core", in: none).isEmpty)
        #expect(texts(className: "map-core-name", in: none).isEmpty)
    }

    @Test func hullsContainTheirPoints() {
        var random = ParserPropertyTests.Generator(state: 12)
        for _ in 0..<50 {
            let points = (0..<Int.random(in: 1...40, using: &random)).map { _ in
                Point(Double.random(in: 0...300, using: &random), Double.random(in: 0...200, using: &random))
            }
            let hull = MapGeometry.convexHull(points)
            let padded = MapGeometry.paddedHull(points, padding: 10)
            if hull.count >= 3 { #expect(points.allSatisfy { MapGeometry.contains(hull, $0) }) }
            #expect(points.allSatisfy { MapGeometry.contains(padded, $0) })
            // With room: a point 9 away from any of them, in any direction, is inside the padded hull.
            #expect(points.allSatisfy { MapGeometry.contains(padded, Point($0.x + 9, $0.y)) })
            #expect(points.allSatisfy { MapGeometry.contains(padded, Point($0.x - 6.3, $0.y - 6.3)) })
        }
        let square = [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10), Point(5, 5), Point(2, 8)]
        #expect(Set(MapGeometry.convexHull(square)) == [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)])
        #expect(!MapGeometry.contains(MapGeometry.convexHull(square), Point(11, 5)))
    }

    @Test func aStreetsLineRunsBetweenItsTwoSidesAndFollowsABend() {
        // Odd numbers at y = -5, even at y = +5, along x 0…200: the line runs down the middle.
        let straight = (0..<20).map { Point(Double($0) * 10, $0.isMultiple(of: 2) ? 5 : -5) }
        let line = MapGeometry.centreLine(straight.shuffled(), step: 40)
        #expect(line.allSatisfy { abs($0.y) <= 1.5 })
        // From the first premises to the last (the two sides' stagger tilts it a hair).
        #expect(Set([line.first!.x, line.last!.x].map { ($0 / 10).rounded() * 10 }) == [0, 190])
        #expect(MapGeometry.meanDistance(of: straight, from: line) > 3.5)

        // A street that bends: its line passes near the corner rather than cutting it short.
        let bend = (0..<10).map { Point(Double($0) * 10, 0) } + (1..<10).map { Point(90, Double($0) * 10) }
        let bent = MapGeometry.centreLine(bend, step: 20)
        #expect(bent.contains { $0.distance(to: Point(90, 0)) < 20 })
        #expect(MapGeometry.centreLine([Point(3, 4)], step: 40) == [Point(3, 4)])
    }

    @Test func streetNamesAvoidEachOther() {
        // Two streets crossing in their middles: the second name moves away from the first.
        let streets: [(name: String, line: [Point])] = [
            ("Kruisstraat", [Point(100, 200), Point(400, 200)]),
            ("Marktstraat", [Point(250, 60), Point(250, 340)]),
        ]
        let room = MapGeometry.Box(minX: 0, minY: 30, maxX: 500, maxY: 400)
        let labels = MapGeometry.streetLabels(streets, size: 11, room: room)
        #expect(labels.map(\.text).sorted() == ["Kruisstraat", "Marktstraat"])
        #expect(labels[0].box.overlap(labels[1].box) == 0)
        // Along its street, reading left to right or upwards.
        #expect(abs(labels.first { $0.text == "Marktstraat" }!.degrees.magnitude - 90) < 1e-9)
        #expect(labels.first { $0.text == "Kruisstraat" }!.degrees == 0)
        #expect(labels.allSatisfy { $0.box.outside(room) == 0 })
    }

    @Test func namesAndLinksAreEscaped() {
        let place = SVG.MapPlace(latitude: 53, longitude: 6.56, street: "<Straat & \"Zo\">", core: true)
        let other = SVG.MapPlace(latitude: 53.001, longitude: 6.561, street: "<Straat & \"Zo\">", core: true)
        let point = SVG.MapPoint(
            latitude: 53, longitude: 6.56, label: "<script>alert(1)</script> & \"zo\"", state: "x\"y",
            href: "/a?b=\"c\"&d=<e>")
        let svg = SVG.map([point], places: [place, other], coreName: "Kern & <winkel>", title: "a<b")
        #expect(!svg.contains("<script>") && !svg.contains("<Straat") && !svg.contains("<winkel>"))
        #expect(svg.contains("href=\"/a?b=&quot;c&quot;&amp;d=&lt;e&gt;\""))
        #expect(svg.contains("aria-label=\"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;zo&quot;\""))
        #expect(texts(className: "map-street-name", in: svg) == ["&lt;Straat &amp; &quot;Zo&quot;&gt;"])
        #expect(texts(className: "map-core-name", in: svg) == ["Kern &amp; &lt;winkel&gt;"])
        #expect(svg.contains("class=\"state-x&quot;y\""))
        #expect(svg.contains("aria-label=\"a&lt;b\""))
    }

    @Test func anEmptyMapIsStillAValidDrawing() {
        let svg = SVG.map([], title: "Leeg")
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
        #expect(!svg.contains("<a ") && !svg.contains("nan") && !svg.contains("inf"))
        let one = SVG.map(
            [SVG.MapPoint(latitude: 53, longitude: 6.5, label: "Brink 1", state: "in-gebruik", href: "/p")],
            places: [SVG.MapPlace(latitude: 53, longitude: 6.5, street: "Brink", core: true)], title: "Een")
        #expect(!one.contains("nan") && !one.contains("inf"))
        #expect(texts(className: "map-street-name", in: one) == ["Brink"])
    }
}
