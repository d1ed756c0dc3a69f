import Fluent
import Foundation
import StadshartCore
import Vapor

/// The register's pages: the list, the map, the vacancy figures and the public list of
/// available premises.
enum RegisterWeb {
    struct Row: Encodable {
        var key: String
        var link: String
        var address: String
        var zone: String
        var function: String
        var floorArea: String
        var state: String
        var stateCode: String
        var since: String?
        var duration: String?
    }

    struct ListPage: Encodable {
        var layout: Layout
        var date: String
        var synthetic: Bool
        var rows: [Row]
        var zones: [SelectOption]
        var functions: [SelectOption]
        var streets: [SelectOption]
        var owners: [SelectOption]
        var vacantOnly: Bool
        var longTermOnly: Bool
        var figures: ZoneFigures
        var mapLink: String
        var figuresLink: String
        var zonesLink: String
        var importLink: String
        var csvLink: String
        /// The list comes in pages; the next one, when there is more.
        var nextLink: String?
        var total: Int
    }

    struct ZoneFigures: Encodable {
        var name: String
        var units: String
        var vacantUnits: String
        var unitsRate: String
        var floorArea: String
        var floorAreaRate: String
        var overOneYear: String
        var overThreeYears: String
        var businesses: String
        var jobs: String
    }

    struct FiguresPage: Encodable {
        var layout: Layout
        var date: String
        var dateLabel: String
        var synthetic: Bool
        var total: ZoneFigures
        var zones: [ZoneFigures]
        var chart: String
        var durations: [LabelledCount]
        var functionChanges: String
    }

    struct MapPage: Encodable {
        var layout: Layout
        var date: String
        var synthetic: Bool
        var map: String
        /// The same premises as a list: the map's text alternative, in pages.
        var listLink: String
    }

    static func register(_ routes: Pages) {
        AvailableWeb.register(routes)
        routes.get(Web.register, .centre(.readRegister)) { req in
            let (centre, view, day) = try await load(req)
            return try await req.view.render("register", listPage(req, centre: centre, view: view, day: day))
        }
        routes.get(Web.registerMap, .centre(.readRegister)) { req in
            let (centre, view, day) = try await load(req)
            let filter = try req.premisesFilter()
            // The drawing of every premises is the same for everyone who may see it: made once
            // per data version, date and filter.
            let map = try await req.application.readModels.value("map|\(day)|\(filter)", of: centre) {
                mapDrawing(centre, view: view, rows: RegisterService.list(view, filter: filter, at: day), at: day)
            }
            var list = URLComponents(string: Web.register.link(centre.slug))!
            list.query = req.url.query
            return try await req.view.render(
                "register-map",
                MapPage(
                    layout: try await Layout.centre("Kaart — \(centre.name)", centre, request: req),
                    date: day.description, synthetic: centre.registerSynthetic, map: map,
                    listLink: list.string ?? Web.register.link(centre.slug)))
        }
        routes.get(Web.premises, .member) { req in
            try await req.view.render("premises", premisesPage(req))
        }
        routes.post(Web.premisesVacant, .member) { req in
            let form = FormBody(req)
            let input = VacancyInput(from: form["from"], until: form["until"], reason: form["reason"])
            return try await changePremises(req, edit: true, fields: vacancyFields, done: "Leegstand vastgelegd.") {
                centre, premises in
                try await RegisterService.startVacancy(premises, input, centre: centre, by: req.actor, on: req.db)
            }
        }
        routes.post(Web.premisesLet, .member) { req in
            let form = FormBody(req)
            let input = VacancyInput(from: form["from"], until: form["until"], reason: form["reason"])
            return try await changePremises(
                req, edit: true, fields: letFields, done: "Leegstand beëindigd: het pand is weer in gebruik."
            ) {
                centre, premises in
                try await RegisterService.endVacancy(premises, input, centre: centre, by: req.actor, on: req.db)
            }
        }
        routes.post(Web.temporaryUse, .member) { req in
            let form = FormBody(req)
            let input = TemporaryUseInput(
                from: form["from"], until: form["until"], user: form["user"],
                openToPublic: form["openToPublic"] != nil, tidyFrontage: form["tidyFrontage"] != nil,
                takesPart: form["takesPart"] != nil)
            return try await changePremises(
                req, edit: true, fields: temporaryUseFields, done: "Tijdelijk gebruik vastgelegd."
            ) {
                centre, premises in
                try await RegisterService.addTemporaryUse(premises, input, centre: centre, by: req.actor, on: req.db)
            }
        }
        routes.post(Web.plannedChange, .centre(.editRegister)) { req in
            let form = FormBody(req)
            let input = PlannedChangeInput(to: form["to"], stage: form["stage"], action: form["action"])
            return try await changePremises(
                req, edit: true, fields: plannedChangeFields, done: "Geplande functiewijziging opgeslagen."
            ) {
                centre, premises in
                try await RegisterService.setPlannedChange(premises, input, centre: centre, by: req.actor, on: req.db)
            }
        }
        routes.get(Web.zones, .centre(.readRegister)) { req in
            try await req.view.render("zones", zonesPage(req))
        }
        routes.post(Web.zones, .centre(.editRegister)) { req -> Response in
            let centre = try req.centre
            do {
                let form = FormBody(req)
                try await RegisterService.saveZone(
                    ZoneInput(key: form["key"], name: form["name"]), centre: centre, by: req.actor, on: req.db)
            } catch let invalid as InvalidInput {
                var page = try await zonesPage(req)
                page.failed = zoneFields.errors(invalid.problems)
                page.failed?.sent = zoneFields.sent(FormBody(req))
                return try await req.rerender("zones", page)
            }
            return req.seeOther(Web.zones.link(centre.slug), notice: "Zone opgeslagen.")
        }
        routes.post(Web.coreZone, .centre(.editRegister)) { req -> Response in
            let centre = try req.centre
            do {
                try await RegisterService.setCoreZone(
                    FormBody(req)["zone"], centre: centre, by: req.actor, on: req.db)
            } catch let invalid as InvalidInput {
                var page = try await zonesPage(req)
                page.failed = coreZoneFields.errors(invalid.problems)
                return try await req.rerender("zones", page)
            }
            return req.seeOther(Web.zones.link(centre.slug), notice: "Kernwinkelgebied opgeslagen.")
        }
        routes.publicPage(Web.vacancy) { req in
            let centre = try req.centre
            let zones = try await Zone.query(on: req.db).filter(\.$centre.$id == centre.requireID()).sort(\.$position)
                .all()
            let facts = try await RegisterFacts.current(centre, in: req.application.readModels, on: req.db)
            return try await req.view.render(
                "vacancy",
                figuresPage(req, centre: centre, zones: zones, facts: facts, day: try req.dateQuery()))
        }
    }

