import Fluent
import StadshartCore
import Vapor

/// The register's records of the route, for its pages and API alike: the adapters' shared first step.
extension Request {
    func routePremises(edit: Bool = false) async throws -> (Centre, Premises) {
        let centre = try centre
        let premises = try await RegisterService.premises(
            centre, key: parameter("key"), for: caller, edit: edit, on: db)
        return (centre, premises)
    }

    func routeBusiness(edit: Bool = false) async throws -> (Centre, Business) {
        let centre = try centre
        let business = try await RegisterService.business(
            centre, key: parameter("key"), for: caller, edit: edit, on: db)
        return (centre, business)
    }

    /// The list filter from the query; the same rules on the page and in the API.
    func premisesFilter() throws -> PremisesFilter {
        try queryFilter(PremisesFilter.parameters, PremisesFilter.parse)
    }

    /// The premises on a day that pass the filter (`view` is the centre's current read model):
    /// made once per data version, date and filter, then each page is a slice of it.
    func premisesList(_ view: RegisterView, filter: PremisesFilter, at day: Day) async throws -> [PremisesDTO] {
        try await application.readModels.value("list|\(day)|\(filter)", of: centre) {
            RegisterService.list(view, filter: filter, at: day)
        }
    }

    /// Vacancy and employment on a day, for the centre or one zone or street; kept like the list.
    func registerFigures(_ view: RegisterView, at day: Day, zone: String?, street: String?) async throws
        -> RegisterStore.Figures
    {
        try await application.readModels.value("figures|\(day)|\(zone ?? "")|\(street ?? "")", of: centre) {
            let (vacancy, employment) = RegisterStore.figures(view.facts, at: day, zone: zone, street: street)
            return RegisterStore.Figures(vacancy: vacancy, employment: employment)
        }
    }
}
