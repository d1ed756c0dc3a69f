import Foundation
import Vapor

/// Reads a file in one of Stadshart's JSON formats (a centre, its register, its monitor), or
/// says in Dutch what is wrong with it and where.
enum JSONFile {
    /// `what` names the kind of file in the message: "binnenstadsbestand", "registerbestand", …
    static func read<T: Decodable>(_ type: T.Type, from path: String, what: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StadshartError.notFound("Bestand '\(path)' is niet te lezen.")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw StadshartError(
                status: .badRequest, title: "Onleesbaar bestand",
                detail: "'\(path)' is geen geldig \(what): \(ProblemMiddleware.describe(error))")
        }
    }
}
