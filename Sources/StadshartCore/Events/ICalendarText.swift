import Foundation

/// The text layer of iCalendar (RFC 5545 3.1 and 3.3): escaping, folding and unfolding, and the date forms.
enum ICalText {
    /// Folded lines are at most this many octets, line break excluded.
    static let lineLimit = 75

    // MARK: Escaping (TEXT values)

    /// Escapes a TEXT value: backslash, semicolon and comma get a backslash, a line break becomes `\n`.
    /// CR LF and a lone CR count as one line break; other control characters, which TEXT cannot hold, are
    /// dropped (a tab is kept).
    static func escape(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": if !previousWasCR { result += "\\n" }
            case "\r": result += "\\n"
            case "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// What `escape` does to a text apart from the backslashes: line breaks become LF, control characters go.
    static func normalised(_ text: String) -> String {
        unescape(escape(text))
    }

    /// Reads a TEXT value: `\n` and `\N` are line breaks, `\\`, `\;`, `\,` the character itself. Leniently,
    /// a backslash before any other character (Outlook writes `\:`) gives that character, and a trailing
    /// backslash stays.
    static func unescape(_ text: some StringProtocol) -> String {
        var result = ""
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                escaping = false
                result.unicodeScalars.append(scalar == "n" || scalar == "N" ? "\n" : scalar)
            } else if scalar == "\\" {
                escaping = true
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        if escaping { result += "\\" }
        return result
    }

    /// Splits a list value (CATEGORIES) at commas that are not escaped, and unescapes each part.
    static func splitList(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                current.unicodeScalars.append(scalar)
                escaping = false
            } else if scalar == "\\" {
                current.unicodeScalars.append(scalar)
                escaping = true
            } else if scalar == "," {
                parts.append(unescape(current))
                current = ""
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        parts.append(unescape(current))
        return parts
    }

    // MARK: Folding

    /// Folds one content line into physical lines of at most 75 octets each (continuation lines start with a
    /// space, which counts), breaking only between Unicode scalars so no UTF-8 sequence is split.
    static func fold(_ line: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if octets + size > lineLimit {
                lines.append(current)
                current = " "
                octets = 1
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        lines.append(current)
        return lines
    }

    /// Unfolds raw feed bytes into logical lines, each with the number of the physical line it starts on.
    /// Works on bytes, before UTF-8 is decoded, because real feeds fold in the middle of a multi-byte
    /// character. A line break is CR LF or a bare LF; a line starting with a space or tab continues the one
    /// before it (that one character is removed). A leading byte-order mark is skipped; blank lines are dropped.
    static func unfold(_ bytes: some Collection<UInt8>) -> [(number: Int, bytes: [UInt8])] {
        var lines: [(number: Int, bytes: [UInt8])] = []
        var physical: [UInt8] = []
        var number = 0
        var bytes = Array(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }

        func finish() {
            number += 1
            if physical.last == 0x0D { physical.removeLast() }
            if let first = physical.first, first == 0x20 || first == 0x09, !lines.isEmpty {
                lines[lines.count - 1].bytes.append(contentsOf: physical.dropFirst())
            } else if !physical.isEmpty {
                lines.append((number, physical))
            }
            physical.removeAll(keepingCapacity: true)
        }

        for byte in bytes {
            if byte == 0x0A {
                finish()
            } else {
                physical.append(byte)
            }
        }
        if !physical.isEmpty { finish() }
        return lines.filter { line in !line.bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }

    // MARK: Dates and times

    enum Value: Hashable {
        case day(Day)
        case utc(ICalLocalTime)
        case floating(ICalLocalTime)
    }

    /// Reads `20190615`, `20190615T140000` or `20190615T140000Z`; nil for anything else.
    static func dateOrTime(_ text: String) -> Value? {
        let chars = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count else { return nil }
            var n = 0
            for c in chars[range] {
                guard (0x30...0x39).contains(c) else { return nil }
                n = n * 10 + Int(c - 0x30)
            }
            return n
        }
        guard chars.count >= 8, let year = number(0..<4), let month = number(4..<6), let dayOfMonth = number(6..<8),
            let day = Day(year: year, month: month, day: dayOfMonth)
        else { return nil }
        if chars.count == 8 { return .day(day) }
        guard chars.count == 15 || (chars.count == 16 && (chars[15] == 0x5A || chars[15] == 0x7A)),
            chars[8] == 0x54 || chars[8] == 0x74,
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
            // A leap second (60) is read as the second before it.
            let time = ICalLocalTime(day: day, hour: hour, minute: minute, second: min(second, 59))
        else { return nil }
        return chars.count == 16 ? .utc(time) : .floating(time)
    }

    /// `20190615`.
    static func date(_ day: Day) -> String {
        String(format: "%04d%02d%02d", day.year, day.month, day.day)
    }

    /// `20190615T140000`.
    static func local(_ time: ICalLocalTime) -> String {
        date(time.day) + String(format: "T%02d%02d%02d", time.hour, time.minute, time.second)
    }

    /// `20190615T120000Z`; an instant outside the years `Day` covers is clamped to them.
    static func utc(_ instant: Date) -> String {
        let time =
            ICalLocalTime(instant, in: ICalZone.utc)
            ?? ICalLocalTime(
                day: instant.timeIntervalSince1970 < 0
                    ? Day(year: 1900, month: 1, day: 1)! : Day(year: 2999, month: 12, day: 31)!, hour: 0, minute: 0)!
        return local(time) + "Z"
    }

    /// Reads a DURATION value (`PT2H30M`, `P1D`, `P1W`, `-PT15M`): nominal days (weeks are 7) and exact
    /// seconds, kept apart because a day across a change of the clocks is not 86,400 seconds.
    static func duration(_ text: String) -> (negative: Bool, days: Int, seconds: Int)? {
        var scalars = Substring(text.trimmingCharacters(in: .whitespaces).uppercased())
        var negative = false
        if scalars.first == "+" || scalars.first == "-" {
            negative = scalars.first == "-"
            scalars = scalars.dropFirst()
        }
        guard scalars.first == "P" else { return nil }
        scalars = scalars.dropFirst()
        var days = 0
        var seconds = 0
        var inTime = false
        var digits = ""
        var sawUnit = false
        for c in scalars {
            if c.isASCII && c.isNumber {
                digits.append(c)
                continue
            }
            if c == "T" {
                guard !inTime, digits.isEmpty else { return nil }
                inTime = true
                continue
            }
            guard let n = Int(digits), n <= 100_000 else { return nil }
            digits = ""
            sawUnit = true
            switch (c, inTime) {
            case ("W", false): days += 7 * n
            case ("D", false): days += n
            case ("H", true): seconds += 3_600 * n
            case ("M", true): seconds += 60 * n
            case ("S", true): seconds += n
            default: return nil
            }
        }
        guard digits.isEmpty, sawUnit else { return nil }
        return (negative, days, seconds)
    }
}
