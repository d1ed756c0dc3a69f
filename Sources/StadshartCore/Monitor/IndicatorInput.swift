import Foundation

/// An indicator as a person defines it (form or API), all text; `validate` turns it into a
/// checked definition or reports every problem by field, in Dutch.
public struct IndicatorInput: Codable, Equatable, Sendable {
    public var key: String?
    public var name: String?
    public var description: String?
    public var unit: String?
    public var direction: String?
    public var basis: String?
    public var group: String?
    public var agreement: Bool?
    public var goal: String?
    public var themeLines: [String]?
    public var source: String?
    /// A RegisterMeasure raw value: the figure is counted from the register, never typed in.
    public var computed: String?
    public var owner: String?
    public var area: String?
    public var referenceArea: String?
    public var baselineValue: String?
    public var baselineDate: String?
    /// Either a value or a reference area ("lower than Nederland").
    public var targetValue: String?
    public var targetReference: String?
    public var targetDate: String?
    public var note: String?

    public init() {}
}

/// A checked indicator definition.
public struct IndicatorDefinition: Equatable, Sendable {
    public var key: String
    public var name: String
    public var description: String
    public var unit: IndicatorUnit
    public var direction: Direction
    public var basis: Basis
    public var group: IndicatorGroup
    public var agreement: Bool
    public var goal: String
    public var themeLines: [String]
    public var source: IndicatorSource
    public var computed: RegisterMeasure?
    public var owner: String
    public var area: String
    public var referenceArea: String?
    public var baseline: Observation
    public var target: Target
    public var note: String

    public init(
        key: String, name: String, description: String, unit: IndicatorUnit, direction: Direction, basis: Basis,
        group: IndicatorGroup, agreement: Bool, goal: String, themeLines: [String], source: IndicatorSource,
        computed: RegisterMeasure?, owner: String, area: String, referenceArea: String?, baseline: Observation,
        target: Target, note: String
    ) {
        self.key = key
        self.name = name
        self.description = description
        self.unit = unit
        self.direction = direction
        self.basis = basis
        self.group = group
        self.agreement = agreement
        self.goal = goal
        self.themeLines = themeLines
        self.source = source
        self.computed = computed
        self.owner = owner
        self.area = area
        self.referenceArea = referenceArea
        self.baseline = baseline
        self.target = target
        self.note = note
    }

    /// The fields as people read them, for the audit trail's before and after.
    public var described: [String: String] {
        let targetText: String =
            switch target.level {
            case .value(let value): unit.format(value)
            case .reference(let area): "beter dan \(area)"
            }
        return [
            "naam": name, "omschrijving": description, "eenheid": unit.label, "richting": direction.label,
            "basis": basis.label, "groep": group.label, "akkoord": agreement ? "ja" : "nee", "doel uit": goal,
            "themalijnen": themeLines.joined(separator: ", "), "bron": source.label,
            "berekend": computed?.label ?? "nee", "eigenaar": owner, "gebied": area,
            "vergelijkingsgebied": referenceArea ?? "",
            "nulmeting": "\(unit.format(baseline.value)) op \(baseline.date)",
            "streefwaarde": "\(targetText) op \(target.date)", "toelichting": note,
        ]
    }

    public func changes(from old: IndicatorDefinition) -> [FieldChange] {
        let before = old.described
        return described.keys.sorted().compactMap { field in
            before[field] == described[field]
                ? nil : FieldChange(field: field, before: before[field] ?? "", after: described[field] ?? "")
        }
    }
}

/// What an indicator definition is checked against: the centre's areas and theme lines, and the
/// keys already taken.
public struct IndicatorContext: Sendable {
    public var areas: [String: Bool]  // key → is a reference area
    public var themeLines: Set<String>
    public var takenKeys: Set<String>

    public init(areas: [String: Bool], themeLines: Set<String>, takenKeys: Set<String>) {
        self.areas = areas
        self.themeLines = themeLines
        self.takenKeys = takenKeys
    }
}

