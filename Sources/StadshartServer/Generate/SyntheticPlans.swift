import Foundation
import StadshartCore

/// Three consecutive annual plans, each adopted by both boards, with 60 actions spread over the
/// theme lines; unfinished actions of a year partly carry over into the next, as `startNextYear`
/// does. Later status changes are amendments, as they are after adoption.
extension SyntheticCentre {
    static let actionsPerPlan = 60

    static let actionTitles: [String: [String]] = [
        "A": [
            "Leegstandsaanpak %", "Acquisitie voor de %", "Verkleuring % onderzoeken", "Pop-upwinkels in lege panden",
            "Starterspremie kernwinkelgebied", "Herverkaveling rond de %",
        ],
        "B": [
            "Gevelverbetering %", "Meer groen op de %", "Cameratoezicht uitbreiden", "Nieuwe bankjes op de %",
            "Schouw schoon en heel", "Verlichting van de %",
        ],
        "C": [
            "Fietsenstalling bij de %", "Parkeerverwijzing vernieuwen", "Venstertijden bevoorrading %",
            "Looproute station–binnenstad", "Deelfietsen aan de rand",
        ],
        "D": [
            "Erfgoedroute langs de %", "Zomerprogramma cultuur op straat", "Historische gevels van de % uitlichten",
            "Museumnacht", "Kunst in lege etalages",
        ],
        "E": [
            "Gezamenlijke openingstijden", "Ondernemersontbijt", "Gastvrijheidstraining winkelpersoneel",
            "Collectieve inkoop energie", "Startersloket binnenstad", "Ondernemersfonds opzetten",
        ],
        "F": [
            "Campagne 'Ontdek de %'", "Evenementenkalender bijhouden", "Website en sociale media binnenstad",
            "Kerstmarkt op de %", "Bezoekersonderzoek",
        ],
    ]

    static let fundingSources = [
        "gemeentebegroting", "binnenstadsfonds", "ondernemersfonds (BIZ)", "provinciale subsidie",
    ]

    mutating func makePlans() {
        let lastYear = GenerateOptions.lastYear
        var previous: [(id: UUID, draft: ActionDraft)] = []
        for year in (lastYear - 2)...lastYear {
            let planID = random.uuid()
            tables.annualPlans.add([bound(planID), bound(centreID), bound(year)])
            let made = Day(year: year - 1, month: 10, day: 1)!
            audit(.aangemaakt, .jaarplan, record: planID.uuidString, on: made, summary: "Jaarplan \(year) aangemaakt")

            // Unfinished work of last year goes on under the same title.
            let carried = Array(random.shuffled(previous.filter { $0.draft.status.carriesOver }).prefix(8))
            if !carried.isEmpty {
                audit(
                    .doorgezet, .jaarplan, record: planID.uuidString, on: made,
                    summary: "Jaarplan \(year) gestart vanuit \(year - 1); \(carried.count) acties lopen door")
            }
            var actions: [(id: UUID, draft: ActionDraft)] = []
            let lines = random.shuffled((0..<Self.actionsPerPlan).map { $0 % themeLines.count })
            for position in 1...Self.actionsPerPlan {
                let from = position <= carried.count ? carried[position - 1] : nil
                var draft = from?.draft ?? makeAction(themeLine: lines[position - 1])
                let final = status(inPlanOf: year)
                draft.status = .gepland
                let id = random.uuid()
                addAction(id: id, draft: draft, planID: planID, position: position, carriedOverFrom: from?.id)
                audit(
                    .aangemaakt, .actie, record: id.uuidString, on: made.adding(days: 14),
                    summary: "Actie '\(draft.title)' toegevoegd aan jaarplan \(year)",
                    changes: ActionDraft.blank.changes(to: draft, name: organisationName))
                if final != .gepland {
                    changeStatus(of: (id, draft), to: final, in: year)
                    draft.status = final
                }
                actions.append((id, draft))
            }
            adopt(planID, year: year)
            previous = actions
        }
    }

    private mutating func makeAction(themeLine index: Int) -> ActionDraft {
        let line = themeLines[index]
        let text = Self.themeLineTexts[index]
        let title = random.pick(Self.actionTitles[line.code]!).replacingOccurrences(
            of: "%", with: random.pick(streetNames))
        let lead: String? =
            random.chance(0.05)
            ? nil
            : random.pick(weighted: [
                ("gemeente", 40), ("binnenstad", 40), (random.pick(partnerKeys), 20),
            ])
        var partners: [PartnerDraft] = []
        let noPartners = random.chance(0.08)
        if !noPartners {
            for key in random.shuffled(partnerKeys.filter { $0 != lead }).prefix(random.int(in: 1...3)) {
                let contributions = Contribution.allCases.filter { _ in random.chance(0.4) }
                partners.append(
                    PartnerDraft(organisation: key, contributions: contributions.isEmpty ? [.meedenken] : contributions)
                )
            }
        }
        let budget: Int64? =
            switch random.unit() {
            case ..<0.12: nil
            case ..<0.27: 0
            default: Int64(random.int(in: 2...300)) * 500 * 100
            }
        let holder: String? = (budget ?? 0) > 0 && random.chance(0.92) ? (lead ?? "gemeente") : nil
        return ActionDraft(
            title: title,
            description:
                "\(title): een actie binnen themalijn \(line.code) \(text.name), door de partners samen opgepakt.",
            themeLine: line.code, keyPoint: random.chance(0.85) ? random.pick(line.keyPoints).code : nil, lead: lead,
            partners: partners, noPartners: noPartners, budgetCents: budget, budgetHolder: holder,
            fundingSource: (budget ?? 0) > 0 ? random.pick(Self.fundingSources) : nil,
            horizon: random.pick(weighted: [(.kort, 50), (.middellang, 35), (.lang, 15)]),
            priority: random.chance(0.15) ? .top : .normaal, status: .gepland)
    }

