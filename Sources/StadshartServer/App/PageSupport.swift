import Foundation
import StadshartCore
import Vapor

extension Request {
    /// A form shown again with its problems: 422, so scripts and tests see the refusal.
    func rerender(_ template: String, _ page: some Encodable) async throws -> Response {
        let response = try await view.render(template, page).encodeResponse(for: self)
        response.status = .unprocessableEntity
        return response
    }
}

/// The inputs of one form: for every field name a service may name in a problem, the id of its
/// input in the page and its Dutch label. A refused form is shown through this table, so the page
/// speaks of "Budget", never of the key `budget`, and every problem can link to its input.
struct FormFields: Sendable {
    struct Field: Sendable {
        var id: String
        var label: String
    }

    /// The form's name in the page; its summary gets the id "<form>-problems".
    var form: String
    var fields: [String: Field]
    /// Where a problem of no known field links to (the first input, or the file of an import).
    var fallback: String

    /// `(field name, input id, label)`; the first input is the fallback.
    init(form: String, _ list: [(name: String, id: String, label: String)]) {
        self.form = form
        self.fields = Dictionary(
            list.map { ($0.name, Field(id: $0.id, label: $0.label)) }, uniquingKeysWith: { a, _ in a })
        self.fallback = list.first?.id ?? form
    }

    /// Inputs whose id is their field name: `(field name, label)`.
    init(form: String, labels: [(name: String, label: String)]) {
        self.init(form: form, labels.map { ($0.name, $0.name, $0.label) })
    }

    /// What the form sent, by input id (only the fields this form declares).
    func sent(_ body: FormBody) -> [String: String] {
        Dictionary(
            fields.compactMap { name, field in body[name].map { (field.id, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The form refused for these problems, as its page shows it.
    func errors(_ problems: [FieldProblem], heading: String = FormErrors.notSaved) -> FormErrors {
        var items: [FormErrors.Item] = []
        var messages: [String: String] = [:]
        var lines = 0
        for problem in problems {
            guard let field = fields[problem.field], problem.line == nil else {
                // A line of an uploaded file names its column as the file does; anything else
                // without a label of this form is shown as its message alone, never as a key.
                if problem.line != nil { lines += 1 }
                let text = problem.line == nil ? FormErrors.sentence(problem.message) : problem.text
                items.append(FormErrors.Item(href: "#" + fallback, text: text))
                continue
            }
            items.append(FormErrors.Item(href: "#" + field.id, text: "\(field.label): \(problem.message)"))
            messages[field.id] = messages[field.id].map { $0 + "; " + problem.message } ?? problem.message
        }
        if lines > 0 {
            // The lines of a file belong to its input: it is marked, and its message counts them.
            let count = lines == 1 ? "1 fout" : "\(lines) fouten"
            let text = "\(count) in het bestand; zie de lijst hierboven"
            messages[fallback] = messages[fallback].map { $0 + "; " + text } ?? text
        }
        return FormErrors(form: form, heading: heading, items: items, messages: messages)
    }

    /// A refusal of the whole form (the plan is not complete, a right is missing): one line in the
    /// summary, linking to where the reader can do something about it.
    func refusal(_ text: String, target: String? = nil) -> FormErrors {
        FormErrors(
            form: form, heading: FormErrors.notSaved,
            items: [FormErrors.Item(href: "#" + (target ?? fallback), text: FormErrors.sentence(text))], messages: [:])
    }
}

/// A refused form as its page shows it: a summary directly above the form (Resources/Views/
/// error-summary.leaf), each problem with its Dutch label and a link to its input, and each
/// input's own message, by input id, for the template to tie to the input with
/// aria-describedby and aria-invalid.
///
/// Focus, without JavaScript: the summary is focusable (tabindex -1) and has `autofocus`, so the
/// browser focuses it, and scrolls it into view, when the 422 page loads, wherever on a long page
/// the form is. A fragment on the form's action (`action="…#fout"`) would scroll as well, but a
/// redirect without a fragment of its own inherits the request's, so every successful save would
/// land on an address ending in `#fout`.
struct FormErrors: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var href: String
        var text: String
    }

    static let notSaved = "Niets opgeslagen. Verbeter de volgende punten:"
    static let notImported = "Niets geïmporteerd. Verbeter het bestand:"

    /// Which form of the page was refused: only that form shows the summary.
    var form: String
    var heading: String
    var items: [Item]
    /// The message of each input with a problem, by the input's id.
    var messages: [String: String]
    /// What was sent, by input id, for forms whose page does not keep the input otherwise:
    /// a refused form shows what the person typed, to be corrected, not an empty form.
    var sent: [String: String] = [:]

    /// The id of the summary element.
    var id: String { form + "-problems" }

    enum CodingKeys: String, CodingKey { case form, heading, items, messages, sent, id }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(form, forKey: .form)
        try container.encode(heading, forKey: .heading)
        try container.encode(items, forKey: .items)
        try container.encode(messages, forKey: .messages)
        try container.encode(sent, forKey: .sent)
        try container.encode(id, forKey: .id)
    }

    /// A message as a sentence of its own: its first letter a capital.
    static func sentence(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}

/// A label and a number, for the small tables of counts on several pages.
struct LabelledCount: Encodable {
    var label: String
    var count: Int
}

/// Instants as people in the Netherlands read them: "14-12-2018 09:05", Amsterdam time.
enum DutchTime {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        return calendar
    }()

    static func instant(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let minute = parts.minute! < 10 ? "0\(parts.minute!)" : "\(parts.minute!)"
        let hour = parts.hour! < 10 ? "0\(parts.hour!)" : "\(parts.hour!)"
        return "\(parts.day!)-\(parts.month!)-\(parts.year!) \(hour):\(minute)"
    }
}
