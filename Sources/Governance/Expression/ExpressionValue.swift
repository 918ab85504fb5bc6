/// A value in the policy expression language: JSON-like data.
public enum ExpressionValue: Sendable, Hashable, CustomStringConvertible {
    /// Absent / null.
    case null
    /// A boolean.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A floating-point number.
    case double(Double)
    /// A string.
    case string(String)
    /// A list.
    case list([ExpressionValue])
    /// A map with string keys.
    case map([String: ExpressionValue])

    /// The number, for int and double.
    var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The name of the value's type, for error messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "double"
        case .string: return "string"
        case .list: return "list"
        case .map: return "map"
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return "'\(s)'"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.keys.sorted().map { "\($0): \(m[$0]!)" }.joined(separator: ", ") + "}"
        }
    }

    /// Strings become `.string`, nil becomes `.null`.
    static func from(_ s: String?) -> ExpressionValue { s.map(ExpressionValue.string) ?? .null }
    /// A list of strings.
    static func strings(_ s: [String]) -> ExpressionValue { .list(s.map(ExpressionValue.string)) }
}
