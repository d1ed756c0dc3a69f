import Testing

@testable import StadshartCore

@Suite("CSV")
struct CSVTests {
    func parse(_ text: String, delimiter: Character? = nil) throws -> [CSV.Row] {
        try CSV.parse(text, delimiter: delimiter)
    }

    func row(_ line: Int, _ fields: [String]) -> CSV.Row { CSV.Row(line: line, fields: fields) }

    func malformed(_ text: String) -> CSV.Malformed? {
        do {
            _ = try CSV.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func delimiterDetection() {
        #expect(CSV.delimiter(of: "a;b;c\n1,5;2,5;3,5") == ";")
        #expect(CSV.delimiter(of: "a,b,c\n1;2;3;4;5") == ",")
        #expect(CSV.delimiter(of: "a;b,c") == ";")  // a tie is ';'
        #expect(CSV.delimiter(of: "a,b,c;d") == ",")
        #expect(CSV.delimiter(of: "") == ";")
        #expect(CSV.delimiter(of: "titel") == ";")
        #expect(CSV.delimiter(of: "a,b\r\nc;d;e;f") == ",")
    }

    @Test func semicolons() throws {
        #expect(try parse("a;b;c\n1;2;3\n") == [row(1, ["a", "b", "c"]), row(2, ["1", "2", "3"])])
    }

    @Test func commasAndNoFinalNewline() throws {
        #expect(try parse("a,b,c\n1,2,3") == [row(1, ["a", "b", "c"]), row(2, ["1", "2", "3"])])
    }

    @Test func decimalCommasStayInSemicolonFiles() throws {
        #expect(try parse("naam;budget\nx;10.000,50\n") == [row(1, ["naam", "budget"]), row(2, ["x", "10.000,50"])])
    }

    @Test func explicitDelimiter() throws {
        #expect(try parse("a,b;c", delimiter: ",") == [row(1, ["a", "b;c"])])
        #expect(try parse("a,b,c", delimiter: ";") == [row(1, ["a,b,c"])])
    }

    @Test func emptyFields() throws {
        #expect(try parse("a;;c;\n;;;\n") == [row(1, ["a", "", "c", ""]), row(2, ["", "", "", ""])])
    }

    @Test func quotedFieldWithDelimiter() throws {
        #expect(try parse("a;b\n\"x;y\";z\n") == [row(1, ["a", "b"]), row(2, ["x;y", "z"])])
        #expect(try parse("a,b\n\"1,5\",z\n") == [row(1, ["a", "b"]), row(2, ["1,5", "z"])])
    }

    @Test func doubledQuotes() throws {
        #expect(try parse("\"hij zei \"\"hoi\"\"\";b\n") == [row(1, ["hij zei \"hoi\"", "b"])])
        #expect(try parse("\"\"\"\";\"\"\n") == [row(1, ["\"", ""])])
    }

    @Test func newlineInsideQuotesKeepsLineNumbers() throws {
        let text = "a;b\n\"regel1\nregel2\nregel3\";x\nc;d\n\ne;f\n"
        #expect(
            try parse(text) == [
                row(1, ["a", "b"]), row(2, ["regel1\nregel2\nregel3", "x"]), row(5, ["c", "d"]), row(7, ["e", "f"]),
            ])
    }

    @Test func crlf() throws {
        #expect(try parse("a;b\r\n1;2\r\n") == [row(1, ["a", "b"]), row(2, ["1", "2"])])
        // CRLF inside quotes becomes "\n" and still counts as a line.
        #expect(
            try parse("a;b\r\n\"x\r\ny\";z\r\nc;d\r\n") == [
                row(1, ["a", "b"]), row(2, ["x\ny", "z"]), row(4, ["c", "d"]),
            ])
        #expect(CSV.delimiter(of: "a,b\r\n1;2;3") == ",")
    }

    @Test func bareCarriageReturnEndsARow() throws {
        #expect(try parse("a;b\r1;2\r") == [row(1, ["a", "b"]), row(2, ["1", "2"])])
    }

