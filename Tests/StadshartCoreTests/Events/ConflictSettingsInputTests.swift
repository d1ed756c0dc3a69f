import Testing

@testable import StadshartCore

/// A centre's thresholds for the conflict rules: members left out keep their value, every problem is
/// named by its field, in Dutch.
@Suite("Conflict settings input")
struct ConflictSettingsInputTests {
    static let base = ConflictSettings(largeEventVisitors: 5_000, maxEventsPerWeekend: 4)

    @Test func membersLeftOutKeepTheirValue() throws {
        let settings = try ConflictSettingsInput(maxEventsPerWeekend: 2).validate(over: Self.base, years: 2019...2020)
        #expect(settings.maxEventsPerWeekend == 2)
        #expect(settings.largeEventVisitors == 5_000)
        #expect(settings.quietHour == ClockTime(hour: 23, minute: 0))
        #expect(settings.emptyWeekendMonths == 4...10)
        #expect(settings.cityDressingProvisionCents.isEmpty)
    }

    @Test func everyValueIsSet() throws {
        let settings = try ConflictSettingsInput(
            largeEventVisitors: 2_000, maxEventsPerWeekend: 6, quietHour: "22:30", quietUntil: "08:00",
            emptyWeekendFrom: 5, emptyWeekendThrough: 9, cityDressingCents: 1_000_000
        ).validate(over: Self.base, years: 2019...2020)
        #expect(settings.largeEventVisitors == 2_000)
        #expect(settings.quietHour == ClockTime(hour: 22, minute: 30))
        #expect(settings.quietUntil == ClockTime(hour: 8, minute: 0))
        #expect(settings.emptyWeekendMonths == 5...9)
        #expect(settings.cityDressingProvisionCents == [2019: 1_000_000, 2020: 1_000_000])
        // And back: the input made from the settings gives the same settings.
        let again = try ConflictSettingsInput(settings, year: 2019).validate(over: Self.base, years: 2019...2020)
        #expect(again == settings)
    }

    @Test func everyProblemIsNamedAtOnce() {
        let input = ConflictSettingsInput(
            largeEventVisitors: 0, maxEventsPerWeekend: -1, quietHour: "25:00", emptyWeekendFrom: 13,
            cityDressingCents: -5)
        #expect(throws: InvalidInput.self) { try input.validate(over: Self.base, years: 2019...2019) }
        do {
            _ = try input.validate(over: Self.base, years: 2019...2019)
        } catch {
            #expect(
                Set(error.problems.map(\.field)) == [
                    "largeEventVisitors", "maxEventsPerWeekend", "quietHour", "emptyWeekendFrom", "cityDressingCents",
                ])
            #expect(error.problems.first { $0.field == "quietHour" }?.message.contains("'25:00' is geen tijd") == true)
        }
    }

    @Test func monthsTheWrongWayRoundAreRefused() {
        #expect(throws: InvalidInput.self) {
            try ConflictSettingsInput(emptyWeekendFrom: 10, emptyWeekendThrough: 4)
                .validate(over: Self.base, years: 2019...2019)
        }
        // A first month after the stored last one is refused too.
        #expect(throws: InvalidInput.self) {
            try ConflictSettingsInput(emptyWeekendFrom: 11).validate(over: Self.base, years: 2019...2019)
        }
    }
}