    /// Where an action of that year's plan stands now: last year's plan is mostly done.
    private mutating func status(inPlanOf year: Int) -> ActionStatus {
        year == GenerateOptions.lastYear
            ? random.pick(weighted: [(.idee, 8), (.gepland, 40), (.inUitvoering, 42), (.afgerond, 8), (.vervallen, 2)])
            : random.pick(weighted: [(.gepland, 6), (.inUitvoering, 22), (.afgerond, 60), (.vervallen, 12)])
    }

    private mutating func addAction(
        id: UUID, draft: ActionDraft, planID: UUID, position: Int, carriedOverFrom: UUID?
    ) {
        let line = themeLines.first { $0.code == draft.themeLine }!
        let keyPoint = draft.keyPoint.flatMap { code in line.keyPoints.first { $0.code == code }?.id }
        tables.actions.add([
            bound(id), bound(planID), bound(line.id), bound(orNull: keyPoint), bound(position), bound(draft.title),
            bound(draft.description), bound(orNull: draft.lead.flatMap { organisations[$0]?.id }),
            bound(draft.noPartners), bound(orNull: draft.budgetCents),
            bound(orNull: draft.budgetHolder.flatMap { organisations[$0]?.id }), bound(orNull: draft.fundingSource),
            bound(draft.horizon.rawValue), bound(draft.priority.rawValue), bound(draft.status.rawValue),
            bound(orNull: carriedOverFrom),
        ])
        for partner in draft.partners {
            tables.actionPartners.add([
                bound(random.uuid()), bound(id), bound(organisations[partner.organisation]!.id),
                bound(partner.contributions.map(\.rawValue).joined(separator: ",")),
            ])
        }
    }

    /// A progress note and, the plan being adopted, the status change as an amendment with its reason.
    private mutating func changeStatus(of action: (id: UUID, draft: ActionDraft), to status: ActionStatus, in year: Int)
    {
        let day = Day(year: year, month: random.int(in: 2...11), day: random.int(in: 1...28))!
        let note = "\(action.draft.title): \(status.label) (stand \(day.dutch))."
        tables.progressNotes.add([
            bound(random.uuid()), bound(action.id), bound(day.description), bound(note), bound(Self.author),
            bound(orNull: UUID?.none), bound(Self.moment(day)),
        ])
        audit(
            .voortgang, .actie, record: action.id.uuidString, on: day,
            summary: "Voortgang bij '\(action.draft.title)': \(note)")
        var after = action.draft
        after.status = status
        let changes = action.draft.changes(to: after, name: organisationName)
        let reason = "Stand van zaken \(day.dutch)"
        tables.amendments.add([
            bound(random.uuid()), bound(action.id), bound(Self.author), bound(orNull: UUID?.none), bound(reason),
            bound(Self.json(changes)), bound(Self.moment(day)),
        ])
        audit(
            .gewijzigd, .actie, record: action.id.uuidString, on: day,
            summary: "Actie '\(action.draft.title)' gewijzigd (reden: \(reason))", changes: changes)
    }

    /// Both boards adopt the plan in December before its year (art. 17).
    private mutating func adopt(_ planID: UUID, year: Int) {
        for (party, adoptedBy, date) in [
            (Party.binnenstadsorganisatie, "Bestuur \(organisations["binnenstad"]!.name)", 10),
            (Party.gemeente, "College van B&W \(name)", 17),
        ] {
            let day = Day(year: year - 1, month: 12, day: date)!
            tables.adoptions.add([
                bound(random.uuid()), bound(planID), bound(party.rawValue), bound(adoptedBy), bound(day.description),
                bound(Self.moment(day)),
            ])
            audit(
                .vastgesteld, .jaarplan, record: planID.uuidString, on: day,
                summary: "Jaarplan \(year) vastgesteld door het \(party.label) (\(adoptedBy), \(day))")
        }
    }

    static let author = "Programmamanager binnenstad"

    func organisationName(_ key: String) -> String { organisations[key]?.name ?? key }
}
