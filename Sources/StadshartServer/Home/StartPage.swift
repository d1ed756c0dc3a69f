import Fluent
import StadshartCore
import Vapor

/// A centre's start page: for the public, the centre's public pages; for each role, what it may
/// do and what needs it now (`Access.startTopics` decides which parts a person gets).
struct StartPage: Encodable {
    struct Section: Encodable {
        var id: String
        var heading: String
        /// Short facts: "12 van 40 acties missen nog iets (art. 16)".
        var lines: [String] = []
        var links: [Layout.Link] = []
    }

    var layout: Layout
    var name: String
    var sections: [Section]
    /// The plans this person may open, newest first.
    var plans: [Layout.Link]
    /// A plan is being prepared that this person may not see yet.
    var draftNotice: String?
    var newPlanLink: String?
    var suggestedYear: Int
    var failed: FormErrors?
    var contact: ContactView?

    static func build(_ req: Request) async throws -> StartPage {
        let centre = try req.centre
        let slug = centre.slug
        let grants = req.grants
        let allYears = try await PlanService.years(req.planCatalog(), on: req.db)
        let years = try await PlanService.visibleYears(centre, for: grants, on: req.db)
        let hidden = allYears.filter { !years.contains($0) }
        let adopted = try await PlanService.visibleYears(centre, for: [], on: req.db)
        var sections: [Section] = []
        for topic in Access.startTopics(grants, in: slug) {
            switch topic {
            case .planWork: sections.append(try await planWork(req, centre, years: years))
            case .eventCalendar: sections.append(try await eventCalendar(req, centre))
            case .adoption: sections += try await adoption(req, centre, years: years)
            case .themeLine: sections += try await themeLines(req, centre, years: years)
            case .ownBusiness: sections += try await ownBusinesses(req, centre)
            case .ownPremises: sections += try await ownPremises(req, centre)
            case .ownEvents: sections.append(try await ownEvents(req, centre))
            case .monitor: sections.append(try await monitor(req, centre))
            case .register:
                sections.append(
                    Section(
                        id: "register", heading: "Register van panden en vestigingen",
                        links: [
                            .init(label: "Panden", href: Web.register.link(slug)),
                            .init(label: "Kaart", href: Web.registerMap.link(slug)),
                            .init(label: "Leegstand en werkgelegenheid", href: Web.vacancy.link(slug)),
                        ]
                            + (Access.allows(grants, .editRegister, in: slug)
                                ? [
                                    .init(label: "Register importeren", href: Web.registerImport.link(slug)),
                                    .init(label: "Zones en kernwinkelgebied", href: Web.zones.link(slug)),
                                ] : [])))
            case .auditTrail:
                sections.append(
                    Section(
                        id: "logboek", heading: "Logboek",
                        lines: ["Wie wat wanneer veranderde, van plan tot register."],
                        links: [.init(label: "Logboek", href: Web.auditLog.link(slug))]))
            case .accounts:
                sections.append(
                    Section(
                        id: "accounts", heading: "Accounts",
                        links: [.init(label: "Accounts en rollen", href: Web.accounts.link(slug))]))
            case .publicPages:
                sections.append(publicPages(centre, adoptedYears: adopted))
            }
        }
        let mayEdit = Access.allows(grants, .editPlan, in: slug)
        return StartPage(
            layout: try await Layout.centre(centre.name, centre, request: req), name: centre.name,
            sections: sections,
            plans: years.map { Layout.Link(label: "Jaarplan \($0)", href: Web.plan.link(slug, $0)) },
            draftNotice: hidden.first.map {
                "Het jaarplan \($0) wordt voorbereid. Het wordt hier openbaar zodra de gemeente en de binnenstadsorganisatie het allebei hebben vastgesteld."
            },
            newPlanLink: mayEdit ? Web.newPlan.link(slug) : nil,
            suggestedYear: (allYears.first ?? req.today.year) + 1, failed: nil,
            contact: centre.contact.map(ContactView.init))
    }

    /// The year people work on: the working day's, else the newest plan they may see.
    static func workingYear(_ req: Request, years: [Int]) -> Int? {
        years.contains(req.today.year) ? req.today.year : years.first
    }

    static func snapshot(_ req: Request, _ centre: Centre, year: Int) async throws -> PlanSnapshot {
        let catalog = try await req.planCatalog()
        let db = req.db
        return try await req.application.readModels.value("plan|\(year)", of: centre) {
            try await PlanService.snapshot(catalog, year: year, on: db)
        }
    }

