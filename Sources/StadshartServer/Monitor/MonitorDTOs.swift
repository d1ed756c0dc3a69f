import Foundation
import StadshartCore
import Vapor

struct IndicatorDTO: Content {
    struct Point: Content {
        var value: Double
        var date: String
    }
    struct TargetDTO: Content {
        var value: Double?
        /// The reference area the figure must beat, on the same basis.
        var reference: String?
        var date: String
    }
    var key: String
    var name: String
    var description: String
    var unit: IndicatorUnit
    var direction: Direction
    var basis: Basis
    var group: IndicatorGroup
    var agreement: Bool
    var goal: String
    var themeLines: [String]
    var source: IndicatorSource
    var computed: RegisterMeasure?
    var owner: String
    var area: String
    var referenceArea: String?
    var baseline: Point
    var target: TargetDTO
    var note: String
}

extension IndicatorDTO {
    /// The definition as input, to be checked in Core like one typed in the browser (a monitor
    /// file holds indicators in this same shape).
    var input: IndicatorInput {
        var input = IndicatorInput()
        input.key = key
        input.name = name
        input.description = description
        input.unit = unit.rawValue
        input.direction = direction.rawValue
        input.basis = basis.rawValue
        input.group = group.rawValue
        input.agreement = agreement
        input.goal = goal
        input.themeLines = themeLines
        input.source = source.rawValue
        input.computed = computed?.rawValue
        input.owner = owner
        input.area = area
        input.referenceArea = referenceArea
        input.baselineValue = DutchNumber.exact(baseline.value)
        input.baselineDate = baseline.date
        input.targetValue = target.value.map(DutchNumber.exact)
        input.targetReference = target.reference
        input.targetDate = target.date
        input.note = note
        return input
    }
}

struct IndicatorStatusDTO: Content {
    struct ForecastDTO: Content {
        /// too-few-points, no-target, already-reached, reached-on, not-at-this-pace, passed-unconfirmed
        /// (the trend met the target on `date`, which has passed, but no measurement shows it).
        var outcome: String
        var date: String?
        var points: Int
        var slopePerYear: Double?
        /// The trend reaches the target only after the target date.
        var afterTargetDate: Bool
        var text: String
    }
    struct ReferenceDTO: Content {
        var area: String
        var value: Double
        var date: String
    }
    var indicator: String
    var date: String
    var value: Double?
    var valueDate: String?
    var target: Double?
    var targetDate: String
    var trajectory: Double?
    var status: String
    var statusLabel: String
    var forecast: ForecastDTO
    var reference: ReferenceDTO?
    var otherBasis: Int
    var explanation: String?
}

struct MeasurementDTO: Content {
    /// Nil for a figure counted from the register (never stored).
    var id: UUID?
    var indicator: String
    var area: String
    var date: String
    var value: Double
    var basis: String
    var source: String?
    var note: String?
    var computed: Bool
    var recordedBy: String?
}

/// An agreement KPI for the public: no internal notes.
struct PublicKPIDTO: Content {
    var key: String
    var name: String
    var unit: String
    var baseline: String
    var target: String
    var value: Double?
    var valueText: String
    var valueDate: String?
    var status: String
    var statusLabel: String
    var source: String
}

/// A measurement as the API takes it.
/// A value sent as a JSON number (21.9) or as text as people type it ("21,9").
struct NumberOrText: Codable, SchemaDescribed {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            text = DutchNumber.exact(number)
        } else {
            text = try container.decode(String.self)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    static var schema: JSONValue { ["type": ["number", "string"]] }
    static var schemaSample: NumberOrText { NumberOrText(text: "0") }
    init(text: String) { self.text = text }
}

struct MeasurementInputDTO: Content {
    var area: String
    var date: String
    /// A number, or text as typed ("21,9").
    var value: String
    var basis: String?
    var source: String?
    var note: String?

