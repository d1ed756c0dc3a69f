import Foundation
import StadshartCore

/// The partnership: its organisations and the theme lines A–F of its agreement.
extension SyntheticCentre {
    static let themeLineTexts: [(code: String, name: String, description: String, keyPoints: [String])] = [
        (
            "A", "Compact en Compleet",
            "Winkels en horeca trekken samen in een compact kernwinkelgebied; panden daarbuiten krijgen een andere bestemming.",
            ["Leegstand terugdringen", "Het juiste bedrijf op de juiste plek", "Verkleuring van de aanloopstraten"]
        ),
        (
            "B", "Prettig en Comfortabel",
            "Een openbare ruimte waarin bezoekers zich welkom en veilig voelen: straat, gevels en groen sluiten op elkaar aan.",
            ["Gevels en etalages", "Meer groen in de straten", "Schoon, heel en veilig"]
        ),
        (
            "C", "Bereikbaar",
            "De binnenstad is goed te bereiken te voet, per fiets, met het openbaar vervoer en met de auto.",
            ["Fietsparkeren", "Parkeren aan de rand", "Bevoorrading op vaste tijden"]
        ),
        (
            "D", "Historisch en Cultureel Actief",
            "Erfgoed en cultuur maken de binnenstad de moeite van een bezoek waard, het hele jaar door.",
            ["Erfgoed zichtbaar maken", "Cultuur op straat", "Samenwerking met culturele instellingen"]
        ),
        (
            "E", "Gastvrij, Collectief en Ondernemend",
            "Ondernemers, vastgoedeigenaren en gemeente werken samen als één gastvrije binnenstad.",
            ["Gastvrijheid en openingstijden", "Collectieve ondernemersaanpak", "Starters een kans geven"]
        ),
        (
            "F", "Goed Bekend",
            "De binnenstad is in de stad en de regio bekend om wat ze te bieden heeft.",
            ["Citymarketing", "Evenementen en kalender"]
        ),
    ]

    mutating func makeNetwork() {
        let town = name
        var list: [(key: String, name: String, kind: OrganisationKind)] = [
            ("gemeente", "Gemeente \(town)", .gemeente),
            ("binnenstad", "Stichting Binnenstad \(town)", .binnenstadsorganisatie),
            ("ondernemers", "Ondernemersvereniging \(town) Centrum", .belangenorganisatie),
            ("khn", "Koninklijke Horeca Nederland afdeling \(town)", .belangenorganisatie),
            ("vastgoedeigenaren", "Vereniging van Vastgoedeigenaren \(town)", .belangenorganisatie),
            ("museum", "Stedelijk Museum \(town)", .cultureel),
            ("theater", "Schouwburg \(town)", .cultureel),
            ("college", "Regiocollege \(town)", .onderwijs),
            ("citymarketing", "Citymarketing \(town)", .partnerorganisatie),
            ("provincie", "Provincie", .partnerorganisatie),
            ("jongerenraad", "Jongerenraad \(town)", .partnerorganisatie),
        ]
        partnerKeys = list.map(\.key)
        let ownerCount = random.int(in: 6...12)
        var usedOwnerNames: Set<String> = []
        for number in 1...ownerCount {
            var owner = ""
            repeat {
                owner = random.pick([
                    "Vastgoed \(random.pick(SyntheticNames.surnames)) B.V.",
                    "Beleggingsmaatschappij \(random.pick(SyntheticNames.surnames))",
                    "\(town) Vastgoed \(number)", "Pensioenfonds Winkelvastgoed \(number)",
                ])
            } while !usedOwnerNames.insert(owner).inserted
            list.append(("eigenaar-\(number)", owner, .vastgoedeigenaar))
            ownerKeys.append("eigenaar-\(number)")
        }
        for organisation in list {
            let id = random.uuid()
            organisations[organisation.key] = (id, organisation.name)
            tables.organisations.add([
                bound(id), bound(centreID), bound(organisation.key), bound(organisation.name),
                bound(organisation.kind.rawValue),
            ])
        }
        for (position, line) in Self.themeLineTexts.enumerated() {
            let id = random.uuid()
            tables.themeLines.add([
                bound(id), bound(centreID), bound(line.code), bound(line.name), bound(line.description),
                bound(position + 1),
            ])
            var points: [(code: String, id: UUID)] = []
            for (number, title) in line.keyPoints.enumerated() {
                let point = (code: "\(line.code)\(number + 1)", id: random.uuid())
                tables.keyPoints.add([bound(point.id), bound(id), bound(point.code), bound(title)])
                points.append(point)
            }
            themeLines.append((line.code, id, points))
        }
        audit(
            .aangemaakt, .organisatie, record: centreID.uuidString, on: options.firstDay,
            summary:
                "Binnenstad \(name) ingericht met \(list.count) organisaties en \(Self.themeLineTexts.count) themalijnen (synthetisch)"
        )
    }
}
