import Foundation

/// Sub-actions (deelacties): the "▪" items the plan writes under an action ("➢"), each with its own
/// lead, status and progress. One level deep, in the parent's theme line and key point; the parent's
/// progress is rolled up from them.
public enum SubActions {
    /// What is known about the chosen parent when an action is saved under it.
    public struct Placement: Sendable {
        /// The parent is an action of the same plan.
        public var parentInPlan: Bool
        /// The parent is itself a sub-action.
        public var parentIsSubAction: Bool
        /// The action being saved is the parent itself.
        public var isSelf: Bool
        /// The action being saved has sub-actions of its own.
        public var hasSubActions: Bool

        public init(parentInPlan: Bool, parentIsSubAction: Bool, isSelf: Bool = false, hasSubActions: Bool = false) {
            self.parentInPlan = parentInPlan
            self.parentIsSubAction = parentIsSubAction
            self.isSelf = isSelf
            self.hasSubActions = hasSubActions
        }
    }

    /// Why an action cannot go under that parent, named by field, or nil when it can.
    public static func problem(_ placement: Placement) -> FieldProblem? {
        let message: String? =
            if !placement.parentInPlan {
                "de hoofdactie hoort niet bij dit jaarplan; kies een actie uit de lijst"
            } else if placement.isSelf {
                "een actie kan niet haar eigen hoofdactie zijn"
            } else if placement.parentIsSubAction {
                "die actie is zelf een deelactie; kies de actie erboven (deelacties gaan één niveau diep)"
            } else if placement.hasSubActions {
                "deze actie heeft zelf deelacties en kan daarom geen deelactie worden"
            } else {
                nil
            }
        return message.map { FieldProblem(field: "parent", message: $0) }
    }

    /// The parent's progress as its sub-actions make it: how many are finished, running and dropped.
    public struct Rollup: Equatable, Codable, Sendable {
        public var total: Int
        public var finished: Int
        public var running: Int
        public var dropped: Int

        /// The share finished of those not dropped, in whole percents; nil when all were dropped.
        public var percentFinished: Int? {
            let counted = total - dropped
            guard counted > 0 else { return nil }
            return finished * 100 / counted
        }

        /// "2 van 4 deelacties afgerond, 1 in uitvoering" (dropped ones are named apart).
        public var dutch: String {
            let counted = total - dropped
            var text = "\(finished) van \(counted) \(counted == 1 ? "deelactie" : "deelacties") afgerond"
            if running > 0 { text += ", \(running) in uitvoering" }
            if dropped > 0 { text += " (\(dropped) vervallen)" }
            return text
        }
    }

    /// Nil for an action without sub-actions.
    public static func rollup(_ statuses: [ActionStatus]) -> Rollup? {
        guard !statuses.isEmpty else { return nil }
        return Rollup(
            total: statuses.count, finished: statuses.filter { $0 == .afgerond }.count,
            running: statuses.filter { $0 == .inUitvoering }.count,
            dropped: statuses.filter { $0 == .vervallen }.count)
    }

    /// Actions (already in plan order) with each parent's sub-actions right after it, in their own
    /// order; a sub-action whose parent is not among them stays where it is.
    public static func ordered<T>(_ items: [T], id: (T) -> UUID, parent: (T) -> UUID?) -> [T] {
        let ids = Set(items.map(id))
        let children = Dictionary(grouping: items.filter { parent($0).map(ids.contains) ?? false }) { parent($0)! }
        var result: [T] = []
        for item in items where !(parent(item).map(ids.contains) ?? false) {
            result.append(item)
            result += children[id(item)] ?? []
        }
        return result
    }
}