    @Test func byteOrderMark() throws {
        let rows = try parse("\u{FEFF}titel;jaar\nx;2019\n")
        #expect(rows == [row(1, ["titel", "jaar"]), row(2, ["x", "2019"])])
        #expect(rows[0].fields[0].unicodeScalars.count == 5)
    }

    @Test func blankLinesAreSkipped() throws {
        #expect(try parse("\na;b\n\n\n1;2\n\n") == [row(2, ["a", "b"]), row(5, ["1", "2"])])
        #expect(try parse("a;b\r\n\r\n1;2") == [row(1, ["a", "b"]), row(3, ["1", "2"])])
    }

    /// Blank lines are skipped anywhere, so a blank first line should not decide the delimiter.
    @Test func leadingBlankLineDoesNotHideTheHeader() throws {
        #expect(try parse("\na,b\n1,2\n") == [row(2, ["a", "b"]), row(3, ["1", "2"])])
    }

    @Test func aQuotedEmptyFieldIsNotABlankLine() throws {
        #expect(try parse("a\n\"\"\nb\n") == [row(1, ["a"]), row(2, [""]), row(3, ["b"])])
    }

    @Test func emptyText() throws {
        #expect(try parse("") == [])
        #expect(try parse("\n\n") == [])
        #expect(try parse("\u{FEFF}") == [])
    }

    @Test func unterminatedQuoteNamesTheLineWhereItOpens() throws {
        let error = try #require(malformed("a;b\n1;2\n\"x;y\nz\n"))
        #expect(error.line == 3)
        #expect(error.message.contains("niet gesloten"))
        #expect(malformed("\"abc")?.line == 1)
    }

    @Test func quoteInsideAnUnquotedField() throws {
        let error = try #require(malformed("a;b\n1;2\nx\"y;z\n"))
        #expect(error.line == 3)
        #expect(!error.message.isEmpty)
    }

    @Test func textAfterTheClosingQuote() throws {
        let error = try #require(malformed("a;b\n\"x\"y;z\n"))
        #expect(error.line == 2)
        #expect(error.message.contains("na het sluitende aanhalingsteken"))
        // Line counting includes newlines inside earlier quoted fields.
        #expect(malformed("a;b\n\"1\n2\";3\n\"x\"y;z\n")?.line == 4)
    }

    @Test func encode() {
        #expect(CSV.encode([["a", "b"], ["1", "2"]]) == "a;b\r\n1;2\r\n")
        #expect(
            CSV.encode([["x;y", "zei \"ja\"", "twee\nregels"]]) == "\"x;y\";\"zei \"\"ja\"\"\";\"twee\nregels\"\r\n")
        #expect(
            CSV.encode([[" voor", "na ", "cr\rhier", "komma,hier"]]) == "\" voor\";\"na \";\"cr\rhier\";komma,hier\r\n")
        #expect(CSV.encode([["komma,hier", "punt;komma"]], delimiter: ",") == "\"komma,hier\",punt;komma\r\n")
        #expect(CSV.encode([["a\r\nb"]]) == "\"a\r\nb\"\r\n")
    }

    static let awkward: [[String]] = [
        ["titel", "omschrijving", "x"],
        ["a;b", "zei \"ja\"", "regel1\nregel2"],
        ["", " spatie ", "\"\""],
        ["komma, hier", ";", "\n"],
        ["\"", "a\"\"b", "cr\rhier"],
    ]

    @Test("encode then parse round-trips", arguments: [Character(";"), ","])
    func roundTrip(delimiter: Character) throws {
        let rows = try parse(CSV.encode(Self.awkward, delimiter: delimiter))
        #expect(rows.map(\.fields) == Self.awkward)
        #expect(rows.map(\.line) == [1, 2, 4, 5, 7])
    }

    @Test func crlfInsideAFieldComesBackAsNewline() throws {
        let rows = try parse(CSV.encode([["a", "b"], ["x\r\ny", "z"], ["c", "d"]]))
        #expect(rows == [row(1, ["a", "b"]), row(2, ["x\ny", "z"]), row(4, ["c", "d"])])
    }
}
