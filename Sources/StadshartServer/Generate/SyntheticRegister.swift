import Foundation
import StadshartCore

/// The register: zones, streets, premises with their history of use and vacancy, and the
/// businesses that occupy them.
///
/// Each premises alternates between being in use and standing empty, from before the history
/// begins until after it ends. How long a vacancy lasts is drawn first (mostly months, some
/// years); the centre's vacancy rate then sets how long a tenant stays on average, since in the
/// long run the share of time empty is mean vacancy ÷ (mean vacancy + mean tenancy).
extension SyntheticCentre {
    struct ZoneShape {
        let key: String
        let name: String
        /// How much more or less often a premises here stands empty than the centre as a whole.
        let vacancyFactor: Double
        /// Metres from the centre point where its streets begin.
        let distance: ClosedRange<Double>
        let functions: [(PremisesFunction, Int)]
    }

    static let zoneShapes = [
        ZoneShape(
            key: Centre.defaultCoreZone, name: "Kernwinkelgebied", vacancyFactor: 0.75, distance: 0...120,
            functions: [
                (.detailhandel, 60), (.horeca, 18), (.dienstverlening, 10), (.leisure, 4), (.cultuur, 2),
                (.kantoor, 3), (.wonen, 1), (.maatschappelijk, 1), (.ambacht, 1),
            ]),
        ZoneShape(
            key: "aanloopstraat", name: "Aanloopstraten", vacancyFactor: 1.35, distance: 120...350,
            functions: [
                (.detailhandel, 35), (.horeca, 15), (.dienstverlening, 18), (.leisure, 4), (.cultuur, 2),
                (.kantoor, 10), (.wonen, 8), (.ambacht, 4), (.maatschappelijk, 3), (.overig, 1),
            ]),
        ZoneShape(
            key: "overig", name: "Overige binnenstad", vacancyFactor: 1.1, distance: 250...650,
            functions: [
                (.detailhandel, 20), (.horeca, 12), (.dienstverlening, 14), (.leisure, 4), (.cultuur, 3),
                (.kantoor, 15), (.wonen, 18), (.ambacht, 5), (.maatschappelijk, 6), (.overig, 3),
            ]),
    ]

    /// A time a premises is in use by one tenant: the slot a business may fill.
    struct Tenancy {
        let premisesID: UUID
        let premisesKey: String
        let address: String
        let function: PremisesFunction
        let from: Day
        /// Nil when still running at the end of the history.
        let until: Day?
    }

    mutating func makeRegister() {
        let first = options.firstDay
        var zoneIDs: [UUID] = []
        for (position, zone) in Self.zoneShapes.enumerated() {
            let id = random.uuid()
            zoneIDs.append(id)
            tables.zones.add([bound(id), bound(centreID), bound(zone.key), bound(zone.name), bound(position + 1)])
        }

        // Somewhere in the Netherlands; the municipality code makes the BAG ids look real.
        let latitude = random.double(in: 51.3...53.3)
        let longitude = random.double(in: 4.0...6.9)
        let municipality = random.int(in: 10...1990)
        let postcodeBase = random.int(in: 1000...9899)
        let rate = random.double(in: 0.06...0.20)

        // About a third of the streets form the core, a third lead to it, the rest is the wider centre.
        let streetCount = min(options.premises, random.int(in: 20...40))
        streetNames = Array(random.shuffled(SyntheticNames.streets).prefix(streetCount))
        var weights: [Double] = []
        for street in 0..<streetCount {
            let zone = street * 3 / streetCount
            weights.append(random.double(in: 0.5...1.5) * (zone == 0 ? 1.6 : 1))
        }
        let counts = Self.spread(options.premises, over: weights)

        var tenancies: [Tenancy] = []
        var number = 0
        for (street, streetName) in streetNames.enumerated() {
            let zoneIndex = street * 3 / streetCount
            let zone = Self.zoneShapes[zoneIndex]
            let angle = random.double(in: 0...(2 * Double.pi))
            let start = random.double(in: zone.distance)
            var house = 0
            for index in 0..<counts[street] {
                number += 1
                // One in twenty-five is a second unit at the same number (1, 1A, 2, …).
                let addition: String? = index > 0 && random.chance(0.04) ? "A" : nil
                if addition == nil { house += 1 }
                let key = "P" + Self.padded(number, 5)
                // Odd numbers on one side of the street, even on the other, some eight metres a front.
                let along = start + Double(house) * 4
                let across: Double = house % 2 == 0 ? 8 : -8
                let north = along * cos(angle) - across * sin(angle)
                let east = along * sin(angle) + across * cos(angle)
                let coordinate = (
                    latitude: Self.rounded(latitude + north / 111_320, 6),
                    longitude: Self.rounded(longitude + east / (111_320 * cos(latitude * Double.pi / 180)), 6)
                )
                let id = random.uuid()
                let large = zoneIndex == 0 && random.chance(0.03)
                let floorArea = Int(
                    random.logUniform(large ? 800...2500 : zoneIndex == 0 ? 40...400 : 25...220).rounded())
                let owner: UUID? = random.chance(0.45) ? organisations[random.pick(ownerKeys)]?.id : nil
                let postcode =
                    "\(postcodeBase + street / 6) "
                    + Self.letters(street * 7 + house / 15)
                tables.premises.add([
                    bound(id), bound(centreID), bound(key),
                    bound("\(Self.padded(municipality, 4))01\(Self.padded(2_000_000 + number, 10))"),
                    bound(streetName), bound(String(house)), bound(orNull: addition), bound(postcode),
                    bound(zoneIDs[zoneIndex]), bound(floorArea), bound(coordinate.latitude),
                    bound(coordinate.longitude), bound(orNull: owner),
                    bound(random.pick(weighted: [("geen", 30), ("aanwezig", 45), ("mogelijk", 20), ("gepland", 5)])),
                    bound(first.description), bound(orNull: String?.none),
                ])
                let address = "\(streetName) \(house)\(addition.map { " \($0)" } ?? "")"
                tenancies += makeHistory(
                    of: (id, key, address), zone: zone, rate: min(0.5, rate * zone.vacancyFactor))
            }
        }
        premisesCount = number
        makeBusinesses(in: tenancies)
    }

