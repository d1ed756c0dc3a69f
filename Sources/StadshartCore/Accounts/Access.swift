/// Roles per centre and what each may do. Every permission decision of the application
/// comes down to the functions here.
public enum Role: String, CaseIterable, Codable, Sendable {
    case beheerder, programmateam, uitvoeringsteam, bestuur, tafellid, ondernemer, vastgoedeigenaar, organisator

    public var label: String {
        switch self {
        case .beheerder: "beheerder"
        case .programmateam: "programmateam (gemeente)"
        case .uitvoeringsteam: "uitvoeringsteam (binnenstadsorganisatie)"
        case .bestuur: "bestuur"
        case .tafellid: "lid van een ThemaTafel"
        case .ondernemer: "ondernemer"
        case .vastgoedeigenaar: "vastgoedeigenaar"
        case .organisator: "organisator van evenementen"
        }
    }

    /// Roles that must sign in with a second step (a one-time code).
    public var needsTwoStep: Bool { self == .beheerder || self == .bestuur }
}

/// One role of one person in one centre; a board member speaks for one party, a ThemaTafel
/// member for one theme line.
public struct RoleGrant: Hashable, Codable, Sendable {
    public var role: Role
    public var centre: String
    public var party: Party?
    public var themeLine: String?
    /// Whose records an ondernemer (a business, by key), a vastgoedeigenaar (an owner
    /// organisation, by key) or an organisator (the organisation that proposes events) looks after.
    public var subject: String?

    public init(role: Role, centre: String, party: Party? = nil, themeLine: String? = nil, subject: String? = nil) {
        self.role = role
        self.centre = centre
        self.party = party
        self.themeLine = themeLine
        self.subject = subject
    }

    public var label: String {
        var text = role.label
        if let party { text += " — \(party.label)" }
        if let themeLine { text += " — themalijn \(themeLine)" }
        if let subject { text += " — \(subject)" }
        return text
    }

    /// What the grant needs to be complete: a party for bestuur, a theme line for tafellid.
    public var problems: [FieldProblem] {
        var problems: [FieldProblem] = []
        if role == .bestuur && party == nil {
            problems.append(
                FieldProblem(field: "party", message: "een bestuurslid hoort bij gemeente of binnenstadsorganisatie"))
        }
        if role == .tafellid && (themeLine ?? "").isEmpty {
            problems.append(FieldProblem(field: "themeLine", message: "een tafellid hoort bij een themalijn"))
        }
        if role == .vastgoedeigenaar && (subject ?? "").isEmpty {
            problems.append(FieldProblem(field: "subject", message: "kies de eigenaar (organisatie) van de panden"))
        }
        if role == .organisator && (subject ?? "").isEmpty {
            problems.append(
                FieldProblem(
                    field: "subject", message: "kies de organisatie waarvoor de organisator evenementen voorstelt"))
        }
        return problems
    }
}

/// What a route or an action needs.
public enum Capability: String, CaseIterable, Codable, Sendable {
    /// See draft (not yet adopted) plans and everything in them.
    case readPlan
    /// Create and change actions, key points and plans; import.
    case editPlan
    /// Add progress notes (a ThemaTafel member only on their own theme line).
    case addProgress
    /// Adopt a plan for one's own party (art. 17).
    case adoptPlan
    /// Read the register of premises and businesses (owners, occupants, history).
    case readRegister
    /// Record changes in the register (vacancy, occupants, imports).
    case editRegister
    /// Read the audit trail.
    case readAudit
    /// Accounts, roles, sessions and personal data of the centre.
    case manageAccounts
    /// The monitor with its internal notes, the dashboard and the steering group's report.
    case readMonitor
    /// Define indicators; record, import and delete measurements.
    case editMonitor
    /// Keep the events calendar: events, places, regional calendars, conflict acknowledgements
    /// (the event coordinator's work, part A).
    case editEvents
}

