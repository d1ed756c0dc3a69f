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
}
