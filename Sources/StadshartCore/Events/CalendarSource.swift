import Foundation

/// A regional calendar as the coordinator describes it: its key, its name and the address its
/// feed is fetched from on a schedule. Without an address it is only imported by hand.
public struct CalendarSourceInput: Codable, Equatable, Sendable {
    public var key: String?
    public var name: String?
    public var url: String?

    public init(key: String? = nil, name: String? = nil, url: String? = nil) {
        self.key = key
        self.name = name
        self.url = url
    }

    /// Every problem at once, by field, in Dutch. A new source needs its address; a change may
    /// leave it empty, which stops the scheduled fetching.
    public func validate(requireURL: Bool) throws -> ValidCalendarSource {
        var problems: [FieldProblem] = []
        let key = CalendarSource.key(self.key ?? "")
        if key == nil { problems.append(FieldProblem(field: "key", message: CalendarSource.keyRule)) }
        let name = (self.name ?? "").trimmed
        if name.isEmpty {
            problems.append(FieldProblem(field: "name", message: "vul een naam in"))
        } else if name.count > TextLimit.name {
            problems.append(FieldProblem(field: "name", message: "hoogstens \(TextLimit.name) tekens"))
        }
        var url: String?
        switch CalendarSource.address(self.url ?? "") {
        case .success(let address):
            url = address
            if address == nil && requireURL {
                problems.append(
                    FieldProblem(
                        field: "url", message: "vul het adres van de kalender in, bv. https://www.example.nl/agenda.ics"
                    ))
            }
        case .failure(let problem):
            problems.append(FieldProblem(field: "url", message: problem.message))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return ValidCalendarSource(key: key ?? "", name: name, url: url)
    }
}

public struct ValidCalendarSource: Equatable, Sendable {
    public var key: String
    public var name: String
    public var url: String?
}

public enum CalendarSource {
    public static let keyRule = "2 tot 40 tekens: kleine letters, cijfers en streepjes"
    /// Longer addresses are not feeds people type or paste.
    public static let maxURL = 2000

    /// A calendar's key, read in lower case: 2 to 40 letters, digits and hyphens; nil otherwise.
    public static func key(_ text: String) -> String? {
        let key = text.trimmed.lowercased()
        guard (2...40).contains(key.count),
            key.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" })
        else { return nil }
        return key
    }

    public struct AddressProblem: Error, Equatable, Sendable {
        public var message: String
    }

    /// The feed's address: nil when empty, the trimmed address when it is http or https with a
    /// host; any other scheme (file, ftp, webcal, …) is refused, so the server only ever fetches
    /// over the web.
    public static func address(_ text: String) -> Result<String?, AddressProblem> {
        let address = text.trimmed
        if address.isEmpty { return .success(nil) }
        if address.count > maxURL { return .failure(AddressProblem(message: "hoogstens \(maxURL) tekens")) }
        let example = "schrijf bv. https://www.example.nl/agenda.ics"
        guard address.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }),
            let components = URLComponents(string: address), let scheme = components.scheme?.lowercased()
        else {
            return .failure(AddressProblem(message: "dit is geen webadres; \(example)"))
        }
        if scheme == "webcal" {
            return .failure(
                AddressProblem(message: "een webcal-adres werkt hier als https: vervang webcal:// door https://"))
        }
        guard scheme == "http" || scheme == "https" else {
            return .failure(AddressProblem(message: "alleen een adres dat begint met http:// of https://"))
        }
        guard let host = components.host, !host.isEmpty else {
            return .failure(AddressProblem(message: "er staat geen server in dit adres; \(example)"))
        }
        return .success(address)
    }
}
