/// What a person's start page in a centre offers: each role finds there what it may do, so that
/// everything is at most two clicks away. The order is the order of the page.
public enum StartTopic: String, CaseIterable, Sendable {
    /// The teams: the plan of the year and what in it needs attention.
    case planWork
    /// The event coordinator and the teams: the month's events and its open warnings.
    case eventCalendar
    /// A board member: the plans that await their party's adoption.
    case adoption
    /// A ThemaTafel member: the actions of their own theme line.
    case themeLine
    /// An ondernemer: their own business.
    case ownBusiness
    /// A vastgoedeigenaar: their own premises.
    case ownPremises
    /// An organisator: their organisation's proposed events and what became of them.
    case ownEvents
    case monitor
    case register
    case auditTrail
    case accounts
    /// What everyone may read: progress, available premises, vacancy, adopted plans.
    case publicPages
}

extension Access {
    /// The topics of the start page for these grants in a centre; the public pages always.
    public static func startTopics(_ grants: [RoleGrant], in centre: String) -> [StartTopic] {
        let here = grants.filter { $0.centre == centre }
        func may(_ capability: Capability) -> Bool { allows(here, capability, in: centre) }
        var topics: Set<StartTopic> = [.publicPages]
        if may(.editPlan) { topics.insert(.planWork) }
        if may(.editEvents) { topics.insert(.eventCalendar) }
        if may(.adoptPlan) { topics.insert(.adoption) }
        if here.contains(where: { $0.role == .tafellid && $0.themeLine?.isEmpty == false }) {
            topics.insert(.themeLine)
        }
        if here.contains(where: { $0.role == .ondernemer && $0.subject?.isEmpty == false }) {
            topics.insert(.ownBusiness)
        }
        if here.contains(where: { $0.role == .vastgoedeigenaar && $0.subject?.isEmpty == false }) {
            topics.insert(.ownPremises)
        }
        if !proposingOrganisations(here, in: centre).isEmpty { topics.insert(.ownEvents) }
        if may(.readMonitor) { topics.insert(.monitor) }
        if may(.readRegister) { topics.insert(.register) }
        if may(.readAudit) { topics.insert(.auditTrail) }
        if may(.manageAccounts) { topics.insert(.accounts) }
        return StartTopic.allCases.filter(topics.contains)
    }
}
