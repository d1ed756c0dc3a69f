import StadshartCore
import Vapor

/// What a route asks of the person calling it.
enum RouteRule: Equatable, Sendable {
    /// Anyone, signed in or not. Plan routes then show drafts only to those with `readPlan`.
    case anyone
    /// A signed-in person, on their own account (allowed while setting up the second step).
    case ownAccount
    /// The same, but only signed in through the browser: an API token cannot make new tokens or
    /// change how its owner signs in.
    case ownSession
    /// A role in the route's `:centre` that has this capability.
    case centre(Capability)
    /// Any role in the route's `:centre`; the handler decides on the record (an ondernemer's own
    /// business, a vastgoedeigenaar's own premises).
    case member
}

/// The one permission table: every route of the application and its rule. A route that is
/// not listed is refused (and a test fails), so nothing new is open by accident.
enum Permissions {
    static let table: [String: RouteRule] = {
        var rules: [String: RouteRule] = [:]
        func add(_ method: HTTPMethod, _ pattern: String, _ rule: RouteRule) {
            rules[key(method, pattern)] = rule
        }
        let api = "api/v1/centres/:centre"
        add(.GET, "api/openapi.json", .anyone)
        add(.GET, "api/v1/centres", .anyone)
        add(.GET, "api/v1/me", .ownAccount)
        add(.GET, "\(api)/organisations", .anyone)
        add(.GET, "\(api)/theme-lines", .anyone)
        add(.POST, "\(api)/theme-lines/:code/key-points", .centre(.editPlan))
        add(.PATCH, "\(api)/key-points/:id", .centre(.editPlan))
        add(.POST, "\(api)/plans", .centre(.editPlan))
        add(.GET, "\(api)/plans/:year", .anyone)
        add(.GET, "\(api)/plans/:year/actions", .anyone)
        add(.POST, "\(api)/plans/:year/actions", .centre(.editPlan))
        add(.POST, "\(api)/plans/:year/adoptions", .centre(.adoptPlan))
        add(.POST, "\(api)/plans/:year/next-year", .centre(.editPlan))
        add(.GET, "\(api)/plans/:year/who-does-what", .anyone)
        add(.GET, "\(api)/actions/:id", .anyone)
        add(.PATCH, "\(api)/actions/:id", .centre(.editPlan))
        add(.DELETE, "\(api)/actions/:id", .centre(.editPlan))
        add(.POST, "\(api)/actions/:id/progress", .centre(.addProgress))
        add(.GET, "\(api)/premises", .centre(.readRegister))
        add(.GET, "\(api)/businesses", .centre(.readRegister))
        add(.GET, "\(api)/premises/:key", .member)
        add(.PATCH, "\(api)/businesses/:key", .member)
        add(.POST, "\(api)/premises/import", .centre(.editRegister))
        add(.POST, "\(api)/businesses/import", .centre(.editRegister))
        add(.POST, "\(api)/premises/:key/vacancies", .member)
        add(.POST, "\(api)/premises/:key/vacancies/end", .member)
        add(.GET, "\(api)/vacancy", .anyone)
        add(.GET, "\(api)/available-premises", .anyone)
        add(.GET, "\(api)/indicators", .centre(.readMonitor))
        add(.GET, "\(api)/indicators/:key", .centre(.readMonitor))
        add(.POST, "\(api)/indicators", .centre(.editMonitor))
        add(.PATCH, "\(api)/indicators/:key", .centre(.editMonitor))
        add(.GET, "\(api)/indicators/:key/measurements", .centre(.readMonitor))
        add(.POST, "\(api)/indicators/:key/measurements", .centre(.editMonitor))
        add(.GET, "\(api)/indicators/:key/status", .centre(.readMonitor))
        add(.DELETE, "\(api)/measurements/:id", .centre(.editMonitor))
        add(.GET, "\(api)/measurements", .centre(.readMonitor))
        add(.GET, "\(api)/measurements.csv", .centre(.readMonitor))
        add(.POST, "\(api)/measurements/import", .centre(.editMonitor))
        add(.GET, "\(api)/kpis", .anyone)
        add(.GET, "\(api)/areas", .centre(.readMonitor))
        add(.POST, "\(api)/areas", .centre(.editMonitor))
        add(.GET, "\(api)/audit", .centre(.readAudit))
        add(.GET, "\(api)/audit/:kind/:id", .centre(.readAudit))
        add(.GET, "\(api)/users", .centre(.manageAccounts))
        add(.GET, "\(api)/users/:id/personal-data", .centre(.manageAccounts))
        add(.POST, "\(api)/users/:id/erase", .centre(.manageAccounts))

        add(.GET, Web.home.pattern, .anyone)
        add(.GET, Web.centre.pattern, .anyone)
        add(.POST, Web.newPlan.pattern, .centre(.editPlan))
        add(.GET, Web.plan.pattern, .anyone)
        add(.GET, Web.whoDoesWhat.pattern, .anyone)
        add(.GET, Web.exportCSV.pattern, .anyone)
        add(.GET, Web.newAction.pattern, .centre(.editPlan))
        add(.POST, Web.newAction.pattern, .centre(.editPlan))
        add(.POST, Web.adopt.pattern, .centre(.adoptPlan))
        add(.POST, Web.nextYear.pattern, .centre(.editPlan))
        add(.GET, Web.action.pattern, .anyone)
        add(.GET, Web.editAction.pattern, .centre(.editPlan))
        add(.POST, Web.editAction.pattern, .centre(.editPlan))
        add(.POST, Web.addProgress.pattern, .centre(.addProgress))
        add(.POST, Web.deleteAction.pattern, .centre(.editPlan))
        add(.GET, Web.newKeyPoint.pattern, .centre(.editPlan))
        add(.POST, Web.newKeyPoint.pattern, .centre(.editPlan))
        add(.GET, Web.editKeyPoint.pattern, .centre(.editPlan))
        add(.POST, Web.editKeyPoint.pattern, .centre(.editPlan))

        add(.GET, Web.signIn.pattern, .anyone)
        add(.POST, Web.signIn.pattern, .anyone)
        add(.GET, Web.secondStep.pattern, .anyone)
        add(.POST, Web.secondStep.pattern, .anyone)
        add(.POST, Web.signOut.pattern, .ownSession)
        add(.GET, Web.account.pattern, .ownSession)
        add(.POST, Web.changePassword.pattern, .ownSession)
        add(.GET, Web.twoStep.pattern, .ownSession)
        add(.POST, Web.twoStep.pattern, .ownSession)
        add(.POST, Web.twoStepOff.pattern, .ownSession)
        add(.POST, Web.tokens.pattern, .ownSession)
        add(.POST, Web.revokeToken.pattern, .ownSession)

        add(.GET, Web.register.pattern, .centre(.readRegister))
        add(.GET, Web.registerMap.pattern, .centre(.readRegister))
        add(.GET, Web.premises.pattern, .member)
        add(.GET, Web.business.pattern, .member)
        add(.POST, Web.temporaryUse.pattern, .member)
        add(.POST, Web.plannedChange.pattern, .centre(.editRegister))
        add(.GET, Web.zones.pattern, .centre(.readRegister))
        add(.POST, Web.zones.pattern, .centre(.editRegister))
        add(.POST, Web.business.pattern, .member)
        add(.GET, Web.registerImport.pattern, .centre(.editRegister))
        add(.POST, Web.registerImport.pattern, .centre(.editRegister))
        add(.GET, Web.premisesCSV.pattern, .centre(.readRegister))
        add(.GET, Web.businessesCSV.pattern, .centre(.readRegister))
        add(.POST, Web.premisesVacant.pattern, .member)
        add(.POST, Web.premisesLet.pattern, .member)
        add(.GET, Web.vacancy.pattern, .anyone)
        add(.GET, Web.available.pattern, .anyone)
        add(.GET, Web.auditLog.pattern, .centre(.readAudit))
        add(.GET, Web.auditCSV.pattern, .centre(.readAudit))
        add(.GET, Web.history.pattern, .centre(.readAudit))

        add(.GET, Web.monitor.pattern, .centre(.readMonitor))
        add(.GET, Web.indicator.pattern, .centre(.readMonitor))
        add(.GET, Web.newIndicator.pattern, .centre(.editMonitor))
        add(.POST, Web.newIndicator.pattern, .centre(.editMonitor))
        add(.GET, Web.editIndicator.pattern, .centre(.editMonitor))
        add(.POST, Web.editIndicator.pattern, .centre(.editMonitor))
        add(.POST, Web.recordMeasurement.pattern, .centre(.editMonitor))
        add(.POST, Web.deleteMeasurement.pattern, .centre(.editMonitor))
        add(.GET, Web.monitorReport.pattern, .centre(.readMonitor))
        add(.GET, Web.monitorImport.pattern, .centre(.editMonitor))
        add(.POST, Web.monitorImport.pattern, .centre(.editMonitor))
        add(.GET, Web.measurementsCSV.pattern, .centre(.readMonitor))
        add(.POST, Web.monitorAreas.pattern, .centre(.editMonitor))
        add(.GET, Web.progress.pattern, .anyone)

        add(.GET, Web.accounts.pattern, .centre(.manageAccounts))
        add(.POST, Web.accounts.pattern, .centre(.manageAccounts))
        add(.GET, Web.accountAdmin.pattern, .centre(.manageAccounts))
        for path in [
            Web.addRole, Web.removeRole, Web.resetPassword, Web.disable, Web.enable, Web.endSessions, Web.erase,
            Web.liftLockout,
        ] {
            add(.POST, path.pattern, .centre(.manageAccounts))
        }
        add(.GET, Web.personalData.pattern, .centre(.manageAccounts))
        return rules
    }()

