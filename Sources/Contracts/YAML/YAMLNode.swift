/// A YAML node tree that keeps key order, scalar styles and source lines, so a document can
/// be read, edited and written back without losing the fields nobody interpreted.
///
/// It is a `Sendable` value type (the parser's own node type is not), built from the parser's
/// tree by ``YAMLNode/parse(_:)`` and turned back into text by ``YAMLNode/yaml()``.
public struct YAMLNode: Sendable, Hashable {
    /// What the node holds.
    public enum Content: Sendable, Hashable {
        /// A scalar: its text, the type it resolves to and how it was written.
        case scalar(String, ScalarKind, ScalarStyle)
        /// A mapping with its entries in document order.
        case mapping([Entry])
        /// A sequence.
        case sequence([YAMLNode])
    }

    /// The type a scalar resolves to under the YAML core schema.
    public enum ScalarKind: Sendable, Hashable {
        /// A string.
        case string
        /// An integer.
        case integer
        /// A floating-point number.
        case float
        /// `true` or `false`.
        case boolean
        /// `null`, `~` or empty.
        case null
    }

    /// How a scalar was (or will be) written.
    public enum ScalarStyle: Sendable, Hashable {
        /// Let the writer choose.
        case any
        /// Unquoted.
        case plain
        /// `'quoted'`.
        case singleQuoted
        /// `"quoted"`.
        case doubleQuoted
        /// `|` block.
        case literal
        /// `>` block.
        case folded
    }

