import Foundation

/// An event as a person or a demo file describes it: days, optional wall-clock times on the
/// centre's clock, a place from the centre's own list, an organiser from its network.
public struct EventInput: Codable, Equatable, Sendable {
    public var title: String?
    public var description: String?
    public var category: String?
    /// ISO or Dutch days; `lastDay` defaults to `firstDay`.
    public var firstDay: String?
    public var lastDay: String?
    /// Both or neither ("12:00", "23:00"); an end at or before the start means the next day.
    public var startTime: String?
    public var endTime: String?
    public var place: String?
    public var organiser: String?
    public var expectedVisitors: Int?
    public var status: String?
    public var isPublic: Bool?
    /// A request for city dressing, in whole euro cents.
    public var cityDressingCents: Int64?
    /// An RRULE value (RFC 5545), and the days it skips.
    public var rrule: String?
    public var exdates: [String]?
    public var contact: String?
    /// Instead of a public place: premises of the register, by key (an event inside a shop or a hall).
    public var premises: String?
    /// The action of the plan the event serves, by id.
    public var action: String?

    enum CodingKeys: String, CodingKey {
        case title, description, category, firstDay, lastDay, startTime, endTime, place, organiser, expectedVisitors,
            status, cityDressingCents, rrule, exdates, contact, premises, action
        case isPublic = "public"
    }

    public init(
        title: String? = nil, description: String? = nil, category: String? = nil, firstDay: String? = nil,
        lastDay: String? = nil, startTime: String? = nil, endTime: String? = nil, place: String? = nil,
        organiser: String? = nil, expectedVisitors: Int? = nil, status: String? = nil, isPublic: Bool? = nil,
        cityDressingCents: Int64? = nil, rrule: String? = nil, exdates: [String]? = nil, contact: String? = nil,
        premises: String? = nil, action: String? = nil
    ) {
        self.title = title
        self.description = description
        self.category = category
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.startTime = startTime
        self.endTime = endTime
        self.place = place
        self.organiser = organiser
        self.expectedVisitors = expectedVisitors
        self.status = status
        self.isPublic = isPublic
        self.cityDressingCents = cityDressingCents
        self.rrule = rrule
        self.exdates = exdates
        self.contact = contact
        self.premises = premises
        self.action = action
    }

    public static let maxTitle = 200
    public static let maxText = 5000
    /// A single event lasts at most a year; what goes on longer is a recurring one.
    public static let maxDays = 366

