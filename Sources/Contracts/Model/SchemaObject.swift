/// A `schema[]` entry: one output table of the data product.
public struct SchemaObject: Sendable, Hashable {
    /// `name`: the table name.
    public var name: String
    /// `physicalName`.
    public var physicalName: String?
    /// `physicalType` (table, view, topic...).
    public var physicalType: String?
    /// `businessName`.
    public var businessName: String?
    /// `description`.
    public var description: String?
    /// `tags`.
    public var tags: [String]
    /// `properties`: the columns.
    public var properties: [SchemaProperty]
    /// Object-level `quality` rules (rowCount, multi-column duplicateValues...).
    public var quality: [QualityRule]
    /// `authoritativeDefinitions`.
    public var authoritativeDefinitions: [AuthoritativeDefinition]
    /// `customProperties`.
    public var customProperties: [CustomProperty]
    /// The entry as it was read.
    public var source: YAMLNode

    /// Creates a table, for building contracts in code.
    public init(name: String, properties: [SchemaProperty]) {
        self.init(node: YAMLNode(.mapping([])))
        self.name = name
        self.properties = properties
    }

    /// Reads an entry (lenient).
    public init(node: YAMLNode) {
        source = node
        name = node["name"]?.string ?? ""
        physicalName = node["physicalName"]?.string
        physicalType = node["physicalType"]?.string
        businessName = node["businessName"]?.string
        description = node["description"]?.string
        tags = node["tags"]?.strings ?? []
        properties = node["properties"]?.items?.map(SchemaProperty.init(node:)) ?? []
        quality = node["quality"]?.items?.map(QualityRule.init(node:)) ?? []
        authoritativeDefinitions = .read(node["authoritativeDefinitions"])
        customProperties = .read(node["customProperties"])
    }

    /// The column named `name`.
    public func property(named name: String) -> SchemaProperty? { properties.first { $0.name == name } }

    /// The primary-key columns in `primaryKeyPosition` order.
    public var primaryKey: [SchemaProperty] {
        properties.filter(\.isPrimaryKey).sorted { ($0.primaryKeyPosition ?? Int.max) < ($1.primaryKeyPosition ?? Int.max) }
    }

    /// The entry as YAML.
    public func node() -> YAMLNode {
        var node = source
        node.set("name", requiredString: name)
        node.set("physicalName", string: physicalName)
        node.set("physicalType", string: physicalType)
        node.set("businessName", string: businessName)
        node.set("description", string: description)
        if !tags.isEmpty || source["tags"] != nil { node.set("tags", strings: tags) }
        node.set("authoritativeDefinitions", list: authoritativeDefinitions.map { $0.node() })
        node.set("properties", list: properties.map { $0.node() })
        node.set("quality", list: quality.map { $0.node() })
        node.set("customProperties", list: customProperties.map { $0.node() })
        return node
    }
}
