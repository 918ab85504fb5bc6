import Foundation
import Governance

/// Thresholds for automatic drift checks against the previous version's profile.
public struct DriftThresholds: Sendable, Hashable, Codable {
    /// PSI at or above which a column's drift is reported as a warning.
    public var warn: Double
    /// PSI at or above which a column's drift is an error (blocks).
    public var fail: Double
    /// Equal-depth buckets for numeric columns.
    public var buckets: Int
    /// Restricts automatic drift checks to these columns; `nil` checks every comparable column
    /// except primary keys, unique columns and the event-time column (which move by design).
    public var columns: [String]?
    /// The fewest non-null values each side needs for an automatic drift check; below it the
    /// check is skipped, since PSI over a handful of values measures noise, not drift (a
    /// three-row correction would otherwise "drift" from a million-row baseline). `nil`: 100.
    public var minimumValues: Int?

    /// The default of ``minimumValues``.
    public static let defaultMinimumValues = 100

    /// Creates thresholds (defaults: warn 0.1, fail 0.25, 10 buckets, 100 values per side).
    public init(warn: Double = 0.1, fail: Double = 0.25, buckets: Int = 10, columns: [String]? = nil, minimumValues: Int? = nil) {
        self.warn = warn
        self.fail = fail
        self.buckets = buckets
        self.columns = columns
        self.minimumValues = minimumValues
    }
}

/// What a quality run needs besides the contract and the data.
public struct QualityOptions: Sendable {
    /// The instant freshness is measured at.
    public var now: Date
    /// When the product was last published, used for freshness when no event-time column is known.
    public var lastPublished: Date?
    /// The previous version's profile, for drift; `nil` skips drift.
    public var baseline: DatasetProfile?
    /// Drift thresholds.
    public var drift: DriftThresholds
    /// Glossary and policy constraints on this product's columns (from the governance bundle).
    public var constraints: [ColumnConstraint]
    /// The governance policy: its publish-time constraints (glossary terms bound by the contract,
    /// primary-key checks) join ``constraints``, and its `stage: publish` rules are evaluated on
    /// the profile (`stats`).
    public var policy: PolicyEngine?
    /// The `schema[]` object the data is; `nil` means the contract's first object.
    public var object: String?
    /// The column holding event time; `nil` takes the latency SLA's `element`, else the first
    /// timestamp column the contract declares.
    public var eventTimeColumn: String?
    /// Sketch parameters.
    public var profile: ProfileOptions

    /// Creates options.
    public init(now: Date = Date(), lastPublished: Date? = nil, baseline: DatasetProfile? = nil,
                drift: DriftThresholds = DriftThresholds(), constraints: [ColumnConstraint] = [],
                policy: PolicyEngine? = nil, object: String? = nil, eventTimeColumn: String? = nil, profile: ProfileOptions = ProfileOptions()) {
        self.now = now
        self.lastPublished = lastPublished
        self.baseline = baseline
        self.drift = drift
        self.constraints = constraints
        self.policy = policy
        self.object = object
        self.eventTimeColumn = eventTimeColumn
        self.profile = profile
    }
}
