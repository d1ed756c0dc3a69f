import Testing

@testable import StadshartCore

@Suite("Register: Dutch percentages")
struct RegisterPercentTests {
    @Test(
        arguments: [
            (0.219, 1, "21,9 %"),
            (0.078, 1, "7,8 %"),
            (0, 1, "0,0 %"),
            (1, 1, "100,0 %"),
            (0.5, 0, "50 %"),
            (1 / 3, 1, "33,3 %"),
            (2 / 3, 1, "66,7 %"),
            (0.21875, 2, "21,88 %"),
            (0.0005, 2, "0,05 %"),
            (0.078, 2, "7,80 %"),
            (12.345, 1, "1.234,5 %"),
            (-0.05, 1, "-5,0 %"),
            (-0.0001, 1, "0,0 %"),
            (0.219, -1, "22 %"),
        ] as [(Double, Int, String)])
    func formats(ratio: Double, decimals: Int, text: String) {
        #expect(Percent.dutch(ratio, decimals: decimals) == text)
    }

    @Test func defaultIsOneDecimal() {
        #expect(Percent.dutch(0.219) == "21,9 %")
    }

    @Test func noFigureIsADash() {
        #expect(Percent.dutch(nil) == "—")
        #expect(Percent.dutch(.nan) == "—")
        #expect(Percent.dutch(.infinity) == "—")
    }
}