    init(area: String, date: String, value: String, basis: String? = nil, source: String? = nil, note: String? = nil) {
        self.area = area
        self.date = date
        self.value = value
        self.basis = basis
        self.source = source
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case area, date, value, basis, source, note }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        area = try container.decode(String.self, forKey: .area)
        date = try container.decode(String.self, forKey: .date)
        value = try container.decode(NumberOrText.self, forKey: .value).text
        basis = try container.decodeIfPresent(String.self, forKey: .basis)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }
}

extension IndicatorView {
    var dto: IndicatorDTO {
        IndicatorDTO(
            key: indicator.key, name: indicator.name, description: indicator.description, unit: indicator.unitValue,
            direction: indicator.directionValue, basis: indicator.basisValue, group: indicator.groupValue,
            agreement: indicator.agreement, goal: indicator.goal, themeLines: indicator.themeLineCodes,
            source: indicator.sourceValue, computed: indicator.computed.flatMap(RegisterMeasure.init(rawValue:)),
            owner: indicator.owner, area: area.key,
            referenceArea: referenceArea?.key,
            baseline: .init(value: indicator.baselineValue, date: indicator.baselineDate),
            target: .init(
                value: indicator.targetValue, reference: indicator.targetValue == nil ? referenceArea?.key : nil,
                date: indicator.targetDate),
            note: indicator.note)
    }

    var statusDTO: IndicatorStatusDTO {
        let forecast = assessment.forecast
        let outcome: (String, String?) =
            switch forecast.outcome {
            case .tooFewPoints: ("too-few-points", nil)
            case .noTarget: ("no-target", nil)
            case .alreadyReached: ("already-reached", nil)
            case .reachedOn(let day): ("reached-on", day.description)
            case .notAtThisPace: ("not-at-this-pace", nil)
            case .passedUnconfirmed(let day): ("passed-unconfirmed", day.description)
            }
        return IndicatorStatusDTO(
            indicator: indicator.key, date: assessment.asOf.description, value: assessment.latest?.value,
            valueDate: assessment.latest?.date.description, target: assessment.targetValue,
            targetDate: indicator.targetDate, trajectory: assessment.trajectoryValue,
            status: assessment.status.rawValue, statusLabel: assessment.status.label,
            forecast: .init(
                outcome: outcome.0, date: outcome.1, points: forecast.points, slopePerYear: forecast.slopePerYear,
                afterTargetDate: assessment.forecastAfterTargetDate, text: forecastText),
            reference: assessment.reference.map {
                .init(area: referenceArea?.key ?? "", value: $0.value, date: $0.date.description)
            },
            otherBasis: assessment.otherBasis, explanation: assessment.explanation)
    }

    func measurementDTOs(areas: [MonitorArea]) -> [MeasurementDTO] {
        var rows = stored.compactMap { measurement -> MeasurementDTO? in
            guard let area = areas.first(where: { $0.id == measurement.$area.id }) else { return nil }
            return MeasurementDTO(
                id: measurement.id, indicator: indicator.key, area: area.key, date: measurement.date,
                value: measurement.value, basis: measurement.basis, source: measurement.source,
                note: measurement.note, computed: false, recordedBy: measurement.recordedBy)
        }
        if isComputed {
            rows += own.map {
                MeasurementDTO(
                    id: nil, indicator: indicator.key, area: area.key, date: $0.date.description, value: $0.value,
                    basis: $0.basis.rawValue, source: IndicatorSource.computed.rawValue, note: nil, computed: true,
                    recordedBy: nil)
            }
        }
        return rows.sorted { ($0.date, $0.area) > ($1.date, $1.area) }
    }

    var publicDTO: PublicKPIDTO {
        PublicKPIDTO(
            key: indicator.key, name: indicator.name, unit: indicator.unit, baseline: baselineText, target: targetText,
            value: assessment.latest?.value, valueText: format(assessment.latest?.value),
            valueDate: assessment.latest?.date.description, status: assessment.status.rawValue,
            statusLabel: assessment.status.label, source: indicator.sourceValue.label)
    }
}

struct AreaDTO: Content {
    var key: String
    var name: String
    var reference: Bool
}
