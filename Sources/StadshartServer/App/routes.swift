import Vapor

func routes(_ app: Application) throws {
    let api = APIRoutes(app)
    CentresAPI.register(api)
    NetworkAPI.register(api)
    PlansAPI.register(api)
    try api.serveDocument(on: app)

    HomeWeb.register(app)
    PlansWeb.register(app)
}
