import Fluent
import Foundation
import StadshartCore
import Vapor

/// The form to define a new indicator or change one (no JavaScript; Dutch messages by the fields).
enum IndicatorForm {
    struct Page: Encodable {
        var layout: Layout
        var heading: String
        var postLink: String
        var cancelLink: String
        var isNew: Bool
        var input: IndicatorInput
        var units: [SelectOption]
        var directions: [SelectOption]
        var bases: [SelectOption]
        var groups: [SelectOption]
        var sources: [SelectOption]
        var computed: [SelectOption]
        var areas: [SelectOption]
        var referenceAreas: [SelectOption]
        var targetReferences: [SelectOption]
        var themeLines: [SelectOption]
        var failed: FormErrors?
    }

    static let fields = FormFields(
        form: "indicator",
        labels: [
            ("key", "Sleutel"), ("name", "Naam"), ("computed", "Berekend uit het register"), ("unit", "Eenheid"),
            ("direction", "Richting"), ("basis", "Basis"), ("group", "Groep"), ("themeLines", "Themalijnen"),
            ("source", "Bron"), ("area", "Gebied"), ("referenceArea", "Vergelijken met"),
            ("baselineValue", "Nulmeting: waarde"), ("baselineDate", "Nulmeting: peildatum"),
            ("targetValue", "Doel: streefwaarde"), ("targetReference", "Doel: beter dan referentiegebied"),
            ("targetDate", "Doel: streefdatum"),
        ])

    static func register(_ routes: Pages) {
        routes.get(Web.newIndicator, .centre(.editMonitor)) { req in
            let loaded = try await loaded(req)
            var input = IndicatorInput()
            input.direction = Direction.higherIsBetter.rawValue
            input.group = IndicatorGroup.economicHealth.rawValue
            input.basis = Basis.none.rawValue
            input.area = loaded.areas.first { !$0.reference }?.key
            return try await req.view.render("indicator-form", page(req, loaded: loaded, input: input, key: nil))
        }
        routes.post(Web.newIndicator, .centre(.editMonitor)) { req -> Response in
            let loaded = try await loaded(req)
            let input = read(FormBody(req))
            do {
                let indicator = try await MonitorService.create(input, loaded: loaded, by: req.actor, on: req.db)
                return req.seeOther(
                    Web.indicator.link(loaded.centre.slug, indicator.key),
                    notice: "Indicator '\(indicator.name)' aangemaakt.")
            } catch let invalid as InvalidInput {
                return try await req.rerender(
                    "indicator-form", page(req, loaded: loaded, input: input, key: nil, problems: invalid.problems)
                )
            }
        }
        routes.get(Web.editIndicator, .centre(.editMonitor)) { req in
            let loaded = try await loaded(req)
            let indicator = try MonitorStore.indicator(loaded, key: req.parameter("key"))
            return try await req.view.render(
                "indicator-form",
                page(
                    req, loaded: loaded, input: MonitorService.input(indicator, loaded: loaded),
                    key: indicator.key))
        }
        routes.post(Web.editIndicator, .centre(.editMonitor)) { req -> Response in
            let loaded = try await loaded(req)
            let indicator = try MonitorStore.indicator(loaded, key: req.parameter("key"))
            var input = read(FormBody(req))
            input.key = indicator.key
            do {
                try await MonitorService.update(indicator, with: input, loaded: loaded, by: req.actor, on: req.db)
                return req.seeOther(
                    Web.indicator.link(loaded.centre.slug, indicator.key), notice: "Indicator opgeslagen.")
            } catch let invalid as InvalidInput {
                return try await req.rerender(
                    "indicator-form",
                    page(req, loaded: loaded, input: input, key: indicator.key, problems: invalid.problems))
            }
        }
    }

    static func loaded(_ req: Request) async throws -> MonitorStore.Loaded {
        let centre = try req.centre
        return try await MonitorStore.load(centre, on: req.db)
    }

