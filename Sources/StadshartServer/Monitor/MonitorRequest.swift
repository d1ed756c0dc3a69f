import StadshartCore
import Vapor

/// The monitor of the route, for its pages and API alike: the adapters' shared first step.
extension Request {
    /// Every indicator on `?date=`; public pages show no future, so a later date reads as today.
    func monitorViews(notAfterToday: Bool = false) async throws -> (
        Centre, MonitorStore.Loaded, [IndicatorView], Day
    ) {
        let centre = try centre
        let asked = try dateQuery()
        let day = notAfterToday ? min(asked, today) : asked
        let (loaded, views) = try await MonitorService.views(
            centre, asOf: day, models: application.readModels, on: db)
        return (centre, loaded, views, day)
    }

    /// The indicator of the route (`:key`) as it stands.
    func indicatorView(key given: String? = nil) async throws -> IndicatorView {
        let (_, _, views, _) = try await monitorViews()
        let key = try given ?? parameter("key")
        guard let view = views.first(where: { $0.indicator.key == key }) else {
            throw StadshartError.notFound("Indicator '\(key)' bestaat niet.")
        }
        return view
    }

    /// The measurement of the route (`:id`).
    func routeMeasurement(_ loaded: MonitorStore.Loaded) throws -> Measurement {
        try MonitorService.measurement(loaded, id: uuidParameter("id", what: "Meting"))
    }
}
