/// One problem with user input, named by the field (and the line, for imports), in Dutch.
public struct FieldProblem: Error, Hashable, Codable, Sendable {
    public var field: String
    public var message: String
    public var line: Int?

    public init(field: String, message: String, line: Int? = nil) {
        self.field = field
        self.message = message
        self.line = line
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
}
