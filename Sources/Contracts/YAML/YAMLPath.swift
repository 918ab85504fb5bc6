/// A path into a YAML document, written like `schema[0].properties[2].logicalType`.
public struct YAMLPath: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// One step of a path: a mapping key or a sequence index.
    public enum Component: Sendable, Hashable {
        /// A key in a mapping.
        case key(String)
        /// A position in a sequence (0-based).
        case index(Int)
    }

    /// The steps from the document root.
    public var components: [Component]

    /// The document root.
    public static let root = YAMLPath(components: [])

    /// Creates a path from its steps.
    public init(components: [Component]) { self.components = components }

    /// Creates a path from its written form (`a.b[2].c`); keys holding `.` or `[` are not supported.
    public init(_ text: String) {
        var parts: [Component] = []
        for segment in text.split(separator: ".") {
            var rest = Substring(segment)
            if let bracket = rest.firstIndex(of: "[") {
                let key = rest[..<bracket]
                if !key.isEmpty { parts.append(.key(String(key))) }
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    if let i = Int(rest[rest.index(after: rest.startIndex)..<close]) { parts.append(.index(i)) }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                parts.append(.key(String(rest)))
            }
        }
        components = parts
    }

    /// True for the document root.
    public var isRoot: Bool { components.isEmpty }

    /// This path extended by a mapping key.
    public func appending(_ key: String) -> YAMLPath { YAMLPath(components: components + [.key(key)]) }

    /// This path extended by a sequence index.
    public func appending(_ index: Int) -> YAMLPath { YAMLPath(components: components + [.index(index)]) }

    /// This path extended by another path.
    public func appending(_ path: YAMLPath) -> YAMLPath { YAMLPath(components: components + path.components) }

    /// The path without its last step (the root stays the root).
    public var parent: YAMLPath { YAMLPath(components: Array(components.dropLast())) }

    public var description: String {
        var out = ""
        for component in components {
            switch component {
            case .key(let key): out += out.isEmpty ? key : ".\(key)"
            case .index(let index): out += "[\(index)]"
            }
        }
        return out.isEmpty ? "(root)" : out
    }

    public static func < (lhs: YAMLPath, rhs: YAMLPath) -> Bool { lhs.description < rhs.description }

    public init(from decoder: Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
