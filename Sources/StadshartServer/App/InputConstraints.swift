import StadshartCore

// What each API input requires, for the OpenAPI document (see `SchemaConstrained`). The rules
// themselves live in Core; these say the part of them a schema can: which members must be there,
// their form and their choices. Rules across members or against stored data stay the server's.

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
    static var constraints: [String: MemberRule] { ["year": .whole(PlanYear.range)] }
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
        ["title": .text(max: ActionInput.maxTitle), "themeLine": .text(max: TextLimit.key)]
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
