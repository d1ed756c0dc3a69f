import Foundation
import StadshartCore
import Vapor

/// A business open at the moment asked.
struct OpenBusinessDTO: Content {
    var key: String
    var name: String
    var street: String
    var address: String
    /// The register's hours of the moment's weekday ("10:00-18:00", "09:00-12:00,13:00-17:30"), or
    /// "gesloten" when the business is open on the day before's hours, past midnight.
    var hoursToday: String
}

/// "What is open": the businesses open at a moment by the register's weekly opening hours.
struct OpenNowDTO: Content {
    /// The moment asked, on the centre's clock (Europe/Amsterdam): "2019-06-24T11:00".
    var at: String
    /// "maandag" … "zondag".
    var weekday: String
    /// How many are open (the length of `businesses`).
    var open: Int
    /// The businesses in the centre on that day whose opening hours the register gives.
    var withHours: Int
    /// The businesses in the centre on that day without opening hours: unknown, so not counted as open.
    var withoutHours: Int
    /// By name.
    var businesses: [OpenBusinessDTO]
}

/// `GET /api/v1/centres/{centre}/open?at=`: which businesses are open at a moment, according to the
/// register's weekly hours (holidays and extra openings are not in them). With `at` the answer only
/// changes with the centre's data, so it comes from the public cache; without `at` it is the moment
/// of the request, which the cache cannot keep.
enum OpenNow {
    static func register(_ api: APIRoutes) {
        api.add(
            .GET, EventsAPI.base + "/open", .anyone,
            summary:
                "Wat is er open: de vestigingen die op een moment open zijn volgens de openingstijden in het register (query: at = 2019-06-24T11:00 op de klok van de binnenstad, of met tijdzone; standaard nu), met de aantallen",
            errors: [400, 404],
            produces: MediaSchema(
                mediaType: "application/json", schema: api.schemas.schema(for: OpenNowDTO.self, strict: true))
        ) { req -> Response in
            guard let moment = try req.momentQuery() else {
                return try await answer(req, at: req.now).encodeResponse(for: req)
            }
            return try await req.publicAnswer { try await answer(req, at: moment) }
        }
    }

    static func answer(_ req: Request, at moment: Date) async throws -> OpenNowDTO {
        let view = try await RegisterView.current(try req.centre, in: req.application.readModels, on: req.db)
        return answer(view, at: moment)
    }

    /// The businesses in the centre on the moment's day (by their occupancy of a premises), with their
    /// street and address.
    static func present(_ view: RegisterView, on day: Day) -> [(firm: RegisterView.Firm, place: RegisterView.Place)] {
        let places = Dictionary(view.places.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        return view.businesses.compactMap { firm, facts in
            guard let location = facts.locations.first(where: { $0.period.contains(day) }),
                let place = places[location.premises]
            else { return nil }
            return (firm, place)
        }
    }

    /// The answer at a moment: a function a test can call without HTTP.
    static func answer(_ view: RegisterView, at moment: Date) -> OpenNowDTO {
        let local = CentreTime.local(moment)
        let weekday = OpeningHours.Weekday(local.day)
        var withHours: [BusinessHours] = []
        var withoutHours = 0
        var found: [String: (firm: RegisterView.Firm, place: RegisterView.Place, hours: OpeningHours)] = [:]
        for (firm, place) in present(view, on: local.day) {
            // Hours the register cannot read are as unknown as hours not given.
            guard let hours = try? OpeningHours.parse(json: firm.openingHours), !hours.isEmpty else {
                withoutHours += 1
                continue
            }
            withHours.append(BusinessHours(id: firm.key, name: firm.name, street: place.street, hours: hours))
            found[firm.key] = (firm, place, hours)
        }
        let open = BusinessHours.open(withHours, at: moment).compactMap { business -> OpenBusinessDTO? in
            guard let entry = found[business.id] else { return nil }
            return OpenBusinessDTO(
                key: entry.firm.key, name: entry.firm.name, street: entry.place.street, address: entry.place.address,
                hoursToday: (entry.hours.texts[weekday.code] ?? nil) ?? "gesloten")
        }
        return OpenNowDTO(
            at: "\(local.day)T" + String(format: "%02d:%02d", local.minute / 60, local.minute % 60),
            weekday: weekday.name, open: open.count,
            withHours: withHours.count, withoutHours: withoutHours, businesses: open)
    }
}

extension Request {
    /// `?at=` as a moment (see `CentreTime.moment(parsing:)`); nil when absent, a Dutch 400 naming it when
    /// unreadable.
    func momentQuery() throws -> Date? {
        guard let text = (query["at"] as String?).nonBlank else { return nil }
        guard let moment = CentreTime.moment(parsing: text) else {
            var refusal = StadshartError.invalid(
                InvalidInput([
                    FieldProblem(
                        field: "at",
                        message:
                            "'\(text)' is geen moment; schrijf datum en tijd als 2019-06-24T11:00 (Nederlandse tijd) of met tijdzone, 2019-06-24T09:00:00Z"
                    )
                ]))
            refusal.status = .badRequest
            throw refusal
        }
        return moment
    }
}