    struct PremisesPage: Encodable {
        var layout: Layout
        var synthetic: Bool
        var detail: PremisesDetailDTO
        /// The timeline with its days as people read them.
        var timeline: [TimelineEntry]
        var vacantSince: String?
        var floorArea: String
        var functionLabel: String
        var canEdit: Bool
        var vacantLink: String
        var letLink: String
        var historyLink: String?
        var today: String
        var failed: FormErrors?
        var canPlan: Bool
        var temporaryUseLink: String
        var plannedChangeLink: String
        var plannedChangeActionLink: String?
        var functions: [SelectOption]
        var stages: [SelectOption]
        var actions: [SelectOption]
    }

    /// The four forms of a premises page. Their inputs share one page, so each has ids of its own.
    static let vacancyFields = FormFields(
        form: "vacancy", [("from", "from", "Leeg vanaf"), ("reason", "reason", "Reden")])
    static let letFields = FormFields(form: "let", [("until", "until", "Niet meer leeg vanaf")])
    static let temporaryUseFields = FormFields(
        form: "temporary-use",
        [
            ("user", "user", "Gebruiker"), ("from", "tfrom", "Vanaf"), ("until", "tuntil", "Tot"),
            ("openToPublic", "openToPublic", "Open voor publiek"), ("tidyFrontage", "tidyFrontage", "Verzorgde gevel"),
            ("takesPart", "takesPart", "Doet mee in de straat"),
        ])
    static let plannedChangeFields = FormFields(
        form: "planned-change",
        [("to", "to", "Nieuwe functie"), ("stage", "stage", "Stadium"), ("action", "action", "Actie in het jaarplan")])

    /// A change to the premises of the route: done, back to its page; refused, its page again
    /// with the problems next to the fields of the form that was sent.
    static func changePremises(
        _ req: Request, edit: Bool, fields: FormFields, done: String,
        _ change: (Centre, Premises) async throws -> Void
    ) async throws -> Response {
        let (centre, premises) = try await req.routePremises(edit: edit)
        do {
            try await change(centre, premises)
        } catch let invalid as InvalidInput {
            var failed = fields.errors(invalid.problems)
            failed.sent = fields.sent(FormBody(req))
            return try await req.rerender("premises", premisesPage(req, failed: failed))
        }
        return req.seeOther(Web.premises.link(centre.slug, premises.key), notice: done)
    }

