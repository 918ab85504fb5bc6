/// One problem found in a contract: where it is, what is wrong, and which rule says so.
public struct LintProblem: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The contract is rejected.
        case error
        /// Reported; the contract is still accepted.
        case warning
    }

    /// Whether the problem rejects the contract.
    public var severity: Severity
    /// The rule that found it (`odcs.required`, `mesh.uniqueName`, `quality.operator`...).
    public var rule: String
    /// Where in the document (`schema[0].properties[2].logicalType`).
    public var path: YAMLPath
    /// The 1-based source line, when known.
    public var line: Int?
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates a problem.
    public init(_ severity: Severity, rule: String, path: YAMLPath, line: Int?, message: String) {
        self.severity = severity
        self.rule = rule
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path (line N): message [rule]`, the form the CLI prints.
    public var description: String {
        let location = line.map { "\(path) (line \($0))" } ?? "\(path)"
        return "\(severity.rawValue): \(location): \(message) [\(rule)]"
    }

    /// Problems sort by line, then path.
    public static func < (a: LintProblem, b: LintProblem) -> Bool {
        ((a.line ?? Int.max), a.path.description, a.rule) < ((b.line ?? Int.max), b.path.description, b.rule)
    }
}

extension Array where Element == LintProblem {
    /// The problems that reject the contract.
    public var errors: [LintProblem] { filter { $0.severity == .error } }
    /// The problems that only warn.
    public var warnings: [LintProblem] { filter { $0.severity == .warning } }
}
