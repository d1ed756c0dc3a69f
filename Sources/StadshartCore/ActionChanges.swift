import Foundation

/// One changed field of an action, as the amendment record shows it (art. 22 spirit:
/// after adoption every change is visible with its reason).
public struct FieldChange: Equatable, Codable, Sendable {
    public var field: String
    public var before: String
    public var after: String

    public init(field: String, before: String, after: String) {
        self.field = field
        self.before = before
        self.after = after
    }
}

extension ActionDraft {
    /// Nothing filled in: the "before" of a new action and the "after" of a deleted one.
    public static let blank = ActionDraft(
        title: "", themeLine: "", horizon: .kort, priority: .normaal, status: .gepland)

    /// The fields that differ between `self` (before) and `after`, in Dutch words.
    /// `name` turns an organisation key into what people read.
    public func changes(
        to after: ActionDraft, name: (String) -> String = { $0 }, actionTitle: (UUID) -> String = { $0.uuidString }
    ) -> [FieldChange] {
        func text(_ key: String?) -> String { key.map(name) ?? "—" }
        func budget(_ cents: Int64?) -> String { cents.map(Money.format(cents:)) ?? "niet ingevuld" }
        func partners(_ draft: ActionDraft) -> String {
            if draft.partners.isEmpty { return draft.noPartners ? "geen partners" : "—" }
            return draft.partners.map {
                "\(name($0.organisation)) (\($0.contributions.map(\.label).joined(separator: ", ")))"
            }
            .joined(separator: "; ")
        }
        func day(_ day: Day?) -> String { day?.dutch ?? "—" }
        func choice(_ label: String?) -> String { label ?? "—" }
        let pairs: [(String, String, String)] = [
            ("titel", title, after.title),
            ("omschrijving", description, after.description),
            ("themalijn", themeLine, after.themeLine),
            ("kernpunt", keyPoint ?? "—", after.keyPoint ?? "—"),
            ("trekker", text(lead), text(after.lead)),
            ("tweede trekker", text(coLead), text(after.coLead)),
            ("partners", partners(self), partners(after)),
            ("budget", budget(budgetCents), budget(after.budgetCents)),
            ("budget per keer", budget(budgetPerOccasionCents), budget(after.budgetPerOccasionCents)),
            ("aantal keren", occasions.map(String.init) ?? "—", after.occasions.map(String.init) ?? "—"),
            ("budgethouder", text(budgetHolder), text(after.budgetHolder)),
            ("financieringsbron", fundingSource ?? "—", after.fundingSource ?? "—"),
            ("financiering", choice(fundingStatus?.label), choice(after.fundingStatus?.label)),
            ("soort financiering", choice(fundingKind?.label), choice(after.fundingKind?.label)),
            ("horizon", horizon.label, after.horizon.label),
            ("prioriteit", priority.label, after.priority.label),
            ("status", status.label, after.status.label),
            ("begin", day(start), day(after.start)),
            ("einde", day(end), day(after.end)),
            ("deadline", day(deadline), day(after.deadline)),
            ("herhaling", choice(recurrence?.label), choice(after.recurrence?.label)),
            ("hoofdactie", parent.map(actionTitle) ?? "—", after.parent.map(actionTitle) ?? "—"),
        ]
        return pairs.filter { $0.1 != $0.2 }.map { FieldChange(field: $0.0, before: $0.1, after: $0.2) }
    }
}

/// Starting next year's plan from this one.
public enum CarryOver {
    /// The action as it starts in the next plan, or nil when it stays in its own year.
    public static func next(_ draft: ActionDraft) -> ActionDraft? {
        draft.status.carriesOver ? draft : nil
    }
}

/// A key point (kernpunt) as people send it.
public struct KeyPointInput: Codable, Equatable, Sendable {
    public var code: String?
    public var title: String?

    public init(code: String?, title: String?) {
        self.code = code
        self.title = title
    }

    /// Codes are the theme line's code followed by a number ("A1", "EO2"), unique in the line.
    public func validate(themeLine: String, existingCodes: Set<String>) throws(InvalidInput) -> (
        code: String, title: String
    ) {
        var problems: [FieldProblem] = []
        let code = (code ?? "").trimmed.uppercased()
        let title = (title ?? "").trimmed
        if code.isEmpty {
            problems.append(FieldProblem(field: "code", message: "code is verplicht, bijvoorbeeld \(themeLine)5"))
        } else if !code.hasPrefix(themeLine)
            || !code.dropFirst(themeLine.count).allSatisfy({ $0.isASCII && $0.isNumber })
            || code.count == themeLine.count
        {
            problems.append(
                FieldProblem(
                    field: "code",
                    message: "code moet \(themeLine) gevolgd door een nummer zijn, bijvoorbeeld \(themeLine)5"))
        } else if existingCodes.contains(code) {
            problems.append(.clash(field: "code", message: "kernpunt \(code) bestaat al"))
        }
        problems += Self.titleProblems(title)
        if !problems.isEmpty { throw InvalidInput(problems) }
        return (code, title)
    }

    public static let maxTitle = 300

    /// A key point's title, new or renamed.
    public static func validTitle(_ title: String?) throws(InvalidInput) -> String {
        let title = (title ?? "").trimmed
        let problems = titleProblems(title)
        if !problems.isEmpty { throw InvalidInput(problems) }
        return title
    }

    static func titleProblems(_ title: String) -> [FieldProblem] {
        if title.isEmpty { return [FieldProblem(field: "title", message: "titel is verplicht")] }
        if title.count > maxTitle {
            return [FieldProblem(field: "title", message: "titel is langer dan \(maxTitle) tekens")]
        }
        return []
    }
}