    static func premisesPage(_ req: Request, failed: FormErrors? = nil) async throws -> PremisesPage {
        let (centre, premises) = try await req.routePremises()
        let day = try req.dateQuery()
        let detail = try await RegisterService.detail(centre, premises: premises, at: day, on: req.db)
        let plan = try await FunctionChangePlan.query(on: req.db).filter(\.$premises.$id == premises.requireID())
            .first()
        var actions: [SelectOption] = []
        if Access.allows(req.grants, .editRegister, in: centre.slug) {
            let catalog = try await PlanCatalog.load(centre, on: req.db)
            if let year = try await PlanService.years(catalog, on: req.db).first {
                actions = try await PlanService.snapshot(catalog, year: year, on: req.db).actions.map {
                    SelectOption(
                        value: $0.id.uuidString, label: "\(year): \($0.draft.title)",
                        selected: $0.id == plan?.$action.id)
                }
            }
        }
        return PremisesPage(
            layout: try await Layout.centre(detail.premises.address, centre, request: req),
            synthetic: centre.registerSynthetic, detail: detail,
            timeline: detail.timeline.map {
                TimelineEntry(
                    from: Day(parsing: $0.from)?.dutch ?? $0.from,
                    until: $0.until.map { Day(parsing: $0)?.dutch ?? $0 },
                    kind: $0.kind, text: $0.text)
            },
            vacantSince: detail.premises.vacantSince.map { Day(parsing: $0)?.dutch ?? $0 },
            floorArea: DutchNumber.count(detail.premises.floorArea),
            functionLabel: PremisesFunction(rawValue: detail.premises.function ?? "")?.label ?? "—",
            canEdit: Access.mayEditPremises(req.grants, owner: premises.owner?.key, in: centre.slug),
            vacantLink: Web.premisesVacant.link(centre.slug, premises.key),
            letLink: Web.premisesLet.link(centre.slug, premises.key),
            historyLink: Access.allows(req.grants, .readAudit, in: centre.slug)
                ? Web.history.link(centre.slug, AuditKind.pand.rawValue, premises.key) : nil,
            today: req.today.description, failed: failed,
            canPlan: Access.allows(req.grants, .editRegister, in: centre.slug),
            temporaryUseLink: Web.temporaryUse.link(centre.slug, premises.key),
            plannedChangeLink: Web.plannedChange.link(centre.slug, premises.key),
            plannedChangeActionLink: plan?.$action.id.map { Web.action.link(centre.slug, $0) },
            functions: PremisesFunction.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == plan?.toFunction)
            },
            stages: PlannedChangeStage.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == plan?.stage)
            },
            actions: [SelectOption(value: "", label: "— geen —", selected: plan?.$action.id == nil)] + actions)
    }

    struct ZonesPage: Encodable {
        struct Row: Encodable {
            var key: String
            var name: String
            var core: Bool
        }
        var layout: Layout
        var zones: [Row]
        var canEdit: Bool
        var postLink: String
        var coreZoneLink: String
        var coreZones: [SelectOption]
        var failed: FormErrors?
    }

    static let coreZoneFields = FormFields(
        form: "core-zone", [("zone", "coreZone", "Zone die het kernwinkelgebied is")])
    static let zoneFields = FormFields(form: "zone", labels: [("key", "Sleutel"), ("name", "Naam")])

    static func zonesPage(_ req: Request) async throws -> ZonesPage {
        let centre = try req.centre
        let zones = try await RegisterService.zones(centre, on: req.db)
        return ZonesPage(
            layout: try await Layout.centre("Zones — \(centre.name)", centre, request: req),
            zones: zones.map { .init(key: $0.key, name: $0.name, core: $0.key == centre.coreZone) },
            canEdit: Access.allows(req.grants, .editRegister, in: centre.slug), postLink: Web.zones.link(centre.slug),
            coreZoneLink: Web.coreZone.link(centre.slug),
            coreZones: zones.map { SelectOption(value: $0.key, label: $0.name, selected: $0.key == centre.coreZone) },
            failed: nil)
    }

    static func load(_ req: Request) async throws -> (Centre, RegisterView, Day) {
        let centre = try req.centre
        return (
            centre, try await RegisterView.current(centre, in: req.application.readModels, on: req.db),
            try req.dateQuery()
        )
    }

    /// The map of the premises in the rows (each a link to its page), on the streets and the core
    /// area of every premises that exists on the day, whatever the filter.
    static func mapDrawing(_ centre: Centre, view: RegisterView, rows: [PremisesDTO], at day: Day) -> String {
        let places = view.premises.compactMap { place, facts -> SVG.MapPlace? in
            guard facts.exists(at: day), let latitude = place.latitude, let longitude = place.longitude else {
                return nil
            }
            return SVG.MapPlace(
                latitude: latitude, longitude: longitude, street: place.street, core: facts.zone == centre.coreZone)
        }
        let points = rows.compactMap { row -> SVG.MapPoint? in
            guard let latitude = row.latitude, let longitude = row.longitude else { return nil }
            return SVG.MapPoint(
                latitude: latitude, longitude: longitude, label: "\(row.address): \(mapState(row))",
                state: stateCode(row), href: Web.premises.link(centre.slug, row.key))
        }
        return SVG.map(
            points, places: places,
            coreName: view.zones.first { $0.key == centre.coreZone }?.name ?? "Kernwinkelgebied",
            title: "Kaart van de panden op \(day.dutch)")
    }

    /// The state of a premises in words, for its dot on the map: in use (and by whom), vacant since
    /// when and for how long, or not a sales point (and what it is).
    static func mapState(_ row: PremisesDTO) -> String {
        if row.vacant {
            let duration = row.vacancyDuration.map { " (\($0))" } ?? ""
            return "leeg sinds " + (row.vacantSince.flatMap(Day.init(parsing:))?.dutch ?? "?") + duration
        }
        let function = PremisesFunction(rawValue: row.function ?? "")
        guard function?.isSalesPoint == true else {
            return "geen verkooppunt" + (function.map { " (\($0.label.lowercased()))" } ?? "")
        }
        return row.occupants.isEmpty ? "in gebruik" : "in gebruik door " + row.occupants.joined(separator: ", ")
    }

    static func stateCode(_ row: PremisesDTO) -> String {
        if row.vacant { return row.vacancyDuration ?? "frictioneel" }
        return PremisesFunction(rawValue: row.function ?? "")?.isSalesPoint == true ? "in-gebruik" : "geen-verkooppunt"
    }

    static func stateLabel(_ row: PremisesDTO) -> String {
        if row.vacant { return "leeg sinds " + (row.vacantSince.flatMap(Day.init(parsing:))?.dutch ?? "?") }
        return row.occupants.isEmpty ? "in gebruik" : row.occupants.joined(separator: ", ")
    }

    static func row(_ dto: PremisesDTO) -> Row {
        Row(
            key: dto.key, link: "", address: dto.address, zone: dto.zone,
            function: PremisesFunction(rawValue: dto.function ?? "")?.label ?? "—",
            floorArea: DutchNumber.count(dto.floorArea),
            state: stateLabel(dto), stateCode: stateCode(dto), since: dto.vacantSince,
            duration: dto.vacancyDuration.flatMap(VacancyDuration.init(rawValue:))?.label)
    }

    static func zoneFigures(_ name: String, _ vacancy: VacancyFigures, _ employment: EmploymentFigures) -> ZoneFigures {
        ZoneFigures(
            name: name, units: DutchNumber.count(vacancy.units), vacantUnits: DutchNumber.count(vacancy.vacantUnits),
            unitsRate: Percent.dutch(vacancy.unitsRate),
            floorArea: "\(DutchNumber.count(vacancy.vacantFloorArea)) van \(DutchNumber.count(vacancy.floorArea)) m²",
            floorAreaRate: Percent.dutch(vacancy.floorAreaRate),
            overOneYear: DutchNumber.count(vacancy.vacantOverOneYear),
            overThreeYears: DutchNumber.count(vacancy.vacantOverThreeYears),
            businesses: DutchNumber.count(employment.businesses), jobs: DutchNumber.count(employment.jobs))
    }

    static func listPage(_ req: Request, centre: Centre, view: RegisterView, day: Day) async throws
        -> ListPage
    {
        let filter = try req.premisesFilter()
        let all = try await req.premisesList(view, filter: filter, at: day)
        let rows = try req.page(all, key: \.key, defaultLimit: 100)
        let (zone, street, function, owner) = (filter.zone, filter.street, filter.function?.rawValue, filter.owner)
        let figures = try await req.registerFigures(view, at: day, zone: zone, street: street)
        let (vacancy, employment) = (figures.vacancy, figures.employment)
        return ListPage(
            layout: try await Layout.centre("Panden — \(centre.name)", centre, request: req), date: day.description,
            synthetic: centre.registerSynthetic,
            rows: rows.map { dto in
                var row = row(dto)
                row.link = Web.premises.link(centre.slug, dto.key)
                return row
            },
            zones: [SelectOption(value: "", label: "alle", selected: zone == nil)]
                + view.zones.map { SelectOption(value: $0.key, label: $0.name, selected: $0.key == zone) },
            functions: [SelectOption(value: "", label: "alle", selected: function == nil)]
                + PremisesFunction.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == function)
                },
            streets: [SelectOption(value: "", label: "alle", selected: street == nil)]
                + view.streets.map { SelectOption(value: $0, label: $0, selected: $0 == street) },
            owners: [SelectOption(value: "", label: "alle", selected: owner == nil)]
                + view.owners.map { SelectOption(value: $0.key, label: $0.name, selected: $0.key == owner) },
            vacantOnly: filter.vacant == true, longTermOnly: filter.longTermOnly,
            figures: zoneFigures(zone ?? street ?? "binnenstad", vacancy, employment),
            mapLink: Web.registerMap.link(centre.slug) + "?date=\(day)",
            figuresLink: Web.vacancy.link(centre.slug) + "?date=\(day)", zonesLink: Web.zones.link(centre.slug),
            importLink: Web.registerImport.link(centre.slug),
            csvLink: Web.premisesCSV.link(centre.slug) + "?date=\(day)", nextLink: req.nextPage, total: all.count)
    }

    /// "Sinds 1 januari 2015: 12 panden (1.840 m² wvo) van functie veranderd, waarvan 8 geen verkooppunt meer."
    static func functionChangeText(_ facts: RegisterFacts.Facts, to day: Day) -> String {
        let from = Day(year: max(1900, day.year - 3), month: 1, day: 1)!
        let figures = FunctionChangeFigures.between(facts.premises, from: from, to: day)
        return
            "Van \(from.dutch) tot \(day.dutch): \(DutchNumber.count(figures.units)) panden "
            + "(\(DutchNumber.count(figures.floorArea)) m² wvo) van functie veranderd, "
            + "waarvan \(DutchNumber.count(figures.leftSalesPoints)) geen verkooppunt meer."
    }

    static let colours = ["#8a1538", "#1f4e9c", "#2e7d32", "#b26a00", "#5b6472"]

    static func figuresPage(_ req: Request, centre: Centre, zones: [Zone], facts: RegisterFacts.Facts, day: Day)
        async throws -> FiguresPage
    {
        let (vacancy, employment) = RegisterStore.figures(facts, at: day, zone: nil, street: nil)
        let zoneRows = zones.map { zone -> ZoneFigures in
            let (v, e) = RegisterStore.figures(facts, at: day, zone: zone.key, street: nil)
            return zoneFigures(zone.name, v, e)
        }
        // Through time: the first of January of each year the register covers, up to the date.
        // Through time: the first of January of up to six years before the date, from the register's start.
        let earliest = facts.earliest?.year ?? day.year
        let years = Array(min(max(earliest, day.year - 5), day.year)...day.year)
        func series(_ name: String, zone: String?, colour: String) -> SVG.Series {
            SVG.Series(
                name: name,
                points: years.map { year in
                    let date = Day(year: year, month: 1, day: 1)!
                    return (
                        x: String(year), y: RegisterFigures.vacancy(facts.premises, at: date, zone: zone).unitsRate
                    )
                }, colour: colour)
        }
        let chart = SVG.percentLines(
            [series("binnenstad", zone: nil, colour: colours[0])]
                + zones.enumerated().map {
                    series($0.element.name, zone: $0.element.key, colour: colours[($0.offset + 1) % colours.count])
                },
            title: "Leegstand naar aantal verkooppunten op 1 januari, per zone")
        return FiguresPage(
            layout: try await Layout.centre("Leegstand — \(centre.name)", centre, request: req), date: day.description,
            dateLabel: day.dutch, synthetic: centre.registerSynthetic,
            total: zoneFigures("binnenstad", vacancy, employment), zones: zoneRows, chart: chart,
            durations: VacancyDuration.allCases.map {
                LabelledCount(label: $0.label, count: vacancy.byDuration[$0] ?? 0)
            },
            functionChanges: functionChangeText(facts, to: day))
    }
}
