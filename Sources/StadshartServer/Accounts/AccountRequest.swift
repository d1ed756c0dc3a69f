import Fluent
import StadshartCore
import Vapor

/// The account of the route (`:id`) in the route's centre, for the administration pages and API.
extension Request {
    func managedUser(onlyHere: Bool = false, lookAfter: Bool = false) async throws -> (User, Centre) {
        let centre = try centre
        let user = try await AccountService.managedUser(
            uuidParameter("id", what: "Account"), in: centre, for: caller, onlyHere: onlyHere, lookAfter: lookAfter,
            on: db)
        return (user, centre)
    }
}
