/// One difference between two versions of a contract, classified for consumers.
public struct ContractChange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Whether consumers or producers written against the old version can break.
    public enum Impact: String, Sendable, Hashable, Codable {
        /// Needs a major version bump.
        case breaking
        /// Compatible: a minor or patch bump is enough.
        case nonBreaking
    }

    /// What changed; new kinds may be added.
    public struct Kind: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The kind's name as it appears in reports and JSON.
        public let name: String
        init(_ name: String) { self.name = name }

        /// A table was added.
        public static let tableAdded = Kind("tableAdded")
        /// A table was removed.
        public static let tableRemoved = Kind("tableRemoved")
        /// A column was added.
        public static let columnAdded = Kind("columnAdded")
        /// A column was removed.
        public static let columnRemoved = Kind("columnRemoved")
        /// A column was renamed (same position and type, new name).
        public static let columnRenamed = Kind("columnRenamed")
        /// A column's type now holds more values (int → long, float → double, integer → number).
        public static let typeWidened = Kind("typeWidened")
        /// A column's type now holds fewer values, or a different kind of value.
        public static let typeNarrowed = Kind("typeNarrowed")
        /// A column became required (no nulls).
        public static let becameRequired = Kind("becameRequired")
        /// A column became optional.
        public static let becameOptional = Kind("becameOptional")
        /// A constraint (unique, primary key, range, length, pattern, allowed values) now admits fewer values.
        public static let constraintTightened = Kind("constraintTightened")
        /// A constraint now admits more values.
        public static let constraintLoosened = Kind("constraintLoosened")
        /// A column's classification (or its `pii` tag) changed.
        public static let classificationChanged = Kind("classificationChanged")
        /// A column's glossary term binding changed.
        public static let glossaryTermChanged = Kind("glossaryTermChanged")
        /// Purposes a column may be used for were removed.
        public static let purposesNarrowed = Kind("purposesNarrowed")
        /// Purposes a column may be used for were added.
        public static let purposesWidened = Kind("purposesWidened")
        /// A quality rule was added or now passes fewer values.
        public static let qualityRuleTightened = Kind("qualityRuleTightened")
        /// A quality rule was removed or now passes more values.
        public static let qualityRuleLoosened = Kind("qualityRuleLoosened")
        /// A quality rule changed in a way that is neither stricter nor looser.
        public static let qualityRuleChanged = Kind("qualityRuleChanged")
        /// An SLA promise got worse for consumers (slower, less retention, removed).
        public static let slaWeakened = Kind("slaWeakened")
        /// An SLA promise got better for consumers (or was added).
        public static let slaTightened = Kind("slaTightened")
        /// The product's identity (`id`, `domain`, `dataProduct`) changed.
        public static let identityChanged = Kind("identityChanged")
        /// The lifecycle status changed.
        public static let statusChanged = Kind("statusChanged")
        /// A server was removed.
        public static let serverRemoved = Kind("serverRemoved")
        /// Descriptions, names, tags and other documentation changed.
        public static let documentationChanged = Kind("documentationChanged")
        /// Ownership, support, roles, servers and other operational metadata changed.
        public static let metadataChanged = Kind("metadataChanged")

        public var description: String { name }

        public init(from decoder: Decoder) throws { name = try decoder.singleValueContainer().decode(String.self) }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(name)
        }
    }

    /// Breaking or not.
    public var impact: Impact
    /// What changed.
    public var kind: Kind
    /// Where (in the new document, or the old one for removals).
    public var path: YAMLPath
    /// The old value, as text, when there is one.
    public var old: String?
    /// The new value, as text, when there is one.
    public var new: String?
    /// A sentence a person can read.
    public var message: String

    /// Creates a change.
    public init(_ impact: Impact, _ kind: Kind, path: YAMLPath, old: String? = nil, new: String? = nil, message: String) {
        self.impact = impact
        self.kind = kind
        self.path = path
        self.old = old
        self.new = new
        self.message = message
    }

    public var description: String {
        "\(impact == .breaking ? "BREAKING" : "compatible") \(kind) \(path): \(message)"
    }
}
