import StadshartCore

/// The words a synthetic country is made of. Town names are real, so pages read naturally;
/// everything in them is made up.
enum SyntheticNames {
    /// Assen is left out: it is the demo, and a database may hold both.
    static let towns = [
        "Alkmaar", "Almelo", "Alphen aan den Rijn", "Amersfoort", "Apeldoorn", "Arnhem", "Bergen op Zoom",
        "Beverwijk", "Bolsward", "Breda", "Bussum", "Culemborg", "Delft", "Den Helder", "Deventer", "Doetinchem",
        "Dordrecht", "Drachten", "Ede", "Eindhoven", "Emmen", "Enkhuizen", "Enschede", "Franeker", "Goes",
        "Gorinchem", "Gouda", "Groningen", "Haarlem", "Harderwijk", "Harlingen", "Heerenveen", "Heerlen",
        "Helmond", "Hengelo", "Heusden", "Hilversum", "Hoogeveen", "Hoorn", "Kampen", "Katwijk", "Leeuwarden",
        "Leiden", "Lelystad", "Maastricht", "Meppel", "Middelburg", "Naarden", "Nijmegen", "Oldenzaal", "Oss",
        "Purmerend", "Roermond", "Roosendaal", "Schiedam", "Sittard", "Sneek", "Steenwijk", "Terneuzen",
        "Tiel", "Tilburg", "Utrecht", "Veendam", "Veenendaal", "Venlo", "Venray", "Vlaardingen", "Vlissingen",
        "Weert", "Winschoten", "Winterswijk", "Woerden", "Zaandam", "Zaltbommel", "Zeist", "Zierikzee",
        "Zutphen", "Zwolle", "Alblasserdam", "Barneveld", "Bergen", "Boxmeer", "Brielle", "Coevorden",
        "Dokkum", "Elburg", "Geldrop", "Gorssel", "Hattem", "Hellevoetsluis", "Hoensbroek", "Hulst",
        "IJsselstein", "Kerkrade", "Lochem", "Maassluis", "Montfoort", "Nijkerk", "Noordwijk", "Nunspeet",
        "Oosterhout", "Rhenen", "Schagen", "Sluis", "Stadskanaal", "Tholen", "Uden", "Valkenburg", "Vianen",
        "Waalwijk", "Wageningen", "Workum", "Zevenaar", "Zoetermeer",
    ]

    static let streets = [
        "Markt", "Grote Markt", "Kerkstraat", "Hoofdstraat", "Langestraat", "Nieuwstraat", "Molenstraat",
        "Torenstraat", "Kruisstraat", "Brink", "Marktstraat", "Steenstraat", "Kortestraat", "Walstraat",
        "Havenstraat", "Oude Haven", "Nieuwe Haven", "Poortstraat", "Vismarkt", "Kaasmarkt", "Beestenmarkt",
        "Korenmarkt", "Hoogstraat", "Lage Gouwe", "Ridderstraat", "Schoolstraat", "Gasthuisstraat",
        "Kloosterstraat", "Begijnenstraat", "Bakkerstraat", "Smedenstraat", "Vleeshouwerstraat", "Rozenstraat",
        "Lindenlaan", "Stationsstraat", "Stationsplein", "Wilhelminastraat", "Julianastraat", "Oranjestraat",
        "Nassaustraat", "Raadhuisplein", "Stadhuisstraat", "Koestraat", "Paardenmarkt", "Visstraat",
        "Zuiderdiep", "Noorderdiep", "Westerstraat", "Oosterstraat", "Zandstraat", "Turfmarkt", "Houtmarkt",
        "Kerkplein", "Singel", "Veerstraat", "Burgwal", "Achterom", "Herenstraat",
    ]

    static let surnames = [
        "De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder", "De Groot", "Bos",
        "Vos", "Peters", "Hendriks", "Van Dijk", "Dekker", "Brouwer", "De Wit", "Dijkstra", "Smits", "De Graaf",
        "Van der Meer", "Kok", "Jacobs", "De Haan", "Vermeulen", "Van den Berg", "Van der Linden", "Kramer",
        "Schouten", "Hoekstra", "Van Leeuwen", "Koster", "Prins", "Huisman", "Kuipers", "Van Dam", "Postma",
        "Willems", "Hofman", "Veenstra", "Scholten", "Van Wijk", "Timmermans", "Groen", "Gerritsen", "Post",
        "Boersma", "Molenaar", "Verhoeven", "Blom", "Wouters", "Kuiper", "Brink", "Lammers", "Sanders",
    ]

