import Fluent
import Foundation
import StadshartCore
import Vapor

/// The monitor through the API: indicators, their measurements and where each stands on a day.
enum MonitorAPI {
    static func register(_ api: APIRoutes) {
        let base = "api/v1/centres/{centre}"
        api.add(
            .GET, base + "/indicators", summary: "Indicatoren met hun stand (query: date)",
            response: "[IndicatorWithStatus]", errors: [400, 401, 403, 404]
        ) { req in
            let (_, views) = try await load(req)
            return views.map { IndicatorWithStatusDTO(indicator: $0.dto, status: $0.statusDTO) }
        }
        api.add(
            .GET, base + "/indicators/{key}", summary: "Eén indicator met zijn stand (query: date)",
            response: "IndicatorWithStatus", errors: [400, 401, 403, 404]
        ) { req in
            let view = try await one(req)
            return IndicatorWithStatusDTO(indicator: view.dto, status: view.statusDTO)
        }
        api.add(
            .POST, base + "/indicators", summary: "Een indicator vastleggen", request: "IndicatorInput",
            response: "Indicator", status: .created, errors: [400, 401, 403, 404, 422]
        ) { req in
            let centre = try await Centre.find(slug: req.parameter("centre"), on: req.db)
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let input = try req.json(IndicatorInput.self)
            let indicator = try await IndicatorDefinitions.create(input, loaded: loaded, by: req.actor, on: req.db)
            return try await one(req, key: indicator.key).dto
        }
        api.add(
            .PATCH, base + "/indicators/{key}",
            summary: "Een indicator wijzigen (alleen de meegegeven velden; de sleutel blijft)",
            request: "IndicatorInput",
            response: "Indicator", errors: [400, 401, 403, 404, 422]
        ) { req in
            let centre = try await Centre.find(slug: req.parameter("centre"), on: req.db)
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let indicator = try MonitorStore.indicator(loaded, key: req.parameter("key"))
            let input = try merged(IndicatorDefinitions.input(indicator, loaded: loaded), with: req)
            try await IndicatorDefinitions.update(indicator, with: input, loaded: loaded, by: req.actor, on: req.db)
            return try await one(req, key: indicator.key).dto
        }
        api.add(
            .GET, base + "/indicators/{key}/status",
            summary: "Stand op een datum: waarde, doel, traject, status en prognose (query: date)",
            response: "IndicatorStatus", errors: [400, 401, 403, 404]
        ) { req in
            try await one(req).statusDTO
        }
        api.add(
            .GET, base + "/indicators/{key}/measurements",
            summary: "Metingen van een indicator; berekende cijfers uit het register staan erbij (computed)",
            response: "[Measurement]", errors: [400, 401, 403, 404]
        ) { req in
            let (loaded, views) = try await load(req)
            let key = try req.parameter("key")
            guard let view = views.first(where: { $0.indicator.key == key }) else {
                throw StadshartError.notFound("Indicator '\(key)' bestaat niet.")
            }
            return view.measurementDTOs(areas: loaded.areas)
        }
        api.add(
            .POST, base + "/indicators/{key}/measurements", summary: "Een meting vastleggen",
            request: "MeasurementInput", response: "Measurement", status: .created,
            errors: [400, 401, 403, 404, 422]
        ) { req in
            let centre = try await Centre.find(slug: req.parameter("centre"), on: req.db)
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let indicator = try MonitorStore.indicator(loaded, key: req.parameter("key"))
            let input = try req.json(MeasurementInputDTO.self)
            var values = ["gebied": input.area, "datum": input.date, "waarde": input.value]
            values["basis"] = input.basis
            values["bron"] = input.source
            values["toelichting"] = input.note
            let row = try MonitorStore.check(values, indicator: indicator, loaded: loaded)
            let measurement = try await MonitorStore.record(row, loaded: loaded, by: req.actor, on: req.db)
            return MeasurementDTO(
                id: measurement.id, indicator: indicator.key, area: row.area, date: measurement.date,
                value: measurement.value, basis: measurement.basis, source: measurement.source, note: measurement.note,
                computed: false, recordedBy: measurement.recordedBy)
        }
        api.add(
            .DELETE, base + "/measurements/{id}", summary: "Een meting verwijderen (om te corrigeren)",
            response: nil, status: .noContent, errors: [401, 403, 404]
        ) { req -> HTTPStatus in
            let centre = try await Centre.find(slug: req.parameter("centre"), on: req.db)
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let measurement = try measurement(req, loaded: loaded)
            try await MonitorStore.delete(measurement, loaded: loaded, by: req.actor, on: req.db)
            return .noContent
        }
        api.add(
            .GET, base + "/measurements", summary: "Alle opgeslagen metingen (JSON-export)",
            response: "[Measurement]", errors: [401, 403, 404]
        ) { req in
            let centre = try await Centre.find(slug: req.parameter("centre"), on: req.db)
            let loaded = try await MonitorStore.load(centre, on: req.db)
            return MonitorStore.stored(loaded).map { id, row in
                MeasurementDTO(
                    id: id, indicator: row.indicator, area: row.area, date: row.date.description, value: row.value,
                    basis: row.basis.rawValue, source: row.source?.rawValue, note: row.note, computed: false,
                    recordedBy: nil)
            }
        }
        api.add(
            .GET, base + "/measurements.csv", summary: "Alle opgeslagen metingen als CSV (het importformaat)",
            response: "CSVText", errors: [401, 403, 404]
        ) { req in
            let centre = try await Centre.find(slug: req.parameter("centre"), on: req.db)
            let loaded = try await MonitorStore.load(centre, on: req.db)
            return RegisterTransfer.csvResponse(
                MeasurementCSV.encode(MonitorStore.rows(loaded)), name: "metingen-\(centre.slug).csv")
        }
        api.add(
            .POST, base + "/measurements/import",
            summary: "Metingen importeren uit CSV (text/csv); alles of niets. Query: dryRun=true om alleen te tonen",
            request: "CSVText", response: "ImportSummary", errors: [400, 401, 403, 404, 422]
        ) { req in
            let centre = try await Centre.find(slug: req.parameter("centre"), on: req.db)
            let loaded = try await MonitorStore.load(centre, on: req.db)
            let dryRun = (req.query["dryRun"] as String?).map { ["true", "ja", "1"].contains($0) } ?? false
            return try await MonitorStore.importCSV(
                try req.body.data.map { try TextRules.utf8($0.readableBytesView) } ?? "", loaded: loaded,
                dryRun: dryRun, by: req.actor,
                on: req.db)
        }
        api.add(
            .GET, base + "/areas", summary: "Gebieden van de monitor: de binnenstad zelf en de referentiegebieden",
            response: "[Area]", errors: [401, 403, 404]
        ) { req in
            let centre = try await Centre.find(slug: req.parameter("centre"), on: req.db)
            return try await MonitorStore.load(centre, on: req.db).areas.map {
                AreaDTO(key: $0.key, name: $0.name, reference: $0.reference)
            }
        }
        api.add(
            .POST, base + "/areas", summary: "Een gebied toevoegen (reference: true voor een referentiegebied)",
            request: "AreaInput", response: "Area", status: .created, errors: [400, 401, 403, 404, 422]
        ) { req in
            let centre = try await Centre.find(slug: req.parameter("centre"), on: req.db)
            let area = try await IndicatorDefinitions.addArea(
                try req.json(AreaInput.self), loaded: MonitorStore.load(centre, on: req.db), by: req.actor,
                on: req.db)
            return AreaDTO(key: area.key, name: area.name, reference: area.reference)
        }
        api.add(
            .GET, base + "/kpis", summary: "De KPI's van het akkoord en hun stand, openbaar (query: date)",
            response: "[PublicKPI]", errors: [400, 404]
        ) { req in
            let (_, views) = try await load(req, notAfterToday: true)
            return views.filter(\.indicator.agreement).map(\.publicDTO)
        }
    }

