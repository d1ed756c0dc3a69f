/// One problem with user input, named by the field (and the line, for imports), in Dutch.
public struct FieldProblem: Error, Hashable, Codable, Sendable {
    public var field: String
    public var message: String
    public var line: Int?
    /// The input is well formed but clashes with what is stored (a key in use, a vacancy that is
    /// already open): the API answers 409 Conflict instead of 422.
    public var clashes = false

    enum CodingKeys: String, CodingKey { case field, message, line }

    public init(field: String, message: String, line: Int? = nil) {
        self.field = field
        self.message = message
        self.line = line
    }

    /// A problem with the stored state rather than with the input itself.
    public static func clash(field: String, message: String, line: Int? = nil) -> FieldProblem {
        var problem = FieldProblem(field: field, message: message, line: line)
        problem.clashes = true
        return problem
    }

    /// "regel 4, budget: geen geldig bedrag" or "budget: geen geldig bedrag".
    public var text: String {
        if let line { return "regel \(line), \(field): \(message)" }
        return "\(field): \(message)"
    }
}

/// Every problem found in one input; thrown so that nothing is written.
public struct InvalidInput: Error, Sendable {
    public var problems: [FieldProblem]
    public init(_ problems: [FieldProblem]) { self.problems = problems }

    /// Every problem is a clash with what is stored: nothing is wrong with the input as such.
    public var onlyClashes: Bool { !problems.isEmpty && problems.allSatisfy(\.clashes) }
}
