import Fluent
import Vapor

/// Every migration, once, in the order they run. Shipped migrations never change.
enum Migrations {
    static let all: [any AsyncMigration] = [
        CreateCentre(),
        CreateOrganisation(),
        CreateThemeLine(),
        CreateKeyPoint(),
        CreateAnnualPlan(),
        CreateAction(),
        CreateActionPartner(),
        CreateProgressNote(),
        CreateAdoption(),
        CreateAmendment(),
        CreateUser(),
        CreateRoleAssignment(),
        CreateUserSession(),
        CreateAPIToken(),
        CreateSignInAttempt(),
        CreateAuditEntry(),
        CreateZone(),
        CreatePremises(),
        CreatePremisesFunction(),
        CreateVacancyPeriod(),
        CreateTemporaryUse(),
        CreateFunctionChangePlan(),
        CreateBusiness(),
        CreateBusinessJobs(),
        CreateOccupancy(),
        CreateMonitor(),
        AddCoreZoneToCentre(),
        AddIndexes(),
        AddDataVersionToCentre(),
        AddContactToCentre(),
        CreateEvents(),
        AddApprovalToEvents(),
        CreateEventSettings(),
        CreateActionStatusChanges(),
        AddFeedStatusToEventCalendars(),
        AddPeriodToAnnualPlans(),
        AddTandemMoneyAndScheduleToActions(),
        CreateEconomicAgenda(),
        AddPremisesAndActionToEvents(),
        AddParentToActions(),
        AddKindToAnnualPlans(),
    ]

    static func register(on app: Application) {
        for migration in all { app.migrations.add(migration) }
    }
}
