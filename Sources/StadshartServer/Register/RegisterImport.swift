import Fluent
import Foundation
import SQLKit
import StadshartCore
import Vapor

/// What an import did, or with `dryRun` would do.
struct ImportSummary: Content, Equatable {
    var dryRun: Bool
    var created = 0
    var updated = 0
    var unchanged = 0
    /// One line per change, in Dutch, for the person checking a dry run.
    var changes: [String] = []
}

/// Importing the register from CSV: every line is checked first (the format in Core, the
/// history against the register here); only when all is right is anything written, in one
/// transaction. Premises are matched on BAG id, then address, then sleutel; businesses on sleutel.
/// A re-import of an export changes nothing.
enum RegisterImport {
    static func premises(
        csv text: String, centre: Centre, at day: Day, dryRun: Bool, by actor: Actor, on db: any Database
    ) async throws -> ImportSummary {
        let centreID = try centre.requireID()
        let loaded = try await RegisterStore.load(centre, on: db)
        let organisations = try await Organisation.query(on: db).filter(\.$centre.$id == centreID).all()
        let rows = try PremisesCSV.read(
            text, zones: Set(loaded.zones.map(\.key)), owners: Set(organisations.map(\.key)))
        let zoneIDs = Dictionary(uniqueKeysWithValues: loaded.zones.map { ($0.key, $0.id!) })
        let ownerIDs = Dictionary(uniqueKeysWithValues: organisations.map { ($0.key, $0.id!) })
        func addressKey(_ p: Premises) -> String {
            PremisesRow.addressKey(street: p.street, number: p.number, addition: p.addition)
        }

        enum Step {
            case create(PremisesRow)
            case update(Premises, PremisesRow, function: Bool, startVacancy: Bool, endVacancy: Bool)
        }
        var steps: [Step] = []
        var problems: [FieldProblem] = []
        var summary = ImportSummary(dryRun: dryRun)
        // Looked up by BAG id, current address and key: a large register is matched in one pass.
        let byBAG = Dictionary(loaded.premises.compactMap { p in p.bagID.map { ($0, p) } }) { first, _ in first }
        let byAddress = Dictionary(
            loaded.premises.filter { RegisterStore.period($0.existsFrom, $0.existsUntil).contains(day) }
                .map { (addressKey($0), $0) }
        ) { first, _ in first }
        let byKey = Dictionary(loaded.premises.map { ($0.key, $0) }) { first, _ in first }
        for row in rows {
            let existing = row.bagID.flatMap { byBAG[$0] } ?? byAddress[row.addressKey] ?? byKey[row.key]
            guard let premises = existing else {
                steps.append(.create(row))
                summary.created += 1
                summary.changes.append("regel \(row.line): nieuw pand \(row.street) \(row.number)")
                continue
            }
            let facts = RegisterStore.facts(premises, zoneKey: loaded.zone(of: premises)?.key ?? "")
            let vacancy = facts.vacancy(at: day)
            var changed: [String] = []
            if premises.street != row.street || premises.number != row.number || premises.addition != row.addition {
                changed.append("adres")
            }
            if premises.postcode != row.postcode { changed.append("postcode") }
            if premises.$zone.id != zoneIDs[row.zone] { changed.append("zone") }
            if premises.floorArea != row.floorArea { changed.append("m² wvo") }
            if premises.$owner.id != row.owner.flatMap({ ownerIDs[$0] }) { changed.append("eigenaar") }
            if !same(premises.latitude, row.latitude) || !same(premises.longitude, row.longitude) {
                changed.append("ligging")
            }
            if premises.dwellingsAbove != row.dwellingsAbove { changed.append("wonen boven") }
            if premises.bagID != row.bagID { changed.append("BAG-id") }
            let function = facts.function(at: day) != row.function
            if function { changed.append("functie") }
            var start = false
            var end = false
            switch (vacancy, row.vacantSince) {
            case (nil, let since?):
                let found = RegisterChange.startVacancyProblems(
                    vacancies: facts.vacancies, existence: facts.existence, from: since,
                    today: actor.today)
                problems += found.map { FieldProblem(field: "leeg_sinds", message: $0.message, line: row.line) }
                start = found.isEmpty
            case (let open?, nil):
                if open.until != nil || open.from >= day {
                    problems.append(
                        FieldProblem(
                            field: "leeg_sinds",
                            message: "de leegstand in het register kan op de peildatum niet eindigen", line: row.line))
                }
                end = true
            case (let open?, let since?) where open.from != since:
                problems.append(
                    FieldProblem(
                        field: "leeg_sinds",
                        message:
                            "het register heeft leegstand sinds \(open.from.dutch); corrigeer de geschiedenis in het scherm",
                        line: row.line))
            default:
                break
            }
            if start { changed.append("leeg vanaf \(row.vacantSince!.dutch)") }
            if end { changed.append("niet meer leeg") }
            if changed.isEmpty {
                summary.unchanged += 1
            } else {
                summary.updated += 1
                summary.changes.append(
                    "regel \(row.line): \(row.street) \(row.number): \(changed.joined(separator: ", "))")
                steps.append(.update(premises, row, function: function, startVacancy: start, endVacancy: end))
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        if dryRun { return summary }

        let plannedSteps = steps
        try await db.transaction { tx in
            // New premises, often the bulk of a first import, go in with a few hundred rows per
            // statement; changes to existing ones go one by one, as in the screens.
            var created = NewPremises(centreID: centreID, zoneIDs: zoneIDs, ownerIDs: ownerIDs, actor: actor)
            for step in plannedSteps {
                switch step {
                case .create(let row):
                    created.add(row, from: min(day, row.vacantSince ?? day))
                case .update(let premises, let row, let function, let startVacancy, let endVacancy):
                    apply(row, to: premises, zoneIDs: zoneIDs, ownerIDs: ownerIDs)
                    try await premises.update(on: tx)
                    if function { try await addFunction(row.function, from: day, to: premises, on: tx) }
                    if startVacancy {
                        try await addVacancy(from: row.vacantSince!, reason: row.vacancyReason, to: premises, on: tx)
                    }
                    if endVacancy {
                        try await VacancyPeriod.query(on: tx).filter(\.$premises.$id == premises.requireID())
                            .filter(\.$until == nil).set(\.$until, to: day.description).update()
                    }
                    try await Audit.record(
                        .gewijzigd, .pand, id: premises.key, centreID: centreID,
                        summary: "Pand \(row.street) \(row.number) bijgewerkt bij een import (peildatum \(day.dutch))",
                        by: actor, on: tx)
                }
            }
            try await created.insert(on: tx)
        }
        return summary
    }

    /// The rows of new premises, with their first function, vacancy and audit entry, written
    /// together at the end of the import's transaction.
    struct NewPremises {
        let centreID: UUID
        let zoneIDs: [String: UUID]
        let ownerIDs: [String: UUID]
        let actor: Actor
        var premises = TableRows(
            "premises",
            [
                "id", "centre_id", "key", "bag_id", "street", "number", "addition", "postcode", "zone_id", "floor_area",
                "latitude", "longitude", "owner_id", "dwellings_above", "exists_from", "exists_until",
            ])
        var functions = TableRows("premises_functions", ["id", "premises_id", "from_day", "function"])
        var vacancies = TableRows("vacancy_periods", ["id", "premises_id", "from_day", "until_day", "reason"])
        var audit = TableRows(
            "audit_entries",
            [
                "id", "at", "user_id", "actor", "centre_id", "kind", "record_id", "event", "summary", "changes",
                "address",
            ])

        init(centreID: UUID, zoneIDs: [String: UUID], ownerIDs: [String: UUID], actor: Actor) {
            self.centreID = centreID
            self.zoneIDs = zoneIDs
            self.ownerIDs = ownerIDs
            self.actor = actor
        }

        mutating func add(_ row: PremisesRow, from start: Day) {
            let id = UUID()
            premises.add([
                bound(id), bound(centreID), bound(row.key), bound(orNull: row.bagID), bound(row.street),
                bound(row.number), bound(orNull: row.addition), bound(orNull: row.postcode), bound(zoneIDs[row.zone]!),
                bound(row.floorArea), bound(orNull: row.latitude), bound(orNull: row.longitude),
                bound(orNull: row.owner.flatMap { ownerIDs[$0] }), bound(row.dwellingsAbove), bound(start.description),
                SQLLiteral.null,
            ])
            functions.add([bound(UUID()), bound(id), bound(start.description), bound(row.function.rawValue)])
            if let since = row.vacantSince {
                vacancies.add([
                    bound(UUID()), bound(id), bound(since.description), SQLLiteral.null,
                    bound(orNull: row.vacancyReason),
                ])
            }
            audit.add([
                bound(UUID()), bound(actor.now), bound(orNull: actor.userID), bound(actor.name), bound(centreID),
                bound(AuditKind.pand.rawValue), bound(row.key), bound(AuditEvent.aangemaakt.rawValue),
                bound("Pand \(row.street) \(row.number) toegevoegd bij een import"), bound("[]"), bound(actor.address),
            ])
        }

        func insert(on db: any Database) async throws {
            guard premises.count > 0 else { return }
            let sql = db as! any SQLDatabase
            for table in [premises, functions, vacancies, audit] { try await table.insert(on: sql) }
            try await Audit.raiseDataVersion(of: centreID, on: db)
        }
    }

    static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let x?, let y?): abs(x - y) < 0.000_001
        default: false
        }
    }

    static func apply(_ row: PremisesRow, to premises: Premises, zoneIDs: [String: UUID], ownerIDs: [String: UUID]) {
        premises.bagID = row.bagID
        premises.street = row.street
        premises.number = row.number
        premises.addition = row.addition
        premises.postcode = row.postcode
        premises.$zone.id = zoneIDs[row.zone]!
        premises.floorArea = row.floorArea
        premises.latitude = row.latitude
        premises.longitude = row.longitude
        premises.$owner.id = row.owner.flatMap { ownerIDs[$0] }
        premises.dwellingsAbove = row.dwellingsAbove
    }

    static func addFunction(_ function: PremisesFunction, from day: Day, to premises: Premises, on db: any Database)
        async throws
    {
        let entry = PremisesFunctionPeriod()
        entry.$premises.id = try premises.requireID()
        entry.from = day.description
        entry.function = function.rawValue
        try await entry.create(on: db)
    }

    static func addVacancy(from day: Day, reason: String?, to premises: Premises, on db: any Database) async throws {
        let vacancy = VacancyPeriod()
        vacancy.$premises.id = try premises.requireID()
        vacancy.from = day.description
        vacancy.reason = reason
        try await vacancy.create(on: db)
    }

    static func businesses(
        csv text: String, centre: Centre, at day: Day, dryRun: Bool, by actor: Actor, on db: any Database
    ) async throws -> ImportSummary {
        let centreID = try centre.requireID()
        let loaded = try await RegisterStore.load(centre, on: db)
        let current = loaded.premises.filter { RegisterStore.period($0.existsFrom, $0.existsUntil).contains(day) }
        let rows = try BusinessCSV.read(text, premisesKeys: Set(current.map(\.key)))
        let premisesIDs = Dictionary(uniqueKeysWithValues: loaded.premises.map { ($0.key, $0.id!) })
        let premisesKeys = Dictionary(uniqueKeysWithValues: loaded.premises.map { ($0.id!, $0.key) })
        var summary = ImportSummary(dryRun: dryRun)
        var steps: [(Business?, BusinessRow, jobs: Bool, leave: [Occupancy], arrive: [String])] = []
        for row in rows {
            guard let business = loaded.businesses.first(where: { $0.key == row.key }) else {
                summary.created += 1
                summary.changes.append("regel \(row.line): nieuwe vestiging \(row.name)")
                steps.append((nil, row, true, [], row.premises))
                continue
            }
            let facts = RegisterStore.facts(business, premisesKeys: premisesKeys)
            var changed: [String] = []
            if business.name != row.name || business.branch != row.branch || business.chain != row.chain
                || business.kvk != row.kvk
            {
                changed.append("gegevens")
            }
            if normalisedHours(business.openingHours) != normalisedHours(hoursJSON(row.openingHours)) {
                changed.append("openingstijden")
            }
            let currentJobs = business.jobs.filter { Day(parsing: $0.from).map { $0 <= day } ?? false }
                .max { $0.from < $1.from }
            let jobs =
                facts.jobs(at: day) != row.jobs
                || currentJobs?.fteHundredths != row.fte.map { Int(($0 * 100).rounded()) }
            if jobs { changed.append("banen") }
            let here = business.occupancies.filter { RegisterStore.period($0.from, $0.until).contains(day) }
            let leave = here.filter { !row.premises.contains(premisesKeys[$0.$premises.id] ?? "") }
            let arrive = row.premises.filter { key in !here.contains { premisesKeys[$0.$premises.id] == key } }
            if !leave.isEmpty || !arrive.isEmpty { changed.append("panden") }
            if changed.isEmpty {
                summary.unchanged += 1
            } else {
                summary.updated += 1
                summary.changes.append("regel \(row.line): \(row.name): \(changed.joined(separator: ", "))")
                steps.append((business, row, jobs, leave, arrive))
            }
        }
        if dryRun { return summary }
        let plannedSteps = steps
        try await db.transaction { tx in
            for (existing, row, jobs, leave, arrive) in plannedSteps {
                let business = existing ?? Business()
                business.$centre.id = centreID
                business.key = row.key
                business.name = row.name
                business.branch = row.branch
                business.chain = row.chain
                business.kvk = row.kvk
                business.openingHours = hoursJSON(row.openingHours)
                try await business.save(on: tx)
                let id = try business.requireID()
                if jobs {
                    let entry = BusinessJobs()
                    entry.$business.id = id
                    entry.from = day.description
                    entry.persons = row.jobs
                    entry.fteHundredths = row.fte.map { Int(($0 * 100).rounded()) }
                    try await entry.create(on: tx)
                }
                for occupancy in leave {
                    occupancy.until = day.description
                    try await occupancy.update(on: tx)
                }
                for key in arrive {
                    let occupancy = Occupancy()
                    occupancy.$business.id = id
                    occupancy.$premises.id = premisesIDs[key]!
                    occupancy.from = day.description
                    try await occupancy.create(on: tx)
                }
                try await Audit.record(
                    existing == nil ? .aangemaakt : .gewijzigd, .vestiging, id: row.key, centreID: centreID,
                    summary:
                        "Vestiging \(row.name) \(existing == nil ? "toegevoegd" : "bijgewerkt") bij een import (peildatum \(day.dutch))",
                    by: actor, on: tx)
            }
        }
        return summary
    }

    static let weekdays = ["ma", "di", "wo", "do", "vr", "za", "zo"]

    /// Opening hours for comparison: every weekday present, closed as nil.
    static func normalisedHours(_ json: String) -> [String?] {
        let hours = (try? JSONDecoder().decode([String: String?].self, from: Data(json.utf8))) ?? [:]
        return weekdays.map { hours[$0] ?? nil }
    }

    static func hoursJSON(_ hours: [String: String?]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(hours)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// The register as CSV on a day, in the import's format.
enum RegisterExport {
    static func premises(_ view: RegisterView, at day: Day) -> String {
        let rows = view.premises.compactMap { place, facts -> [String]? in
            guard facts.exists(at: day), let function = facts.function(at: day) else { return nil }
            let vacancy = facts.vacancy(at: day)
            return PremisesCSV.row(
                PremisesRow(
                    line: 0, key: place.key, bagID: place.bagID, street: place.street, number: place.number,
                    addition: place.addition, postcode: place.postcode, zone: facts.zone, floorArea: facts.floorArea,
                    function: function, owner: place.ownerKey, latitude: place.latitude, longitude: place.longitude,
                    dwellingsAbove: place.dwellingsAbove, vacantSince: vacancy?.from,
                    vacancyReason: vacancy.flatMap { place.vacancyReasons[$0.from] }))
        }
        return CSV.encode([PremisesCSV.header] + rows)
    }

    static func businesses(_ view: RegisterView, at day: Day) -> String {
        let rows = view.businesses.compactMap { firm, facts -> [String]? in
            let here = facts.locations.filter { $0.period.contains(day) }.map(\.premises)
            guard !here.isEmpty else { return nil }
            let counted = facts.jobs.filter { $0.from <= day }.max { $0.from < $1.from }
            let hours = (try? JSONDecoder().decode([String: String?].self, from: Data(firm.openingHours.utf8))) ?? [:]
            return BusinessCSV.row(
                BusinessRow(
                    line: 0, key: firm.key, name: firm.name, branch: firm.branch, chain: firm.chain, kvk: firm.kvk,
                    jobs: facts.jobs(at: day), fte: counted.flatMap { firm.fte[$0.from] }.map { Double($0) / 100 },
                    premises: here.sorted(), openingHours: hours))
        }
        return CSV.encode([BusinessCSV.header] + rows)
    }
}
