/// A `schema[].properties[]` entry: one column of an output table.
public struct SchemaProperty: Sendable, Hashable {
    /// `name`.
    public var name: String
    /// `logicalType` as written; ``logicalType`` interprets it.
    public var logicalTypeName: String?
    /// `physicalType` (e.g. `bigint`, `varchar(18)`).
    public var physicalType: String?
    /// `physicalName`.
    public var physicalName: String?
    /// `businessName`.
    public var businessName: String?
    /// `description`.
    public var description: String?
    /// `required` (absent means false).
    public var required: Bool?
    /// `unique` (absent means false).
    public var unique: Bool?
    /// `primaryKey` (absent means false).
    public var primaryKey: Bool?
    /// `primaryKeyPosition`.
    public var primaryKeyPosition: Int?
    /// `partitioned` (absent means false).
    public var partitioned: Bool?
    /// `classification` (public, internal, restricted, confidential...).
    public var classification: String?
    /// `tags` (`pii` marks personal data).
    public var tags: [String]
    /// `logicalTypeOptions` (minLength, maximum, format...), kept as YAML.
    public var logicalTypeOptions: YAMLNode?
    /// `authoritativeDefinitions` (glossary bindings among them).
    public var authoritativeDefinitions: [AuthoritativeDefinition]
    /// `quality` rules on this column.
    public var quality: [QualityRule]
    /// `customProperties` (Meshwork reads `allowedPurposes` here).
    public var customProperties: [CustomProperty]
    /// Nested `properties` of an `object` property.
    public var properties: [SchemaProperty]
    /// `items` of an `array` property.
    public var items: [SchemaProperty]
    /// The entry as it was read.
    public var source: YAMLNode

    /// The custom property naming the purposes a PII column may be used for.
    public static let allowedPurposesKey = "allowedPurposes"

    /// Creates a column, for building contracts in code.
    public init(name: String, logicalType: LogicalType?, required: Bool? = nil) {
        self.init(node: YAMLNode(.mapping([])))
        self.name = name
        self.logicalTypeName = logicalType?.rawValue
        self.required = required
    }

    /// Reads an entry (lenient; lint reports shape problems).
    public init(node: YAMLNode) {
        source = node
        name = node["name"]?.string ?? ""
        logicalTypeName = node["logicalType"]?.string
        physicalType = node["physicalType"]?.string
        physicalName = node["physicalName"]?.string
        businessName = node["businessName"]?.string
        description = node["description"]?.string
        required = node["required"]?.bool
        unique = node["unique"]?.bool
        primaryKey = node["primaryKey"]?.bool
        primaryKeyPosition = node["primaryKeyPosition"]?.int
        partitioned = node["partitioned"]?.bool
        classification = node["classification"]?.string
        tags = node["tags"]?.strings ?? []
        logicalTypeOptions = node["logicalTypeOptions"]
        authoritativeDefinitions = .read(node["authoritativeDefinitions"])
        quality = node["quality"]?.items?.map(QualityRule.init(node:)) ?? []
        customProperties = .read(node["customProperties"])
        properties = node["properties"]?.items?.map(SchemaProperty.init(node:)) ?? []
        items = node["items"].map { [SchemaProperty(node: $0)] } ?? []
    }

    /// The logical type, when ODCS defines the name.
    public var logicalType: LogicalType? { logicalTypeName.flatMap(LogicalType.init(rawValue:)) }

    /// `required`, defaulting to false (a primary key counts as required).
    public var isRequired: Bool { required ?? false || isPrimaryKey }
    /// `unique`, defaulting to false.
    public var isUnique: Bool { unique ?? false }
    /// `primaryKey`, defaulting to false.
    public var isPrimaryKey: Bool { primaryKey ?? false }

    /// True when tagged `pii` (case-insensitive).
    public var isPII: Bool { tags.contains { $0.lowercased() == "pii" } }

    /// The glossary term this column is bound to (the first `glossary:` link), if any.
    public var glossaryTerm: String? { authoritativeDefinitions.glossaryTerms.first }

    /// The purposes this column may be used for (`customProperties[allowedPurposes]`).
    public var allowedPurposes: [String]? {
        guard let value = customProperties[property: Self.allowedPurposesKey] else { return nil }
        return value.strings ?? value.string.map { [$0] }
    }

    /// The integer/number width from `logicalTypeOptions.format`.
    public var numericFormat: NumericFormat? { logicalTypeOptions?["format"]?.string.flatMap(NumericFormat.init) }

    /// A numeric option (`minimum`, `maximum`, `minLength`...).
    public func option(_ key: String) -> Double? { logicalTypeOptions?[key]?.double }

    /// The entry as YAML.
    public func node() -> YAMLNode {
        var node = source
        node.set("name", requiredString: name)
        node.set("logicalType", string: logicalTypeName)
        node.set("physicalType", string: physicalType)
        node.set("physicalName", string: physicalName)
        node.set("businessName", string: businessName)
        node.set("description", string: description)
        node.set("required", bool: required)
        node.set("unique", bool: unique)
        node.set("primaryKey", bool: primaryKey)
        node.set("primaryKeyPosition", primaryKeyPosition.map(YAMLNode.integer))
        node.set("partitioned", bool: partitioned)
        node.set("classification", string: classification)
        if !tags.isEmpty || source["tags"] != nil { node.set("tags", strings: tags) }
        node.set("logicalTypeOptions", logicalTypeOptions)
        node.set("authoritativeDefinitions", list: authoritativeDefinitions.map { $0.node() })
        node.set("quality", list: quality.map { $0.node() })
        node.set("customProperties", list: customProperties.map { $0.node() })
        node.set("properties", list: properties.map { $0.node() })
        node.set("items", items.first?.node())
        return node
    }
}
