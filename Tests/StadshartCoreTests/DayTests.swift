import Foundation
import Testing

@testable import StadshartCore

@Suite("Day")
struct DayTests {
    @Test(
        "parses ISO and Dutch notation",
        arguments: [
            ("2019-01-15", 2019, 1, 15),
            ("15-01-2019", 2019, 1, 15),
            ("15-1-2019", 2019, 1, 15),
            ("5-1-2019", 2019, 1, 5),
            ("2019-1-5", 2019, 1, 5),
            ("  2019-12-31 ", 2019, 12, 31),
            ("2020-02-29", 2020, 2, 29),
            ("29-02-2000", 2000, 2, 29),
            ("1900-01-01", 1900, 1, 1),
            ("2999-12-31", 2999, 12, 31),
        ])
    func parses(text: String, year: Int, month: Int, day: Int) throws {
        let parsed = try #require(Day(parsing: text))
        #expect(parsed.year == year)
        #expect(parsed.month == month)
        #expect(parsed.day == day)
        #expect(parsed == Day(year: year, month: month, day: day))
    }

    @Test(
        "rejects what is not a real day",
        arguments: [
            "2019-02-29", "29-02-2019", "1900-02-29", "31-04-2019", "2019-04-31", "2019-06-31", "2019-09-31",
            "2019-11-31", "2019-13-01", "2019-00-10", "2019-01-00", "2019-01-32", "1899-12-31", "3000-01-01",
            "15-01-19", "19-01-15", "2019/01/15", "15.01.2019", "2019-01", "2019-01-15-01", "", "--",
            "2019--15", "2019-0a-15", "20190115", "02019-01-15", "+2019-01-15", "2019-01-15T10:00",
        ])
    func rejects(text: String) {
        #expect(Day(parsing: text) == nil)
    }

    @Test func memberwiseInitValidates() {
        #expect(Day(year: 2019, month: 2, day: 28) != nil)
        #expect(Day(year: 2019, month: 2, day: 29) == nil)
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2100, month: 2, day: 29) == nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 2019, month: 1, day: 31) != nil)
        #expect(Day(year: 2019, month: 4, day: 30) != nil)
        #expect(Day(year: 2019, month: 4, day: 31) == nil)
        #expect(Day(year: 2019, month: 0, day: 1) == nil)
        #expect(Day(year: 2019, month: 1, day: 0) == nil)
    }

    @Test func daysInMonth() {
        let expected = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for month in 1...12 {
            #expect(Day.daysIn(month: month, year: 2019) == expected[month - 1])
        }
        #expect(Day.daysIn(month: 2, year: 2020) == 29)
        #expect(Day.daysIn(month: 2, year: 1900) == 28)
        #expect(Day.daysIn(month: 2, year: 2000) == 29)
    }

    @Test func ordering() throws {
        let a = try #require(Day(parsing: "2018-12-31"))
        let b = try #require(Day(parsing: "2019-01-01"))
        let c = try #require(Day(parsing: "2019-01-02"))
        let d = try #require(Day(parsing: "2019-02-01"))
        #expect(a < b)
        #expect(b < c)
        #expect(c < d)
        #expect(!(b < b))
        #expect(!(d < a))
        #expect([d, b, a, c].sorted() == [a, b, c, d])
        #expect(Day(parsing: "15-01-2019") == Day(parsing: "2019-01-15"))
        #expect(Set([b, Day(parsing: "01-01-2019")!]).count == 1)
    }

    @Test func descriptionIsPaddedISO() {
        #expect(Day(year: 2019, month: 1, day: 5)!.description == "2019-01-05")
        #expect(Day(year: 2019, month: 12, day: 15)!.description == "2019-12-15")
        #expect("\(Day(parsing: "5-1-2019")!)" == "2019-01-05")
    }

    @Test func dutch() {
        #expect(Day(year: 2019, month: 1, day: 15)!.dutch == "15 januari 2019")
        #expect(Day(year: 2018, month: 12, day: 12)!.dutch == "12 december 2018")
        #expect(Day(year: 2020, month: 3, day: 1)!.dutch == "1 maart 2020")
        #expect(Day(year: 2020, month: 5, day: 9)!.dutch == "9 mei 2020")
        #expect(Day(year: 2020, month: 8, day: 31)!.dutch == "31 augustus 2020")
    }

    @Test func todayIsTheDayInAmsterdam() {
        // 23:30 UTC in winter is 00:30 the next day in Amsterdam (UTC+1).
        let winter = Date(timeIntervalSince1970: 1_547_508_600)  // 2019-01-14T23:30:00Z
        #expect(Day.today(at: winter) == Day(year: 2019, month: 1, day: 15))
        // 22:30 UTC in summer is 00:30 the next day (UTC+2).
        let summer = Date(timeIntervalSince1970: 1_561_933_800)  // 2019-06-30T22:30:00Z
        #expect(Day.today(at: summer) == Day(year: 2019, month: 7, day: 1))
        // 21:30 UTC in summer is still the same day.
        let evening = Date(timeIntervalSince1970: 1_561_930_200)  // 2019-06-30T21:30:00Z
        #expect(Day.today(at: evening) == Day(year: 2019, month: 6, day: 30))
    }

    @Test func codableAsISOString() throws {
        let day = try #require(Day(year: 2019, month: 1, day: 5))
        let data = try JSONEncoder().encode([day])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2019-01-05\"]")
        #expect(try JSONDecoder().decode([Day].self, from: data) == [day])
        let dutch = Data("[\"05-01-2019\"]".utf8)
        #expect(try JSONDecoder().decode([Day].self, from: dutch) == [day])
        let bad = Data("[\"2019-02-29\"]".utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: bad) }
    }
}
