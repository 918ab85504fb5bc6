/// An ODCS `logicalType`: the portable type of a property.
public enum LogicalType: String, Sendable, Hashable, CaseIterable, Codable {
    /// Text.
    case string
    /// A calendar date.
    case date
    /// A point in time.
    case timestamp
    /// A time of day.
    case time
    /// A decimal or floating-point number.
    case number
    /// A whole number.
    case integer
    /// A nested record.
    case object
    /// A list.
    case array
    /// True or false.
    case boolean
}

/// The width of an integer or number, from `logicalTypeOptions.format` (`i32`, `i64`, `f32`, `f64`...).
public struct NumericFormat: Sendable, Hashable, Comparable {
    /// The format name as written (`i64`).
    public let name: String
    /// True for `i*` (signed) formats.
    public var isSigned: Bool { name.hasPrefix("i") }
    /// True for `f32`/`f64`.
    public var isFloatingPoint: Bool { name.hasPrefix("f") }
    /// The number of bits.
    public var bits: Int { Int(name.dropFirst()) ?? 0 }

    /// The integer formats ODCS allows.
    public static let integerFormats = ["i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128"]
    /// The number formats ODCS allows.
    public static let numberFormats = ["f32", "f64"]

    /// Reads a format name; nil when ODCS does not define it.
    public init?(_ name: String) {
        guard Self.integerFormats.contains(name) || Self.numberFormats.contains(name) else { return nil }
        self.name = name
    }

    /// True when every value of `other` fits in this format.
    public func holds(_ other: NumericFormat) -> Bool {
        if isFloatingPoint != other.isFloatingPoint { return false }
        if isFloatingPoint { return bits >= other.bits }
        if isSigned == other.isSigned { return bits >= other.bits }
        // An unsigned value fits a signed format only with a spare bit.
        return isSigned && bits > other.bits
    }

    public static func < (lhs: NumericFormat, rhs: NumericFormat) -> Bool { lhs.bits < rhs.bits }
}