    /// The function, vacancy and tenancy history of one premises; returns its tenancies.
    ///
    /// The alternation starts years before the history does, so that what runs on its first day
    /// is a fair picture: long vacancies are as likely to be under way as they would be any day.
    private mutating func makeHistory(
        of premises: (id: UUID, key: String, address: String), zone: ZoneShape, rate: Double
    ) -> [Tenancy] {
        let (first, end) = (options.firstDay, options.endDay)
        // Days; the mean of this mix is about fourteen months (443 days).
        func vacancyLength() -> Int {
            switch random.unit() {
            case ..<0.70: random.int(in: 30...365)
            case ..<0.92: random.int(in: 365...1095)
            default: random.int(in: 1095...2500)
            }
        }
        let meanTenancy = 443 * (1 - rate) / rate

        var function = random.pick(weighted: zone.functions)
        var functionRecorded = false
        var tenancies: [Tenancy] = []
        var vacant = random.chance(rate)
        var from = first.adding(days: -8 * 365)
        while from < end {
            let length = vacant ? vacancyLength() : max(90, Int(random.exponential(mean: meanTenancy)))
            let next = from.adding(days: length)
            let until = next < end ? next : nil
            // After a vacancy a premises sometimes changes colour (verkleuring), more often outside
            // the core; before the history began that only shows in the function it starts with.
            if !vacant && random.chance(zone.key == Centre.defaultCoreZone ? 0.1 : 0.25) {
                let changed = random.pick(weighted: zone.functions)
                if changed != function && from > first {
                    tables.premisesFunctions.add([
                        bound(random.uuid()), bound(premises.id), bound(from.description), bound(changed.rawValue),
                    ])
                    audit(
                        .gewijzigd, .pand, record: premises.key, on: from,
                        summary:
                            "\(premises.address): functie \(function.label.lowercased()) wordt \(changed.label.lowercased())",
                        changes: [FieldChange(field: "functie", before: function.label, after: changed.label)])
                }
                function = changed
            }
            if next > first {
                if !functionRecorded {
                    tables.premisesFunctions.add([
                        bound(random.uuid()), bound(premises.id), bound(first.description), bound(function.rawValue),
                    ])
                    functionRecorded = true
                }
                if vacant {
                    // A vacancy under way keeps its first day, before the history: its duration
                    // class stays honest.
                    tables.vacancyPeriods.add([
                        bound(random.uuid()), bound(premises.id), bound(from.description),
                        bound(orNull: until?.description), bound(random.pick(weighted: SyntheticNames.vacancyReasons)),
                    ])
                    if from >= first {
                        audit(
                            .gewijzigd, .pand, record: premises.key, on: from,
                            summary: "\(premises.address) leeg vanaf \(from.dutch)",
                            changes: [FieldChange(field: "stand", before: "niet leeg", after: "leeg")])
                    }
                    if let until {
                        audit(
                            .gewijzigd, .pand, record: premises.key, on: until,
                            summary: "\(premises.address) niet meer leeg vanaf \(until.dutch)",
                            changes: [FieldChange(field: "stand", before: "leeg", after: "niet leeg")])
                    }
                } else {
                    tenancies.append(
                        Tenancy(
                            premisesID: premises.id, premisesKey: premises.key, address: premises.address,
                            function: function, from: max(from, first), until: until))
                }
            }
            from = next
            vacant.toggle()
        }
        return tenancies
    }

