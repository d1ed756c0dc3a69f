import Foundation

/// A board's adoption of the plan (art. 17) as people send it.
public struct AdoptionInput: Codable, Equatable, Sendable {
    public var party: String?
    public var adoptedBy: String?
    public var date: String?

    public init(party: String? = nil, adoptedBy: String? = nil, date: String? = nil) {
        self.party = party
        self.adoptedBy = adoptedBy
        self.date = date
    }

    public struct Valid: Equatable, Sendable {
        public var party: Party
        public var adoptedBy: String
        public var day: Day
    }

    /// Every problem at once; the day of adoption cannot lie after `today`.
    public func validate(today: Day) throws(InvalidInput) -> Valid {
        var problems: [FieldProblem] = []
        let party = Party(rawValue: party ?? "")
        if party == nil {
            problems.append(FieldProblem(field: "party", message: "kies gemeente of binnenstadsorganisatie"))
        }
        let adoptedBy = (adoptedBy ?? "").trimmed
        if adoptedBy.isEmpty {
            problems.append(FieldProblem(field: "adoptedBy", message: "vul in wie namens het bestuur vaststelt"))
        }
        let day = Day(parsing: date ?? "")
        if day == nil {
            problems.append(
                FieldProblem(field: "date", message: "'\(date ?? "")' is geen datum; schrijf 2018-12-14 of 14-12-2018"))
        }
        if let problem = DayRules.happened(day, today: today, field: "date", what: "de datum van vaststelling") {
            problems.append(problem)
        }
        problems += TextRules.problems([("adoptedBy", adoptedBy, TextLimit.name)])
        guard problems.isEmpty, let party, let day else { throw InvalidInput(problems) }
        return Valid(party: party, adoptedBy: adoptedBy, day: day)
    }
}

/// A dated progress note on an action.
public struct ProgressNoteInput: Codable, Equatable, Sendable {
    public var date: String?
    public var text: String?

    public init(date: String? = nil, text: String? = nil) {
        self.date = date
        self.text = text
    }

    public static let maxText = 5000

    /// A note without a date is dated today.
    public func validate(today: Day) throws(InvalidInput) -> (day: Day, text: String) {
        var problems: [FieldProblem] = []
        var day = today
        if let date = date.nonBlank {
            if let parsed = Day(parsing: date) {
                day = parsed
            } else {
                problems.append(
                    FieldProblem(field: "date", message: "'\(date)' is geen datum; schrijf 2019-03-15 of 15-03-2019"))
            }
        }
        let text = (text ?? "").trimmed
        if text.isEmpty { problems.append(FieldProblem(field: "text", message: "schrijf wat er is gebeurd")) }
        if text.count > Self.maxText {
            problems.append(FieldProblem(field: "text", message: "tekst is langer dan \(Self.maxText) tekens"))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return (day, text)
    }
}

/// Why an adopted plan changes (who changes it is the signed-in person).
public struct AmendmentInput: Equatable, Sendable {
    public var reason: String?

    public init(reason: String? = nil) { self.reason = reason }

    public func validated() throws(InvalidInput) -> String {
        let reason = (reason ?? "").trimmed
        if reason.isEmpty {
            throw InvalidInput([
                FieldProblem(field: "reason", message: "het jaarplan is vastgesteld: geef de reden van de wijziging")
            ])
        }
        return reason
    }
}

/// The year of a new plan.
public enum PlanYear {
    public static let range = 2000...2100

    public static func parse(_ text: String?) throws(InvalidInput) -> Int {
        guard let year = text.flatMap({ Int($0.trimmed) }), range.contains(year) else {
            throw InvalidInput([FieldProblem(field: "year", message: "vul een jaartal in, bijvoorbeeld 2020")])
        }
        return year
    }
}
