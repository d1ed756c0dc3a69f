import Foundation

/// Where the public reaches the partnership: shown in every page's footer and wherever a public
/// page says "neem contact op". A centre names it in its centre file.
public struct CentreContact: Codable, Equatable, Sendable {
    /// Who answers: usually the city-centre organisation.
    public var organisation: String
    public var email: String?
    public var phone: String?
    public var address: String?
    public var website: String?

    public init(
        organisation: String, email: String? = nil, phone: String? = nil, address: String? = nil,
        website: String? = nil
    ) {
        self.organisation = organisation
        self.email = email
        self.phone = phone
        self.address = address
        self.website = website
    }

    /// A link for the phone number: digits and a leading plus only.
    public var phoneLink: String? {
        phone.map { "tel:" + $0.filter { $0.isNumber || $0 == "+" } }
    }

    public var problems: [FieldProblem] {
        var problems: [FieldProblem] = []
        if organisation.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(FieldProblem(field: "contact.organisation", message: "noem wie vragen beantwoordt"))
        }
        if let email, !email.contains("@") || email.contains(" ") {
            problems.append(FieldProblem(field: "contact.email", message: "'\(email)' is geen e-mailadres"))
        }
        if let website, !(website.hasPrefix("https://") || website.hasPrefix("http://")) {
            problems.append(
                FieldProblem(field: "contact.website", message: "'\(website)': begin het webadres met https://"))
        }
        return problems
    }
}
