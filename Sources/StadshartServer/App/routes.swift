import Vapor

func routes(_ app: Application) throws {
    // Every route is declared with its rule (App/Routing.swift); the permission middleware
    // applies it, then the input guard checks what was sent.
    let routes = app.grouped(PermissionMiddleware(), InputGuardMiddleware())
    let api = APIRoutes(routes)
    let pages = Pages(routes: routes)
    CentresAPI.register(api)
    NetworkAPI.register(api)
    PlansAPI.register(api)
    AccountsAPI.register(api)
    AuditAPI.register(api)
    RegisterAPI.register(api)
    RegisterTransfer.register(pages, api: api)
    BusinessWeb.register(pages, api: api)
    MonitorAPI.register(api)
    EventsAPI.register(api)
    EventSources.register(pages, api: api)
    OpenNow.register(api)
    try api.serveDocument(on: app)

    HomeWeb.register(pages)
    PlansWeb.register(pages)
    SignInWeb.register(pages)
    AccountWeb.register(pages)
    AdminWeb.register(pages)
    AuditWeb.register(pages)
    RegisterWeb.register(pages)
    MonitorWeb.register(pages)
    EventPortal.register(pages)
    EventsWeb.register(pages)
    IndicatorForm.register(pages)
}