extension IndicatorInput {
    /// `existingKey` is set when an indicator is changed: its key stays.
    public func validate(in context: IndicatorContext, existingKey: String? = nil) throws(InvalidInput)
        -> IndicatorDefinition
    {
        var problems: [FieldProblem] = []
        func problem(_ field: String, _ message: String) {
            problems.append(FieldProblem(field: field, message: message))
        }
        func text(_ value: String?) -> String { value?.trimmed ?? "" }
        func choice<T: RawRepresentable & CaseIterable>(_ value: String?, _ field: String, _ what: String) -> T?
        where T.RawValue == String {
            guard let found = T(rawValue: text(value)) else {
                problem(
                    field, "kies \(what): \(T.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return found
        }

        let key = existingKey ?? text(self.key).lowercased()
        if existingKey == nil {
            if !(2...40).contains(key.count)
                || !key.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" })
                || key.hasPrefix("-") || key.hasSuffix("-")
            {
                problem("key", "2 tot 40 tekens: kleine letters, cijfers en streepjes (bijv. waardering-bezoekers)")
            } else if context.takenKeys.contains(key) || key == "nieuw" {
                problems.append(.clash(field: "key", message: "'\(key)' is al in gebruik"))
            }
        }
        let name = text(self.name)
        if name.isEmpty {
            problem("name", "vul de naam in")
        } else if name.count > 120 {
            problem("name", "hoogstens 120 tekens")
        }
        let computed: RegisterMeasure? =
            text(self.computed).isEmpty ? nil : choice(self.computed, "computed", "wat het register telt")
        var unit: IndicatorUnit? = computed?.unit ?? choice(self.unit, "unit", "een eenheid")
        var basis: Basis? =
            computed?.basis ?? (text(self.basis).isEmpty ? Basis.none : choice(self.basis, "basis", "een basis"))
        if let computed {
            if let given = IndicatorUnit(rawValue: text(self.unit)), given != computed.unit {
                problem("unit", "een berekend cijfer (\(computed.rawValue)) is in \(computed.unit.label)")
                unit = nil
            }
            if let given = Basis(rawValue: text(self.basis)), given != computed.basis, !text(self.basis).isEmpty {
                problem("basis", "een berekend cijfer (\(computed.rawValue)) heeft basis \(computed.basis.label)")
                basis = nil
            }
        }
        let direction: Direction? = choice(self.direction, "direction", "welke kant beter is")
        let group: IndicatorGroup? = choice(self.group, "group", "een groep")
        var source: IndicatorSource? =
            computed != nil ? .computed : choice(self.source, "source", "een bron")
        if computed == nil, source == .computed {
            problem("source", "'berekend uit het register' kan alleen bij een cijfer dat het register telt")
            source = nil
        }
        let area = text(self.area)
        if area.isEmpty {
            problem("area", "kies het gebied")
        } else if context.areas[area] == nil {
            problem("area", "onbekend gebied '\(area)'")
        } else if context.areas[area] == true {
            problem("area", "een indicator meet een eigen gebied, geen referentiegebied")
        }
        let referenceArea = text(self.referenceArea).isEmpty ? nil : text(self.referenceArea)
        if let referenceArea, context.areas[referenceArea] == nil {
            problem("referenceArea", "onbekend gebied '\(referenceArea)'")
        } else if let referenceArea, referenceArea == area, context.areas[area] == false {
            problem("referenceArea", "vergelijk met een ander gebied dan het eigen gebied")
        }
        var seen: Set<String> = []
        let themeLines = (self.themeLines ?? []).map { $0.trimmed }.filter { !$0.isEmpty && seen.insert($0).inserted }
        for code in themeLines where !context.themeLines.contains(code) {
            problem("themeLines", "onbekende themalijn '\(code)'")
        }
        func value(_ field: String, _ given: String?) -> Double? {
            guard let unit else { return nil }
            if text(given).isEmpty {
                problem(field, "vul de waarde in")
                return nil
            }
            switch unit.parse(text(given)) {
            case .success(let number): return number
            case .failure(let failure):
                problem(field, failure.message)
                return nil
            }
        }
        func day(_ field: String, _ given: String?) -> Day? {
            guard let day = Day(parsing: text(given)) else {
                problem(field, text(given).isEmpty ? "vul de datum in" : "'\(text(given))' is geen datum")
                return nil
            }
            return day
        }
        let baselineValue = value("baselineValue", baselineValue)
        let baselineDate = day("baselineDate", baselineDate)
        let targetDate = day("targetDate", targetDate)
        if let baselineDate, let targetDate, targetDate <= baselineDate {
            problem("targetDate", "de streefdatum moet na de nulmeting liggen")
        }
        var level: TargetLevel?
        let reference = text(targetReference)
        switch (text(targetValue).isEmpty, reference.isEmpty) {
        case (false, false):
            problem("targetValue", "kies een streefwaarde óf een referentiegebied, niet allebei")
        case (true, true):
            problem("targetValue", "vul een streefwaarde in of kies een referentiegebied")
        case (false, true):
            level = value("targetValue", targetValue).map { .value($0) }
        case (true, false):
            if context.areas[reference] != true {
                problem("targetReference", "kies een referentiegebied (bijv. nederland)")
            } else {
                level = .reference(area: reference)
            }
        }
        guard problems.isEmpty, let unit, let basis, let direction, let group, let source, let baselineValue,
            let baselineDate, let targetDate, let level
        else { throw InvalidInput(problems) }
        return IndicatorDefinition(
            key: key, name: name, description: text(description), unit: unit, direction: direction, basis: basis,
            group: group, agreement: agreement ?? false, goal: text(goal), themeLines: themeLines, source: source,
            computed: computed, owner: text(owner), area: area,
            referenceArea: referenceArea ?? (reference.isEmpty ? nil : reference),
            baseline: Observation(date: baselineDate, value: baselineValue, basis: basis),
            target: Target(level, by: targetDate), note: text(note))
    }
}

/// An area figures are about, as a person adds one: the centre itself or a reference area.
public struct AreaInput: Codable, Equatable, Sendable {
    public var key: String?
    public var name: String?
    public var reference: Bool?

    public init(key: String? = nil, name: String? = nil, reference: Bool? = nil) {
        self.key = key
        self.name = name
        self.reference = reference
    }

    /// The checked key and name; keys are slugs and unique within the centre.
    public func validate(takenKeys: Set<String>) throws(InvalidInput) -> (key: String, name: String, reference: Bool) {
        var problems: [FieldProblem] = []
        let key = (self.key ?? "").trimmed.lowercased()
        let name = (self.name ?? "").trimmed
        if !(2...40).contains(key.count) || key.hasPrefix("-") || key.hasSuffix("-")
            || !key.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" })
        {
            problems.append(
                FieldProblem(
                    field: "key", message: "2 tot 40 tekens: kleine letters, cijfers en streepjes (bijv. drenthe)"))
        } else if takenKeys.contains(key) {
            problems.append(.clash(field: "key", message: "'\(key)' is al in gebruik"))
        }
        if name.isEmpty {
            problems.append(FieldProblem(field: "name", message: "vul de naam in"))
        } else if name.count > 80 {
            problems.append(FieldProblem(field: "name", message: "hoogstens 80 tekens"))
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        return (key, name, reference ?? true)
    }
}