    static func read(_ form: FormBody) -> IndicatorInput {
        var input = IndicatorInput()
        input.key = form["key"]
        input.name = form["name"]
        input.description = form["description"]
        input.unit = form["unit"]
        input.direction = form["direction"]
        input.basis = form["basis"]
        input.group = form["group"]
        input.agreement = form["agreement"] == "ja"
        input.goal = form["goal"]
        input.themeLines = form.all("themeLines")
        input.source = form["source"]
        input.computed = form["computed"]
        if !(input.computed ?? "").isEmpty {
            // The register decides unit and basis of a computed figure; the form's selects do not.
            input.unit = nil
            input.basis = nil
        }
        input.owner = form["owner"]
        input.area = form["area"]
        input.referenceArea = form["referenceArea"]
        input.baselineValue = form["baselineValue"]
        input.baselineDate = form["baselineDate"]
        input.targetValue = form["targetValue"]
        input.targetReference = form["targetReference"]
        input.targetDate = form["targetDate"]
        input.note = form["note"]
        return input
    }

    static func options<T: RawRepresentable & CaseIterable>(
        _ type: T.Type, selected: String?, label: (T) -> String, empty: String? = nil
    ) -> [SelectOption] where T.RawValue == String {
        (empty.map { [SelectOption(value: "", label: $0, selected: (selected ?? "").isEmpty)] } ?? [])
            + T.allCases.map { SelectOption(value: $0.rawValue, label: label($0), selected: $0.rawValue == selected) }
    }

    static func page(
        _ req: Request, loaded: MonitorStore.Loaded, input: IndicatorInput, key: String?, problems: [FieldProblem] = []
    ) async throws -> Page {
        let slug = loaded.centre.slug
        let lines = try await ThemeLine.query(on: req.db).filter(\.$centre.$id == loaded.centre.requireID())
            .sort(\.$position).all()
        func areas(_ list: [MonitorArea], selected: String?, empty: String?) -> [SelectOption] {
            (empty.map { [SelectOption(value: "", label: $0, selected: (selected ?? "").isEmpty)] } ?? [])
                + list.map { SelectOption(value: $0.key, label: $0.name, selected: $0.key == selected) }
        }
        return Page(
            layout: try await Layout.centre(
                key == nil ? "Nieuwe indicator" : "Indicator wijzigen", loaded.centre, request: req),
            heading: key == nil ? "Nieuwe indicator" : "Indicator wijzigen: \(input.name ?? key ?? "")",
            postLink: key.map { Web.editIndicator.link(slug, $0) } ?? Web.newIndicator.link(slug),
            cancelLink: key.map { Web.indicator.link(slug, $0) } ?? Web.monitor.link(slug), isNew: key == nil,
            input: input,
            units: options(IndicatorUnit.self, selected: input.unit, label: \.label, empty: "— kies —"),
            directions: options(Direction.self, selected: input.direction, label: \.label),
            bases: options(Basis.self, selected: input.basis, label: \.label),
            groups: options(IndicatorGroup.self, selected: input.group, label: \.label),
            sources: options(IndicatorSource.self, selected: input.source, label: \.label, empty: "— kies —"),
            computed: options(
                RegisterMeasure.self, selected: input.computed, label: \.label, empty: "nee, de cijfers worden gemeten"),
            areas: areas(loaded.areas.filter { !$0.reference }, selected: input.area, empty: nil),
            referenceAreas: areas(loaded.areas, selected: input.referenceArea, empty: "— geen —"),
            targetReferences: areas(
                loaded.areas.filter(\.reference), selected: input.targetReference, empty: "— een streefwaarde —"),
            themeLines: lines.map {
                SelectOption(
                    value: $0.code, label: "\($0.code) \($0.name)", selected: (input.themeLines ?? []).contains($0.code)
                )
            },
            failed: problems.isEmpty ? nil : fields.errors(problems))
    }
}
