import Contracts

/// A publish-time rule on one column's data, as data for the Quality engine to evaluate on
/// statistics: glossary ranges and value lists, policy thresholds. Produced by
/// ``PolicyBundle/constraints(for:)``.
public struct ColumnConstraint: Sendable, Hashable, Codable {
    /// What the column's data must satisfy.
    public enum Requirement: Sendable, Hashable, Codable {
        /// Every non-null value lies in `[minimum, maximum]` (either end may be open).
        case range(minimum: Double?, maximum: Double?)
        /// Every non-null value is one of these.
        case allowedValues([ScalarValue])
        /// Every non-null value matches this regular expression.
        case pattern(String)
        /// The percentage of nulls is at most this (0–100).
        case maximumNullPercent(Double)
        /// No value repeats.
        case unique
    }

    /// The rule that asks for it (`glossary.fico_score`, `classification.pii-null-rate`...).
    public var ruleID: String
    /// The product id (`DOMAIN.PRODUCT`).
    public var product: String
    /// The table (`schema[].name`).
    public var object: String
    /// The column.
    public var column: String
    /// The requirement.
    public var requirement: Requirement
    /// Whether a violation blocks publication.
    public var severity: QualitySeverity
    /// Why the rule applies, for explanations (“bound to glossary term fico_score”).
    public var reason: String

    /// Creates a constraint.
    public init(ruleID: String, product: String, object: String, column: String, requirement: Requirement,
                severity: QualitySeverity = .error, reason: String) {
        self.ruleID = ruleID
        self.product = product
        self.object = object
        self.column = column
        self.requirement = requirement
        self.severity = severity
        self.reason = reason
    }
}