    /// Businesses for the tenancies, about as many as asked. Every tenancy has the same chance,
    /// all through the history, to be one the register names (so the number of businesses stays
    /// level over the years); the rest are users it does not know. Of the named ones some are a
    /// business of the same kind that left another premises in the year before; the others are
    /// new. A flat has no business.
    private mutating func makeBusinesses(in all: [Tenancy]) {
        let tenancies = all.filter { SyntheticNames.branchesByFunction[$0.function] != nil }
            .sorted { ($0.from, $0.premisesKey) < ($1.from, $1.premisesKey) }
        struct Firm {
            let id: UUID
            let key: String
            let name: String
            let branch: SyntheticNames.Branch
            let chain: Bool
            var periods: [(from: Day, until: Day?)]
        }
        let moverShare = 0.15
        let named = min(1, Double(options.businesses) / (Double(max(1, tenancies.count)) * (1 - moverShare)))
        var firms: [Firm] = []
        // Businesses that left a premises, by the day they left, ready to move in elsewhere.
        var leaving: [(day: Day, firm: Int)] = []
        for tenancy in tenancies {
            // A business that found nothing within a year has closed.
            let yearBefore = tenancy.from.adding(days: -365)
            leaving.removeFirst(leaving.prefix { $0.day < yearBefore }.count)
            guard random.chance(named) else { continue }
            var firm: Int?
            if random.chance(moverShare) || firms.count >= options.businesses,
                let found = leaving.prefix(while: { $0.day <= tenancy.from }).firstIndex(where: {
                    firms[$0.firm].branch.function == tenancy.function
                })
            {
                firm = leaving.remove(at: found).firm
            } else if firms.count < options.businesses {
                let branch = random.pick(SyntheticNames.branchesByFunction[tenancy.function]!)
                let chain = !branch.chains.isEmpty && random.chance(0.3)
                let name =
                    chain
                    ? random.pick(branch.chains)
                    : random.pick(branch.names).replacingOccurrences(
                        of: "%",
                        with: random.chance(0.7)
                            ? random.pick(SyntheticNames.surnames) : random.pick(SyntheticNames.shopWords))
                firms.append(
                    Firm(
                        id: random.uuid(), key: "B" + Self.padded(firms.count + 1, 5), name: name, branch: branch,
                        chain: chain, periods: []))
                firm = firms.count - 1
            }
            guard let chosen = firm else { continue }
            firms[chosen].periods.append((tenancy.from, tenancy.until))
            tables.occupancies.add([
                bound(random.uuid()), bound(firms[chosen].id), bound(tenancy.premisesID),
                bound(tenancy.from.description), bound(orNull: tenancy.until?.description),
            ])
            if let until = tenancy.until {
                let at = leaving.firstIndex { $0.day > until } ?? leaving.count
                leaving.insert((until, chosen), at: at)
            }
        }

        for firm in firms {
            tables.businesses.add([
                bound(firm.id), bound(centreID), bound(firm.key), bound(firm.name), bound(firm.branch.code),
                bound(firm.chain),
                bound(orNull: firm.chain ? nil : Self.padded(random.int(in: 10_000_000...99_999_999), 8)),
                bound(firm.branch.hours.json),
            ])
            // Jobs from the first day in the centre, changing every year or three.
            let end = firm.periods.last?.until ?? options.endDay
            var day = firm.periods[0].from
            var persons = random.int(in: firm.branch.jobs)
            while day < end {
                let fte = Int((Double(persons) * random.double(in: 0.5...0.9) * 100).rounded())
                tables.businessJobs.add([
                    bound(random.uuid()), bound(firm.id), bound(day.description), bound(persons), bound(fte),
                ])
                day = day.adding(days: random.int(in: 365...1095))
                persons = max(1, persons + random.int(in: -2...2))
            }
        }
        businessCount = firms.count
    }

    /// `total` split over the weights in whole numbers that add up to it.
    static func spread(_ total: Int, over weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        var counts = weights.map { Int(Double(total) * $0 / sum) }
        var index = 0
        while counts.reduce(0, +) < total {
            counts[index % counts.count] += 1
            index += 1
        }
        return counts
    }

    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func rounded(_ value: Double, _ decimals: Int) -> Double {
        let factor = pow(10, Double(decimals))
        return (value * factor).rounded() / factor
    }

    /// Two postcode letters for a number.
    static func letters(_ number: Int) -> String {
        let alphabet = Array("ABCDEGHJKLMNPRSTVWXZ")
        return String([alphabet[(number / alphabet.count) % alphabet.count], alphabet[number % alphabet.count]])
    }
}