public enum Access {
    public static func capabilities(of role: Role) -> Set<Capability> {
        switch role {
        // Everything in the centre but adoption: that is the boards' own act.
        case .beheerder:
            [
                .readPlan, .editPlan, .addProgress, .readRegister, .editRegister, .readAudit, .manageAccounts,
                .readMonitor, .editMonitor, .editEvents,
            ]
        case .programmateam, .uitvoeringsteam:
            [
                .readPlan, .editPlan, .addProgress, .readRegister, .editRegister, .readAudit, .readMonitor,
                .editMonitor, .editEvents,
            ]
        case .bestuur: [.readPlan, .adoptPlan, .readRegister, .readAudit, .readMonitor]
        case .tafellid: [.readPlan, .addProgress, .readRegister, .readMonitor]
        // Their own records only, decided per record below.
        case .ondernemer, .vastgoedeigenaar, .organisator: []
        }
    }

    public static func allows(_ grants: [RoleGrant], _ capability: Capability, in centre: String) -> Bool {
        grants.contains { $0.centre == centre && capabilities(of: $0.role).contains(capability) }
    }

    /// A board member adopts for their own party only.
    public static func mayAdopt(_ grants: [RoleGrant], for party: Party, in centre: String) -> Bool {
        grants.contains { $0.centre == centre && $0.role == .bestuur && $0.party == party }
    }

    /// Teams add progress anywhere in the plan; a ThemaTafel member on their own theme line.
    public static func mayAddProgress(_ grants: [RoleGrant], themeLine: String, in centre: String) -> Bool {
        grants.contains { grant in
            guard grant.centre == centre, capabilities(of: grant.role).contains(.addProgress) else { return false }
            return grant.role != .tafellid || grant.themeLine == themeLine
        }
    }

    /// An ondernemer updates their own business (opening hours, jobs); the register's editors any.
    public static func mayEditBusiness(_ grants: [RoleGrant], key: String, in centre: String) -> Bool {
        allows(grants, .editRegister, in: centre)
            || grants.contains { $0.centre == centre && $0.role == .ondernemer && $0.subject == key }
    }

    /// A vastgoedeigenaar keeps the state of their own premises (vacant or let); editors any.
    public static func mayEditPremises(_ grants: [RoleGrant], owner: String?, in centre: String) -> Bool {
        allows(grants, .editRegister, in: centre)
            || grants.contains {
                $0.centre == centre && $0.role == .vastgoedeigenaar && $0.subject != nil && $0.subject == owner
            }
    }

    /// The organisations for which these grants propose events (an organisator's own organisation).
    public static func proposingOrganisations(_ grants: [RoleGrant], in centre: String) -> [String] {
        grants.filter { $0.centre == centre && $0.role == .organisator }.compactMap { $0.subject.nonBlank }
    }

    /// An organisator changes or withdraws the proposals of their own organisation; those who keep the
    /// calendar change any event (and decide the proposals).
    public static func mayChangeProposal(_ grants: [RoleGrant], organiser: String?, in centre: String) -> Bool {
        allows(grants, .editEvents, in: centre)
            || (organiser != nil && proposingOrganisations(grants, in: centre).contains(organiser!))
    }

    /// Reading one premises: those who read the register, and its owner.
    public static func maySeePremises(_ grants: [RoleGrant], owner: String?, in centre: String) -> Bool {
        allows(grants, .readRegister, in: centre) || mayEditPremises(grants, owner: owner, in: centre)
    }

    /// Adopted plans are public; drafts only for those who may read plans in the centre.
    public static func maySee(planAdopted: Bool, _ grants: [RoleGrant], in centre: String) -> Bool {
        planAdopted || allows(grants, .readPlan, in: centre)
    }

    /// Which roles a beheerder may hand out in the browser. Board membership is not among them:
    /// otherwise one beheerder could make board members of both parties and adopt a plan alone.
    /// Board members are added on the server (`stadshart users add`). Nobody changes their own roles.
    public static func mayAssign(_ role: Role, toSelf: Bool) -> Bool {
        !toSelf && role != .bestuur
    }

    /// Whether a beheerder may look after an account in the browser: reset its password, let it in
    /// again after a block, take away a role, or erase it. Not when the account holds a role the
    /// beheerder may not grant (a board membership): whoever chooses a board member's password or
    /// second step can adopt the plan in their name. Those accounts are looked after on the server.
    public static func mayLookAfter(accountWith grants: [RoleGrant]) -> Bool {
        grants.allSatisfy { mayAssign($0.role, toSelf: false) }
    }

    /// The two-step sign-in is required when any role needs it (demo accounts excepted).
    public static func needsTwoStep(_ grants: [RoleGrant]) -> Bool {
        grants.contains { $0.role.needsTwoStep }
    }
}
