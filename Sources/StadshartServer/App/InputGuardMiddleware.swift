import Foundation
import StadshartCore
import Vapor

/// One guard in front of every route for what no text may carry, whatever the route: control
/// characters (a NUL is cut off by SQLite and refused by PostgreSQL) and more than
/// `TextLimit.anyField` characters in one field. It reads the query, form fields and JSON values;
/// CSV bodies and uploaded files are checked line by line by the importers. Field limits that fit
/// each use are checked by the rules in Core.
struct InputGuardMiddleware: AsyncMiddleware {
    static let maximumBody = 2 * 1024 * 1024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // A path segment with a control character names nothing that exists.
        if request.url.path.removingPercentEncoding.map({ TextRules.forbiddenCharacter(in: $0) != nil }) ?? true {
            throw Abort(.notFound)
        }
        var problems = Self.queryProblems(request.url.query)
        if [.POST, .PUT, .PATCH].contains(request.method) {
            if request.body.data == nil { _ = try await request.body.collect(max: Self.maximumBody).get() }
            problems += Self.bodyProblems(request)
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return try await next.respond(to: request)
    }

    static func queryProblems(_ query: String?) -> [FieldProblem] {
        guard let query, !query.isEmpty else { return [] }
        return URLComponents(string: "?" + query)?.queryItems?.compactMap {
            TextRules.problem(field: $0.name, $0.value, limit: TextLimit.anyField)
        } ?? [FieldProblem(field: "adres", message: "de zoekvraag in het adres is onleesbaar")]
    }

    static func bodyProblems(_ request: Request) -> [FieldProblem] {
        guard let buffer = request.body.data, buffer.readableBytes > 0 else { return [] }
        let type = request.headers.contentType
        if type == .urlEncodedForm {
            return FormBody(request).pairs.compactMap {
                TextRules.problem(field: $0.0, $0.1, limit: TextLimit.anyField)
            }
        }
        if type == .json || type?.subType.hasSuffix("+json") == true {
            // A body that is not JSON after all is the route's to refuse (an import reads CSV itself).
            guard
                let value = try? JSONSerialization.jsonObject(with: Data(buffer: buffer), options: [.fragmentsAllowed])
            else { return [] }
            var problems: [FieldProblem] = []
            walk(value, path: "", into: &problems)
            return problems
        }
        if type?.type == "multipart" {
            // Control characters only: an uploaded file is longer than any field, and its lines and
            // columns are the importer's to measure.
            let parts = (try? request.content.decode([String: String].self)) ?? [:]
            return parts.sorted { $0.key < $1.key }.compactMap {
                TextRules.problem(field: $0.key, $0.value, limit: .max)
            }
        }
        return []
    }

    /// Every string (and every key) in a JSON value, named by its path: "partners.0.organisation".
    private static func walk(_ value: Any, path: String, into problems: inout [FieldProblem]) {
        func child(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }
        switch value {
        case let text as String:
            if let problem = TextRules.problem(field: path.isEmpty ? "inhoud" : path, text, limit: TextLimit.anyField) {
                problems.append(problem)
            }
        case let object as [String: Any]:
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                if let problem = TextRules.problem(field: child("(naam)"), key, limit: TextLimit.name) {
                    problems.append(problem)
                }
                walk(item, path: child(key), into: &problems)
            }
        case let array as [Any]:
            for (index, item) in array.enumerated() { walk(item, path: child(String(index)), into: &problems) }
        default:
            break
        }
    }
}

extension Request {
    /// The JSON body as `T`. An empty body reads as `{}`, so the input's own checks name every
    /// missing field; a body that is not JSON is refused with 415.
    func json<T: Decodable>(_ type: T.Type) throws -> T {
        let bytes = body.data.map { Data(buffer: $0) } ?? Data()
        let isEmpty = bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if !isEmpty, let contentType = headers.contentType, contentType != .json,
            !contentType.subType.hasSuffix("+json")
        {
            throw StadshartError(
                status: .unsupportedMediaType, title: "Soort inhoud niet ondersteund",
                detail:
                    "Stuur de gegevens als JSON (Content-Type: application/json), niet als \(contentType.serialize()).")
        }
        return try JSONDecoder().decode(T.self, from: isEmpty ? Data("{}".utf8) : bytes)
    }
}
