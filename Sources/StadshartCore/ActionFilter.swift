/// The plan's filters: theme line, lead, partner, budget holder, status, priority.
/// Empty fields do not filter. The lead filter finds an organisation as lead or second lead.
public struct ActionFilter: Equatable, Sendable {
    public var themeLine: String?
    public var lead: String?
    public var partner: String?
    public var budgetHolder: String?
    public var status: ActionStatus?
    public var priority: Priority?

    public init(
        themeLine: String? = nil, lead: String? = nil, partner: String? = nil, budgetHolder: String? = nil,
        status: ActionStatus? = nil, priority: Priority? = nil
    ) {
        self.themeLine = themeLine.nonBlank
        self.lead = lead.nonBlank
        self.partner = partner.nonBlank
        self.budgetHolder = budgetHolder.nonBlank
        self.status = status
        self.priority = priority
    }

    public var isEmpty: Bool { self == ActionFilter() }

    public static let parameters = ["themeLine", "lead", "partner", "budgetHolder", "status", "priority"]

    /// The filter from query parameters by name; an unknown status or priority is a problem.
    public static func parse(_ query: [String: String]) throws(InvalidInput) -> ActionFilter {
        var problems: [FieldProblem] = []
        let status = query["status"].nonBlank
        let priority = query["priority"].nonBlank
        if let status, ActionStatus(rawValue: status) == nil {
            problems.append(
                FieldProblem(
                    field: "status",
                    message: "kies uit: \(ActionStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if let priority, Priority(rawValue: priority) == nil {
            problems.append(
                FieldProblem(
                    field: "priority", message: "kies uit: \(Priority.allCases.map(\.rawValue).joined(separator: ", "))"
                ))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return ActionFilter(
            themeLine: query["themeLine"], lead: query["lead"], partner: query["partner"],
            budgetHolder: query["budgetHolder"], status: status.flatMap(ActionStatus.init(rawValue:)),
            priority: priority.flatMap(Priority.init(rawValue:)))
    }

    public func matches(_ action: ActionDraft) -> Bool {
        if let themeLine, action.themeLine != themeLine { return false }
        if let lead, !action.isLed(by: lead) { return false }
        if let partner, !action.partners.contains(where: { $0.organisation == partner }) { return false }
        if let budgetHolder, action.budgetHolder != budgetHolder { return false }
        if let status, action.status != status { return false }
        if let priority, action.priority != priority { return false }
        return true
    }
}

/// "Wie doet wat": per organisation what it leads, contributes to and holds budget for.
public struct Involvement<ID: Hashable & Sendable>: Sendable {
    public var leads: [ID] = []
    public var contributes: [(action: ID, kinds: [Contribution])] = []
    public var holdsBudget: [ID] = []
    public var budgetHeldCents: Int64 = 0

    public var isEmpty: Bool { leads.isEmpty && contributes.isEmpty && holdsBudget.isEmpty }

    /// Groups actions by organisation key. Dropped actions are left out.
    public static func byOrganisation(_ actions: [(id: ID, draft: ActionDraft)]) -> [String: Involvement] {
        var result: [String: Involvement] = [:]
        for (id, draft) in actions where draft.status != .vervallen {
            if let lead = draft.lead { result[lead, default: Involvement()].leads.append(id) }
            if let coLead = draft.coLead { result[coLead, default: Involvement()].leads.append(id) }
            for partner in draft.partners {
                result[partner.organisation, default: Involvement()].contributes.append((id, partner.contributions))
            }
            if let holder = draft.budgetHolder {
                result[holder, default: Involvement()].holdsBudget.append(id)
                result[holder, default: Involvement()].budgetHeldCents += draft.totalBudgetCents ?? 0
            }
        }
        return result
    }
}

/// Counts per status, in the order of the statuses.
public func statusCounts(_ actions: [ActionDraft]) -> [(status: ActionStatus, count: Int)] {
    ActionStatus.allCases.map { status in (status, actions.filter { $0.status == status }.count) }
}
