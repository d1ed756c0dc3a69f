import Foundation
import Testing

@testable import StadshartCore

/// Escaping, folding and unfolding: the text layer of RFC 5545.
@Suite("iCalendar text")
struct ICalTextTests {
    /// SplitMix64: small, fast and the same on every machine, so a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces: [String] = [
        "a", "Z", "0", " ", "é", "€", "🙂", "👩‍👩‍👧", "ß", "\\", ";", ",", ":", "\n", "\r\n", "\t", "\"", "n", "N",
        "Koopmansplein", "Brink", "café", "\\n", "\u{00A0}", "日本",
    ]

    static func text(_ generator: inout Generator, pieces count: Int) -> String {
        (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
    }

    /// The physical lines of folded output, as bytes, without their CR LF.
    static func physicalLines(_ folded: [String]) -> [[UInt8]] {
        let bytes = Array(folded.map { $0 + "\r\n" }.joined().utf8)
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                lines.append(current)
                current = []
                index += 2
            } else {
                current.append(bytes[index])
                index += 1
            }
        }
        return lines
    }

    @Test func escapesTheFourSpecialCharacters() {
        #expect(ICalText.escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne")
        #expect(ICalText.escape("r\r\nn\rx") == "r\\nn\\nx")
        #expect(ICalText.escape("tab\there\u{07}bell") == "tab\there" + "bell")
        #expect(ICalText.escape("dubbele punt: blijft") == "dubbele punt: blijft")
        #expect(ICalText.unescape("a\\\\b\\;c\\,d\\ne\\Nf") == "a\\b;c,d\ne\nf")
        // Lenient: Outlook escapes colons; a trailing backslash stays.
        #expect(ICalText.unescape("12\\:00 uur\\") == "12:00 uur\\")
        #expect(ICalText.splitList("markt,kunst\\, cultuur,,sport") == ["markt", "kunst, cultuur", "", "sport"])
    }

    @Test func escapingRoundTripsOnRandomText() {
        var generator = Generator(state: 20_191_027)
        for _ in 0..<3_000 {
            let text = Self.text(&generator, pieces: Int(generator.next() % 12))
            let escaped = ICalText.escape(text)
            #expect(!escaped.contains("\n") && !escaped.contains("\r"), "\(text.debugDescription)")
            let expected = text.replacingOccurrences(of: "\r\n", with: "\n")
            #expect(ICalText.unescape(escaped) == expected, "\(text.debugDescription)")
        }
    }

    @Test func foldsAtExactlySeventyFiveOctets() {
        let exact = "SUMMARY:" + String(repeating: "a", count: 67)
        #expect(exact.utf8.count == 75)
        #expect(ICalText.fold(exact) == [exact])
        let over = exact + "b"
        #expect(ICalText.fold(over) == [exact, " b"])
        // A two-, three- and four-octet character that would straddle octet 75 moves whole to the next line.
        for character in ["é", "€", "🙂"] {
            let line = "SUMMARY:" + String(repeating: "a", count: 66) + character + "z"
            let folded = ICalText.fold(line)
            #expect(folded[0] == "SUMMARY:" + String(repeating: "a", count: 66), "\(character)")
            #expect(folded[1] == " \(character)z", "\(character)")
        }
        // Continuation lines carry 74 octets after their space.
        let long = String(repeating: "x", count: 75 + 74 + 10)
        #expect(ICalText.fold(long).map(\.utf8.count) == [75, 75, 11])
    }

    @Test func foldingNeverSplitsACharacterAndUnfoldsBackIdentically() {
        var generator = Generator(state: 75)
        for _ in 0..<2_000 {
            let line = "DESCRIPTION:" + ICalText.escape(Self.text(&generator, pieces: Int(generator.next() % 80)))
            let folded = ICalText.fold(line)
            let physical = Self.physicalLines(folded)
            for bytes in physical {
                #expect(bytes.count <= 75, "\(line)")
                #expect(String(validating: bytes, as: UTF8.self) != nil, "\(line)")
            }
            for continuation in physical.dropFirst() { #expect(continuation.first == 0x20) }
            let unfolded = ICalText.unfold(Array(folded.map { $0 + "\r\n" }.joined().utf8))
            #expect(unfolded.count == 1)
            #expect(unfolded.first.map { String(decoding: $0.bytes, as: UTF8.self) } == line)
        }
    }

    @Test func unfoldsBytesSplitInsideACharacter() {
        // "Café" with its é (C3 A9) folded between the two bytes, LF line ends and a tab continuation.
        var bytes = Array("SUMMARY:Caf".utf8) + [0xC3] + Array("\n ".utf8) + [0xA9] + Array(" op de Brink\n".utf8)
        bytes += Array("LOCATION:Ko\n\topmansplein\r\n".utf8)
        let lines = ICalText.unfold(bytes)
        #expect(lines.map(\.number) == [1, 3])
        #expect(
            lines.map { String(validating: $0.bytes, as: UTF8.self) } == [
                "SUMMARY:Café op de Brink", "LOCATION:Koopmansplein",
            ])
    }

    @Test func readsDatesTimesAndDurations() {
        let day = Day(year: 2019, month: 6, day: 15)!
        #expect(ICalText.dateOrTime("20190615") == .day(day))
        #expect(ICalText.dateOrTime("20190615T140000") == .floating(ICalLocalTime(day: day, hour: 14, minute: 0)!))
        #expect(ICalText.dateOrTime("20190615T140000Z") == .utc(ICalLocalTime(day: day, hour: 14, minute: 0)!))
        for wrong in ["2019-06-15", "20191301", "20190230", "20190615T250000", "20190615T1400", "", "20190615X"] {
            #expect(ICalText.dateOrTime(wrong) == nil, "\(wrong)")
        }
        #expect(ICalText.duration("PT2H30M")! == (false, 0, 9_000))
        #expect(ICalText.duration("P1W")! == (false, 7, 0))
        #expect(ICalText.duration("P1DT1S")! == (false, 1, 1))
        #expect(ICalText.duration("-PT15M")! == (true, 0, 900))
        for wrong in ["", "P", "PT", "1H", "PT1D", "P1H", "P1.5D", "PTH"] {
            #expect(ICalText.duration(wrong) == nil, "\(wrong)")
        }
    }

    @Test func localTimesFollowRFC5545AcrossTheClockChanges() {
        let zone = ICalZone.amsterdam
        func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
        // The second 02:30 does not exist on 31 March 2019: read with the offset before the gap.
        let gap = ICalLocalTime(day: Day(year: 2019, month: 3, day: 31)!, hour: 2, minute: 30)!
        #expect(gap.instant(in: zone) == instant("2019-03-31T01:30:00Z"))
        // 02:30 occurs twice on 27 October 2019: the first one (summer time) is meant.
        let twice = ICalLocalTime(day: Day(year: 2019, month: 10, day: 27)!, hour: 2, minute: 30)!
        #expect(twice.instant(in: zone) == instant("2019-10-27T00:30:00Z"))
        #expect(ICalLocalTime(instant("2019-10-27T01:30:00Z"), in: zone) == twice)
        #expect(ICalLocalTime(instant("2019-06-15T12:00:00Z"), in: zone)?.description == "2019-06-15 14:00:00")
    }

    @Test func resolvesTimeZoneNamesFeedsUse() {
        #expect(ICalZone.resolve("Europe/Amsterdam")?.identifier == "Europe/Amsterdam")
        #expect(ICalZone.resolve("W. Europe Standard Time")?.identifier == "Europe/Amsterdam")
        #expect(ICalZone.resolve("/mozilla.org/20050126_1/Europe/Amsterdam")?.identifier == "Europe/Amsterdam")
        #expect(
            ICalZone.resolve("(UTC+01:00) Amsterdam, Berlijn, Bern, Rome, Stockholm, Wenen")?.identifier
                == "Europe/Amsterdam")
        #expect(ICalZone.resolve("Europe/London")?.identifier == "Europe/London")
        #expect(ICalZone.resolve("Mars/Olympus_Mons") == nil)
        #expect(ICalZone.resolve("Customized Time Zone") == nil)
        #expect(ICalZone.resolve("") == nil)
    }
}
