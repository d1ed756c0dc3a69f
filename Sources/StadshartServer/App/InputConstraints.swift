import StadshartCore

// What each API input requires, for the OpenAPI document (see `SchemaConstrained`). The rules
// themselves live in Core; these say the part of them a schema can: which members must be there,
// their form and their choices. Rules across members or against stored data stay the server's.

/// An input that the server reads leniently, every member optional, so that it can name each
/// missing or wrong member in Dutch; its constraints tell a client what will be accepted: which
/// members are required and what form they take. Rules across members or against stored data
/// stay the server's (a 422 that names the member).
protocol SchemaConstrained {
    static var constraints: [String: MemberRule] { get }
}

/// What one member of an input must look like.
struct MemberRule {
    var required = true
    var schema: [(String, JSONValue)]

    /// Free text; when required it must hold more than spaces (left out, it may be empty).
    static func text(max: Int, required: Bool = true) -> Self {
        Self(
            required: required,
            schema: [
                ("pattern", .string(required ? TextPattern.nonBlank : TextPattern.any)), ("maxLength", .number(max)),
            ])
    }

    /// A key: 2 to 40 letters, digits and hyphens, not at either end (read in lower case, trimmed).
    static func key(required: Bool = true) -> Self {
        Self(required: required, schema: [("pattern", "^\\s*[A-Za-z0-9][A-Za-z0-9-]{0,38}[A-Za-z0-9]\\s*$")])
    }

    /// A day, written yyyy-mm-dd (the server also reads Dutch dates such as 14-12-2018).
    static func day(required: Bool = true) -> Self {
        Self(required: required, schema: [("format", "date")])
    }

    /// An optional day that may also be sent empty, meaning none (as a form's empty date field does): the
    /// plan's period and an action's start, end and deadline.
    static var dayOrEmpty: Self {
        Self(
            required: false,
            schema: [("anyOf", .array([.object([("format", "date")]), .object([("maxLength", .number(0))])]))])
    }

    static func choice(_ values: [String], required: Bool = true) -> Self {
        Self(required: required, schema: [("enum", .array(values.map(JSONValue.string)))])
    }

    static func whole(_ range: ClosedRange<Int>, required: Bool = true) -> Self {
        Self(
            required: required,
            schema: [("minimum", .number(range.lowerBound)), ("maximum", .number(range.upperBound))])
    }

    /// A number as text, Dutch or plain ("6,8", "6.8", "-12").
    static func numberText(required: Bool = true) -> Self {
        Self(required: required, schema: [("pattern", "^-?[0-9]{1,9}([.,][0-9]{1,6})?$")])
    }
}

/// The characters a text may hold: no control characters but tab, line feed and carriage
/// return (`TextRules`), as a pattern for the document.
enum TextPattern {
    static let allowed = "[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]"
    static let visible = "[^\\s\\u0000-\\u001F\\u007F-\\u009F]"
    static let any = "^\(allowed)*$"
    static let nonBlank = "^\(allowed)*\(visible)\(allowed)*$"
}

extension AdoptionInput: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        [
            "party": .choice(Party.allCases.map(\.rawValue)), "adoptedBy": .text(max: TextLimit.name),
            "date": .day(),
        ]
    }
}

extension ProgressNoteInput: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        ["date": .day(required: false), "text": .text(max: ProgressNoteInput.maxText)]
    }
}

extension KeyPointInput: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        ["code": .text(max: 12), "title": .text(max: KeyPointInput.maxTitle)]
    }
}

extension AreaInput: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        ["key": .key(), "name": .text(max: 80)]
    }
}

extension KeyPointRename: SchemaConstrained {
    static var constraints: [String: MemberRule] { ["title": .text(max: KeyPointInput.maxTitle)] }
}

extension PlanInput: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        [
            "year": .whole(PlanYear.range), "start": .dayOrEmpty, "end": .dayOrEmpty,
            "kind": .choice(PlanKind.allCases.map(\.rawValue), required: false),
        ]
    }
}

extension AgendaCellTextInput: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        ["text": .text(max: AgendaCellTextInput.maxText, required: false)]
    }
}

extension PlanPeriodInput: SchemaConstrained {
    static var constraints: [String: MemberRule] { ["start": .dayOrEmpty, "end": .dayOrEmpty] }
}

extension CoreZoneInput: SchemaConstrained {
    static var constraints: [String: MemberRule] { ["zone": .key()] }
}

extension MeasurementInputDTO: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        [
            "area": .key(), "date": .day(), "basis": .choice(Basis.allCases.map(\.rawValue), required: false),
            "source": .choice(IndicatorSource.allCases.map(\.rawValue), required: false),
            "note": .text(max: 1000, required: false),
        ]
    }
}

extension IndicatorInput: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        [
            "key": .key(), "name": .text(max: 120), "unit": .choice(IndicatorUnit.allCases.map(\.rawValue)),
            "direction": .choice(Direction.allCases.map(\.rawValue)),
            "group": .choice(IndicatorGroup.allCases.map(\.rawValue)), "area": .key(),
            "computed": .choice(RegisterMeasure.allCases.map(\.rawValue), required: false),
            "basis": .choice(Basis.allCases.map(\.rawValue), required: false),
        ]
    }
}

extension NewActionInput: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        [
            "title": .text(max: ActionInput.maxTitle),
            // A sub-action (with `parent`) takes its parent's theme line.
            "themeLine": .text(max: TextLimit.key, required: false),
            "occasions": .whole(1...ActionInput.maxOccasions, required: false),
            "fundingStatus": .choice(FundingStatus.allCases.map(\.rawValue), required: false),
            "fundingKind": .choice(FundingKind.allCases.map(\.rawValue), required: false),
            "start": .dayOrEmpty, "end": .dayOrEmpty, "deadline": .dayOrEmpty,
            "recurrence": .choice(ActionRecurrenceKind.allCases.map(\.rawValue), required: false),
            "recurrenceCount": .whole(1...ActionRecurrence.maxPerYear, required: false),
        ]
    }
}

extension BusinessUpdateInput: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        [
            "jobs": .whole(0...10_000), "fte": .whole(0...10_000, required: false),
            "openingHours": MemberRule(required: false, schema: []),
        ]
    }
}

extension VacancyStartInput: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        ["from": .day(), "reason": .text(max: TextLimit.line, required: false)]
    }
}

extension VacancyEndInput: SchemaConstrained {
    static var constraints: [String: MemberRule] { ["until": .day()] }
}

extension EventInput: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        [
            "title": .text(max: EventInput.maxTitle), "description": .text(max: EventInput.maxText, required: false),
            "category": .choice(EventCategory.allCases.map(\.rawValue)), "firstDay": .day(),
            "lastDay": .day(required: false), "status": .choice(EventStatus.allCases.map(\.rawValue), required: false),
            "expectedVisitors": .whole(0...10_000_000, required: false), "contact": .text(max: 200, required: false),
        ]
    }
}

extension AcknowledgementInput: SchemaConstrained {
    static var constraints: [String: MemberRule] { ["key": .text(max: 500), "reason": .text(max: 1000)] }
}

extension ConflictSettingsInput: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        [
            "largeEventVisitors": .whole(1...10_000_000, required: false),
            "maxEventsPerWeekend": .whole(1...1_000, required: false),
            "emptyWeekendFrom": .whole(1...12, required: false), "emptyWeekendThrough": .whole(1...12, required: false),
        ]
    }
}

extension EventProposals.DecisionInput: SchemaConstrained {
    static var constraints: [String: MemberRule] {
        ["decision": .choice(["goedgekeurd", "afgewezen"]), "reason": .text(max: 1000, required: false)]
    }
}
