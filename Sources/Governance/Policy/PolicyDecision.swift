import Contracts

/// One explained policy decision: which rule, on which product and column, what value was
/// seen, whether it passed (allow) or failed (deny), and why.
public struct PolicyDecision: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Pass (allow) or fail (deny).
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// The rule holds / access allowed.
        case pass
        /// The rule is broken / access denied.
        case fail
    }

    /// The rule (`naming.column`, `classification.pii-retention`, `glossary.fico_score`, `rule.<id>`...).
    public var ruleID: String
    /// The bundle that holds the rule (`name@version`).
    public var bundle: String
    /// The product id (`DOMAIN.PRODUCT`, or the contract id when those are missing).
    public var product: String
    /// The table, for column and table rules.
    public var object: String?
    /// The column, for column rules.
    public var column: String?
    /// The value the rule looked at, as text.
    public var value: String?
    /// Pass or fail.
    public var outcome: Outcome
    /// Error blocks, warning reports.
    public var severity: QualitySeverity
    /// Why, in a sentence.
    public var reason: String

    /// Creates a decision.
    public init(ruleID: String, bundle: String, product: String, object: String? = nil, column: String? = nil,
                value: String? = nil, outcome: Outcome, severity: QualitySeverity = .error, reason: String) {
        self.ruleID = ruleID
        self.bundle = bundle
        self.product = product
        self.object = object
        self.column = column
        self.value = value
        self.outcome = outcome
        self.severity = severity
        self.reason = reason
    }

    /// True for a failure that blocks.
    public var blocks: Bool { outcome == .fail && severity == .error }

    /// The subject: `product`, `product/table` or `product/table.column`.
    public var subject: String {
        var s = product
        if let object { s += "/\(object)" }
        if let column { s += ".\(column)" }
        return s
    }

    /// Identity used to compare decisions across bundles (rule and subject).
    public var key: String { "\(ruleID)|\(subject)" }

    public var description: String {
        let verdict = outcome == .pass ? "pass" : (severity == .error ? "FAIL" : "warn")
        return "\(verdict) \(ruleID) \(subject)" + (value.map { " value=\($0)" } ?? "") + ": \(reason) [\(bundle)]"
    }
}

extension Array where Element == PolicyDecision {
    /// The failed decisions (errors and warnings).
    public var failures: [PolicyDecision] { filter { $0.outcome == .fail } }
    /// True when any failure blocks.
    public var blocks: Bool { contains { $0.blocks } }
}
