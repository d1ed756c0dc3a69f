import Foundation

/// The CSV format of actions, shared by export and import so that an export re-imports
/// as it is. Partners are written "vaart:meedenken+uitvoeren|drents-museum:informeren".
/// Files from before a column existed still import: a missing column leaves an updated action's
/// field as it is, and a new action's field empty.
public enum ActionCSV {
    public static let header =
        [
            "id", "binnenstad", "jaar", "themalijn", "kernpunt", "titel", "omschrijving", "trekker", "partners",
            "geen_partners", "budget", "budgethouder", "financieringsbron", "horizon", "prioriteit", "status",
        ] + added

    /// The columns added after the first format (issue 14), with the `ActionInput` fields they fill.
    public static let added = [
        "tweede_trekker", "budget_per_keer", "aantal_keren", "financiering", "financieringssoort", "begin", "einde",
        "deadline", "herhaling", "herhaling_aantal", "hoofdactie",
    ]
    static let addedFields: [String: [String]] = [
        "tweede_trekker": ["coLead"], "budget_per_keer": ["budgetPerOccasion", "budgetPerOccasionCents"],
        "aantal_keren": ["occasions"], "financiering": ["fundingStatus"], "financieringssoort": ["fundingKind"],
        "begin": ["start"], "einde": ["end"], "deadline": ["deadline"], "herhaling": ["recurrence"],
        "herhaling_aantal": ["recurrenceCount"], "hoofdactie": ["parent"],
    ]
    static let required: Set<String> = ["binnenstad", "jaar", "themalijn", "titel"]

    /// The column that holds a field of `ActionInput`, so import messages name what the user sees.
    public static func column(of field: String) -> String {
        [
            "title": "titel", "description": "omschrijving", "themeLine": "themalijn", "keyPoint": "kernpunt",
            "lead": "trekker", "noPartners": "geen_partners", "budgetHolder": "budgethouder",
            "fundingSource": "financieringsbron", "priority": "prioriteit", "coLead": "tweede_trekker",
            "budgetPerOccasion": "budget_per_keer", "occasions": "aantal_keren", "fundingStatus": "financiering",
            "fundingKind": "financieringssoort", "start": "begin", "end": "einde", "recurrence": "herhaling",
            "recurrenceCount": "herhaling_aantal", "parent": "hoofdactie",
        ][field] ?? field
    }

    /// One line of an import: where it goes and what it says.
    public struct Record: Equatable, Sendable {
        public var line: Int
        /// Present when the line updates an existing action.
        public var id: String?
        public var centre: String
        /// Nil when the line's year is not a year (reported among the problems).
        public var year: Int?
        /// "programma-2020" in the year column: a line of the economic agenda's programme (`PlanKey`).
        public var kind: PlanKind = .jaarplan
        public var input: ActionInput
        /// The added columns the file does not have.
        public var absentColumns: Set<String> = []
        /// The title of the action this line is a sub-action of ("hoofdactie"); the importer finds it
        /// in the plan or among the file's earlier lines.
        public var parentTitle: String?

        /// The line's input for an update of `current`: what a missing column would hold comes from `current`.
        public func merged(over current: ActionDraft) -> ActionInput {
            var input = input
            let kept = ActionInput(current)
            for column in absentColumns {
                for field in ActionCSV.addedFields[column] ?? [] {
                    switch field {
                    case "coLead": input.coLead = kept.coLead
                    case "budgetPerOccasion": input.budgetPerOccasion = nil
                    case "budgetPerOccasionCents": input.budgetPerOccasionCents = kept.budgetPerOccasionCents
                    case "occasions": input.occasions = kept.occasions
                    case "fundingStatus": input.fundingStatus = kept.fundingStatus
                    case "fundingKind": input.fundingKind = kept.fundingKind
                    case "start": input.start = kept.start
                    case "end": input.end = kept.end
                    case "deadline": input.deadline = kept.deadline
                    case "recurrence": input.recurrence = kept.recurrence
                    case "recurrenceCount": input.recurrenceCount = kept.recurrenceCount
                    case "parent": input.parent = kept.parent
                    default: break
                    }
                }
            }
            return input
        }
    }

