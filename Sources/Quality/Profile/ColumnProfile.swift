import Columnar
import Foundation

/// How a column's values are summarised, derived from its ``DataType``.
public enum ValueKind: String, Sendable, Hashable, Codable {
    case boolean, integer, floatingPoint, decimal, string, binary, date, timestamp, fixedBinary, uuid, list

    /// The kind for `type`.
    public init(_ type: DataType) {
        switch type {
        case .boolean: self = .boolean
        case .int32, .int64: self = .integer
        case .float, .double: self = .floatingPoint
        case .decimal: self = .decimal
        case .string: self = .string
        case .binary: self = .binary
        case .date: self = .date
        case .timestamp: self = .timestamp
        case .fixedBinary: self = .fixedBinary
        case .uuid: self = .uuid
        case .list: self = .list
        }
    }

    /// True when values have an order and a numeric reading (moments, quantiles, histograms).
    public var isNumeric: Bool {
        switch self {
        case .integer, .floatingPoint, .decimal, .date, .timestamp: true
        default: false
        }
    }
}

/// The statistics of one column: exact counts, extremes and moments plus mergeable sketches
/// (distinct values, quantiles, frequent values), computed in one pass and stored with a version.
public struct ColumnProfile: Sendable, Equatable, Codable {
    /// The column name (`name.element` for a list's elements).
    public let name: String
    /// The column's type as text, e.g. `timestamp[us, UTC]`.
    public let type: String
    /// How values are summarised.
    public let kind: ValueKind
    /// For timestamps: the unit of ``minimum``/``maximum``/moments.
    public let timeUnit: TimeUnit?
    /// The number of rows (values, for list elements).
    public internal(set) var count: Int = 0
    /// The number of null rows.
    public internal(set) var nullCount: Int = 0
    /// The number of NaN values (floating point only); NaN is left out of every other figure,
    /// and infinities are left out of moments and quantiles (they still count as extremes).
    public internal(set) var nanCount: Int = 0
    /// The smallest value (strings: byte-wise lexicographic); `nil` when no value is present.
    public internal(set) var minimum: StatValue?
    /// The largest value.
    public internal(set) var maximum: StatValue?
    /// Mean and variance of the numeric reading (booleans as 0/1).
    public internal(set) var moments = Moments()
    /// Distinct non-null values.
    public internal(set) var distinct: HyperLogLog
    /// Quantiles of the numeric reading (numeric kinds only).
    public internal(set) var quantiles: QuantileSketch?
    /// The most frequent values (strings and booleans).
    public internal(set) var frequent: FrequentValues?
    /// Byte lengths of strings and binaries; element counts of lists.
    public internal(set) var lengths: LengthStatistics?
    /// Statistics of a list's elements (zero or one profile).
    public internal(set) var elements: [ColumnProfile]

    /// Creates an empty profile for a column of `type`.
    public init(name: String, type: DataType, options: ProfileOptions) throws(QualityError) {
        self.name = name
        self.type = type.description
        self.kind = ValueKind(type)
        if case .timestamp(let unit, _) = type { timeUnit = unit } else { timeUnit = nil }
        distinct = try HyperLogLog(precision: options.distinctPrecision)
        quantiles = kind.isNumeric ? try QuantileSketch(k: options.quantileAccuracy) : nil
        switch kind {
        case .string, .boolean: frequent = try FrequentValues(capacity: options.frequentCapacity)
        default: frequent = nil
        }
        switch kind {
        case .string, .binary, .list: lengths = LengthStatistics()
        default: lengths = nil
        }
        if case .list(let element) = type {
            elements = [try ColumnProfile(name: name + ".element", type: element.type, options: options)]
        } else {
            elements = []
        }
    }

    /// The number of non-null values.
    public var valueCount: Int { count - nullCount }

    /// The fraction of rows that are null (0 when there are no rows).
    public var nullFraction: Double { count == 0 ? 0 : Double(nullCount) / Double(count) }

    /// The mean of the numeric reading.
    public var mean: Double? { moments.count > 0 ? moments.mean : nil }

    /// The population standard deviation of the numeric reading.
    public var standardDeviation: Double? { moments.standardDeviation }

    /// The estimated number of distinct non-null values.
    public var distinctCount: Int { distinct.count }

    /// The approximate `q`-quantile of the numeric reading.
    public func quantile(_ q: Double) -> Double? { quantiles?.quantile(q) }

    /// The maximum of a date or timestamp column as an instant.
    public var newestInstant: Date? {
        guard case .integer(let v)? = maximum else { return nil }
        switch kind {
        case .date: return Date(timeIntervalSince1970: Double(v) * 86_400)
        case .timestamp:
            let perSecond = timeUnit?.perSecond ?? 1_000_000
            return Date(timeIntervalSince1970: Double(v / perSecond) + Double(v % perSecond) / Double(perSecond))
        default: return nil
        }
    }

    /// `value` (a statistic of this column) as a person reads it: dates and timestamps in ISO 8601.
    public func display(_ value: StatValue) -> String {
        guard case .integer(let v) = value else { return value.text }
        return display(Double(v))
    }

    /// A number on this column's scale as text: dates and timestamps in ISO 8601.
    public func display(_ number: Double) -> String {
        switch kind {
        case .date:
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withFullDate]
            return f.string(from: Date(timeIntervalSince1970: (number * 86_400).rounded()))
        case .timestamp:
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return f.string(from: Date(timeIntervalSince1970: number / Double(timeUnit?.perSecond ?? 1_000_000)))
        default:
            return Format.number(number)
        }
    }

    /// The list elements' profile, for list columns.
    public var elementProfile: ColumnProfile? { elements.first }

    /// Folds in the profile of other rows of the same column.
    public mutating func merge(_ other: ColumnProfile) throws(QualityError) {
        guard other.name == name, other.type == type else {
            throw QualityError(.incompatibleMerge, "cannot merge the profile of '\(other.name)' (\(other.type)) into '\(name)' (\(type))", column: name)
        }
        count += other.count
        nullCount += other.nullCount
        nanCount += other.nanCount
        if let m = other.minimum { minimum = minimum.map { Swift.min($0, m) } ?? m }
        if let m = other.maximum { maximum = maximum.map { Swift.max($0, m) } ?? m }
        moments.merge(other.moments)
        try distinct.merge(other.distinct)
        if let o = other.quantiles { try quantiles?.merge(o) }
        if let o = other.frequent { try frequent?.merge(o) }
        if let o = other.lengths { lengths?.merge(o) }
        for i in elements.indices where i < other.elements.count { try elements[i].merge(other.elements[i]) }
    }
}

/// Minimum, maximum and moments of lengths (string/binary bytes, list element counts).
public struct LengthStatistics: Sendable, Equatable, Codable {
    /// The shortest length (`nil` when no value).
    public internal(set) var minimum: Int?
    /// The longest length.
    public internal(set) var maximum: Int?
    /// Mean and variance of the lengths.
    public internal(set) var moments = Moments()

    /// Creates empty statistics.
    public init() {}

    mutating func record(minimum lo: Int, maximum hi: Int, moments m: Moments) {
        guard m.count > 0 else { return }
        minimum = Swift.min(minimum ?? lo, lo)
        maximum = Swift.max(maximum ?? hi, hi)
        moments.merge(m)
    }

    /// Folds `other` in.
    public mutating func merge(_ other: LengthStatistics) {
        if let lo = other.minimum, let hi = other.maximum { record(minimum: lo, maximum: hi, moments: other.moments) }
    }
}
