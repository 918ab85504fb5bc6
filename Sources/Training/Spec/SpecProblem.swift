/// One thing wrong with a training-set spec, located by its YAML path (`features[1].ttl`).
public struct SpecProblem: Sendable, Hashable, CustomStringConvertible {
    /// The path of the offending node: keys joined by `.`, sequence items as `[i]`; empty for the document.
    public let path: String
    /// What is wrong and what is expected.
    public let message: String

    /// Creates a problem.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

extension TrainingError {
    /// An `.invalidSpec` error listing every problem, one per line; `context` is the first problem's path.
    static func invalidSpec(_ problems: [SpecProblem]) -> TrainingError {
        let lines = problems.map(\.description).joined(separator: "\n")
        let noun = problems.count == 1 ? "problem" : "problems"
        return TrainingError(.invalidSpec, "the training-set spec has \(problems.count) \(noun):\n\(lines)",
                             context: problems.first?.path)
    }
}
