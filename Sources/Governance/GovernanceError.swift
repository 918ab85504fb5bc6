import Contracts

/// An error raised while reading or combining policy bundles.
public struct GovernanceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The bundle text is not well-formed YAML or not a policy bundle.
        public static let malformedBundle = Kind(name: "malformedBundle")
        /// A field of the bundle holds a value of the wrong shape or out of range.
        public static let invalidValue = Kind(name: "invalidValue")
        /// A domain policy tries to loosen or remove a rule of the global bundle.
        public static let weakensGlobalRule = Kind(name: "weakensGlobalRule")
        /// Two definitions of one glossary term disagree.
        public static let conflictingDefinition = Kind(name: "conflictingDefinition")
        /// An expression does not parse or does not type-check.
        public static let invalidExpression = Kind(name: "invalidExpression")
        /// An expression exceeded its evaluation budget.
        public static let evaluationLimit = Kind(name: "evaluationLimit")
        public var description: String { name }
    }

    /// The broad kind of failure.
    public let kind: Kind
    /// A message a person can act on, naming the rule or field involved.
    public let message: String
    /// The id of the rule involved, if any.
    public let rule: String?
    /// The YAML path in the bundle involved, if any.
    public let path: YAMLPath?
    /// The 1-based line in the bundle, if known.
    public let line: Int?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, rule: String? = nil, path: YAMLPath? = nil, line: Int? = nil) {
        self.kind = kind
        self.message = message
        self.rule = rule
        self.path = path
        self.line = line
    }

    public var description: String {
        var prefix = ""
        if let path, !path.isRoot { prefix = "\(path)" }
        if let line { prefix += prefix.isEmpty ? "line \(line)" : " (line \(line))" }
        return prefix.isEmpty ? message : "\(prefix): \(message)"
    }
}