    /// `parentTitle`: the title of the action this one is a sub-action of.
    /// `year`: the plan's year, or its `PlanKey` ("programma-2020").
    public static func row(
        id: String, centre: String, year: some CustomStringConvertible, _ draft: ActionDraft, parentTitle: String? = nil
    ) -> [String] {
        [
            id, centre, year.description, draft.themeLine, draft.keyPoint ?? "", draft.title, draft.description,
            draft.lead ?? "",
            draft.partners.map { "\($0.organisation):\($0.contributions.map(\.rawValue).joined(separator: "+"))" }
                .joined(separator: "|"),
            draft.noPartners ? "ja" : "nee",
            draft.budgetCents.map(Money.formatPlain(cents:)) ?? "",
            draft.budgetHolder ?? "", draft.fundingSource ?? "", draft.horizon.rawValue, draft.priority.rawValue,
            draft.status.rawValue,
            draft.coLead ?? "", draft.budgetPerOccasionCents.map(Money.formatPlain(cents:)) ?? "",
            draft.occasions.map(String.init) ?? "", draft.fundingStatus?.rawValue ?? "",
            draft.fundingKind?.rawValue ?? "", draft.start?.description ?? "", draft.end?.description ?? "",
            draft.deadline?.description ?? "", draft.recurrence?.kind.rawValue ?? "",
            draft.recurrence?.count.map(String.init) ?? "", parentTitle ?? "",
        ]
    }

    /// Reads a whole file; every problem of every line is reported, nothing is half-read.
    public static func records(from text: String) throws(InvalidInput) -> [Record] {
        let (records, problems) = try read(from: text)
        if !problems.isEmpty { throw InvalidInput(problems) }
        return records
    }

    /// Reads every line that has the right number of fields, with the problems found so far,
    /// so an importer can add its own checks and report everything at once. Throws only when
    /// the file as a whole is unreadable (encoding, header, no lines).
    public static func read(from text: String) throws(InvalidInput) -> (records: [Record], problems: [FieldProblem]) {
        var (lines, problems) = try CSVFile.lines(
            text, header: header, required: required, nothing: "het bestand heeft geen acties")
        var records: [Record] = []
        for line in lines {
            let value = line.value
            func problem(_ field: String, _ message: String) {
                problems.append(FieldProblem(field: field, message: message, line: line.number))
            }
            let yearText = (value["jaar"] ?? "").trimmed
            let key = PlanKey(yearText)
            var year = key?.year
            if key == nil {
                if let parsed = Int(yearText) {
                    problem("jaar", "\(parsed) ligt niet tussen 2000 en 2100")
                } else {
                    problem("jaar", "'\(yearText)' is geen jaartal (of 'programma-' met een jaartal)")
                }
                year = nil
            }
            let centre = value["binnenstad"] ?? ""
            if centre.isEmpty { problem("binnenstad", "binnenstad is verplicht") }

            var input = ActionInput()
            input.themeLine = value["themalijn"]
            input.keyPoint = value["kernpunt"]
            input.title = value["titel"]
            input.description = value["omschrijving"]
            input.lead = value["trekker"]
            input.budget = value["budget"]
            input.budgetHolder = value["budgethouder"]
            input.fundingSource = value["financieringsbron"]
            input.horizon = value["horizon"]
            input.priority = value["prioriteit"]
            input.status = value["status"]
            input.coLead = value["tweede_trekker"]
            input.budgetPerOccasion = value["budget_per_keer"]
            input.fundingStatus = value["financiering"]
            input.fundingKind = value["financieringssoort"]
            input.start = value["begin"]
            input.end = value["einde"]
            input.deadline = value["deadline"]
            input.recurrence = value["herhaling"]
            func count(_ column: String) -> Int? {
                guard let text = value[column].nonBlank else { return nil }
                if let number = Int(text) { return number }
                problem(column, "'\(text)' is geen geheel getal")
                return nil
            }
            input.occasions = count("aantal_keren")
            input.recurrenceCount = count("herhaling_aantal")
            switch (value["geen_partners"] ?? "").lowercased() {
            case "", "nee", "no", "false", "0": input.noPartners = false
            case "ja", "yes", "true", "1": input.noPartners = true
            case let other: problem("geen_partners", "'\(other)' is geen ja of nee")
            }
            input.partners = (value["partners"] ?? "").split(separator: "|").compactMap { part in
                let pieces = part.split(separator: ":", maxSplits: 1)
                guard let key = pieces.first.map({ String($0).trimmed }), !key.isEmpty else { return nil }
                let kinds = pieces.count > 1 ? pieces[1].split(separator: "+").map { String($0).trimmed } : []
                return ActionInput.Partner(organisation: key, contributions: kinds)
            }
            records.append(
                Record(
                    line: line.number, id: value["id"].flatMap { $0.isEmpty ? nil : $0 }, centre: centre, year: year,
                    kind: key?.kind ?? .jaarplan,
                    input: input, absentColumns: Set(added.filter { value[$0] == nil }),
                    parentTitle: value["hoofdactie"].nonBlank))
        }
        return (records, problems)
    }
}
