import Foundation
import StadshartCore

/// The monitor: four areas, twenty indicators and a measurement a month. Four indicators are
/// counted from the register (jobs, businesses, vacancy by units and by floor area), so they have
/// no measurements of their own area; the reference areas get a series to compare with.
extension SyntheticCentre {
    /// An indicator and how its made-up series runs: a start, a drift per year and some noise.
    struct IndicatorSpec {
        let key: String
        let name: String
        let unit: IndicatorUnit
        let direction: Direction
        let group: IndicatorGroup
        let source: IndicatorSource
        var computed: RegisterMeasure? = nil
        var area = "binnenstad"
        var referenceArea: String? = nil
        var agreement = false
        let themeLines: [String]
        let start: ClosedRange<Double>
        let perYear: Double
        let noise: Double
    }

    static let indicatorSpecs: [IndicatorSpec] = [
        IndicatorSpec(
            key: "banen", name: "Banen in de binnenstad", unit: .count, direction: .higherIsBetter,
            group: .economicHealth, source: .computed, computed: .jobs, agreement: true, themeLines: ["A", "E"],
            start: 3000...9000, perYear: 50, noise: 0),
        IndicatorSpec(
            key: "vestigingen", name: "Vestigingen in de binnenstad", unit: .count, direction: .higherIsBetter,
            group: .economicHealth, source: .computed, computed: .businesses, agreement: true,
            themeLines: ["A", "E"], start: 600...1500, perYear: 5, noise: 0),
        IndicatorSpec(
            key: "leegstand-verkooppunten", name: "Leegstand verkooppunten", unit: .percent,
            direction: .lowerIsBetter, group: .economicHealth, source: .computed, computed: .vacancyUnits,
            referenceArea: "nederland", agreement: true, themeLines: ["A"], start: 7...9, perYear: 0.15, noise: 0.1),
        IndicatorSpec(
            key: "leegstand-m2", name: "Leegstand naar m² wvo", unit: .percent, direction: .lowerIsBetter,
            group: .economicHealth, source: .computed, computed: .vacancyFloorArea, referenceArea: "nederland",
            themeLines: ["A"], start: 7.5...9.5, perYear: 0.12, noise: 0.1),
        IndicatorSpec(
            key: "waardering", name: "Rapportcijfer van bezoekers", unit: .score, direction: .higherIsBetter,
            group: .imageAndExperience, source: .survey, referenceArea: "nederland", agreement: true,
            themeLines: ["B", "E"], start: 6.4...7.4, perYear: 0.05, noise: 0.1),
        IndicatorSpec(
            key: "bezoekers-per-week", name: "Bezoekers per week", unit: .count, direction: .higherIsBetter,
            group: .economicHealth, source: .other, themeLines: ["F"], start: 20_000...80_000, perYear: 600,
            noise: 2_500),
        IndicatorSpec(
            key: "passanten-zaterdag", name: "Passanten op zaterdag (kernwinkelgebied)", unit: .count,
            direction: .higherIsBetter, group: .economicHealth, source: .other, themeLines: ["A", "F"],
            start: 8_000...25_000, perYear: 150, noise: 900),
        IndicatorSpec(
            key: "positie-binnenstedenlijst", name: "Positie in de lijst van beste binnensteden", unit: .rank,
            direction: .lowerIsBetter, group: .imageAndExperience, source: .other, themeLines: ["F"],
            start: 20...90, perYear: -2, noise: 1),
        IndicatorSpec(
            key: "waardering-ondernemersklimaat", name: "Rapportcijfer ondernemersklimaat", unit: .score,
            direction: .higherIsBetter, group: .economicHealth, source: .survey, themeLines: ["E"],
            start: 6.0...7.0, perYear: 0.04, noise: 0.1),
        IndicatorSpec(
            key: "veiligheidsgevoel", name: "Rapportcijfer veiligheidsgevoel", unit: .score,
            direction: .higherIsBetter, group: .imageAndExperience, source: .survey, themeLines: ["B"],
            start: 6.5...7.5, perYear: 0.03, noise: 0.1),
        IndicatorSpec(
            key: "besteding-per-bezoek", name: "Besteding per bezoek", unit: .euro, direction: .higherIsBetter,
            group: .economicHealth, source: .survey, themeLines: ["E"], start: 25...45, perYear: 1, noise: 1),
        IndicatorSpec(
            key: "verblijfsduur", name: "Verblijfsduur in minuten", unit: .count, direction: .higherIsBetter,
            group: .imageAndExperience, source: .survey, themeLines: ["D", "E"], start: 60...110, perYear: 1.5,
            noise: 3),
        IndicatorSpec(
            key: "parkeerbezetting", name: "Bezetting parkeergarages", unit: .percent, direction: .lowerIsBetter,
            group: .sustainableDevelopment, source: .other, themeLines: ["C"], start: 55...80, perYear: -0.5,
            noise: 2),
        IndicatorSpec(
            key: "fietsparkeerplekken", name: "Fietsparkeerplekken", unit: .count, direction: .higherIsBetter,
            group: .sustainableDevelopment, source: .other, themeLines: ["C"], start: 800...2500, perYear: 60,
            noise: 0),
        IndicatorSpec(
            key: "evenementen", name: "Evenementen per jaar", unit: .count, direction: .higherIsBetter,
            group: .imageAndExperience, source: .other, themeLines: ["D", "F"], start: 20...60, perYear: 1,
            noise: 2),
        IndicatorSpec(
            key: "aandeel-groen", name: "Aandeel groen in de openbare ruimte", unit: .percent,
            direction: .higherIsBetter, group: .sustainableDevelopment, source: .other, themeLines: ["B"],
            start: 5...15, perYear: 0.5, noise: 0.2),
        IndicatorSpec(
            key: "woningen", name: "Woningen in de binnenstad", unit: .count, direction: .higherIsBetter,
            group: .sustainableDevelopment, source: .cbs, themeLines: ["A"], start: 1_500...5_000, perYear: 30,
            noise: 0),
        IndicatorSpec(
            key: "banen-per-1000-inwoners", name: "Banen per 1.000 inwoners (15–74 jaar)", unit: .count,
            direction: .higherIsBetter, group: .economicHealth, source: .cbs, area: "gemeente",
            themeLines: ["E"], start: 600...900, perYear: 3, noise: 2),
        IndicatorSpec(
            key: "bereik-sociale-media", name: "Volgers van de binnenstad op sociale media", unit: .count,
            direction: .higherIsBetter, group: .imageAndExperience, source: .other, themeLines: ["F"],
            start: 5_000...40_000, perYear: 3_000, noise: 300),
        IndicatorSpec(
            key: "energielabel-a", name: "Panden met energielabel A of beter", unit: .percent,
            direction: .higherIsBetter, group: .sustainabilityIndex, source: .other, themeLines: ["B"],
            start: 10...30, perYear: 2, noise: 0.5),
    ]

