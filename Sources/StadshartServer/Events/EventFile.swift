import Fluent
import Foundation
import StadshartCore
import Vapor

/// Loads a centre's events from a file: its public places, its regional calendars and its own
/// events, checked like any other input (all or nothing). The Assen demo
/// (Resources/Demo/assen-events.json) is one such file; its regional calendar comes as iCalendar.
enum EventFile {
    struct File: Decodable {
        struct PlaceData: Decodable {
            var key: String
            var name: String
            var residential: Bool
        }
        struct CalendarData: Decodable {
            var key: String
            var name: String
        }
        var places: [PlaceData]
        var calendars: [CalendarData]
        var events: [EventInput]
        /// Organisers' proposals that wait for the coordinator (the organiser named in each).
        var proposals: [EventInput]?
    }

    static func demoPath(in directory: DirectoryConfiguration) -> String {
        directory.resourcesDirectory + "Demo/assen-events.json"
    }

    /// The demo's regional calendar, and the next version of it (for trying a re-import).
    static func demoRegionalPath(in directory: DirectoryConfiguration, version: Int = 1) -> String {
        directory.resourcesDirectory + (version == 1 ? "Demo/regio-drenthe.ics" : "Demo/regio-drenthe-v\(version).ics")
    }

    /// Returns false (and changes nothing) when the centre already has events or places.
    @discardableResult
    static func load(from path: String, into centre: Centre, by actor: Actor, on db: any Database) async throws
        -> Bool
    {
        let file = try JSONFile.read(File.self, from: path, what: "evenementenbestand")
        let centreID = try centre.requireID()
        if try await EventPlace.query(on: db).filter(\.$centre.$id == centreID).count() > 0 { return false }
        let organisations = Set(try await EventService.organisations(centre, on: db).map(\.key))
        let places = Set(file.places.map(\.key))
        var problems: [FieldProblem] = []
        var valid: [ValidEvent] = []
        for (index, input) in file.events.enumerated() {
            do {
                valid.append(try input.validate(places: places, organisations: organisations))
            } catch {
                problems += error.problems.map {
                    FieldProblem(field: $0.field, message: "evenement \(index + 1): \($0.message)")
                }
            }
        }
        var proposals: [ValidEvent] = []
        for (index, input) in (file.proposals ?? []).enumerated() {
            do {
                proposals.append(try input.validate(places: places, organisations: organisations))
            } catch {
                problems += error.problems.map {
                    FieldProblem(field: $0.field, message: "voorstel \(index + 1): \($0.message)")
                }
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        let checked = valid
        let proposed = proposals
        try await db.transaction { tx in
            for (position, place) in file.places.enumerated() {
                let row = EventPlace()
                row.$centre.id = centreID
                row.key = place.key
                row.name = place.name
                row.residential = place.residential
                row.position = position
                try await row.create(on: tx)
            }
            for calendar in file.calendars {
                let row = EventCalendar()
                row.$centre.id = centreID
                row.key = calendar.key
                row.name = calendar.name
                try await row.create(on: tx)
            }
            for event in checked {
                try await Event(event, centreID: centreID, status: event.status, at: actor.now).create(on: tx)
            }
            for event in proposed {
                let workflow = EventWorkflow.proposal(needsPermit: event.category.needsPermit)
                try await Event(
                    event, centreID: centreID, status: workflow.status, approval: workflow.approval,
                    proposedBy: "organisator (demo)", at: actor.now
                ).create(on: tx)
            }
            try await Audit.record(
                .aangemaakt, .evenement, id: nil, centreID: centreID,
                summary: "Evenementenkalender ingericht: \(file.places.count) plekken, \(checked.count) evenementen",
                by: actor, on: tx)
        }
        return true
    }
}