    static func planWork(_ req: Request, _ centre: Centre, years: [Int]) async throws -> Section {
        let slug = centre.slug
        var section = Section(id: "jaarplan", heading: "Jaarplan")
        guard let year = workingYear(req, years: years) else {
            section.lines = ["Er is nog geen jaarplan. Maak hieronder het eerste aan."]
            return section
        }
        let plan = try await snapshot(req, centre, year: year)
        section.heading = "Jaarplan \(year)"
        section.lines.append(statusLine(plan))
        let open = plan.actions.filter { $0.draft.status.carriesOver }.count
        section.lines.append(
            "\(plan.actions.count) acties, waarvan \(open) nog lopen en \(plan.actions.count - open) afgerond of vervallen."
        )
        if !plan.incomplete.isEmpty {
            section.lines.append(
                "\(plan.incomplete.count) \(plan.incomplete.count == 1 ? "actie mist" : "acties missen") nog iets wat art. 16 vraagt."
            )
        }
        let late = plan.actions.filter { $0.draft.isLate(on: req.today) }.count
        if late > 0 {
            section.lines.append(
                "\(late) \(late == 1 ? "actie is" : "acties zijn") te laat: de deadline of het einde is voorbij.")
        }
        if let warning = plan.adoptionTiming.warning(today: req.today) { section.lines.append(warning) }
        section.links = [.init(label: "Jaarplan \(year)", href: Web.plan.link(slug, year))]
        if !plan.incomplete.isEmpty {
            section.links.append(.init(label: "Wat nog ontbreekt", href: Web.plan.link(slug, year) + "#ontbreekt"))
        }
        section.links += [
            .init(label: "Nieuwe actie", href: Web.newAction.link(slug, year)),
            .init(label: "Wie doet wat", href: Web.whoDoesWhat.link(slug, year)),
        ]
        return section
    }

    /// The coordinator's calendar: this month's open warnings, one click from the month itself.
    static func eventCalendar(_ req: Request, _ centre: Centre) async throws -> Section {
        let today = req.today
        let (first, last) = (today.firstOfMonth, today.lastOfMonth)
        let (warnings, acknowledged) = try await EventService.warnings(
            centre, from: first, through: last, on: req.db)
        let open = warnings.filter { acknowledged[$0.key.description] == nil }.count
        return Section(
            id: "kalender", heading: "Evenementen",
            lines: [open == 0 ? "Geen open waarschuwingen deze maand." : "\(open) open waarschuwingen deze maand."],
            links: [
                .init(label: "Evenementenkalender", href: Web.eventCalendar.link(centre.slug)),
                .init(label: "Nieuw evenement", href: Web.newEvent.link(centre.slug)),
                .init(label: "Regionale kalender importeren", href: Web.eventImport.link(centre.slug)),
            ])
    }

    static func statusLine(_ plan: PlanSnapshot) -> String {
        switch plan.status {
        case .vastgesteld: return "Vastgesteld door beide besturen."
        default:
            let by = plan.adoptedBy.map(\.label)
            return by.isEmpty
                ? "Concept: nog door geen van beide besturen vastgesteld."
                : "Concept: vastgesteld door \(by.joined(separator: " en ")), nog niet door beide."
        }
    }

    /// A board member: each plan not yet adopted by their own party.
    static func adoption(_ req: Request, _ centre: Centre, years: [Int]) async throws -> [Section] {
        let parties = Party.allCases.filter { Access.mayAdopt(req.grants, for: $0, in: centre.slug) }
        var waiting: [Layout.Link] = []
        var lines: [String] = []
        for year in years {
            let plan = try await snapshot(req, centre, year: year)
            for party in parties where !plan.adoptedBy.contains(party) {
                waiting.append(
                    .init(
                        label: "Jaarplan \(year) vaststellen", href: Web.plan.link(centre.slug, year) + "#vaststellen"))
                lines.append(
                    "Jaarplan \(year) wacht op vaststelling door het \(party.label). "
                        + (plan.incomplete.isEmpty
                            ? "Alle acties zijn compleet."
                            : "Eerst moeten nog \(plan.incomplete.count) acties compleet zijn (art. 16)."))
            }
        }
        if waiting.isEmpty { lines = ["Er wacht geen jaarplan op uw vaststelling."] }
        return [Section(id: "vaststellen", heading: "Wacht op vaststelling", lines: lines, links: waiting)]
    }

    static func themeLines(_ req: Request, _ centre: Centre, years: [Int]) async throws -> [Section] {
        let codes = Set(req.grants.filter { $0.centre == centre.slug && $0.role == .tafellid }.compactMap(\.themeLine))
        guard let year = workingYear(req, years: years) else { return [] }
        let plan = try await snapshot(req, centre, year: year)
        return codes.sorted().compactMap { code in
            guard let line = plan.catalog.themeLine(code: code) else { return nil }
            let actions = plan.actions.filter { $0.draft.themeLine == code }
            let running = actions.filter { $0.draft.status == .inUitvoering }.count
            var link = URLComponents(string: Web.plan.link(centre.slug, year))!
            link.queryItems = [URLQueryItem(name: "themeLine", value: code)]
            return Section(
                id: "themalijn-\(code)", heading: "Themalijn \(code) \(line.name)",
                lines: ["\(actions.count) acties in het jaarplan \(year), waarvan \(running) in uitvoering."],
                links: [
                    .init(label: "Acties van themalijn \(code)", href: link.string ?? Web.plan.link(centre.slug, year))
                ])
        }
    }

