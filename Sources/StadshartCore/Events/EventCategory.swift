/// What kind of thing is on: a programme event, or extra shop opening hours.
///
/// Shopping Sundays and late openings are events of their own kind: they change when shops are open
/// rather than adding something to see or do, so the weekend rules (busy, empty) do not count them and
/// they have no location of their own.
public enum EventKind: String, CaseIterable, Codable, Sendable {
    case evenement, openstelling

    public var label: String {
        switch self {
        case .evenement: "evenement"
        case .openstelling: "extra openstelling van winkels"
        }
    }
}

/// The categories of the centre's calendar, a fixed list; the portal filters on them. Stored as the raw value.
public enum EventCategory: String, CaseIterable, Codable, Sendable {
    case markt, kermis, festival, muziek, cultuur, tentoonstelling, culinair, sport, familie, feestdag
    case koopzondag, koopavond, netwerk, overig

    public var label: String {
        switch self {
        case .markt: "markt"
        case .kermis: "kermis"
        case .festival: "festival"
        case .muziek: "muziek"
        case .cultuur: "cultuur en theater"
        case .tentoonstelling: "tentoonstelling"
        case .culinair: "eten en drinken"
        case .sport: "sport"
        case .familie: "kinderen en gezin"
        case .feestdag: "feestdag en intocht"
        case .koopzondag: "koopzondag"
        case .koopavond: "koopavond"
        case .netwerk: "netwerkbijeenkomst"
        case .overig: "overig"
        }
    }

    /// Koopzondag and koopavond are shop openings; everything else is an event.
    public var kind: EventKind {
        switch self {
        case .koopzondag, .koopavond: .openstelling
        default: .evenement
        }
    }

    /// Whether an event of this category usually needs a municipal permit: the default of a new event's
    /// `EventWorkflow.needsPermit`, which the coordinator may change (a market in a hall needs none).
    /// Shop openings follow the municipality's opening-hours regulation, the network drinks are held
    /// indoors; an exhibition is held in a museum.
    public var needsPermit: Bool {
        switch self {
        case .koopzondag, .koopavond, .netwerk, .tentoonstelling: false
        default: true
        }
    }
}
