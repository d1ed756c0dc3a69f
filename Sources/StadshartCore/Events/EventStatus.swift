/// The fixed words of the events calendar and the workflow of one event. Stored and sent as their raw
/// values (Dutch codes), shown with `label`.

/// Where an event stands: from a first idea to a confirmed event, or cancelled. Stored as the raw value.
///
/// The state machine (see `EventWorkflow` for the full check):
///
/// ```
/// idee ──▶ aangevraagd ──▶ vergund ──▶ bevestigd
///   ▲          │                          ▲
///   └──────────┘  (request withdrawn      │
///                  or permit refused)     │
/// idee ───────────────────────────────────┘  only when the event needs no permit
///
/// any status except afgelast ──▶ afgelast ──▶ the status it had before it was cancelled
/// ```
///
/// - A permit (vergunning) is requested before it is granted, and granted before an event that needs
///   one is confirmed: `aangevraagd → bevestigd` is refused, because a request is not a permit.
/// - An event that needs no permit (a shopping Sunday, the network drinks, an event inside premises)
///   goes from `idee` straight to `bevestigd`.
/// - `aangevraagd → idee` is the one step back: the request was withdrawn or the permit refused.
///   Any other correction goes through cancelling or is a new event.
/// - Cancelling keeps the event (visibly cancelled, never deleted) and remembers the status it had;
///   reopening returns to exactly that status, so a confirmed event cancelled by mistake is confirmed
///   again without asking for its permit twice. When that status is not known (old or imported data),
///   reopening returns to `idee`.
public enum EventStatus: String, CaseIterable, Codable, Sendable {
    case idee, aangevraagd, vergund, bevestigd, afgelast

    public var label: String {
        switch self {
        case .idee: "idee"
        case .aangevraagd: "vergunning aangevraagd"
        case .vergund: "vergund"
        case .bevestigd: "bevestigd"
        case .afgelast: "afgelast"
        }
    }

    /// The forward steps and the one step back, without the conditions on permits and approval
    /// (those are checked by `EventWorkflow`). Cancelling and reopening are not in this table.
    public static let steps: [EventStatus: Set<EventStatus>] = [
        .idee: [.aangevraagd, .bevestigd],
        .aangevraagd: [.vergund, .idee],
        .vergund: [.bevestigd],
        .bevestigd: [],
        .afgelast: [],
    ]
}

/// Whether the centre has accepted an event that an organiser (role `organisator`) proposed.
///
/// Events entered by the coordinator or a team are `goedgekeurd` from the start. Who may approve is a
/// role question the server answers; the rules here say which states allow which step:
/// - `voorgesteld → goedgekeurd` (approve) and `voorgesteld → afgewezen` (reject, with a reason);
/// - `afgewezen → voorgesteld` (the organiser changes the event and proposes it again);
/// - a decided proposal is not decided again: approving an approved or rejected event is refused.
/// - A cancelled proposal is neither approved nor rejected: cancelling is the organiser's withdrawal.
public enum EventApproval: Hashable, Codable, Sendable {
    case voorgesteld
    case goedgekeurd
    case afgewezen(reason: String)

    /// The stored code: "voorgesteld", "goedgekeurd" or "afgewezen" (the reason is stored apart).
    public var code: String {
        switch self {
        case .voorgesteld: "voorgesteld"
        case .goedgekeurd: "goedgekeurd"
        case .afgewezen: "afgewezen"
        }
    }

    /// The stored code and reason back; nil for an unknown code or a rejection without a reason.
    public init?(code: String, reason: String? = nil) {
        switch code {
        case "voorgesteld": self = .voorgesteld
        case "goedgekeurd": self = .goedgekeurd
        case "afgewezen":
            guard let reason = reason.nonBlank else { return nil }
            self = .afgewezen(reason: reason)
        default: return nil
        }
    }

    public var label: String {
        switch self {
        case .voorgesteld: "wacht op goedkeuring"
        case .goedgekeurd: "goedgekeurd"
        case .afgewezen(let reason): "afgewezen: \(reason)"
        }
    }

    /// The rejection's reason, if rejected.
    public var reason: String? {
        if case .afgewezen(let reason) = self { return reason }
        return nil
    }
}

/// A step in the approval of a proposed event.
public enum EventApprovalStep: Hashable, Sendable {
    /// The coordinator (or a team) accepts the proposal.
    case approve
    /// The coordinator refuses it and says why; the organiser sees the reason.
    case reject(reason: String)
    /// The organiser proposes a rejected event again, after changing it.
    case propose
}

/// The workflow state of one event: its status, its approval, whether it needs a permit, and the status
/// it had before it was cancelled. Every change goes through `changingStatus(to:)` or `applying(_:)`,
/// which return the new state or throw the Dutch problem, field "status" or "goedkeuring".
public struct EventWorkflow: Hashable, Sendable {
    public var status: EventStatus
    public var approval: EventApproval
    /// Whether the event needs a municipal permit (vergunningplichtig); see `EventCategory.needsPermit`.
    public var needsPermit: Bool
    /// Set when the event is cancelled: the status reopening returns to.
    public var statusBeforeCancel: EventStatus?

    public init(
        status: EventStatus = .idee, approval: EventApproval = .goedgekeurd, needsPermit: Bool = true,
        statusBeforeCancel: EventStatus? = nil
    ) {
        self.status = status
        self.approval = approval
        self.needsPermit = needsPermit
        self.statusBeforeCancel = statusBeforeCancel
    }