    /// A key and its value in a mapping.
    public struct Entry: Sendable, Hashable {
        /// The key (non-string keys are kept as their text).
        public var key: String
        /// The value.
        public var value: YAMLNode
        /// Creates an entry.
        public init(key: String, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    /// The node's content.
    public var content: Content
    /// The 1-based line where the node starts in its source, if it was parsed.
    public var line: Int?
    /// The 1-based column where the node starts in its source, if it was parsed.
    public var column: Int?

    /// Creates a node.
    public init(_ content: Content, line: Int? = nil, column: Int? = nil) {
        self.content = content
        self.line = line
        self.column = column
    }

    /// Nodes compare by meaning: source positions and scalar styles (quoting, block style) do
    /// not matter.
    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool { lhs.firstDifference(from: rhs) == nil }

    public func hash(into hasher: inout Hasher) {
        switch content {
        case .scalar(let text, let kind, _): hasher.combine(0); hasher.combine(kind == .null ? "" : text); hasher.combine(kind)
        case .mapping(let entries):
            hasher.combine(1)
            for e in entries { hasher.combine(e.key); hasher.combine(e.value) }
        case .sequence(let items): hasher.combine(2); hasher.combine(items)
        }
    }

    /// The path of the first place where `other` differs in meaning (nil when equal).
    public func firstDifference(from other: YAMLNode, at path: YAMLPath = .root) -> YAMLPath? {
        switch (content, other.content) {
        case let (.scalar(a, ak, _), .scalar(b, bk, _)):
            return ak == bk && (a == b || ak == .null) ? nil : path
        case let (.mapping(a), .mapping(b)):
            guard a.map(\.key) == b.map(\.key) else { return path }
            for (x, y) in zip(a, b) {
                if let d = x.value.firstDifference(from: y.value, at: path.appending(x.key)) { return d }
            }
            return nil
        case let (.sequence(a), .sequence(b)):
            guard a.count == b.count else { return path }
            for (i, (x, y)) in zip(a, b).enumerated() {
                if let d = x.firstDifference(from: y, at: path.appending(i)) { return d }
            }
            return nil
        default:
            return path
        }
    }
}

// MARK: Construction

extension YAMLNode {
    /// A string scalar.
    public static func string(_ value: String) -> YAMLNode { YAMLNode(.scalar(value, .string, .any)) }
    /// An integer scalar.
    public static func integer(_ value: Int) -> YAMLNode { YAMLNode(.scalar(String(value), .integer, .plain)) }
    /// A number scalar (written as an integer when it has no fraction).
    public static func number(_ value: Double) -> YAMLNode {
        if value.rounded() == value, abs(value) < 1e15 { return .integer(Int(value)) }
        return YAMLNode(.scalar(String(value), .float, .plain))
    }
    /// A boolean scalar.
    public static func boolean(_ value: Bool) -> YAMLNode { YAMLNode(.scalar(value ? "true" : "false", .boolean, .plain)) }
    /// The null scalar.
    public static let null = YAMLNode(.scalar("null", .null, .plain))
    /// A mapping from ordered entries.
    public static func mapping(_ entries: [(String, YAMLNode)]) -> YAMLNode {
        YAMLNode(.mapping(entries.map { Entry(key: $0.0, value: $0.1) }))
    }
    /// A sequence.
    public static func sequence(_ items: [YAMLNode]) -> YAMLNode { YAMLNode(.sequence(items)) }
    /// A sequence of strings.
    public static func strings(_ items: [String]) -> YAMLNode { .sequence(items.map { .string($0) }) }
}

// MARK: Reading

extension YAMLNode {
    /// The entries when this is a mapping.
    public var entries: [Entry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    /// The items when this is a sequence.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The value for `key` when this is a mapping holding it.
    public subscript(key: String) -> YAMLNode? {
        entries?.first(where: { $0.key == key })?.value
    }

    /// The node at `path` below this one.
    public subscript(path path: YAMLPath) -> YAMLNode? {
        var node: YAMLNode? = self
        for component in path.components {
            switch component {
            case .key(let key): node = node?[key]
            case .index(let index):
                guard let items = node?.items, items.indices.contains(index) else { return nil }
                node = items[index]
            }
        }
        return node
    }

    /// The scalar kind, or nil for a mapping or sequence.
    public var scalarKind: ScalarKind? {
        if case .scalar(_, let kind, _) = content { return kind }
        return nil
    }

    /// The text of a non-null scalar (numbers and booleans give their written form).
    public var scalarText: String? {
        if case .scalar(let text, let kind, _) = content, kind != .null { return text }
        return nil
    }

    /// The value of a string scalar.
    public var string: String? {
        if case .scalar(let text, .string, _) = content { return text }
        return nil
    }

    /// The value of an integer scalar (a float without fraction also counts).
    public var int: Int? {
        guard case .scalar(let text, let kind, _) = content else { return nil }
        switch kind {
        case .integer: return Int(text.replacingOccurrences(of: "_", with: "")) ?? Int(Self.number(text) ?? .nan)
        case .float:
            guard let d = Self.number(text), d.rounded() == d, abs(d) < 9e18 else { return nil }
            return Int(d)
        default: return nil
        }
    }

    /// The value of an integer or float scalar.
    public var double: Double? {
        guard case .scalar(let text, let kind, _) = content, kind == .integer || kind == .float else { return nil }
        return Self.number(text)
    }

    /// The value of a boolean scalar.
    public var bool: Bool? {
        guard case .scalar(let text, .boolean, _) = content else { return nil }
        return ["true", "yes", "on", "y"].contains(text.lowercased())
    }

    /// True for a null scalar.
    public var isNull: Bool { scalarKind == .null }

    /// The string items of a sequence of strings (nil when any item is not a string).
    public var strings: [String]? {
        guard let items else { return nil }
        let values = items.compactMap(\.string)
        return values.count == items.count ? values : nil
    }

    /// A short name of the node's shape, for messages ("a string", "a mapping"...).
    public var shapeName: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(_, let kind, _):
            switch kind {
            case .string: return "a string"
            case .integer: return "an integer"
            case .float: return "a number"
            case .boolean: return "a boolean"
            case .null: return "null"
            }
        }
    }

    static func number(_ text: String) -> Double? {
        let t = text.replacingOccurrences(of: "_", with: "")
        switch t.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: break
        }
        if t.hasPrefix("0x") || t.hasPrefix("0X") { return Int(t.dropFirst(2), radix: 16).map(Double.init) }
        if t.hasPrefix("0o") { return Int(t.dropFirst(2), radix: 8).map(Double.init) }
        return Double(t)
    }
}
