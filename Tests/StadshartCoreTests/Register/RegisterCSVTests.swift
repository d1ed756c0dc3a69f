import Testing

@testable import StadshartCore

@Suite("RegisterCSV")
struct RegisterCSVTests {
    static let zones: Set<String> = ["centrum", "oost"]
    static let owners: Set<String> = ["gemeente", "vastgoed-a"]
    static let premisesKeys: Set<String> = ["p1", "p2", "p3"]

    func premisesProblems(_ text: String) -> [FieldProblem] {
        do {
            _ = try PremisesCSV.read(text, zones: Self.zones, owners: Self.owners)
            return []
        } catch {
            return error.problems
        }
    }

    func businessProblems(_ text: String) -> [FieldProblem] {
        do {
            _ = try BusinessCSV.read(text, premisesKeys: Self.premisesKeys)
            return []
        } catch {
            return error.problems
        }
    }

    /// A premises file of one good line, with some columns changed.
    static func premisesFile(_ changes: [String: String] = [:]) -> String {
        var value = [
            "sleutel": "p1", "bag_id": "", "straat": "Oude Vaart", "huisnummer": "12", "toevoeging": "",
            "postcode": "", "zone": "centrum", "m2_wvo": "100", "functie": "detailhandel", "eigenaar": "",
            "lat": "52.99", "lon": "6.56", "wonen_boven": "", "leeg_sinds": "", "reden_leegstand": "",
        ]
        value.merge(changes) { $1 }
        return CSV.encode([PremisesCSV.header, PremisesCSV.header.map { value[$0]! }])
    }

    static func businessFile(_ changes: [String: String] = [:]) -> String {
        var value = [
            "sleutel": "b1", "naam": "Boekhandel", "branche": "boeken", "keten": "", "kvk": "", "banen": "3",
            "fte": "", "panden": "p1", "ma": "", "di": "", "wo": "", "do": "", "vr": "", "za": "", "zo": "",
        ]
        value.merge(changes) { $1 }
        return CSV.encode([BusinessCSV.header, BusinessCSV.header.map { value[$0]! }])
    }

    static let expectedPremises = [
        PremisesRow(
            line: 2, key: "p1", bagID: "0106010000012345", street: "Oude Vaart", number: "12", addition: "a",
            postcode: "9401 AB", zone: "centrum", floorArea: 120, function: .detailhandel, owner: "gemeente",
            latitude: 52.9931, longitude: 6.5628, dwellingsAbove: "aanwezig"),
        PremisesRow(
            line: 3, key: "p-2_b", street: "Kruisstraat", number: "3", postcode: "9401 CD", zone: "oost",
            floorArea: 85, function: .horeca, vacantSince: Day(year: 2019, month: 1, day: 15),
            vacancyReason: "verbouwing"),
    ]

    // MARK: Premises

    @Test func readsAGoodPremisesFileWithSemicolons() throws {
        let text = """
            Sleutel ; BAG_ID;straat;huisnummer;toevoeging;postcode;zone;m2_wvo;functie;eigenaar;lat;lon;wonen_boven;\
            leeg_sinds;reden_leegstand
            p1;0106010000012345;Oude Vaart;12;a;9401AB;centrum;120;detailhandel;gemeente;52,993100;6,5628;Aanwezig;;
            p-2_b;;Kruisstraat; 3 ;;9401 cd;oost;85;Horeca;;;;;15-01-2019;verbouwing

            """
        let rows = try PremisesCSV.read(text, zones: Self.zones, owners: Self.owners)
        #expect(rows == Self.expectedPremises)
        #expect(rows[0].addressKey == "oude vaart|12|a")
        #expect(rows[1].addressKey == "kruisstraat|3|")
        #expect(rows[1].dwellingsAbove == "geen")
    }