    static func ownBusinesses(_ req: Request, _ centre: Centre) async throws -> [Section] {
        let keys = req.grants.filter { $0.centre == centre.slug && $0.role == .ondernemer }.compactMap(\.subject)
        let view = try await RegisterView.current(centre, in: req.application.readModels, on: req.db)
        return keys.sorted().map { key in
            guard let firm = view.firms.first(where: { $0.key == key }) else {
                return Section(
                    id: "vestiging-\(key)", heading: "Uw vestiging",
                    lines: [
                        "Vestiging \(key) staat (nog) niet in het register. Neem contact op met de binnenstadsorganisatie."
                    ])
            }
            return Section(
                id: "vestiging-\(key)", heading: "Uw vestiging: \(firm.name)",
                lines: ["Houd uw openingstijden en het aantal banen bij; de binnenstad telt ermee."],
                links: [.init(label: "\(firm.name) bijwerken", href: Web.business.link(centre.slug, key))])
        }
    }

    static func ownPremises(_ req: Request, _ centre: Centre) async throws -> [Section] {
        let owners = Set(
            req.grants.filter { $0.centre == centre.slug && $0.role == .vastgoedeigenaar }.compactMap(\.subject))
        let view = try await RegisterView.current(centre, in: req.application.readModels, on: req.db)
        let day = req.today
        let own = view.premises.filter { $0.place.ownerKey.map(owners.contains) ?? false }
            .filter { $0.facts.existence.contains(day) }
        let vacant = own.filter { $0.facts.vacancy(at: day) != nil }.count
        return [
            Section(
                id: "panden", heading: "Uw panden",
                lines: own.isEmpty
                    ? ["Er staan geen panden op uw naam in het register."]
                    : [
                        "\(own.count) panden, waarvan \(vacant) leeg. Meld hier wanneer een pand leeg komt of weer in gebruik is."
                    ],
                links: own.map { entry in
                    .init(
                        label: entry.place.address + (entry.facts.vacancy(at: day) != nil ? " (leeg)" : ""),
                        href: Web.premises.link(centre.slug, entry.place.key))
                })
        ]
    }

    static func ownEvents(_ req: Request, _ centre: Centre) async throws -> Section {
        let organisations = Access.proposingOrganisations(req.grants, in: centre.slug)
        let events = try await EventProposals.list(centre, organisations: organisations, on: req.db)
        let waiting = events.filter { $0.approvalValue == .voorgesteld && $0.statusValue != .afgelast }.count
        let rejected = events.filter { $0.approvalValue.reason != nil && $0.statusValue != .afgelast }.count
        return Section(
            id: "voorstellen", heading: "Uw evenementen",
            lines: [
                events.isEmpty
                    ? "Stel een evenement voor; de evenementcoördinator keurt het goed of wijst het af, met een reden."
                    : "\(events.count) voorgesteld, waarvan \(waiting) wachten op goedkeuring en \(rejected) afgewezen."
            ],
            links: [
                .init(label: "Evenement voorstellen", href: Web.newProposal.link(centre.slug)),
                .init(label: "Uw voorstellen", href: Web.proposals.link(centre.slug)),
            ])
    }

    static func monitor(_ req: Request, _ centre: Centre) async throws -> Section {
        let day = req.today
        let (_, views) = try await MonitorService.views(
            centre, asOf: day, models: req.application.readModels, on: req.db)
        let kpis = views.filter(\.indicator.agreement)
        let behind = kpis.filter { $0.assessment.status == .behind }.count
        let reached = kpis.filter { $0.assessment.status == .reached || $0.assessment.status == .onCourse }.count
        return Section(
            id: "monitor", heading: "Monitor",
            lines: kpis.isEmpty
                ? ["Nog geen indicatoren."]
                : [
                    "Op \(day.dutch): \(reached) van de \(kpis.count) KPI's van het akkoord op koers of bereikt, \(behind) achter."
                ],
            links: [
                .init(label: "Monitor", href: Web.monitor.link(centre.slug)),
                .init(label: "Verslag voor de regiegroep", href: Web.monitorReport.link(centre.slug)),
                .init(label: "Economische agenda", href: Web.agenda.link(centre.slug)),
            ])
    }

    static func publicPages(_ centre: Centre, adoptedYears: [Int]) -> Section {
        let slug = centre.slug
        return Section(
            id: "openbaar", heading: "Voor iedereen",
            links: [
                .init(label: "Evenementen", href: Web.events.link(slug)),
                .init(label: "Voortgang van de binnenstad", href: Web.progress.link(slug)),
                .init(label: "Beschikbare panden", href: Web.available.link(slug)),
                .init(label: "Leegstand en werkgelegenheid", href: Web.vacancy.link(slug)),
                .init(label: "Openingstijden", href: Web.openingHours.link(slug)),
            ] + adoptedYears.map { .init(label: "Jaarplan \($0)", href: Web.plan.link(slug, $0)) })
    }
}

/// A centre's contact as pages show it, with a dialling link for the phone number.
struct ContactView: Encodable {
    var organisation: String
    var email: String?
    var phone: String?
    var phoneLink: String?
    var address: String?
    var website: String?

    init(_ contact: CentreContact) {
        organisation = contact.organisation
        email = contact.email
        phone = contact.phone
        phoneLink = contact.phoneLink
        address = contact.address
        website = contact.website
    }
}
