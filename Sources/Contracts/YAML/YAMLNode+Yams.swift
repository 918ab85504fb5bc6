import Yams

extension YAMLNode {
    /// Parses one YAML document. Aliases are expanded; comments are not kept.
    ///
    /// - Throws: ``ContractError`` of kind `.malformedYAML` with the line of the problem.
    public static func parse(_ text: String) throws -> YAMLNode {
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ContractError(.malformedYAML, "not valid YAML: \(error)", line: Self.line(of: error))
        } catch {
            throw ContractError(.malformedYAML, "not valid YAML: \(error)")
        }
        guard let root else { return YAMLNode(.mapping([]), line: 1, column: 1) }
        return YAMLNode(yams: root)
    }

    init(yams node: Yams.Node) {
        let mark = node.mark
        switch node {
        case .scalar(let scalar):
            self.init(.scalar(scalar.string, Self.kind(of: node), Self.style(scalar.style)),
                      line: mark?.line, column: mark?.column)
        case .mapping(let mapping):
            let entries = mapping.map { key, value in
                Entry(key: key.string ?? "", value: YAMLNode(yams: value))
            }
            self.init(.mapping(entries), line: mark?.line, column: mark?.column)
        case .sequence(let sequence):
            self.init(.sequence(sequence.map { YAMLNode(yams: $0) }), line: mark?.line, column: mark?.column)
        case .alias:
            self.init(.scalar("", .null, .plain), line: mark?.line, column: mark?.column)
        }
    }

    private static func kind(of node: Yams.Node) -> ScalarKind {
        switch Resolver.default.resolveTag(of: node) {
        case .str: return .string
        case .int: return .integer
        case .float: return .float
        case .bool: return .boolean
        case .null: return .null
        default: return .string
        }
    }

    private static func style(_ style: Yams.Node.Scalar.Style) -> ScalarStyle {
        switch style {
        case .plain: return .plain
        case .singleQuoted: return .singleQuoted
        case .doubleQuoted: return .doubleQuoted
        case .literal: return .literal
        case .folded: return .folded
        default: return .any
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    /// Writes the node as a YAML document (block style, keys in their order, two-space indent).
    public func yaml() throws -> String {
        do {
            return try Yams.serialize(node: yamsNode(), indent: 2, width: -1, allowUnicode: true)
        } catch {
            throw ContractError(.serialization, "could not write YAML: \(error)")
        }
    }

    func yamsNode() -> Yams.Node {
        switch content {
        case .mapping(let entries):
            let pairs = entries.map { (Yams.Node.scalar(.init($0.key, Tag(.str), Self.keyStyle($0.key))), $0.value.yamsNode()) }
            return .mapping(Yams.Node.Mapping(pairs, Tag(.map), .block))
        case .sequence(let items):
            return .sequence(Yams.Node.Sequence(items.map { $0.yamsNode() }, Tag(.seq), .block))
        case .scalar(let text, let kind, let style):
            switch kind {
            case .string:
                return .scalar(.init(text, Tag(.str), Self.stringStyle(text, style)))
            case .integer: return .scalar(.init(text, Tag(.int), .plain))
            case .float: return .scalar(.init(text, Tag(.float), .plain))
            case .boolean: return .scalar(.init(text, Tag(.bool), .plain))
            case .null: return .scalar(.init(text.isEmpty ? "null" : text, Tag(.null), .plain))
            }
        }
    }

    private static func keyStyle(_ key: String) -> Yams.Node.Scalar.Style {
        needsQuotes(key) ? .singleQuoted : .plain
    }

    /// The style to write a string in: the original one unless a plain scalar would read back
    /// as another type (e.g. `1.0`, `yes`, `null`), in which case it is quoted.
    private static func stringStyle(_ text: String, _ style: ScalarStyle) -> Yams.Node.Scalar.Style {
        switch style {
        case .singleQuoted: return .singleQuoted
        case .doubleQuoted: return .doubleQuoted
        case .literal: return text.contains("\n") ? .literal : .any
        case .folded: return text.contains("\n") ? .folded : .any
        case .plain:
            return text.contains("\n") ? .literal : .plain
        case .any:
            if needsQuotes(text) { return .singleQuoted }
            return text.contains("\n") ? .literal : .any
        }
    }

    /// True for a plain scalar that YAML 1.1 tools (PyYAML, used by datacontract-cli) read as a
    /// date or timestamp rather than a string, e.g. `2024-01-31`.
    public var isPlainTimestamp: Bool {
        guard case .scalar(let text, .string, .plain) = content else { return false }
        return Resolver.default.resolveTag(of: Yams.Node(text)) == .timestamp
    }

    private static func needsQuotes(_ text: String) -> Bool {
        if text.isEmpty { return true }
        return Resolver.default.resolveTag(of: Yams.Node(text)) != .str
    }
}
