import Fluent
import Foundation
import StadshartCore
import Vapor

struct TimelineEntry: Content {
    var from: String
    var until: String?
    var kind: String
    var text: String
}

struct PremisesDetailDTO: Content {
    var premises: PremisesDTO
    var timeline: [TimelineEntry]
    var plannedChange: String?
}