    /// The checked event. `places`, `organisations` and `premisesKeys` are the centre's own keys, `actions` the
    /// ids of its plans' actions (lower case).
    public func validate(
        places: Set<String>, organisations: Set<String>, premisesKeys: Set<String> = [], actions: Set<String> = []
    ) throws(InvalidInput) -> ValidEvent {
        var problems: [FieldProblem] = []
        let title = (self.title ?? "").trimmed
        if title.isEmpty { problems.append(FieldProblem(field: "title", message: "vul de naam van het evenement in")) }
        if title.count > Self.maxTitle {
            problems.append(FieldProblem(field: "title", message: "hoogstens \(Self.maxTitle) tekens"))
        }
        let description = (self.description ?? "").trimmed
        if description.count > Self.maxText {
            problems.append(FieldProblem(field: "description", message: "hoogstens \(Self.maxText) tekens"))
        }
        let category = EventCategory(rawValue: (self.category ?? "").trimmed)
        if category == nil {
            problems.append(
                FieldProblem(
                    field: "category",
                    message: "kies uit: \(EventCategory.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        func day(_ text: String?, field: String, what: String) -> Day? {
            guard let text = text?.trimmed, !text.isEmpty else { return nil }
            if let day = Day(parsing: text) { return day }
            problems.append(FieldProblem(field: field, message: "'\(text)' is geen datum (\(what))"))
            return nil
        }
        let first = day(firstDay, field: "firstDay", what: "eerste dag")
        if first == nil, (firstDay ?? "").trimmed.isEmpty {
            problems.append(FieldProblem(field: "firstDay", message: "vul de (eerste) dag in"))
        }
        if let text = lastDay, text.trimmed.isEmpty {
            problems.append(
                FieldProblem(field: "lastDay", message: "vul de laatste dag in, of laat het veld weg voor één dag"))
        }
        let last = day(lastDay, field: "lastDay", what: "laatste dag") ?? first
        if let first, let last {
            if last < first {
                problems.append(FieldProblem(field: "lastDay", message: "de laatste dag ligt vóór de eerste"))
            } else if last - first >= Self.maxDays {
                problems.append(
                    FieldProblem(
                        field: "lastDay", message: "een evenement duurt hoogstens een jaar; herhaal het anders"))
            }
        }
        func clock(_ text: String?, field: String) -> ClockTime? {
            guard let text = text?.trimmed, !text.isEmpty else { return nil }
            if let time = ClockTime(parsing: text) { return time }
            problems.append(FieldProblem(field: field, message: "'\(text)' is geen tijd; schrijf bijvoorbeeld 14:30"))
            return nil
        }
        let start = clock(startTime, field: "startTime")
        let end = clock(endTime, field: "endTime")
        if (start == nil) != (end == nil), problems.allSatisfy({ !["startTime", "endTime"].contains($0.field) }) {
            problems.append(
                FieldProblem(
                    field: start == nil ? "startTime" : "endTime",
                    message: "vul begin- én eindtijd in, of geen van beide (een hele dag)"))
        }
        let place = (self.place ?? "").trimmed
        if !place.isEmpty, !places.contains(place) {
            problems.append(FieldProblem(field: "place", message: "'\(place)' is geen plek van deze binnenstad"))
        }
        let premises = (self.premises ?? "").trimmed.uppercased()
        if !premises.isEmpty {
            if !place.isEmpty {
                problems.append(
                    FieldProblem(field: "premises", message: "kies een plek óf een pand, niet allebei"))
            } else if !premisesKeys.contains(premises) {
                problems.append(
                    FieldProblem(
                        field: "premises", message: "'\(premises)' is geen pand in het register van deze binnenstad"))
            }
        }
        let action = (self.action ?? "").trimmed.lowercased()
        if !action.isEmpty, !actions.contains(action) {
            problems.append(
                FieldProblem(field: "action", message: "'\(action)' is geen actie van een jaarplan van deze binnenstad")
            )
        }
        let organiser = (self.organiser ?? "").trimmed
        if !organiser.isEmpty, !organisations.contains(organiser) {
            problems.append(
                FieldProblem(field: "organiser", message: "'\(organiser)' is geen organisatie van het netwerk"))
        }
        if let visitors = expectedVisitors, !(0...10_000_000).contains(visitors) {
            problems.append(FieldProblem(field: "expectedVisitors", message: "een aantal van 0 tot 10 miljoen"))
        }
        var status = EventStatus.idee
        if let text = self.status?.trimmed, !text.isEmpty {
            if let parsed = EventStatus(rawValue: text) {
                status = parsed
            } else {
                problems.append(
                    FieldProblem(
                        field: "status",
                        message: "kies uit: \(EventStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if let cents = cityDressingCents, cents < 0 || cents > 100_000_000_00 {
            problems.append(FieldProblem(field: "cityDressingCents", message: "een bedrag van 0 tot 100 miljoen euro"))
        }
        var recurrence: Recurrence?
        if let text = rrule?.trimmed, !text.isEmpty {
            do {
                recurrence = try Recurrence(parsing: text)
            } catch {
                problems.append(FieldProblem(field: "rrule", message: error.message))
            }
        }
        var exceptions: [Day] = []
        for text in exdates ?? [] {
            if let day = Day(parsing: text.trimmed) {
                exceptions.append(day)
            } else {
                problems.append(FieldProblem(field: "exdates", message: "'\(text)' is geen datum"))
            }
        }
        if !exceptions.isEmpty, recurrence == nil, problems.allSatisfy({ $0.field != "rrule" }) {
            problems.append(FieldProblem(field: "exdates", message: "alleen een herhaald evenement slaat dagen over"))
        }
        let contact = (self.contact ?? "").trimmed
        if contact.count > 200 { problems.append(FieldProblem(field: "contact", message: "hoogstens 200 tekens")) }
        guard problems.isEmpty, let category, let first, let last else { throw InvalidInput(problems) }
        return ValidEvent(
            title: title, description: description, category: category, firstDay: first, lastDay: last,
            startTime: start, endTime: end, place: place.isEmpty ? nil : place,
            organiser: organiser.isEmpty ? nil : organiser, expectedVisitors: expectedVisitors, status: status,
            isPublic: isPublic ?? true, cityDressingCents: cityDressingCents, recurrence: recurrence,
            exceptions: exceptions.sorted(), contact: contact, premises: premises.isEmpty ? nil : premises,
            action: action.isEmpty ? nil : action)
    }
}

/// A checked event: what the store keeps.
public struct ValidEvent: Equatable, Sendable {
    public var title: String
    public var description: String
    public var category: EventCategory
    public var firstDay: Day
    public var lastDay: Day
    public var startTime: ClockTime?
    public var endTime: ClockTime?
    public var place: String?
    public var organiser: String?
    public var expectedVisitors: Int?
    public var status: EventStatus
    public var isPublic: Bool
    public var cityDressingCents: Int64?
    public var recurrence: Recurrence?
    public var exceptions: [Day]
    public var contact: String
    /// Register premises key, when the event is held in premises rather than on a public place.
    public var premises: String? = nil
    /// The plan action it serves (id, lower case).
    public var action: String? = nil

    public var allDay: Bool { startTime == nil }
}
