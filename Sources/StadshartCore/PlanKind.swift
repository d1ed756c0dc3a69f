import Foundation

/// The kinds of plan a centre keeps. The annual plan is the partnership's (art. 15–18): both boards
/// adopt it. A yearly execution programme of the municipality's economic agenda ("we stellen
/// jaarlijkse uitvoeringsprogramma's op") shares the actions' model, adoption and progress, but it is
/// the municipality's own, so only the college adopts it.
public enum PlanKind: String, CaseIterable, Codable, Sendable {
    case jaarplan, uitvoeringsprogramma

    public var label: String {
        switch self {
        case .jaarplan: "Jaarplan"
        case .uitvoeringsprogramma: "Uitvoeringsprogramma"
        }
    }

    /// In the middle of a sentence: "het jaarplan", "het uitvoeringsprogramma".
    public var noun: String { rawValue }

    /// A kind as people send it; blank is the annual plan.
    public static func parse(_ text: String?) throws(InvalidInput) -> PlanKind {
        guard let text = text.nonBlank else { return .jaarplan }
        guard let kind = PlanKind(rawValue: text.lowercased()) else {
            throw InvalidInput([FieldProblem(field: "kind", message: "kies jaarplan of uitvoeringsprogramma")])
        }
        return kind
    }

    /// The heading of the plan page's adoption section: the annual plan's names its article.
    public var adoptionHeading: String {
        switch self {
        case .jaarplan: "Vaststellen (art. 17)"
        case .uitvoeringsprogramma: "Vaststellen"
        }
    }

    /// How the plan page says who adopts it.
    public var adoptionRule: String {
        switch self {
        case .jaarplan:
            "Elk bestuur stelt het jaarplan apart vast. Het plan is vastgesteld als gemeente en binnenstadsorganisatie allebei hebben vastgesteld."
        case .uitvoeringsprogramma:
            "Het uitvoeringsprogramma is van de gemeente: het is vastgesteld als het college van B&W het heeft vastgesteld."
        }
    }

    /// The boards whose adoption makes the plan adopted.
    public var adoptingParties: [Party] {
        switch self {
        case .jaarplan: Party.allCases
        case .uitvoeringsprogramma: [.gemeente]
        }
    }
}

/// How a plan is named in addresses: the annual plan by its year ("2019"), a programme as
/// "programma-2020", so every page and API route of a plan serves both kinds.
public struct PlanKey: Hashable, Sendable, LosslessStringConvertible {
    public var kind: PlanKind
    public var year: Int

    public init(_ kind: PlanKind = .jaarplan, year: Int) {
        self.kind = kind
        self.year = year
    }

    static let programmePrefix = "programma-"

    public var description: String {
        kind == .jaarplan ? String(year) : Self.programmePrefix + String(year)
    }

    /// Nil when the text is neither a year nor "programma-" and a year (within `PlanYear.range`).
    public init?(_ text: String) {
        let kind: PlanKind = text.hasPrefix(Self.programmePrefix) ? .uitvoeringsprogramma : .jaarplan
        let yearText = kind == .jaarplan ? Substring(text) : text.dropFirst(Self.programmePrefix.count)
        guard let year = Int(yearText), PlanYear.range.contains(year) else { return nil }
        self.init(kind, year: year)
    }

    /// "jaarplan 2019", "uitvoeringsprogramma 2020".
    public var name: String { "\(kind.noun) \(year)" }
}
