/// A `customProperties` entry: a named value ODCS does not define itself.
public struct CustomProperty: Sendable, Hashable {
    /// The property name.
    public var property: String
    /// The value, kept as YAML so any shape survives.
    public var value: YAMLNode
    /// The entry as it was read (unknown keys are written back).
    public var source: YAMLNode

    /// Creates a custom property.
    public init(property: String, value: YAMLNode) {
        self.property = property
        self.value = value
        self.source = YAMLNode(.mapping([]))
    }

    /// Reads an entry; nil when it has no `property` name.
    public init?(node: YAMLNode) {
        guard let property = node["property"]?.string else { return nil }
        self.property = property
        self.value = node["value"] ?? .null
        self.source = node
    }

    /// The entry as YAML.
    public func node() -> YAMLNode {
        var node = source
        node.set("property", string: property)
        node.set("value", value)
        return node
    }
}

extension Array where Element == CustomProperty {
    /// The value of the first entry named `name`.
    public subscript(property name: String) -> YAMLNode? {
        first(where: { $0.property == name })?.value
    }

    static func read(_ node: YAMLNode?) -> [CustomProperty] {
        node?.items?.compactMap(CustomProperty.init(node:)) ?? []
    }
}
