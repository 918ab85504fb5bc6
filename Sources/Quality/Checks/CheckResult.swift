import Contracts
import Foundation

/// What a check verifies.
public enum CheckKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A contract column exists in the data with a compatible type (or an extra data column).
    case schema
    /// A required column holds no nulls; a null-rate bound.
    case nullRate
    /// Values lie within a numeric or length range.
    case range
    /// Values are among the allowed ones.
    case allowedValues
    /// Values match a regular expression.
    case pattern
    /// No value (or tuple of values) repeats.
    case uniqueness
    /// The number of rows.
    case rowCount
    /// The newest event time (or last publish) is within the SLA.
    case freshness
    /// An ODCS library rule (`nullValues`, `missingValues`, `invalidValues`, `duplicateValues`, `rowCount`).
    case contractRule
    /// A Meshwork statistics rule (`type: custom`, `engine: meshwork`).
    case statistic
    /// A glossary term's constraint on a bound column.
    case glossary
    /// A policy threshold.
    case policy
    /// Distribution drift against the previous version (PSI).
    case drift
}

/// The outcome of one check, ready to be stored, shown in the catalog or sent in an alert.
public struct CheckResult: Sendable, Hashable, Codable {
    /// A stable identifier (`schema.amount`, the rule's id, `drift.country`...).
    public var id: String
    /// A short human name.
    public var name: String
    /// What the check verifies.
    public var kind: CheckKind
    /// The table checked.
    public var object: String?
    /// The column checked, if the check is about one column.
    public var column: String?
    /// What was measured, as text (`3 nulls (0.15 %)`, `int64`, `PSI 0.31`).
    public var observed: String
    /// The measured number, when there is one (for thresholds and charts).
    public var observedValue: Double?
    /// What the contract or policy expects, as text (`≤ 1 %`, `integer`).
    public var expected: String
    /// How much a failure matters: an error blocks, a warning reports.
    public var severity: QualitySeverity
    /// Whether the data satisfies the check (true for skipped checks).
    public var passed: Bool
    /// True when the check could not be evaluated (SQL rules, a missing baseline...).
    public var skipped: Bool
    /// A sentence a person can act on.
    public var message: String
    /// Where the rule comes from (`schema[0].properties[2].quality[0]`, `glossary:fico_score`).
    public var source: String?

    /// Creates a result.
    public init(id: String, name: String, kind: CheckKind, object: String? = nil, column: String? = nil,
                observed: String, observedValue: Double? = nil, expected: String, severity: QualitySeverity,
                passed: Bool, skipped: Bool = false, message: String, source: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.object = object
        self.column = column
        self.observed = observed
        self.observedValue = observedValue
        self.expected = expected
        self.severity = severity
        self.passed = passed
        self.skipped = skipped
        self.message = message
        self.source = source
    }

    /// True when the check failed with error severity.
    public var isBlocking: Bool { !passed && severity == .error }
}

/// Every check's result for one data set, with the statistics they were computed from.
public struct QualityReport: Sendable, Codable, Equatable {
    /// The contract id, when checks came from a contract.
    public var contract: String?
    /// The table checked.
    public var object: String?
    /// When the checks ran (freshness is measured against this).
    public var checkedAt: Date
    /// The results, in evaluation order (schema, bounds, freshness, rules, constraints, drift).
    public var results: [CheckResult]
    /// The statistics of the data.
    public var profile: DatasetProfile

    /// Creates a report.
    public init(contract: String?, object: String?, checkedAt: Date, results: [CheckResult], profile: DatasetProfile) {
        self.contract = contract
        self.object = object
        self.checkedAt = checkedAt
        self.results = results
        self.profile = profile
    }

    /// True when any error-severity check failed: the data must not be published.
    public var blocking: Bool { results.contains(where: \.isBlocking) }

    /// The failed checks.
    public var failures: [CheckResult] { results.filter { !$0.passed } }

    /// Counts of passed, failed (errors, warnings) and skipped checks.
    public var summary: (passed: Int, errors: Int, warnings: Int, skipped: Int) {
        var s = (passed: 0, errors: 0, warnings: 0, skipped: 0)
        for r in results {
            if r.skipped { s.skipped += 1 } else if r.passed { s.passed += 1 } else if r.severity == .error { s.errors += 1 } else { s.warnings += 1 }
        }
        return s
    }

    enum CodingKeys: String, CodingKey { case contract, object, checkedAt, results, profile, blocking }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(contract, forKey: .contract)
        try c.encodeIfPresent(object, forKey: .object)
        try c.encode(checkedAt, forKey: .checkedAt)
        try c.encode(blocking, forKey: .blocking)
        try c.encode(results, forKey: .results)
        try c.encode(profile, forKey: .profile)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        contract = try c.decodeIfPresent(String.self, forKey: .contract)
        object = try c.decodeIfPresent(String.self, forKey: .object)
        checkedAt = try c.decode(Date.self, forKey: .checkedAt)
        results = try c.decode([CheckResult].self, forKey: .results)
        profile = try c.decode(DatasetProfile.self, forKey: .profile)
    }

    /// Stable JSON (sorted keys, ISO-8601 dates).
    public func jsonData(pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }
}
