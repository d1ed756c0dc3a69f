import Foundation
import Testing

@testable import StadshartCore

@Suite("Sub-actions: one level deep, rolled up into the parent")
struct SubActionsTests {
    @Test func aSubActionGoesUnderATopLevelActionOfTheSamePlan() {
        #expect(SubActions.problem(.init(parentInPlan: true, parentIsSubAction: false)) == nil)
        let elsewhere = SubActions.problem(.init(parentInPlan: false, parentIsSubAction: false))
        #expect(elsewhere?.field == "parent" && elsewhere?.message.contains("niet bij dit jaarplan") == true)
        #expect(
            SubActions.problem(.init(parentInPlan: true, parentIsSubAction: true))?.message.contains("één niveau")
                == true)
        #expect(
            SubActions.problem(.init(parentInPlan: true, parentIsSubAction: false, isSelf: true))?.message.contains(
                "eigen hoofdactie") == true)
        #expect(
            SubActions.problem(.init(parentInPlan: true, parentIsSubAction: false, hasSubActions: true))?.message
                .contains("heeft zelf deelacties") == true)
    }

    @Test func theRollupCountsFinishedOfThoseNotDropped() throws {
        #expect(SubActions.rollup([]) == nil)
        let rollup = try #require(SubActions.rollup([.afgerond, .inUitvoering, .gepland, .vervallen, .afgerond]))
        #expect(rollup.total == 5 && rollup.finished == 2 && rollup.running == 1 && rollup.dropped == 1)
        #expect(rollup.percentFinished == 50)
        #expect(rollup.dutch == "2 van 4 deelacties afgerond, 1 in uitvoering (1 vervallen)")
        #expect(SubActions.rollup([.vervallen])?.percentFinished == nil)
        #expect(SubActions.rollup([.afgerond])?.dutch == "1 van 1 deelactie afgerond")
    }

    @Test func subActionsFollowTheirParentInPlanOrder() {
        let (a, b, c, d, e) = (UUID(), UUID(), UUID(), UUID(), UUID())
        let orphanParent = UUID()
        // (id, parent) in plan order as stored: a sub-action may have been added long after.
        let items: [(UUID, UUID?)] = [(a, nil), (b, nil), (c, a), (d, b), (e, orphanParent)]
        let ordered = SubActions.ordered(items, id: \.0, parent: \.1).map(\.0)
        #expect(ordered == [a, c, b, d, e])
    }

    @Test func art16AsksItsFactsOfTheParentNotOfASubAction() throws {
        let vocabulary = PlanVocabulary(keyPointsByThemeLine: ["A": ["A1"]], organisations: ["gemeente"])
        var input = ActionInput()
        input.title = "IJsbaan rond kerst"
        input.parent = UUID().uuidString
        // No theme line needed: a sub-action takes its parent's.
        let draft = try input.validate(against: vocabulary)
        #expect(draft.parent != nil && Art16.gaps(draft.art16).isEmpty)
        var top = input
        top.parent = nil
        top.themeLine = "A"
        #expect(!Art16.gaps(try top.validate(against: vocabulary).art16).isEmpty)
        input.parent = "het plein"
        #expect(throws: InvalidInput.self) { try input.validate(against: vocabulary) }
        do {
            _ = try input.validate(against: vocabulary)
        } catch {
            #expect(error.problems.map(\.field).contains("parent"))
        }
    }

    @Test func moveUnderAParentIsAChangeNamedByTitle() {
        let parent = UUID()
        let before = ActionDraft(title: "Luifels", themeLine: "B")
        var after = before
        after.parent = parent
        let changes = before.changes(to: after, actionTitle: { $0 == parent ? "Gevels" : "?" })
        #expect(changes == [FieldChange(field: "hoofdactie", before: "—", after: "Gevels")])
    }
}
