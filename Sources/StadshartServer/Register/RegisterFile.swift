import Fluent
import Foundation
import StadshartCore
import Vapor

/// Loads a register (zones, premises with their history, businesses with jobs and locations)
/// from a file in the format of Resources/Demo/assen-register.json, into a centre that has none.
enum RegisterFile {
    struct File: Decodable {
        struct ZoneData: Decodable {
            var key: String
            var name: String
        }
        struct PeriodData: Decodable {
            var from: String
            var until: String?
            var reason: String?
        }
        struct FunctionData: Decodable {
            var from: String
            var function: PremisesFunction
        }
        struct TemporaryUseData: Decodable {
            var user: String
            var from: String
            var until: String?
            var openToPublic: Bool
            var tidyFrontage: Bool
            var takesPart: Bool
        }
        struct ChangeData: Decodable {
            var from: PremisesFunction
            var to: PremisesFunction
            var stage: String
        }
        struct PremisesData: Decodable {
            var key: String
            var bagId: String?
            var street: String
            var number: String
            var addition: String?
            var postcode: String?
            var zone: String
            var floorArea: Int
            var lat: Double?
            var lon: Double?
            var owner: String?
            var dwellingsAbove: String
            var existsFrom: String
            var existsUntil: String?
            var functions: [FunctionData]
            var vacancies: [PeriodData]
            var temporaryUses: [TemporaryUseData]
            var functionChange: ChangeData?

            /// The fields a CSV line also has, so both are written to the model by one mapper.
            var row: PremisesRow {
                PremisesRow(
                    key: key, bagID: bagId, street: street, number: number, addition: addition, postcode: postcode,
                    zone: zone, floorArea: floorArea, function: functions.last?.function ?? .overig, owner: owner,
                    latitude: lat, longitude: lon, dwellingsAbove: dwellingsAbove)
            }
        }
        struct JobsData: Decodable {
            var from: String
            var persons: Int
            var fte: Double?
        }
        struct BusinessData: Decodable {
            var key: String
            var name: String
            var branch: String
            var chain: Bool
            var kvk: String?
            var openingHours: [String: String?]
            var jobs: [JobsData]
            var locations: [PeriodLocation]
        }
        struct PeriodLocation: Decodable {
            var premises: String
            var from: String
            var until: String?
        }
        var synthetic: Bool
        var zones: [ZoneData]
        var premises: [PremisesData]
        var businesses: [BusinessData]
    }

    static func demoPath(in directory: DirectoryConfiguration) -> String {
        directory.resourcesDirectory + "Demo/assen-register.json"
    }

    /// Returns false (and changes nothing) when the centre already has a register.
    @discardableResult
    static func load(from path: String, into centre: Centre, by actor: Actor, on db: any Database) async throws
        -> Bool
    {
        let centreID = try centre.requireID()
        if try await Zone.query(on: db).filter(\.$centre.$id == centreID).count() > 0 { return false }
        let file = try JSONFile.read(File.self, from: path, what: "registerbestand")
        let organisations = try await Organisation.query(on: db).filter(\.$centre.$id == centreID).all()
        let ownerIDs = Dictionary(uniqueKeysWithValues: organisations.map { ($0.key, $0.id!) })
        try await db.transaction { tx in
            var zones: [String: UUID] = [:]
            for (position, data) in file.zones.enumerated() {
                let zone = Zone()
                zone.$centre.id = centreID
                zone.key = data.key
                zone.name = data.name
                zone.position = position + 1
                try await zone.create(on: tx)
                zones[data.key] = try zone.requireID()
            }
            var premisesIDs: [String: UUID] = [:]
            for data in file.premises {
                guard let zoneID = zones[data.zone] else {
                    throw StadshartError.invalid(
                        InvalidInput([
                            FieldProblem(field: "zone", message: "onbekende zone '\(data.zone)' bij \(data.key)")
                        ]))
                }
                let premises = Premises()
                premises.$centre.id = centreID
                premises.key = data.key
                RegisterImport.apply(data.row, to: premises, zoneIDs: [data.zone: zoneID], ownerIDs: ownerIDs)
                premises.existsFrom = data.existsFrom
                premises.existsUntil = data.existsUntil
                try await premises.create(on: tx)
                let id = try premises.requireID()
                premisesIDs[data.key] = id
                for entry in data.functions {
                    let function = PremisesFunctionPeriod()
                    function.$premises.id = id
                    function.from = entry.from
                    function.function = entry.function.rawValue
                    try await function.create(on: tx)
                }
                for entry in data.vacancies {
                    let vacancy = VacancyPeriod()
                    vacancy.$premises.id = id
                    vacancy.from = entry.from
                    vacancy.until = entry.until
                    vacancy.reason = entry.reason
                    try await vacancy.create(on: tx)
                }
                for entry in data.temporaryUses {
                    let use = TemporaryUse()
                    use.$premises.id = id
                    use.usedBy = entry.user
                    use.from = entry.from
                    use.until = entry.until
                    use.openToPublic = entry.openToPublic
                    use.tidyFrontage = entry.tidyFrontage
                    use.takesPart = entry.takesPart
                    try await use.create(on: tx)
                }
                if let change = data.functionChange {
                    let plan = FunctionChangePlan()
                    plan.$premises.id = id
                    plan.fromFunction = change.from.rawValue
                    plan.toFunction = change.to.rawValue
                    plan.stage = change.stage
                    try await plan.create(on: tx)
                }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            for data in file.businesses {
                let business = Business()
                business.$centre.id = centreID
                business.key = data.key
                business.name = data.name
                business.branch = data.branch
                business.chain = data.chain
                business.kvk = data.kvk
                business.openingHours = String(decoding: try encoder.encode(data.openingHours), as: UTF8.self)
                try await business.create(on: tx)
                let id = try business.requireID()
                for entry in data.jobs {
                    let jobs = BusinessJobs()
                    jobs.$business.id = id
                    jobs.from = entry.from
                    jobs.persons = entry.persons
                    jobs.fteHundredths = entry.fte.map { Int(($0 * 100).rounded()) }
                    try await jobs.create(on: tx)
                }
                for entry in data.locations {
                    guard let premisesID = premisesIDs[entry.premises] else { continue }
                    let occupancy = Occupancy()
                    occupancy.$business.id = id
                    occupancy.$premises.id = premisesID
                    occupancy.from = entry.from
                    occupancy.until = entry.until
                    try await occupancy.create(on: tx)
                }
            }
            centre.registerSynthetic = file.synthetic
            try await centre.update(on: tx)
            try await Audit.record(
                .aangemaakt, .organisatie, id: centreID.uuidString, centreID: centreID,
                summary: "Register geladen: \(file.premises.count) panden en \(file.businesses.count) vestigingen"
                    + (file.synthetic ? " (synthetisch)" : ""),
                by: actor, on: tx)
        }
        return true
    }
}