    static let shopWords = [
        "Het Hart", "De Kroon", "De Gouden Leeuw", "Het Anker", "De Zwaan", "Het Wapen", "De Hoek", "De Linde",
        "Het Pakhuis", "De Poort", "Het Atelier", "De Toren", "Het Plein", "De Markt", "De Molen", "Het Huis",
    ]

    /// A kind of business: the function of the premises it fits in, how many people it employs,
    /// how it is named and when it opens.
    struct Branch {
        let code: String
        let function: PremisesFunction
        let jobs: ClosedRange<Int>
        let names: [String]
        let hours: OpeningHours
        /// Chains that have this kind of shop; empty when chains are rare in the branch.
        let chains: [String]
    }

    enum OpeningHours: CaseIterable {
        case shop, shopWithSunday, catering, nightlife, office, appointments

        /// As the register stores it: a JSON object from weekday to hours or null, keys sorted.
        var json: String {
            let days = ["di", "do", "ma", "vr", "wo", "za", "zo"]
            let hours: [String: String] =
                switch self {
                case .shop:
                    [
                        "ma": "13:00-18:00", "di": "09:30-18:00", "wo": "09:30-18:00", "do": "09:30-21:00",
                        "vr": "09:30-18:00", "za": "09:30-17:00",
                    ]
                case .shopWithSunday:
                    [
                        "ma": "12:00-18:00", "di": "09:00-18:00", "wo": "09:00-18:00", "do": "09:00-21:00",
                        "vr": "09:00-18:00", "za": "09:00-17:00", "zo": "12:00-17:00",
                    ]
                case .catering:
                    [
                        "di": "10:00-22:00", "wo": "10:00-22:00", "do": "10:00-22:00", "vr": "10:00-23:00",
                        "za": "10:00-23:00", "zo": "11:00-21:00",
                    ]
                case .nightlife:
                    ["do": "16:00-01:00", "vr": "16:00-03:00", "za": "14:00-03:00", "zo": "14:00-23:00"]
                case .office:
                    [
                        "ma": "09:00-17:00", "di": "09:00-17:00", "wo": "09:00-17:00", "do": "09:00-17:00",
                        "vr": "09:00-17:00",
                    ]
                case .appointments:
                    [
                        "di": "09:00-17:30", "wo": "09:00-17:30", "do": "09:00-20:00", "vr": "09:00-17:30",
                        "za": "08:30-16:00",
                    ]
                }
            let members = days.map { day in "\"\(day)\":" + (hours[day].map { "\"\($0)\"" } ?? "null") }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    static let branches: [Branch] = [
        Branch(
            code: "mode", function: .detailhandel, jobs: 2...12, names: ["Modehuis %", "Boutique %", "% Mode"],
            hours: .shopWithSunday, chains: ["Stijlvol", "Denim & Co", "Modeplein", "Jasmijn Fashion"]),
        Branch(
            code: "schoenen", function: .detailhandel, jobs: 2...6, names: ["Schoenen %", "% Schoenmode"],
            hours: .shopWithSunday, chains: ["Stapvoets", "Schoenenhal"]),
        Branch(
            code: "bakker", function: .detailhandel, jobs: 3...9, names: ["Bakkerij %", "Warme Bakker %"],
            hours: .shop, chains: ["Broodhuys"]),
        Branch(
            code: "slager", function: .detailhandel, jobs: 2...5, names: ["Slagerij %", "Keurslager %"],
            hours: .shop, chains: []),
        Branch(
            code: "supermarkt", function: .detailhandel, jobs: 20...60, names: ["Supermarkt %"],
            hours: .shopWithSunday, chains: ["Buurtsuper", "Dagvers"]),
        Branch(
            code: "drogisterij", function: .detailhandel, jobs: 4...10, names: ["Drogisterij %"],
            hours: .shopWithSunday, chains: ["Zorgzaam", "Drogist Plus"]),
        Branch(
            code: "boeken", function: .detailhandel, jobs: 2...7, names: ["Boekhandel %", "Boekhuis %"],
            hours: .shop, chains: ["Leeshuis"]),
        Branch(
            code: "optiek", function: .detailhandel, jobs: 2...5, names: ["Optiek %", "% Brillen"], hours: .shop,
            chains: ["Helder Zicht"]),
        Branch(
            code: "juwelier", function: .detailhandel, jobs: 1...4, names: ["Juwelier %", "Goudsmid %"],
            hours: .shop, chains: []),
        Branch(
            code: "cadeau", function: .detailhandel, jobs: 1...4, names: ["Cadeauwinkel %", "% Woonaccessoires"],
            hours: .shopWithSunday, chains: ["Cadeaustraat"]),
        Branch(
            code: "elektronica", function: .detailhandel, jobs: 3...10, names: ["% Elektro"],
            hours: .shopWithSunday, chains: ["Stroom & Zo", "Telefoonhuis"]),
        Branch(
            code: "fietsen", function: .detailhandel, jobs: 2...6, names: ["Rijwielhandel %", "Fietsen %"],
            hours: .shop, chains: []),
        Branch(
            code: "bloemen", function: .detailhandel, jobs: 1...4, names: ["Bloemen %", "Bloembinderij %"],
            hours: .shop, chains: []),
        Branch(
            code: "tweedehands", function: .detailhandel, jobs: 1...6, names: ["Kringloop %", "Vintage %"],
            hours: .shop, chains: []),
        Branch(
            code: "restaurant", function: .horeca, jobs: 4...18, names: ["Restaurant %", "Bistro %", "Eethuis %"],
            hours: .catering, chains: []),
        Branch(
            code: "cafe", function: .horeca, jobs: 3...12, names: ["Café %", "Grand café %"], hours: .nightlife,
            chains: []),
        Branch(
            code: "lunchroom", function: .horeca, jobs: 2...8, names: ["Lunchroom %", "Koffiehuis %"],
            hours: .catering, chains: ["Bonenbar"]),
        Branch(
            code: "snackbar", function: .horeca, jobs: 2...7, names: ["Cafetaria %", "Snackbar %"], hours: .catering,
            chains: []),
        Branch(
            code: "kapper", function: .dienstverlening, jobs: 1...6, names: ["Kapsalon %", "Haarmode %"],
            hours: .appointments, chains: ["Knipkunst"]),
        Branch(
            code: "schoonheid", function: .dienstverlening, jobs: 1...4, names: ["Schoonheidssalon %"],
            hours: .appointments, chains: []),
        Branch(
            code: "reisbureau", function: .dienstverlening, jobs: 2...5, names: ["Reisbureau %"], hours: .shop,
            chains: ["Wereldreizen"]),
        Branch(
            code: "makelaar", function: .dienstverlening, jobs: 2...8, names: ["Makelaardij %"], hours: .office,
            chains: []),
        Branch(
            code: "fitness", function: .leisure, jobs: 3...10, names: ["Sportschool %", "Fitness %"],
            hours: .shopWithSunday, chains: ["Vitaal Fit"]),
        Branch(
            code: "escaperoom", function: .leisure, jobs: 2...5, names: ["Escaperoom %"], hours: .nightlife,
            chains: []),
        Branch(
            code: "galerie", function: .cultuur, jobs: 1...3, names: ["Galerie %", "Kunsthandel %"], hours: .shop,
            chains: []),
        Branch(
            code: "theater", function: .cultuur, jobs: 4...15, names: ["Filmhuis %", "Podium %"], hours: .nightlife,
            chains: []),
        Branch(
            code: "adviesbureau", function: .kantoor, jobs: 2...25, names: ["Adviesbureau %", "% Advies"],
            hours: .office, chains: []),
        Branch(
            code: "advocatuur", function: .kantoor, jobs: 2...15, names: ["Advocatenkantoor %"], hours: .office,
            chains: []),
        Branch(
            code: "accountancy", function: .kantoor, jobs: 3...20, names: ["Accountantskantoor %"],
            hours: .office, chains: []),
        Branch(
            code: "lijstenmaker", function: .ambacht, jobs: 1...3, names: ["Lijstenmakerij %", "Atelier %"],
            hours: .shop, chains: []),
        Branch(
            code: "huisarts", function: .maatschappelijk, jobs: 4...14, names: ["Huisartsenpraktijk %"],
            hours: .office, chains: []),
        Branch(
            code: "welzijn", function: .maatschappelijk, jobs: 2...10, names: ["Buurtcentrum %", "Inloophuis %"],
            hours: .office, chains: []),
        Branch(
            code: "opslag", function: .overig, jobs: 1...2, names: ["Opslag %"], hours: .office, chains: []),
    ]

    /// The branches that fit a function; wonen has none (a flat has no business in the register).
    static let branchesByFunction: [PremisesFunction: [Branch]] = Dictionary(grouping: branches, by: \.function)

    /// Why a premises fell empty, as often as the register of Assen names them.
    static let vacancyReasons: [(String, Int)] = [
        ("huurbeëindiging", 50), ("verhuizing", 16), ("bedrijfsbeëindiging", 14), ("faillissement", 14),
        ("verbouwing", 3), ("onbekend", 3),
    ]
}
