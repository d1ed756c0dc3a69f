import Fluent
import Foundation
import StadshartCore
import Vapor

/// The monitor through the API: indicators, their measurements and where each stands on a day.
enum MonitorAPI {
    static func register(_ api: APIRoutes) {
        let base = "api/v1/centres/{centre}"
        api.add(
            .GET, base + "/indicators", .centre(.readMonitor), summary: "Indicatoren met hun stand (query: date)",
            errors: [400, 401, 403, 404]
        ) { req in
            let (_, _, views, _) = try await req.monitorViews()
            return views.map { IndicatorWithStatusDTO(indicator: $0.dto, status: $0.statusDTO) }
        }
        api.add(
            .GET, base + "/indicators/{key}", .centre(.readMonitor),
            summary: "Eén indicator met zijn stand (query: date)", errors: [400, 401, 403, 404]
        ) { req in
            let view = try await req.indicatorView()
            return IndicatorWithStatusDTO(indicator: view.dto, status: view.statusDTO)
        }
        api.add(
            .POST, base + "/indicators", .centre(.editMonitor), summary: "Een indicator vastleggen",
            body: IndicatorInput.self, status: .created, errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let centre = try req.centre
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let input = try body.value
            let indicator = try await MonitorService.create(input, loaded: loaded, by: req.actor, on: req.db)
            return try await req.indicatorView(key: indicator.key).dto
        }
        api.add(
            .PATCH, base + "/indicators/{key}", .centre(.editMonitor),
            summary: "Een indicator wijzigen (alleen de meegegeven velden; de sleutel blijft)",
            body: PartialUpdate<IndicatorInput>.self, errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let centre = try req.centre
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let indicator = try MonitorStore.indicator(loaded, key: req.parameter("key"))
            let update = try body.value
            let input = try update.applied(to: MonitorService.input(indicator, loaded: loaded), fixed: ["key"])
            try await MonitorService.update(indicator, with: input, loaded: loaded, by: req.actor, on: req.db)
            return try await req.indicatorView(key: indicator.key).dto
        }
        api.add(
            .GET, base + "/indicators/{key}/status", .centre(.readMonitor),
            summary: "Stand op een datum: waarde, doel, traject, status en prognose (query: date)",
            errors: [400, 401, 403, 404]
        ) { req in
            try await req.indicatorView().statusDTO
        }
        api.add(
            .GET, base + "/indicators/{key}/measurements", .centre(.readMonitor),
            summary: "Metingen van een indicator; berekende cijfers uit het register staan erbij (computed)",
            errors: [400, 401, 403, 404]
        ) { req in
            let (_, loaded, views, _) = try await req.monitorViews()
            let key = try req.parameter("key")
            guard let view = views.first(where: { $0.indicator.key == key }) else {
                throw StadshartError.notFound("Indicator '\(key)' bestaat niet.")
            }
            return view.measurementDTOs(areas: loaded.areas)
        }
        api.add(
            .POST, base + "/indicators/{key}/measurements", .centre(.editMonitor), summary: "Een meting vastleggen",
            body: MeasurementInputDTO.self, status: .created,
            errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let centre = try req.centre
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let indicator = try MonitorStore.indicator(loaded, key: req.parameter("key"))
            let input = try body.value
            var values = ["gebied": input.area, "datum": input.date, "waarde": input.value]
            values["basis"] = input.basis
            values["bron"] = input.source
            values["toelichting"] = input.note
            let row = try MonitorService.check(values, indicator: indicator, loaded: loaded, today: req.today)
            let measurement = try await MonitorService.record(row, loaded: loaded, by: req.actor, on: req.db)
            return MeasurementDTO(
                id: measurement.id, indicator: indicator.key, area: row.area, date: measurement.date,
                value: measurement.value, basis: measurement.basis, source: measurement.source, note: measurement.note,
                computed: false, recordedBy: measurement.recordedBy)
        }
        api.add(
            .DELETE, base + "/measurements/{id}", .centre(.editMonitor),
            summary: "Een meting verwijderen (om te corrigeren)", status: .noContent, errors: [401, 403, 404]
        ) { req -> HTTPStatus in
            let centre = try req.centre
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let measurement = try req.routeMeasurement(loaded)
            try await MonitorService.delete(measurement, loaded: loaded, by: req.actor, on: req.db)
            return .noContent
        }
        api.add(
            .GET, base + "/measurements", .centre(.readMonitor),
            summary: "Alle opgeslagen metingen (JSON-export; pagina's: limit, cursor, Link rel=next)",
            errors: [401, 403, 404]
        ) { req in
            let centre = try req.centre
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let measurements = MonitorStore.stored(loaded).map { id, row in
                MeasurementDTO(
                    id: id, indicator: row.indicator, area: row.area, date: row.date.description, value: row.value,
                    basis: row.basis.rawValue, source: row.source?.rawValue, note: row.note, computed: false,
                    recordedBy: nil)
            }
            return try req.page(measurements) { $0.id?.uuidString ?? "" }
        }
        api.add(
            .GET, base + "/measurements.csv", .centre(.readMonitor),
            summary: "Alle opgeslagen metingen als CSV (het importformaat)", errors: [401, 403, 404], produces: .csv
        ) { req in
            let centre = try req.centre
            let loaded = try await MonitorStore.load(centre, on: req.db)
            return CSVDownload.response(
                MeasurementCSV.encode(MonitorStore.rows(loaded)), filename: "metingen-\(centre.slug).csv")
        }
        api.add(
            .POST, base + "/measurements/import", .centre(.editMonitor),
            summary: "Metingen importeren uit CSV (text/csv); alles of niets. Query: dryRun=true om alleen te tonen",
            body: CSVText.self, errors: [400, 401, 403, 404, 422]
        ) { req, csv in
            let centre = try req.centre
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let dryRun = YesNo.parse(req.query["dryRun"]) ?? false
            return try await MonitorService.importCSV(
                csv.text, loaded: loaded,
                dryRun: dryRun, by: req.actor,
                on: req.db)
        }
        api.add(
            .GET, base + "/areas", .centre(.readMonitor),
            summary: "Gebieden van de monitor: de binnenstad zelf en de referentiegebieden", errors: [401, 403, 404]
        ) { req in
            let centre = try req.centre
            return try await MonitorStore.load(centre, on: req.db).areas.map {
                AreaDTO(key: $0.key, name: $0.name, reference: $0.reference)
            }
        }
        api.add(
            .POST, base + "/areas", .centre(.editMonitor),
            summary: "Een gebied toevoegen (reference: true voor een referentiegebied)",
            body: AreaInput.self, status: .created, errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let centre = try req.centre
            let area = try await MonitorService.addArea(
                try body.value, loaded: MonitorStore.load(centre, on: req.db), by: req.actor,
                on: req.db)
            return AreaDTO(key: area.key, name: area.name, reference: area.reference)
        }
        api.add(
            .GET, base + "/kpis", .anyone, summary: "De KPI's van het akkoord en hun stand, openbaar (query: date)",
            errors: [400, 404], publicAnswer: true
        ) { req in
            let (_, _, views, _) = try await req.monitorViews(notAfterToday: true)
            return views.filter(\.indicator.agreement).map(\.publicDTO)
        }
    }
}

struct IndicatorWithStatusDTO: Content {
    var indicator: IndicatorDTO
    var status: IndicatorStatusDTO
}
