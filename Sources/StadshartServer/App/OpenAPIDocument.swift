import StadshartCore
import Vapor

/// The OpenAPI 3.1 description of the JSON API, made from the registered operations.
enum OpenAPIDocument {
    static func make(_ operations: [APIOperation]) -> JSONValue {
        var paths: [(String, JSONValue)] = []
        for path in uniqueInOrder(operations.map(\.path)) {
            let members = operations.filter { $0.path == path }.map { op in
                (op.method.rawValue.lowercased(), operation(op))
            }
            paths.append(("/" + path, .object(members)))
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Stadshart API",
                "version": "1",
                "description":
                    "Het jaarplan en de werkvoorraad van een binnenstadssamenwerking. Fouten zijn application/problem+json (RFC 9457) met een Nederlandse detail-tekst.",
            ],
            "paths": .object(paths),
            "components": ["schemas": schemas],
        ]
    }

    static func uniqueInOrder(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    static func operation(_ op: APIOperation) -> JSONValue {
        var members: [(String, JSONValue)] = [("summary", .string(op.summary))]
        let parameters: [JSONValue] = op.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { part in
            let name = String(part.dropFirst().dropLast())
            let type: JSONValue = name == "year" ? ["type": "integer"] : ["type": "string"]
            return ["name": .string(name), "in": "path", "required": true, "schema": type]
        }
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        if let request = op.request {
            members.append(
                ("requestBody", ["required": true, "content": ["application/json": ["schema": ref(request)]]]))
        }
        var responses: [(String, JSONValue)] = []
        if let response = op.response {
            responses.append(
                (
                    String(op.status),
                    ["description": "gelukt", "content": ["application/json": ["schema": ref(response)]]]
                ))
        } else {
            responses.append((String(op.status), ["description": "gelukt"]))
        }
        for code in op.errors {
            responses.append(
                (
                    String(code),
                    ["description": "fout", "content": ["application/problem+json": ["schema": ref("Problem")]]]
                ))
        }
        members.append(("responses", .object(responses)))
        return .object(members)
    }

    static func ref(_ name: String) -> JSONValue {
        if name.hasPrefix("[") { return ["type": "array", "items": ref(String(name.dropFirst().dropLast()))] }
        if name == "OpenAPI" { return ["type": "object"] }
        return ["$ref": .string("#/components/schemas/\(name)")]
    }

    static func object(_ properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", "object"), ("properties", .object(properties))]
        if !required.isEmpty { members.append(("required", .array(required.map { .string($0) }))) }
        return .object(members)
    }

    static let string: JSONValue = ["type": "string"]
    static let nullableString: JSONValue = ["type": ["string", "null"]]
    static let integer: JSONValue = ["type": "integer"]
    static let number: JSONValue = ["type": "number"]
    static let nullableNumber: JSONValue = ["type": ["number", "null"]]
    static let date: JSONValue = ["type": "string", "format": "date"]
    static let uuid: JSONValue = ["type": "string", "format": "uuid"]
    static func array(_ item: JSONValue) -> JSONValue { ["type": "array", "items": item] }
    static func enumeration(_ values: [String]) -> JSONValue {
        ["type": "string", "enum": .array(values.map { .string($0) })]
    }

    static let contributions = array(enumeration(["meedenken", "informeren", "uitvoeren", "financieren"]))
    static let orgRef = ref("OrganisationRef")

    static let schemas: JSONValue = .object([
        ("Centre", object([("slug", string), ("name", string)], required: ["slug", "name"])),
        ("OrganisationRef", object([("key", string), ("name", string)], required: ["key", "name"])),
        ("Organisation", object([("key", string), ("name", string), ("kind", string), ("kindLabel", string)])),
        ("KeyPoint", object([("id", uuid), ("code", string), ("title", string)])),
        ("KeyPointInput", object([("code", string), ("title", string)])),
        (
            "ThemeLine",
            object([("code", string), ("name", string), ("description", string), ("keyPoints", array(ref("KeyPoint")))])
        ),
        (
            "Adoption",
            object([
                ("party", enumeration(["gemeente", "binnenstadsorganisatie"])), ("adoptedBy", string),
                ("date", ["type": "string", "format": "date"]),
            ])
        ),
        (
            "AdoptionInput",
            object(
                [
                    ("party", enumeration(["gemeente", "binnenstadsorganisatie"])), ("adoptedBy", string),
                    ("date", ["type": "string", "format": "date"]),
                ], required: ["party", "adoptedBy", "date"])
        ),
        (
            "ActionGaps",
            object([
                ("actionId", uuid), ("title", string),
                ("missing", array(enumeration(["lead", "partners", "budget", "budgetHolder"]))),
                ("messages", array(string)),
            ])
        ),
        (
            "Plan",
            object([
                ("centre", string), ("year", integer), ("status", enumeration(["concept", "vastgesteld"])),
                ("adoptions", array(ref("Adoption"))), ("actionCount", integer),
                ("statusCounts", ["type": "object", "additionalProperties": integer]),
                ("problems", array(ref("ActionGaps"))),
            ])
        ),
        (
            "Action",
            object([
                ("id", uuid), ("year", integer), ("title", string), ("description", string), ("themeLine", string),
                ("keyPoint", nullableString), ("lead", orgRef),
                ("partners", array(object([("organisation", orgRef), ("contributions", contributions)]))),
                ("noPartners", ["type": "boolean"]), ("budgetCents", ["type": ["integer", "null"]]),
                ("budget", nullableString),
                ("budgetHolder", orgRef), ("fundingSource", nullableString),
                ("horizon", enumeration(["kort", "middellang", "lang"])),
                ("priority", enumeration(["top", "normaal"])),
                ("status", enumeration(["idee", "gepland", "in_uitvoering", "afgerond", "vervallen"])),
                ("carriedOverFrom", ["type": ["string", "null"], "format": "uuid"]),
                ("missing", array(string)),
                ("progress", array(object([("date", string), ("text", string), ("author", string)]))),
                (
                    "amendments",
                    array(
                        object([
                            ("recordedAt", string), ("author", string), ("reason", string),
                            ("changes", array(object([("field", string), ("before", string), ("after", string)]))),
                        ]))
                ),
            ])
        ),
        (
            "ActionInput",
            object(
                [
                    ("title", string), ("description", string), ("themeLine", string), ("keyPoint", nullableString),
                    ("lead", ["type": ["string", "null"], "description": "sleutel van de organisatie, bv. gemeente"]),
                    ("partners", array(object([("organisation", string), ("contributions", contributions)]))),
                    ("noPartners", ["type": "boolean"]), ("budgetCents", ["type": ["integer", "null"], "minimum": 0]),
                    ("budget", ["type": ["string", "null"], "description": "bedrag als tekst, bv. '€ 10.000,50'"]),
                    ("budgetHolder", nullableString), ("fundingSource", nullableString), ("horizon", string),
                    ("priority", string),
                    ("status", string),
                ], required: ["title", "themeLine"])
        ),
        ("ActionPatch", ["allOf": [ref("ActionInput"), object([("reason", string), ("amendedBy", string)])]]),
        (
            "ProgressNoteInput",
            object([("date", string), ("text", string), ("author", string)], required: ["text", "author"])
        ),
        ("PlanInput", object([("year", integer)], required: ["year"])),
        (
            "Premises",
            object([
                ("key", string), ("bagId", nullableString), ("address", string), ("street", string),
                ("postcode", nullableString), ("zone", string), ("floorArea", integer), ("function", nullableString),
                ("vacant", ["type": "boolean"]), ("vacantSince", nullableString), ("vacancyDuration", nullableString),
                ("occupants", array(string)), ("owner", nullableString), ("latitude", ["type": ["number", "null"]]),
                ("longitude", ["type": ["number", "null"]]), ("dwellingsAbove", string),
            ])
        ),
        (
            "BusinessUpdate",
            object([
                ("openingHours", ["type": "object", "additionalProperties": string]), ("jobs", integer),
                ("fte", ["type": "number"]),
            ])
        ),
        ("CSVText", ["type": "string", "description": "CSV, UTF-8, ; of , (zie README)"]),
        (
            "ImportSummary",
            object([
                ("dryRun", ["type": "boolean"]), ("created", integer), ("updated", integer), ("unchanged", integer),
                ("changes", array(string)),
            ])
        ),
        ("VacancyInput", object([("from", string), ("until", string), ("reason", string)])),
        (
            "PremisesDetail",
            object([
                ("premises", ref("Premises")),
                (
                    "timeline",
                    array(object([("from", string), ("until", nullableString), ("kind", string), ("text", string)]))
                ),
                ("plannedChange", nullableString),
            ])
        ),
        (
            "AvailablePremises",
            object([
                ("key", string), ("address", string), ("street", string), ("floorArea", integer), ("function", string),
                ("functionLabel", string), ("vacantSince", string),
            ])
        ),
        (
            "Business",
            object([
                ("key", string), ("name", string), ("branch", string), ("chain", ["type": "boolean"]),
                ("jobs", integer), ("premises", array(string)),
            ])
        ),
        (
            "RegisterFigures",
            object([
                ("date", string), ("zone", nullableString), ("street", nullableString),
                (
                    "vacancy",
                    object([
                        ("units", integer), ("vacantUnits", integer), ("floorArea", integer),
                        ("vacantFloorArea", integer), ("unitsRate", ["type": ["number", "null"]]),
                        ("floorAreaRate", ["type": ["number", "null"]]),
                        ("byDuration", ["type": "object", "additionalProperties": integer]),
                        ("vacantOverOneYear", integer), ("vacantOverThreeYears", integer),
                    ])
                ),
                ("unitsRate", ["type": ["number", "null"]]), ("floorAreaRate", ["type": ["number", "null"]]),
                ("units", integer), ("vacantUnits", integer), ("floorArea", integer), ("vacantFloorArea", integer),
                ("unitsRateText", string), ("floorAreaRateText", string), ("businesses", integer), ("jobs", integer),
                ("synthetic", ["type": "boolean"]),
            ])
        ),
        ("NextYear", object([("year", integer), ("carriedOver", integer)])),
        (
            "Indicator",
            object([
                ("key", string), ("name", string), ("description", string),
                ("unit", enumeration(IndicatorUnit.allCases.map(\.rawValue))),
                ("direction", enumeration(Direction.allCases.map(\.rawValue))),
                ("basis", enumeration(Basis.allCases.map(\.rawValue))),
                ("group", enumeration(IndicatorGroup.allCases.map(\.rawValue))), ("agreement", ["type": "boolean"]),
                ("goal", string), ("themeLines", array(string)),
                ("source", enumeration(IndicatorSource.allCases.map(\.rawValue))), ("computed", nullableString),
                ("owner", string), ("area", string), ("referenceArea", nullableString),
                ("baseline", object([("value", number), ("date", date)])),
                ("target", object([("value", nullableNumber), ("reference", nullableString), ("date", date)])),
                ("note", string),
            ])
        ),
        (
            "IndicatorStatus",
            object([
                ("indicator", string), ("date", date), ("value", nullableNumber), ("valueDate", nullableString),
                ("target", nullableNumber), ("targetDate", date), ("trajectory", nullableNumber),
                ("status", enumeration(CourseStatus.allCases.map(\.rawValue))), ("statusLabel", string),
                (
                    "forecast",
                    object([
                        (
                            "outcome",
                            enumeration([
                                "too-few-points", "no-target", "already-reached", "reached-on", "not-at-this-pace",
                            ])
                        ),
                        ("date", nullableString), ("points", integer), ("slopePerYear", nullableNumber),
                        ("afterTargetDate", ["type": "boolean"]), ("text", string),
                    ])
                ),
                ("reference", ["type": ["object", "null"]]), ("otherBasis", integer), ("explanation", nullableString),
            ])
        ),
        (
            "IndicatorInput",
            object([
                ("key", string), ("name", string), ("description", string),
                ("unit", enumeration(IndicatorUnit.allCases.map(\.rawValue))),
                ("direction", enumeration(Direction.allCases.map(\.rawValue))),
                ("basis", enumeration(Basis.allCases.map(\.rawValue))),
                ("group", enumeration(IndicatorGroup.allCases.map(\.rawValue))), ("agreement", ["type": "boolean"]),
                ("goal", string), ("themeLines", array(string)),
                ("source", enumeration(IndicatorSource.allCases.map(\.rawValue))),
                ("computed", enumeration(RegisterMeasure.allCases.map(\.rawValue))), ("owner", string),
                ("area", string), ("referenceArea", string), ("baselineValue", string), ("baselineDate", date),
                ("targetValue", string), ("targetReference", string), ("targetDate", date), ("note", string),
            ])
        ),
        ("Area", object([("key", string), ("name", string), ("reference", ["type": "boolean"])])),
        (
            "AreaInput",
            object([("key", string), ("name", string), ("reference", ["type": "boolean"])], required: ["key", "name"])
        ),
        ("IndicatorWithStatus", object([("indicator", ref("Indicator")), ("status", ref("IndicatorStatus"))])),
        (
            "Measurement",
            object([
                ("id", ["type": ["string", "null"], "format": "uuid"]), ("indicator", string), ("area", string),
                ("date", date), ("value", number), ("basis", string), ("source", nullableString),
                ("note", nullableString), ("computed", ["type": "boolean"]), ("recordedBy", nullableString),
            ])
        ),
        (
            "MeasurementInput",
            object(
                [
                    ("area", string), ("date", date),
                    ("value", ["type": ["string", "number"], "description": "een getal, of tekst: 7,4 of 21.9"]),
                    ("basis", enumeration(Basis.allCases.map(\.csvName))),
                    ("source", enumeration(IndicatorSource.allCases.map(\.rawValue))), ("note", string),
                ], required: ["area", "date", "value"])
        ),
        (
            "PublicKPI",
            object([
                ("key", string), ("name", string), ("unit", string), ("baseline", string), ("target", string),
                ("value", nullableNumber), ("valueText", string), ("valueDate", nullableString), ("status", string),
                ("statusLabel", string), ("source", string),
            ])
        ),
        (
            "Involvement",
            object([
                ("organisation", orgRef), ("leads", array(uuid)),
                ("contributes", array(object([("action", uuid), ("contributions", contributions)]))),
                ("holdsBudget", array(uuid)), ("budgetHeldCents", integer),
            ])
        ),
        (
            "Role",
            object([("role", string), ("centre", string), ("party", nullableString), ("themeLine", nullableString)])
        ),
        (
            "Me",
            object([
                ("email", string), ("name", string), ("roles", array(ref("Role"))),
                ("twoStepEnabled", ["type": "boolean"]),
            ])
        ),
        (
            "User",
            object([
                ("id", uuid), ("email", string), ("name", string), ("disabled", ["type": "boolean"]),
                ("roles", array(ref("Role"))),
            ])
        ),
        (
            "AuditEntry",
            object([
                ("at", ["type": "string", "format": "date-time"]), ("when", string), ("actor", string),
                ("kind", string), ("recordId", nullableString), ("event", string), ("summary", string),
                ("changes", array(object([("field", string), ("before", string), ("after", string)]))),
                ("address", string),
            ])
        ),
        (
            "PersonalData",
            [
                "type": "object",
                "description":
                    "account, rollen, sessies, tokens, inlogpogingen, logboekregels, voortgang en wijzigingen van één persoon",
            ]
        ),
        (
            "Problem",
            object([
                ("type", string), ("title", string), ("status", integer), ("detail", string),
                ("errors", array(object([("field", string), ("message", string), ("line", integer)]))),
                ("incompleteActions", array(ref("ActionGaps"))),
            ])
        ),
    ])
}

/// The finished document, made once after every route is registered.
enum OpenAPIDocumentKey: StorageKey {
    typealias Value = Response.Body
}

extension APIRoutes {
    /// Registers /api/openapi.json last, so the document it serves lists every route, itself too.
    func serveDocument(on app: Application) throws {
        add(.GET, "api/openapi.json", summary: "Deze OpenAPI-beschrijving", response: "OpenAPI", errors: []) { req in
            let response = Response(status: .ok, body: req.application.storage[OpenAPIDocumentKey.self] ?? .empty)
            response.headers.contentType = .json
            return response
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        app.storage[OpenAPIDocumentKey.self] = .init(data: try encoder.encode(OpenAPIDocument.make(operations)))
    }
}