    /// A new event proposed by an organiser: an idea waiting for approval.
    public static func proposal(needsPermit: Bool) -> EventWorkflow {
        EventWorkflow(status: .idee, approval: .voorgesteld, needsPermit: needsPermit)
    }

    /// The statuses this event may go to now, in the order of `EventStatus.allCases` (for a select).
    public var nextStatuses: [EventStatus] {
        EventStatus.allCases.filter { problem(changingTo: $0) == nil }
    }

    /// Why the status may not change to `target`, in Dutch; nil when it may.
    public func problem(changingTo target: EventStatus) -> FieldProblem? {
        func refused(_ message: String) -> FieldProblem { FieldProblem(field: "status", message: message) }
        if target == status {
            return refused("het evenement staat al op '\(status.label)'")
        }
        if target == .afgelast {
            return nil
        }
        if status == .afgelast {
            let back = statusBeforeCancel ?? .idee
            guard target == back else {
                return refused(
                    "een afgelast evenement gaat terug naar de status van vóór het afgelasten ('\(back.label)'), "
                        + "niet naar '\(target.label)'")
            }
            return approvalProblem(target)
        }
        guard EventStatus.steps[status, default: []].contains(target) else {
            switch (status, target) {
            case (.aangevraagd, .bevestigd):
                return refused("een aangevraagde vergunning is nog geen vergunning: eerst 'vergund', dan 'bevestigd'")
            case (.idee, .vergund):
                return refused("een vergunning wordt eerst aangevraagd: eerst 'vergunning aangevraagd', dan 'vergund'")
            case (.bevestigd, _), (.vergund, _):
                return refused(
                    "van '\(status.label)' kan het evenement niet terug naar '\(target.label)'; "
                        + "afgelasten kan wel")
            default:
                return refused("van '\(status.label)' naar '\(target.label)' kan niet")
            }
        }
        if status == .idee, target == .bevestigd, needsPermit {
            return refused(
                "dit evenement is vergunningplichtig: eerst 'vergunning aangevraagd' en 'vergund', dan 'bevestigd'")
        }
        return approvalProblem(target)
    }

    /// A proposal is not confirmed before the centre approved it.
    private func approvalProblem(_ target: EventStatus) -> FieldProblem? {
        guard target == .bevestigd else { return nil }
        switch approval {
        case .goedgekeurd: return nil
        case .voorgesteld:
            return FieldProblem(
                field: "status", message: "het voorstel wacht nog op goedkeuring; pas daarna kan het bevestigd worden")
        case .afgewezen:
            return FieldProblem(field: "status", message: "een afgewezen voorstel kan niet bevestigd worden")
        }
    }

    /// The state after the status changed to `target`; cancelling remembers the status it had.
    public func changingStatus(to target: EventStatus) throws(InvalidInput) -> EventWorkflow {
        if let problem = problem(changingTo: target) { throw InvalidInput([problem]) }
        var next = self
        if target == .afgelast {
            next.statusBeforeCancel = status
        } else {
            next.statusBeforeCancel = nil
        }
        next.status = target
        return next
    }

    /// Why the approval step may not be taken, in Dutch; nil when it may.
    public func problem(applying step: EventApprovalStep) -> FieldProblem? {
        func refused(_ message: String) -> FieldProblem { FieldProblem(field: "goedkeuring", message: message) }
        if status == .afgelast, step != .propose {
            return refused("een afgelast evenement wordt niet meer goedgekeurd of afgewezen")
        }
        switch (step, approval) {
        case (.approve, .voorgesteld):
            return nil
        case (.reject(let reason), .voorgesteld):
            let text = reason.trimmed
            if text.isEmpty { return refused("geef een reden voor het afwijzen; de organisator ziet die") }
            return TextRules.problem(field: "goedkeuring", text, limit: 1000)
        case (.propose, .afgewezen):
            if status == .afgelast { return refused("een afgelast evenement kan niet opnieuw worden voorgesteld") }
            return nil
        case (.propose, .voorgesteld):
            return refused("het evenement is al voorgesteld en wacht op goedkeuring")
        case (_, .goedgekeurd):
            return refused("het evenement is al goedgekeurd")
        case (_, .afgewezen):
            return refused("het voorstel is afgewezen; de organisator kan het aangepast opnieuw voorstellen")
        }
    }

    /// The state after the approval step.
    public func applying(_ step: EventApprovalStep) throws(InvalidInput) -> EventWorkflow {
        if let problem = problem(applying: step) { throw InvalidInput([problem]) }
        var next = self
        switch step {
        case .approve: next.approval = .goedgekeurd
        case .reject(let reason): next.approval = .afgewezen(reason: reason.trimmed)
        case .propose: next.approval = .voorgesteld
        }
        return next
    }

    /// Whether the workflow lets the public calendar show the event (on top of the event's own choice of
    /// public or internal): approved and confirmed. A cancelled event stays visible, marked cancelled,
    /// when it had been confirmed (or when what it was before is not known: it was recorded as
    /// cancelled), so visitors learn it is off.
    public var showsOnPublicCalendar: Bool {
        guard approval == .goedgekeurd else { return false }
        switch status {
        case .bevestigd: return true
        case .afgelast: return statusBeforeCancel == nil || statusBeforeCancel == .bevestigd
        case .idee, .aangevraagd, .vergund: return false
        }
    }

    /// The public calendar and feed: the centre's own events marked public, as far as the workflow
    /// lets them show; events of regional calendars are the coordinator's to see.
    public func showsPublicly(isPublic: Bool, regional: Bool) -> Bool {
        isPublic && !regional && showsOnPublicCalendar
    }
}
