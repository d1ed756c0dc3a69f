import Fluent
import StadshartCore
import Vapor

struct MeDTO: Content {
    var email: String
    var name: String
    var roles: [RoleGrant]
    var twoStepEnabled: Bool
}

struct UserDTO: Content {
    var id: UUID
    var email: String
    var name: String
    var disabled: Bool
    var roles: [RoleGrant]
}

enum AccountsAPI {
    static func register(_ api: APIRoutes) {
        api.add(.GET, "api/v1/me", .ownAccount, summary: "Wie ben ik: account en rollen", errors: [401]) { req in
            let principal = try req.requirePrincipal()
            return MeDTO(
                email: principal.user.email, name: principal.user.name, roles: principal.grants,
                twoStepEnabled: principal.user.twoStepEnabled)
        }
        api.add(
            .GET, "api/v1/centres/{centre}/users", .centre(.manageAccounts),
            summary: "Accounts met een rol in deze binnenstad", errors: [401, 403, 404]
        ) { req in
            let centre = try req.centre
            let assignments = try await RoleAssignment.query(on: req.db).filter(\.$centre.$id == centre.requireID())
                .with(\.$user).with(\.$centre).all()
            var users: [UUID: UserDTO] = [:]
            for assignment in assignments {
                let user = assignment.user
                var dto =
                    users[user.id!]
                    ?? UserDTO(id: user.id!, email: user.email, name: user.name, disabled: user.disabled, roles: [])
                if let grant = AccountService.grant(assignment) { dto.roles.append(grant) }
                users[user.id!] = dto
            }
            return users.values.sorted { $0.name < $1.name }
        }
        api.add(
            .GET, "api/v1/centres/{centre}/users/{id}/personal-data", .centre(.manageAccounts),
            summary: "Alles wat over een persoon is opgeslagen (AVG)",
            errors: [401, 403, 404]
        ) { req in
            let (user, centre) = try await req.managedUser(onlyHere: true)
            return try await PersonalData.export(user, by: req.actor, centreID: centre.id, on: req.db)
        }
        api.add(
            .POST, "api/v1/centres/{centre}/users/{id}/erase", .centre(.manageAccounts),
            summary: "Persoonsgegevens wissen; het logboek houdt een pseudoniem", status: .noContent,
            errors: [401, 403, 404, 409]
        ) { req in
            let (user, centre) = try await req.managedUser(onlyHere: true, lookAfter: true)
            try await PersonalData.erase(user, by: req.actor, centreID: centre.id, on: req.db)
            return HTTPStatus.noContent
        }
    }
}