    static func load(_ req: Request, notAfterToday: Bool = false) async throws -> (MonitorStore.Loaded, [IndicatorView])
    {
        let (_, loaded, views, _) = try await MonitorWeb.views(req, notAfterToday: notAfterToday)
        return (loaded, views)
    }

    static func one(_ req: Request, key given: String? = nil) async throws -> IndicatorView {
        let (_, views) = try await load(req)
        let key = try given ?? req.parameter("key")
        guard let view = views.first(where: { $0.indicator.key == key }) else {
            throw StadshartError.notFound("Indicator '\(key)' bestaat niet.")
        }
        return view
    }

    /// A partial change: the stored definition with the fields the request gives laid over it.
    static func merged(_ current: IndicatorInput, with req: Request) throws -> IndicatorInput {
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        guard var base = try JSONSerialization.jsonObject(with: JSONEncoder().encode(current)) as? [String: Any],
            let changes = (try? JSONSerialization.jsonObject(with: body.isEmpty ? Data("{}".utf8) : body))
                as? [String: Any]
        else {
            throw StadshartError(status: .badRequest, title: "Onleesbare invoer", detail: "Verwacht een JSON-object.")
        }
        for (field, value) in changes where field != "key" { base[field] = value }
        do {
            return try JSONDecoder().decode(IndicatorInput.self, from: JSONSerialization.data(withJSONObject: base))
        } catch let error as DecodingError {
            throw StadshartError(
                status: .badRequest, title: "Onleesbare invoer", detail: ProblemMiddleware.describe(error))
        }
    }

    static func measurement(_ req: Request, loaded: MonitorStore.Loaded) throws -> Measurement {
        let id = try req.uuidParameter("id", what: "Meting")
        guard let measurement = loaded.measurements.first(where: { $0.id == id }) else {
            throw StadshartError.notFound("Meting '\(id)' bestaat niet.")
        }
        return measurement
    }
}

struct IndicatorWithStatusDTO: Content {
    var indicator: IndicatorDTO
    var status: IndicatorStatusDTO
}
