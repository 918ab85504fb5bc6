/// A typed statistic such as a column's minimum or maximum.
///
/// Integers (and dates, timestamps) stay exact `Int64`s, floating point stays `Double`, strings
/// compare by their UTF-8 bytes (Unicode scalar order), decimals keep their unscaled value.
public enum StatValue: Sendable, Hashable {
    /// An integer, a date (days since epoch) or a timestamp (count of the column's unit).
    case integer(Int64)
    /// A floating-point number.
    case double(Double)
    /// Text.
    case string(String)
    /// A boolean.
    case boolean(Bool)
    /// A decimal `unscaled × 10^-scale`.
    case decimal(unscaled: Int128, scale: Int)

    /// The value as a double, for numeric values and booleans (`1`/`0`).
    public var doubleValue: Double? {
        switch self {
        case .integer(let v): Double(v)
        case .double(let v): v
        case .boolean(let b): b ? 1 : 0
        case .decimal(let u, let s): Double(u) / pow10(s)
        case .string: nil
        }
    }

    /// The value as text, as a person would write it.
    public var text: String {
        switch self {
        case .integer(let v): String(v)
        case .double(let v): String(v)
        case .string(let s): s
        case .boolean(let b): String(b)
        case .decimal(let u, let s): Self.decimalText(u, scale: s)
        }
    }

    static func decimalText(_ unscaled: Int128, scale: Int) -> String {
        guard scale > 0 else { return String(unscaled) }
        let negative = unscaled < 0
        var digits = String(unscaled.magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + digits[..<split] + "." + digits[split...]
    }
}

func pow10(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<max(0, n) { r *= 10 }
    return r
}

extension StatValue: Codable {
    enum CodingKeys: String, CodingKey { case integer, double, string, boolean, decimal, scale }

    /// Encodes as a one-key object, e.g. `{"integer":5}`; decimals as `{"decimal":"12345","scale":2}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .integer(let v): try c.encode(v, forKey: .integer)
        case .double(let v): try c.encode(v, forKey: .double)
        case .string(let v): try c.encode(v, forKey: .string)
        case .boolean(let v): try c.encode(v, forKey: .boolean)
        case .decimal(let u, let s):
            try c.encode(String(u), forKey: .decimal)
            try c.encode(s, forKey: .scale)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let v = try c.decodeIfPresent(Int64.self, forKey: .integer) { self = .integer(v) }
        else if let v = try c.decodeIfPresent(Double.self, forKey: .double) { self = .double(v) }
        else if let v = try c.decodeIfPresent(String.self, forKey: .string) { self = .string(v) }
        else if let v = try c.decodeIfPresent(Bool.self, forKey: .boolean) { self = .boolean(v) }
        else if let text = try c.decodeIfPresent(String.self, forKey: .decimal) {
            guard let u = Int128(text) else {
                throw DecodingError.dataCorruptedError(forKey: .decimal, in: c, debugDescription: "decimal must be an integer string")
            }
            self = .decimal(unscaled: u, scale: try c.decode(Int.self, forKey: .scale))
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a statistic needs one of integer, double, string, boolean, decimal"))
        }
    }
}

extension StatValue: Comparable {
    /// Orders values of the same kind; numeric kinds compare numerically with each other.
    public static func < (lhs: StatValue, rhs: StatValue) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): return a < b
        case (.string(let a), .string(let b)): return Array(a.utf8).lexicographicallyPrecedes(b.utf8)
        case (.boolean(let a), .boolean(let b)): return !a && b
        case (.decimal(let a, let s), .decimal(let b, let t)) where s == t: return a < b
        default: return (lhs.doubleValue ?? 0) < (rhs.doubleValue ?? 0)
        }
    }
}
