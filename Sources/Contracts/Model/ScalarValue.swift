/// A single YAML scalar value as used in rule arguments (`validValues`, `missingValues`) and
/// glossary value lists.
public enum ScalarValue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `null`.
    case null
    /// A boolean.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A floating-point number.
    case double(Double)
    /// A string.
    case string(String)

    /// Reads a scalar node; nil for a mapping or sequence.
    public init?(node: YAMLNode) {
        guard case .scalar(let text, let kind, _) = node.content else { return nil }
        switch kind {
        case .null: self = .null
        case .boolean: self = .bool(node.bool ?? false)
        case .integer: self = node.int.map(ScalarValue.int) ?? .string(text)
        case .float: self = node.double.map(ScalarValue.double) ?? .string(text)
        case .string: self = .string(text)
        }
    }

    /// The value as YAML.
    public var node: YAMLNode {
        switch self {
        case .null: return .null
        case .bool(let b): return .boolean(b)
        case .int(let i): return .integer(i)
        case .double(let d): return YAMLNode(.scalar(String(d), .float, .plain))
        case .string(let s): return .string(s)
        }
    }

    /// The numeric value of an integer or double.
    public var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The value as text (`null` for null), the form data values are compared in.
    public var text: String? {
        switch self {
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        }
    }

    public var description: String { text ?? "null" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else { self = .string(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        }
    }
}
