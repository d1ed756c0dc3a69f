import Fluent
import Foundation
import StadshartCore
import Vapor

/// Loads a centre's monitor from a file: its areas, indicators and measurements. The Assen demo
/// (Resources/Demo/assen-monitor.json) is one; every measurement is checked like an import.
enum MonitorFile {
    struct File: Decodable {
        struct AreaData: Decodable {
            var key: String
            var name: String
            var reference: Bool
        }
        struct MeasurementData: Decodable {
            var indicator: String
            var area: String
            var date: String
            var value: Double
            var basis: Basis
            var source: IndicatorSource?
            var note: String
        }
        var synthetic: String
        var areas: [AreaData]
        /// In the API's own shape (GET …/indicators/{key}).
        var indicators: [IndicatorDTO]
        var measurements: [MeasurementData]
    }

    static func demoPath(in directory: DirectoryConfiguration) -> String {
        directory.resourcesDirectory + "Demo/assen-monitor.json"
    }

    /// Returns false (and changes nothing) when the centre already has a monitor.
    @discardableResult
    static func load(from path: String, into centre: Centre, by actor: Actor, on db: any Database)
        async throws -> Bool
    {
        let file = try JSONFile.read(File.self, from: path, what: "monitorbestand")
        let centreID = try centre.requireID()
        if try await MonitorArea.query(on: db).filter(\.$centre.$id == centreID).count() > 0 { return false }
        try await db.transaction { tx in
            var areas: [String: MonitorArea] = [:]
            for (position, data) in file.areas.enumerated() {
                let checked: (key: String, name: String, reference: Bool)
                do {
                    checked = try AreaInput(key: data.key, name: data.name, reference: data.reference)
                        .validate(takenKeys: Set(areas.keys))
                } catch let invalid as InvalidInput {
                    throw StadshartError.invalid(
                        InvalidInput(
                            invalid.problems.map {
                                FieldProblem(field: "areas.\($0.field)", message: $0.message, line: position + 1)
                            }))
                }
                let area = MonitorArea()
                area.$centre.id = centreID
                area.key = checked.key
                area.name = checked.name
                area.reference = checked.reference
                area.position = position + 1
                try await area.create(on: tx)
                areas[checked.key] = area
            }
            func area(_ key: String, _ what: String) throws -> MonitorArea {
                guard let area = areas[key] else {
                    throw StadshartError.invalid(
                        InvalidInput([FieldProblem(field: what, message: "onbekend gebied '\(key)'")]))
                }
                return area
            }
            // Every indicator passes the same checks in Core as one defined in the browser.
            let themeLines = try await ThemeLine.query(on: tx).filter(\.$centre.$id == centreID).all()
            var context = IndicatorContext(
                areas: areas.mapValues(\.reference), themeLines: Set(themeLines.map(\.code)), takenKeys: [])
            let areaList = MonitorStore.Loaded(
                centre: centre, areas: Array(areas.values), indicators: [], measurements: [])
            for (position, data) in file.indicators.enumerated() {
                let input = data.input
                let definition: IndicatorDefinition
                do {
                    definition = try input.validate(in: context)
                } catch let invalid as InvalidInput {
                    throw StadshartError.invalid(
                        InvalidInput(
                            invalid.problems.map {
                                FieldProblem(field: "\(data.key).\($0.field)", message: $0.message, line: position + 1)
                            }))
                }
                context.takenKeys.insert(definition.key)
                let indicator = Indicator()
                indicator.$centre.id = centreID
                indicator.position = position + 1
                try MonitorService.apply(definition, to: indicator, loaded: areaList)
                try await indicator.create(on: tx)
            }
            let loaded = try await MonitorStore.load(centre, on: tx)
            let rows = try file.measurements.enumerated().map { index, data in
                var values = [
                    "indicator": data.indicator, "gebied": data.area, "datum": data.date,
                    "waarde": DutchNumber.exact(data.value),
                    "basis": data.basis.csvName, "toelichting": data.note,
                ]
                values["bron"] = data.source?.rawValue
                return try Measurements.check(
                    values, line: index + 1, indicators: MonitorStore.rules(loaded), areas: Set(areas.keys)
                ).get()
            }
            var seen = Set<MeasurementKey>()
            for row in rows {
                guard seen.insert(row.key).inserted else {
                    throw StadshartError.invalid(
                        InvalidInput([
                            FieldProblem(
                                field: "measurements", message: "meting staat twee keer in het bestand", line: row.line)
                        ]))
                }
                _ = try await MonitorStore.insert(row, loaded: loaded, by: actor, on: tx)
            }
            try await Audit.record(
                .aangemaakt, .indicator, id: centreID.uuidString, centreID: centreID,
                summary:
                    "Monitor ingericht: \(file.indicators.count) indicatoren, \(file.areas.count) gebieden, \(seen.count) metingen",
                by: actor, on: tx)
        }
        return true
    }
}
