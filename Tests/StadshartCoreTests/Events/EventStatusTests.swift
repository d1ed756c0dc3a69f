import Testing

@testable import StadshartCore

@Suite("Event status and approval")
struct EventStatusTests {
    @Test("statuses and approvals are stored as their Dutch codes")
    func storedCodes() {
        #expect(EventStatus.allCases.map(\.rawValue) == ["idee", "aangevraagd", "vergund", "bevestigd", "afgelast"])
        #expect(EventApproval(code: "voorgesteld") == .voorgesteld)
        #expect(EventApproval(code: "afgewezen", reason: " te druk ") == .afgewezen(reason: "te druk"))
        #expect(EventApproval(code: "afgewezen", reason: "  ") == nil)
        #expect(EventApproval(code: "misschien") == nil)
        #expect(EventApproval.afgewezen(reason: "x").code == "afgewezen")
    }

    @Test(
        "allowed steps",
        arguments: [
            (EventStatus.idee, EventStatus.aangevraagd, true),
            (.aangevraagd, .vergund, true),
            (.vergund, .bevestigd, true),
            (.aangevraagd, .idee, true),
            (.idee, .bevestigd, false),
            (.idee, .afgelast, true),
            (.aangevraagd, .afgelast, true),
            (.vergund, .afgelast, true),
            (.bevestigd, .afgelast, true),
        ])
    func allowed(from: EventStatus, to: EventStatus, needsPermit: Bool) throws {
        let workflow = EventWorkflow(status: from, needsPermit: needsPermit)
        #expect(workflow.problem(changingTo: to) == nil)
        #expect(try workflow.changingStatus(to: to).status == to)
    }

    @Test(
        "refused steps say why in Dutch",
        arguments: [
            (
                EventStatus.aangevraagd, EventStatus.bevestigd,
                "een aangevraagde vergunning is nog geen vergunning: eerst 'vergund', dan 'bevestigd'"
            ),
            (.idee, .vergund, "een vergunning wordt eerst aangevraagd: eerst 'vergunning aangevraagd', dan 'vergund'"),
            (
                .idee, .bevestigd,
                "dit evenement is vergunningplichtig: eerst 'vergunning aangevraagd' en 'vergund', dan 'bevestigd'"
            ),
            (.bevestigd, .idee, "van 'bevestigd' kan het evenement niet terug naar 'idee'; afgelasten kan wel"),
            (
                .vergund, .aangevraagd,
                "van 'vergund' kan het evenement niet terug naar 'vergunning aangevraagd'; afgelasten kan wel"
            ),
            (.vergund, .vergund, "het evenement staat al op 'vergund'"),
        ])
    func refused(from: EventStatus, to: EventStatus, message: String) {
        let workflow = EventWorkflow(status: from, needsPermit: true)
        #expect(workflow.problem(changingTo: to) == FieldProblem(field: "status", message: message))
        #expect(throws: InvalidInput.self) { try workflow.changingStatus(to: to) }
    }

