import Contracts

/// A business term of the semantic layer: one organisation-wide definition that columns bind
/// to (`authoritativeDefinitions: [{type: glossaryTerm, url: "glossary:<id>"}]`).
public struct GlossaryTerm: Sendable, Hashable, Codable {
    /// The term id used in bindings (`fico_score`).
    public var id: String
    /// A display name.
    public var name: String?
    /// What the term means.
    public var definition: String
    /// The logical type a bound column must have.
    public var type: LogicalType?
    /// The unit values are in (`points`, `EUR`, `percent`...).
    public var unit: String?
    /// The smallest allowed value (inclusive).
    public var minimum: Double?
    /// The largest allowed value (inclusive).
    public var maximum: Double?
    /// The allowed values, when the term is an enumeration.
    public var allowedValues: [ScalarValue]
    /// A regular expression every value matches.
    public var pattern: String?
    /// Who owns the definition (a team or person).
    public var owner: String?

    /// Creates a term.
    public init(id: String, name: String? = nil, definition: String, type: LogicalType? = nil, unit: String? = nil,
                minimum: Double? = nil, maximum: Double? = nil, allowedValues: [ScalarValue] = [],
                pattern: String? = nil, owner: String? = nil) {
        self.id = id
        self.name = name
        self.definition = definition
        self.type = type
        self.unit = unit
        self.minimum = minimum
        self.maximum = maximum
        self.allowedValues = allowedValues
        self.pattern = pattern
        self.owner = owner
    }

    /// True when both describe the same concept identically (name and owner aside).
    public func hasSameDefinition(as other: GlossaryTerm) -> Bool {
        definition == other.definition && type == other.type && unit == other.unit && minimum == other.minimum
            && maximum == other.maximum && allowedValues == other.allowedValues && pattern == other.pattern
    }
}