    @Test func readsAGoodPremisesFileWithCommasAndOnlyTheRequiredColumns() throws {
        let text = """
            functie,m2_wvo,zone,huisnummer,straat,sleutel,lat,lon
            detailhandel,120,centrum,12,Oude Vaart,p1,52.9931,6.5628
            HORECA,85,Oost,3,Kruisstraat,p2,,

            """
        let rows = try PremisesCSV.read(text, zones: Self.zones, owners: Self.owners)
        #expect(
            rows == [
                PremisesRow(
                    line: 2, key: "p1", street: "Oude Vaart", number: "12", zone: "centrum", floorArea: 120,
                    function: .detailhandel, latitude: 52.9931, longitude: 6.5628),
                PremisesRow(
                    line: 3, key: "p2", street: "Kruisstraat", number: "3", zone: "oost", floorArea: 85,
                    function: .horeca),
            ])
    }

    @Test func premisesRowWritesEveryColumn() {
        #expect(
            PremisesCSV.row(Self.expectedPremises[0]) == [
                "p1", "0106010000012345", "Oude Vaart", "12", "a", "9401 AB", "centrum", "120", "detailhandel",
                "gemeente", "52.993100", "6.562800", "aanwezig", "", "",
            ])
        #expect(
            PremisesCSV.row(Self.expectedPremises[1]) == [
                "p-2_b", "", "Kruisstraat", "3", "", "9401 CD", "oost", "85", "horeca", "", "", "", "geen",
                "2019-01-15", "verbouwing",
            ])
    }

    @Test(arguments: [";", ","] as [Character])
    func premisesRoundTrip(delimiter: Character) throws {
        let tricky = PremisesRow(
            line: 4, key: "p3", street: "=Straat; met \"aanhalingstekens\", en komma", number: "7",
            addition: "-b", zone: "oost", floorArea: 1, function: .overig, owner: "vastgoed-a", latitude: 50.5,
            longitude: 7.3, dwellingsAbove: "mogelijk", vacantSince: Day(year: 2020, month: 2, day: 29),
            vacancyReason: "+verbouwing\nna brand")
        let rows = Self.expectedPremises + [tricky]
        let text = CSV.encode([PremisesCSV.header] + rows.map(PremisesCSV.row), delimiter: delimiter)
        let read = try PremisesCSV.read(text, zones: Self.zones, owners: Self.owners)
        #expect(read == rows)
    }

    @Test(
        arguments: [
            ("sleutel", "", "sleutel is verplicht"),
            ("sleutel", "p 1", "'p 1' is geen geldige sleutel: alleen letters, cijfers, - en _, hoogstens 40 tekens"),
            (
                "sleutel", String(repeating: "a", count: 41),
                "'\(String(repeating: "a", count: 41))' is geen geldige sleutel: alleen letters, cijfers, - en _, "
                    + "hoogstens 40 tekens"
            ),
            ("bag_id", "12345", "'12345' is geen BAG-id van 16 cijfers"),
            ("bag_id", "010601000001234x", "'010601000001234x' is geen BAG-id van 16 cijfers"),
            ("straat", "", "straat is verplicht"),
            ("straat", String(repeating: "s", count: 201), "straat is langer dan 200 tekens"),
            ("huisnummer", "", "huisnummer is verplicht"),
            ("huisnummer", "12a", "'12a' is geen huisnummer; zet een toevoeging in de kolom toevoeging"),
            ("postcode", "0123 AB", "'0123 AB' is geen postcode zoals 1234 AB"),
            ("postcode", "1234 A", "'1234 A' is geen postcode zoals 1234 AB"),
            ("postcode", "12 34AB", "'12 34AB' is geen postcode zoals 1234 AB"),
            ("zone", "", "zone is verplicht"),
            ("zone", "west", "'west' is geen zone van deze binnenstad; bekend: centrum, oost"),
            ("m2_wvo", "", "m2_wvo is verplicht"),
            ("m2_wvo", "veel", "'veel' is geen geheel getal"),
            ("m2_wvo", "12,5", "'12,5' is geen geheel getal"),
            ("m2_wvo", "+5", "'+5' is geen geheel getal"),
            ("m2_wvo", "0", "0 ligt niet tussen 1 en 100000"),
            ("m2_wvo", "100001", "100001 ligt niet tussen 1 en 100000"),
            ("functie", "", "functie is verplicht"),
            (
                "functie", "bakker",
                "'bakker' is geen functie; mogelijk: detailhandel, horeca, dienstverlening, leisure, cultuur, "
                    + "ambacht, wonen, kantoor, maatschappelijk, overig"
            ),
            (
                "eigenaar", "onbekend",
                "'onbekend' is geen organisatie van deze binnenstad; bekend: gemeente, vastgoed-a"
            ),
            ("lat", "noord", "'noord' is geen getal"),
            ("lat", "nan", "'nan' is geen getal"),
            ("lat", "1e2", "'1e2' is geen getal"),
            ("lat", "48,1", "'48,1' ligt niet in Nederland (breedtegraad tussen 50.5 en 53.7)"),
            ("lon", "8", "'8' ligt niet in Nederland (lengtegraad tussen 3.2 en 7.3)"),
            ("lon", "", "lon ontbreekt terwijl lat is ingevuld"),
            ("lat", "", "lat ontbreekt terwijl lon is ingevuld"),
            (
                "wonen_boven", "veel",
                "'veel' is geen waarde voor wonen boven; mogelijk: geen, aanwezig, mogelijk, gepland"
            ),
            ("leeg_sinds", "gisteren", "'gisteren' is geen datum zoals 2019-01-15 of 15-01-2019"),
            ("leeg_sinds", "31-02-2019", "'31-02-2019' is geen datum zoals 2019-01-15 of 15-01-2019"),
            ("reden_leegstand", "verbouwing", "een reden van leegstand hoort bij een datum in leeg_sinds"),
        ])
    func premisesValueRefused(column: String, value: String, message: String) {
        #expect(
            premisesProblems(Self.premisesFile([column: value])) == [
                FieldProblem(field: column, message: message, line: 2)
            ])
    }

    @Test func premisesLeniencies() throws {
        let rows = try PremisesCSV.read(
            Self.premisesFile([
                "postcode": "9401ab", "zone": "CENTRUM", "eigenaar": "Gemeente", "functie": "Wonen",
                "wonen_boven": "GEPLAND", "leeg_sinds": "2019-1-5", "lat": "53", "lon": "7",
            ]), zones: Self.zones, owners: Self.owners)
        #expect(rows.count == 1)
        #expect(rows[0].postcode == "9401 AB")
        #expect(rows[0].zone == "centrum")
        #expect(rows[0].owner == "gemeente")
        #expect(rows[0].function == .wonen)
        #expect(rows[0].dwellingsAbove == "gepland")
        #expect(rows[0].vacantSince == Day(year: 2019, month: 1, day: 5))
        #expect(rows[0].latitude == 53 && rows[0].longitude == 7)
    }

    @Test func postcodeIsNormalised() throws {
        for written in ["1234AB", "1234 AB", "1234ab", " 1234 ab "] {
            let rows = try PremisesCSV.read(
                Self.premisesFile(["postcode": written]), zones: Self.zones, owners: Self.owners)
            #expect(rows[0].postcode == "1234 AB", "\(written)")
        }
    }

    @Test func formulaEscapesAreTakenOff() throws {
        // A spreadsheet-safe export writes "'-" before a leading minus; the import takes it off again.
        let text = Self.premisesFile(["straat": "x"]).replacingOccurrences(of: ";x;", with: ";'-Straat;")
        let rows = try PremisesCSV.read(text, zones: Self.zones, owners: Self.owners)
        #expect(rows[0].street == "-Straat")
    }

    @Test func severalBadPremisesLinesAreReportedTogether() {
        let text = """
            sleutel;straat;huisnummer;zone;m2_wvo;functie
            p1;Oude Vaart;12;centrum;100;detailhandel
            p2;Oude Vaart;14;centrum;veel;detailhandel
            p3;;16;west;100;bakker
            p4;Oude Vaart;18;centrum
            p5;Oude Vaart;20;centrum;100;horeca
            """
        #expect(
            premisesProblems(text) == [
                FieldProblem(field: "regel", message: "4 velden, verwacht 6", line: 5),
                FieldProblem(field: "m2_wvo", message: "'veel' is geen geheel getal", line: 3),
                FieldProblem(field: "straat", message: "straat is verplicht", line: 4),
                FieldProblem(
                    field: "zone", message: "'west' is geen zone van deze binnenstad; bekend: centrum, oost", line: 4),
                FieldProblem(
                    field: "functie",
                    message:
                        "'bakker' is geen functie; mogelijk: detailhandel, horeca, dienstverlening, leisure, cultuur, "
                        + "ambacht, wonen, kantoor, maatschappelijk, overig",
                    line: 4),
            ])
    }

    @Test func duplicatesAreReportedOnTheLaterLine() {
        let text = """
            sleutel;bag_id;straat;huisnummer;toevoeging;zone;m2_wvo;functie
            p1;0106010000000001;Oude Vaart;12;;centrum;100;detailhandel
            p2;0106010000000002;Oude Vaart;12;a;centrum;100;detailhandel
            p1;0106010000000003;Kruisstraat;1;;centrum;100;detailhandel
            p4;0106010000000002;Kruisstraat;2;;centrum;100;detailhandel
            p5;;oude vaart;12;A;centrum;100;detailhandel
            """
        #expect(
            premisesProblems(text) == [
                FieldProblem(field: "sleutel", message: "sleutel 'p1' staat ook op regel 2", line: 4),
                FieldProblem(field: "bag_id", message: "bag_id '0106010000000002' staat ook op regel 3", line: 5),
                FieldProblem(field: "straat", message: "adres 'oude vaart 12 A' staat ook op regel 3", line: 6),
            ])
    }

    @Test func premisesHeaderProblems() {
        #expect(
            premisesProblems("sleutel;straat;huisnummer;zone;m2_wvo;functie;kleur;straat\n") == [
                FieldProblem(
                    field: "kleur",
                    message: "onbekende kolom; bekende kolommen: \(PremisesCSV.header.joined(separator: ", "))",
                    line: 1),
                FieldProblem(field: "straat", message: "kolom staat er meer dan één keer", line: 1),
            ])
        #expect(
            premisesProblems("sleutel;straat;zone\np1;Vaart;centrum\n") == [
                FieldProblem(field: "functie", message: "kolom ontbreekt", line: 1),
                FieldProblem(field: "huisnummer", message: "kolom ontbreekt", line: 1),
                FieldProblem(field: "m2_wvo", message: "kolom ontbreekt", line: 1),
            ])
        #expect(premisesProblems("") == [FieldProblem(field: "bestand", message: "het bestand is leeg")])
        #expect(
            premisesProblems("sleutel;straat;huisnummer;zone;m2_wvo;functie\r\n") == [
                FieldProblem(field: "bestand", message: "het bestand heeft geen panden", line: 2)
            ])
        #expect(
            premisesProblems("sleutel;straat\n\"p1;x\n") == [
                FieldProblem(field: "bestand", message: "aanhalingsteken wordt niet gesloten", line: 2)
            ])
    }

    // MARK: Businesses

    static let expectedBusinesses = [
        BusinessRow(
            line: 2, key: "b1", name: "Boekhandel Vaart", branch: "boeken", chain: false, kvk: "12345678", jobs: 4,
            fte: 2.5, premises: ["p1"],
            openingHours: [
                "ma": nil, "di": "10:00-18:00", "wo": "10:00-18:00", "do": "10:00-18:00", "vr": "10:00-21:00",
                "za": "09:30-17:00", "zo": nil,
            ]),
        BusinessRow(
            line: 3, key: "b2", name: "HEMA", branch: "warenhuis", chain: true, jobs: 12, premises: ["p2", "p3"],
            openingHours: [
                "ma": "09:00-18:00", "di": "09:00-18:00", "wo": "09:00-18:00", "do": "09:00-18:00",
                "vr": "09:00-18:00", "za": "09:00-17:00", "zo": "12:00-17:00",
            ]),
    ]

    @Test func readsAGoodBusinessFileWithSemicolons() throws {
        let text = """
            sleutel;naam;branche;keten;kvk;banen;fte;panden;ma;di;wo;do;vr;za;zo
            b1;Boekhandel Vaart;boeken;nee;12345678;4;2,5;p1;;10:00-18:00;10:00-18:00;10:00-18:00;10:00-21:00;\
            9:30-17:00;Gesloten
            b2;HEMA;warenhuis;JA;;12;;p2 | p3;9:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00 - 18:00;\
            09:00-17:00;12:00–17:00
            """
        #expect(try BusinessCSV.read(text, premisesKeys: Self.premisesKeys) == Self.expectedBusinesses)
    }

    @Test func readsAGoodBusinessFileWithCommas() throws {
        let text = """
            sleutel,naam,branche,banen,panden,keten,fte,zo
            b1,"Boekhandel, Vaart",boeken,4,p1,1,"0,8",gesloten
            b2,HEMA,warenhuis,0,p2|p3,true,12.25,
            """
        #expect(
            try BusinessCSV.read(text, premisesKeys: Self.premisesKeys) == [
                BusinessRow(
                    line: 2, key: "b1", name: "Boekhandel, Vaart", branch: "boeken", chain: true, jobs: 4, fte: 0.8,
                    premises: ["p1"]),
                BusinessRow(
                    line: 3, key: "b2", name: "HEMA", branch: "warenhuis", chain: true, jobs: 0, fte: 12.25,
                    premises: ["p2", "p3"]),
            ])
    }

    @Test func businessRowWritesEveryColumn() {
        #expect(
            BusinessCSV.row(Self.expectedBusinesses[0]) == [
                "b1", "Boekhandel Vaart", "boeken", "nee", "12345678", "4", "2.5", "p1", "gesloten", "10:00-18:00",
                "10:00-18:00", "10:00-18:00", "10:00-21:00", "09:30-17:00", "gesloten",
            ])
        var partial = Self.expectedBusinesses[1]
        partial.openingHours = ["ma": "09:00-18:00"]
        partial.fte = 3
        #expect(
            BusinessCSV.row(partial) == [
                "b2", "HEMA", "warenhuis", "ja", "", "12", "3", "p2|p3", "09:00-18:00", "", "", "", "", "", "",
            ])
    }

    @Test(arguments: [";", ","] as [Character])
    func businessRoundTrip(delimiter: Character) throws {
        var tricky = Self.expectedBusinesses[1]
        tricky.line = 4
        tricky.key = "b3"
        tricky.name = "+Plus; \"de\" supermarkt, vers"
        tricky.branch = "@super"
        tricky.fte = 0.125
        let rows = Self.expectedBusinesses + [tricky]
        let text = CSV.encode([BusinessCSV.header] + rows.map(BusinessCSV.row), delimiter: delimiter)
        #expect(try BusinessCSV.read(text, premisesKeys: Self.premisesKeys) == rows)
    }

    @Test(
        arguments: [
            ("sleutel", "", "sleutel is verplicht"),
            ("sleutel", "b/1", "'b/1' is geen geldige sleutel: alleen letters, cijfers, - en _, hoogstens 40 tekens"),
            ("naam", "", "naam is verplicht"),
            ("naam", String(repeating: "n", count: 201), "naam is langer dan 200 tekens"),
            ("branche", "", "branche is verplicht"),
            ("keten", "misschien", "'misschien' is geen ja of nee"),
            ("kvk", "1234", "'1234' is geen KvK-nummer van 8 cijfers"),
            ("kvk", "1234 5678", "'1234 5678' is geen KvK-nummer van 8 cijfers"),
            ("banen", "", "banen is verplicht"),
            ("banen", "veel", "'veel' is geen geheel getal"),
            ("banen", "-1", "'-1' is geen geheel getal"),
            ("banen", "10001", "10001 ligt niet tussen 0 en 10000"),
            ("fte", "-1", "'-1' is geen getal"),
            ("fte", "twee", "'twee' is geen getal"),
            ("fte", "1,2,3", "'1,2,3' is geen getal"),
            ("panden", "", "panden is verplicht: ten minste één pand"),
            ("panden", " | ", "panden is verplicht: ten minste één pand"),
            ("panden", "p1|p9", "'p9' is geen bekend pand"),
            ("panden", "p1|p1", "pand 'p1' staat er meer dan één keer"),
            ("ma", "18:00-10:00", "'18:00-10:00': de sluitingstijd ligt niet na de openingstijd"),
            ("di", "10:00-10:00", "'10:00-10:00': de sluitingstijd ligt niet na de openingstijd"),
            ("wo", "10-18", "'10-18' is geen openingstijd zoals 10:00-18:00 of gesloten"),
            ("do", "10:00", "'10:00' is geen openingstijd zoals 10:00-18:00 of gesloten"),
            ("vr", "10:60-18:00", "'10:60-18:00' is geen openingstijd zoals 10:00-18:00 of gesloten"),
            ("za", "25:00-26:00", "'25:00-26:00' is geen openingstijd zoals 10:00-18:00 of gesloten"),
            ("zo", "dicht", "'dicht' is geen openingstijd zoals 10:00-18:00 of gesloten"),
        ])
    func businessValueRefused(column: String, value: String, message: String) {
        #expect(
            businessProblems(Self.businessFile([column: value])) == [
                FieldProblem(field: column, message: message, line: 2)
            ])
    }

    @Test func closingAtMidnightIsAllowed() throws {
        let rows = try BusinessCSV.read(Self.businessFile(["za": "18:00-24:00"]), premisesKeys: Self.premisesKeys)
        #expect(rows[0].openingHours["za"] == "18:00-24:00")
        #expect(rows[0].openingHours.keys.sorted() == BusinessCSV.days.sorted())
    }

    @Test func geslotenAndEmptyAreClosed() throws {
        let rows = try BusinessCSV.read(
            Self.businessFile(["ma": "gesloten", "di": "GESLOTEN", "wo": "9:00-17:00"]),
            premisesKeys: Self.premisesKeys)
        #expect(rows[0].openingHours["ma"] == .some(nil))
        #expect(rows[0].openingHours["di"] == .some(nil))
        #expect(rows[0].openingHours["do"] == .some(nil))
        #expect(rows[0].openingHours["wo"] == "09:00-17:00")
    }

    @Test func severalBadBusinessLinesAreReportedTogether() {
        let text = """
            sleutel;naam;branche;banen;panden;ma
            b1;Boekhandel;boeken;3;p1;10:00-18:00
            b2;;boeken;veel;p9;18:00-10:00
            b1;Slager;vlees;2;p2;
            b4;Bakker;brood;1;
            """
        #expect(
            businessProblems(text) == [
                FieldProblem(field: "regel", message: "5 velden, verwacht 6", line: 5),
                FieldProblem(field: "naam", message: "naam is verplicht", line: 3),
                FieldProblem(field: "banen", message: "'veel' is geen geheel getal", line: 3),
                FieldProblem(field: "panden", message: "'p9' is geen bekend pand", line: 3),
                FieldProblem(
                    field: "ma", message: "'18:00-10:00': de sluitingstijd ligt niet na de openingstijd", line: 3),
                FieldProblem(field: "sleutel", message: "sleutel 'b1' staat ook op regel 2", line: 4),
            ])
    }

    @Test func businessHeaderProblems() {
        #expect(
            businessProblems("sleutel;naam;branche;banen;panden;maandag\n") == [
                FieldProblem(
                    field: "maandag",
                    message: "onbekende kolom; bekende kolommen: \(BusinessCSV.header.joined(separator: ", "))", line: 1
                )
            ])
        #expect(
            businessProblems("sleutel;naam\nb1;Bakker\n") == [
                FieldProblem(field: "banen", message: "kolom ontbreekt", line: 1),
                FieldProblem(field: "branche", message: "kolom ontbreekt", line: 1),
                FieldProblem(field: "panden", message: "kolom ontbreekt", line: 1),
            ])
        #expect(businessProblems("\n\n") == [FieldProblem(field: "bestand", message: "het bestand is leeg")])
        #expect(
            businessProblems("sleutel,naam,branche,banen,panden\n") == [
                FieldProblem(field: "bestand", message: "het bestand heeft geen bedrijven", line: 2)
            ])
    }
}