    mutating func makeMonitor() {
        var areaIDs: [String: UUID] = [:]
        for (position, area) in [
            ("binnenstad", "Binnenstad \(name)", false), ("gemeente", "Gemeente \(name)", false),
            ("nederland", "Nederland (binnensteden)", true), ("middelgrote-stad", "Middelgrote stad NL", true),
        ].enumerated() {
            let id = random.uuid()
            areaIDs[area.0] = id
            tables.monitorAreas.add([
                bound(id), bound(centreID), bound(area.0), bound(area.1), bound(area.2), bound(position + 1),
            ])
        }
        let months = (0..<(options.years * 12)).map { month in
            Day(year: options.firstDay.year + month / 12, month: month % 12 + 1, day: 1)!
        }
        let targetDate = Day(year: GenerateOptions.lastYear + 2, month: 12, day: 31)!
        var count = 0
        for (position, spec) in Self.indicatorSpecs.enumerated() {
            let id = random.uuid()
            let basis = spec.computed?.basis ?? .none
            let start = random.double(in: spec.start)
            let baseline = Self.round(start, for: spec.unit)
            // Better than the baseline by a few years' drift, or than the reference area.
            let target: TargetLevel =
                spec.referenceArea != nil && spec.computed != nil
                ? .reference(area: spec.referenceArea!)
                : .value(
                    Self.round(
                        start + abs(spec.perYear) * 4 * (spec.direction == .higherIsBetter ? 1 : -1), for: spec.unit))
            let targetValue: Double? = if case .value(let value) = target { value } else { nil }
            let targetArea: UUID? = if case .reference(let area) = target { areaIDs[area] } else { nil }
            tables.indicators.add([
                bound(id), bound(centreID), bound(spec.key), bound(spec.name),
                bound("\(spec.name) in \(name) (synthetisch)."), bound(spec.unit.rawValue),
                bound(spec.direction.rawValue), bound(basis.rawValue), bound(spec.group.rawValue),
                bound(spec.source.rawValue), bound(orNull: spec.computed?.rawValue), bound(spec.agreement),
                bound(spec.agreement ? "Binnenstadsakkoord \(name)" : ""),
                bound(spec.themeLines.joined(separator: ",")),
                bound("Gemeente \(name)"), bound(areaIDs[spec.area]!),
                bound(orNull: spec.referenceArea.flatMap { areaIDs[$0] }),
                bound(baseline), bound(options.firstDay.description), bound(orNull: targetValue),
                bound(orNull: targetArea), bound(targetDate.description), bound(""), bound(position + 1),
            ])
            audit(
                .aangemaakt, .indicator, record: spec.key, on: options.firstDay,
                summary: "Indicator '\(spec.name)' toegevoegd")

            // A figure counted from the register is never typed in for its own area; the
            // reference areas of an indicator get a series of their own.
            var series: [(area: String, start: Double)] = spec.computed == nil ? [(spec.area, start)] : []
            if let reference = spec.referenceArea {
                series.append((reference, start))
                if spec.computed != nil { series.append(("middelgrote-stad", start + random.double(in: 0.5...2))) }
            }
            for (area, first) in series {
                var value = first
                for date in months {
                    let stored = Self.round(value + random.double(in: -1...1) * spec.noise, for: spec.unit)
                    tables.measurements.add([
                        bound(random.uuid()), bound(id), bound(areaIDs[area]!), bound(date.description),
                        bound(stored), bound(basis.rawValue),
                        bound(spec.source == .computed ? IndicatorSource.locatus.rawValue : spec.source.rawValue),
                        bound("synthetisch"), bound(Self.moment(date.adding(days: 10))), bound(Self.actorName),
                    ])
                    value += spec.perYear / 12
                    count += 1
                }
            }
        }
        audit(
            .aangemaakt, .indicator, record: centreID.uuidString, on: options.firstDay,
            summary:
                "Monitor ingericht: \(Self.indicatorSpecs.count) indicatoren, \(areaIDs.count) gebieden, \(count) metingen"
        )
    }

    /// A value as the unit holds it: whole counts, ranks and euros, one decimal otherwise, within range.
    static func round(_ value: Double, for unit: IndicatorUnit) -> Double {
        switch unit {
        case .count, .euro: max(0, value.rounded())
        case .rank: max(1, value.rounded())
        case .percent: min(100, max(0, (value * 10).rounded() / 10))
        case .score: min(10, max(0, (value * 10).rounded() / 10))
        }
    }
}
