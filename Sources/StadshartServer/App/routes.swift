import Vapor

func routes(_ app: Application) throws {
    // Every route goes through the permission table (App/Permissions.swift), then the input guard.
    let routes = app.grouped(PermissionMiddleware(), InputGuardMiddleware())
    let api = APIRoutes(routes)
    CentresAPI.register(api)
    NetworkAPI.register(api)
    PlansAPI.register(api)
    AccountsAPI.register(api)
    AuditAPI.register(api)
    RegisterAPI.register(api)
    RegisterTransfer.register(routes, api: api)
    BusinessWeb.register(routes, api: api)
    MonitorAPI.register(api)
    try api.serveDocument(on: app)

    HomeWeb.register(routes)
    PlansWeb.register(routes)
    SignInWeb.register(routes)
    AccountWeb.register(routes)
    AdminWeb.register(routes)
    AuditWeb.register(routes)
    RegisterWeb.register(routes)
    MonitorWeb.register(routes)
    IndicatorForm.register(routes)
}
