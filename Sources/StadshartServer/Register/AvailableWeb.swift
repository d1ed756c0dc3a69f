import Fluent
import Foundation
import StadshartCore
import Vapor

/// The public list of available premises in the core shopping area: the right entrepreneur in the
/// right place. In pages, in three orders, with whom to contact.
enum AvailableWeb {
    struct AvailablePage: Encodable {
        struct Row: Encodable {
            var address: String
            var floorArea: String
            var functionLabel: String
            var vacantSince: String
        }
        var layout: Layout
        var synthetic: Bool
        var rows: [Row]
        var total: Int
        var orders: [SelectOption]
        var nextLink: String?
        /// Who to ask: the centre's contact, else the city-centre organisation's name.
        var contactName: String
        var contact: ContactView?
    }

    /// The orders of the public list: by address as people read them, largest first, or
    /// longest vacant first.
    enum AvailableOrder: String, CaseIterable {
        case adres, oppervlak, sinds

        var label: String {
            switch self {
            case .adres: "adres"
            case .oppervlak: "grootste eerst"
            case .sinds: "langst beschikbaar eerst"
            }
        }

        /// The rows come in address order; the other orders keep it among equals.
        func sorted(_ rows: [AvailableDTO]) -> [AvailableDTO] {
            switch self {
            case .adres: rows
            case .oppervlak:
                rows.enumerated().sorted { ($1.element.floorArea, $0.offset) < ($0.element.floorArea, $1.offset) }.map(
                    \.element)
            case .sinds:
                rows.enumerated().sorted { ($0.element.vacantSince, $0.offset) < ($1.element.vacantSince, $1.offset) }
                    .map(\.element)
            }
        }
    }

    static func register(_ routes: Pages) {
        routes.publicPage(Web.available) { req in
            let centre = try req.centre
            let view = try await RegisterView.current(centre, in: req.application.readModels, on: req.db)
            let asked = (req.query["volgorde"] as String?).nonBlank
            guard let order = AvailableOrder(rawValue: asked ?? AvailableOrder.adres.rawValue) else {
                throw Request.badQuery(
                    "volgorde", "kies uit \(AvailableOrder.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let all = order.sorted(RegisterService.available(view, coreZone: centre.coreZone, at: req.today))
            let rows = try req.page(all, key: \.key, defaultLimit: 50)
            return try await req.view.render(
                "available",
                AvailablePage(
                    layout: try await Layout.centre("Beschikbare panden — \(centre.name)", centre, request: req),
                    synthetic: centre.registerSynthetic,
                    rows: rows.map {
                        AvailablePage.Row(
                            address: $0.address, floorArea: DutchNumber.count($0.floorArea),
                            functionLabel: $0.functionLabel,
                            vacantSince: Day(parsing: $0.vacantSince)?.dutch ?? $0.vacantSince)
                    }, total: all.count,
                    orders: AvailableOrder.allCases.map {
                        SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == order)
                    }, nextLink: req.nextPage,
                    contactName: try await contact(centre, on: req.db),
                    contact: centre.contact.map(ContactView.init)))
        }
    }

    static func contact(_ centre: Centre, on db: any Database) async throws -> String {
        try await Organisation.query(on: db).filter(\.$centre.$id == centre.requireID())
            .filter(\.$kind == OrganisationKind.binnenstadsorganisatie.rawValue).first()?.name ?? centre.name
    }
}
