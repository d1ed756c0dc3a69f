/// The fixed words of the annual plan. Stored and sent as their raw values (Dutch codes),
/// shown with `label`.

/// Art. 19 of the agreement: the ways a party can contribute to an action.
public enum Contribution: String, CaseIterable, Codable, Sendable {
    case meedenken, informeren, uitvoeren, financieren

    public var label: String {
        switch self {
        case .meedenken: "meedenken/adviseren"
        case .informeren: "achterban informeren"
        case .uitvoeren: "uitvoeren"
        case .financieren: "financieren"
        }
    }
}

/// Art. 15: short, medium and long term.
public enum Horizon: String, CaseIterable, Codable, Sendable {
    case kort, middellang, lang

    public var label: String {
        switch self {
        case .kort: "korte termijn"
        case .middellang: "middellange termijn"
        case .lang: "lange termijn"
        }
    }
}

/// The plan marks its priorities in bold red; everything else is normal.
public enum Priority: String, CaseIterable, Codable, Sendable {
    case top, normaal

    public var label: String {
        switch self {
        case .top: "topprioriteit"
        case .normaal: "normaal"
        }
    }
}

public enum ActionStatus: String, CaseIterable, Codable, Sendable {
    case idee, gepland
    case inUitvoering = "in_uitvoering"
    case afgerond, vervallen

    public var label: String {
        switch self {
        case .idee: "idee"
        case .gepland: "gepland"
        case .inUitvoering: "in uitvoering"
        case .afgerond: "afgerond"
        case .vervallen: "vervallen"
        }
    }

    /// Finished and dropped actions stay in their year; the rest moves on to the next plan.
    public var carriesOver: Bool {
        switch self {
        case .afgerond, .vervallen: false
        case .idee, .gepland, .inUitvoering: true
        }
    }

    /// A dropped action no longer needs a lead or budget (art. 16 applies to what is done).
    public var needsArt16: Bool { self != .vervallen }
}

/// The two parties whose boards adopt the plan (art. 17).
public enum Party: String, CaseIterable, Codable, Sendable {
    case gemeente, binnenstadsorganisatie

    public var label: String {
        switch self {
        case .gemeente: "college van B&W (gemeente)"
        case .binnenstadsorganisatie: "bestuur binnenstadsorganisatie"
        }
    }
}

public enum OrganisationKind: String, CaseIterable, Codable, Sendable {
    case gemeente, binnenstadsorganisatie, belangenorganisatie, bedrijf, vastgoedeigenaar
    case partnerorganisatie, cultureel, onderwijs

    public var label: String {
        switch self {
        case .gemeente: "gemeente"
        case .binnenstadsorganisatie: "binnenstadsorganisatie"
        case .belangenorganisatie: "belangenorganisatie"
        case .bedrijf: "bedrijf"
        case .vastgoedeigenaar: "vastgoedeigenaar"
        case .partnerorganisatie: "partnerorganisatie"
        case .cultureel: "culturele instelling"
        case .onderwijs: "onderwijs"
        }
    }
}

public enum PlanStatus: String, CaseIterable, Codable, Sendable {
    case concept, vastgesteld

    public var label: String { rawValue }

    /// Art. 17: the plan is adopted when both boards adopted it (a programme: when the college did).
    public static func of(adoptedBy parties: some Sequence<Party>, kind: PlanKind = .jaarplan) -> PlanStatus {
        Set(parties).isSuperset(of: kind.adoptingParties) ? .vastgesteld : .concept
    }
}