    static func key(_ method: HTTPMethod, _ pattern: String) -> String {
        "\(method.rawValue) /\(pattern)"
    }

    static func rule(for route: Route) -> RouteRule? {
        table[key(route.method, route.path.map(\.description).joined(separator: "/"))]
    }
}

/// Applies the table to every request, after routing and before the handler.
struct PermissionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let route = request.route, let rule = Permissions.rule(for: route) else {
            request.logger.error("route without a permission rule: \(request.method) \(request.url.path)")
            throw Refusal.forbidden("Deze pagina heeft geen toegangsregel en is daarom dicht.")
        }
        switch rule {
        case .anyone:
            break
        case .ownAccount:
            _ = try request.requirePrincipal()
        case .ownSession:
            guard try request.requirePrincipal().session != nil else {
                throw Refusal.forbidden("Dit kan alleen ingelogd in de browser, niet met een API-token.")
            }
        case .member:
            let principal = try request.requirePrincipal()
            if principal.rolesOnHold {
                throw Refusal.forbidden(
                    "Kies eerst een eigen wachtwoord en stel zo nodig tweestapsverificatie in (Mijn account).")
            }
            let centre = request.parameters.get("centre") ?? ""
            guard principal.grants.contains(where: { $0.centre == centre }) else {
                throw Refusal.forbidden("U hebt geen rol in deze binnenstad.")
            }
        case .centre(let capability):
            let principal = try request.requirePrincipal()
            if principal.mustChangePassword {
                throw Refusal.forbidden(
                    "Kies eerst een eigen wachtwoord (Mijn account); u bent ingelogd met een eenmalig wachtwoord.")
            }
            if principal.mustSetUpTwoStep {
                throw Refusal.forbidden("Stel eerst tweestapsverificatie in (Mijn account); uw rol vraagt daarom.")
            }
            let centre = request.parameters.get("centre") ?? ""
            guard Access.allows(principal.grants, capability, in: centre) else {
                throw Refusal.forbidden("U hebt geen rol in deze binnenstad die dit mag.")
            }
        }
        return try await next.respond(to: request)
    }
}