    @Test("cancelling keeps the event and remembers its status; reopening returns to exactly that status")
    func cancelAndReopen() throws {
        let confirmed = EventWorkflow(status: .bevestigd)
        let cancelled = try confirmed.changingStatus(to: .afgelast)
        #expect(cancelled.status == .afgelast)
        #expect(cancelled.statusBeforeCancel == .bevestigd)
        #expect(cancelled.nextStatuses == [.bevestigd])
        #expect(
            cancelled.problem(changingTo: .idee)?.message
                == "een afgelast evenement gaat terug naar de status van vóór het afgelasten ('bevestigd'), niet naar 'idee'"
        )
        #expect(cancelled.problem(changingTo: .afgelast)?.message == "het evenement staat al op 'afgelast'")
        let reopened = try cancelled.changingStatus(to: .bevestigd)
        #expect(reopened == confirmed)
    }

    @Test("a cancelled event whose earlier status is not known reopens as an idea")
    func reopenUnknown() {
        let cancelled = EventWorkflow(status: .afgelast, statusBeforeCancel: nil)
        #expect(cancelled.nextStatuses == [.idee])
    }

    @Test("the next statuses offered depend on the permit")
    func nextStatuses() {
        #expect(EventWorkflow(status: .idee, needsPermit: true).nextStatuses == [.aangevraagd, .afgelast])
        #expect(EventWorkflow(status: .idee, needsPermit: false).nextStatuses == [.aangevraagd, .bevestigd, .afgelast])
        #expect(EventWorkflow(status: .aangevraagd).nextStatuses == [.idee, .vergund, .afgelast])
        #expect(EventWorkflow(status: .bevestigd).nextStatuses == [.afgelast])
    }

    @Test("a proposal is confirmed only after approval")
    func proposalNeedsApproval() throws {
        let proposal = EventWorkflow.proposal(needsPermit: false)
        #expect(proposal.approval == .voorgesteld)
        #expect(
            proposal.problem(changingTo: .bevestigd)
                == FieldProblem(
                    field: "status",
                    message: "het voorstel wacht nog op goedkeuring; pas daarna kan het bevestigd worden"))
        // The organiser may already request the permit while waiting.
        #expect(proposal.problem(changingTo: .aangevraagd) == nil)
        let approved = try proposal.applying(.approve)
        #expect(approved.approval == .goedgekeurd)
        #expect(try approved.changingStatus(to: .bevestigd).status == .bevestigd)
    }

    @Test("rejecting needs a reason; a rejected proposal is proposed again after a change")
    func rejectAndPropose() throws {
        let proposal = EventWorkflow.proposal(needsPermit: true)
        #expect(
            proposal.problem(applying: .reject(reason: "  "))
                == FieldProblem(
                    field: "goedkeuring", message: "geef een reden voor het afwijzen; de organisator ziet die"))
        let rejected = try proposal.applying(.reject(reason: " Valt samen met de kermis. "))
        #expect(rejected.approval == .afgewezen(reason: "Valt samen met de kermis."))
        #expect(rejected.approval.label == "afgewezen: Valt samen met de kermis.")
        #expect(
            rejected.problem(applying: .approve)?.message
                == "het voorstel is afgewezen; de organisator kan het aangepast opnieuw voorstellen")
        #expect(rejected.problem(changingTo: .afgelast) == nil)
        let again = try rejected.applying(.propose)
        #expect(again.approval == .voorgesteld)
        #expect(again.problem(applying: .propose)?.message == "het evenement is al voorgesteld en wacht op goedkeuring")
    }

    @Test("a decided or cancelled proposal is not decided again")
    func decidedOnce() throws {
        let approved = try EventWorkflow.proposal(needsPermit: true).applying(.approve)
        #expect(approved.problem(applying: .approve)?.message == "het evenement is al goedgekeurd")
        #expect(approved.problem(applying: .reject(reason: "toch niet"))?.message == "het evenement is al goedgekeurd")
        let withdrawn = try EventWorkflow.proposal(needsPermit: true).changingStatus(to: .afgelast)
        #expect(
            withdrawn.problem(applying: .approve)?.message
                == "een afgelast evenement wordt niet meer goedgekeurd of afgewezen")
    }

    @Test("the public calendar shows approved, confirmed events, and those cancelled after confirming")
    func publicCalendar() throws {
        #expect(!EventWorkflow(status: .vergund).showsOnPublicCalendar)
        #expect(EventWorkflow(status: .bevestigd).showsOnPublicCalendar)
        #expect(!EventWorkflow(status: .bevestigd, approval: .voorgesteld).showsOnPublicCalendar)
        #expect(try EventWorkflow(status: .bevestigd).changingStatus(to: .afgelast).showsOnPublicCalendar)
        #expect(try !EventWorkflow(status: .idee).changingStatus(to: .afgelast).showsOnPublicCalendar)
        // Recorded as cancelled, with no earlier status known: shown as cancelled.
        #expect(EventWorkflow(status: .afgelast).showsOnPublicCalendar)
        #expect(EventWorkflow(status: .bevestigd).showsPublicly(isPublic: true, regional: false))
        #expect(!EventWorkflow(status: .bevestigd).showsPublicly(isPublic: false, regional: false))
        #expect(!EventWorkflow(status: .bevestigd).showsPublicly(isPublic: true, regional: true))
    }

    @Test("shopping Sundays and late openings are their own kind and need no permit")
    func categories() {
        #expect(EventCategory.koopzondag.kind == .openstelling)
        #expect(EventCategory.koopavond.kind == .openstelling)
        #expect(EventCategory.markt.kind == .evenement)
        #expect(!EventCategory.koopzondag.needsPermit)
        #expect(EventCategory.festival.needsPermit)
        #expect(Set(EventCategory.allCases.map(\.label)).count == EventCategory.allCases.count)
    }
}
