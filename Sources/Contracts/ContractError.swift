/// An error raised while reading, writing or comparing a data contract.
public struct ContractError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The text is not well-formed YAML.
        public static let malformedYAML = Kind(name: "malformedYAML")
        /// The YAML is well formed but is not a contract (e.g. the root is not a mapping).
        public static let notAContract = Kind(name: "notAContract")
        /// A value has the wrong shape for the field that holds it.
        public static let invalidValue = Kind(name: "invalidValue")
        /// A path does not lead to an editable node.
        public static let invalidPath = Kind(name: "invalidPath")
        /// The document could not be serialised back to YAML.
        public static let serialization = Kind(name: "serialization")
        public var description: String { name }
    }

    /// The broad kind of failure.
    public let kind: Kind
    /// A message a person can act on.
    public let message: String
    /// The YAML path involved (e.g. `schema[0].properties[2]`), if any.
    public let path: YAMLPath?
    /// The 1-based source line involved, if known.
    public let line: Int?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, path: YAMLPath? = nil, line: Int? = nil) {
        self.kind = kind
        self.message = message
        self.path = path
        self.line = line
    }

    public var description: String {
        var prefix = ""
        if let path, !path.isRoot { prefix += "\(path)" }
        if let line { prefix += prefix.isEmpty ? "line \(line)" : " (line \(line))" }
        return prefix.isEmpty ? message : "\(prefix): \(message)"
    }
}
