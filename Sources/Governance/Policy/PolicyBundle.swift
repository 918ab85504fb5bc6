import Contracts

/// A policy bundle: the organisation's (global) or a domain's governance rules, written as
/// YAML a governance team reviews in a pull request. See docs/governance.md for the format.
public struct PolicyBundle: Sendable, Hashable {
    /// Whether the bundle is the organisation's or one domain's.
    public enum Scope: Sendable, Hashable {
        /// The global bundle every product follows.
        case global
        /// A domain's additions; may only add rules or tighten thresholds.
        case domain(String)
    }

    /// Metadata every product must declare.
    public struct RequiredMetadata: Sendable, Hashable {
        /// A team name and a member whose role names an owner.
        public var owner = false
        /// `description.purpose`.
        public var description = false
        /// At least one `support` channel.
        public var supportChannel = false
        /// Creates the section.
        public init(owner: Bool = false, description: Bool = false, supportChannel: Bool = false) {
            self.owner = owner
            self.description = description
            self.supportChannel = supportChannel
        }
    }

    /// Regular expressions names must match (a domain's patterns apply in addition to the global ones).
    public struct Naming: Sendable, Hashable {
        /// For `domain` and `dataProduct`.
        public var product: [String] = []
        /// For table names.
        public var table: [String] = []
        /// For column names.
        public var column: [String] = []
        /// Creates the section.
        public init(product: [String] = [], table: [String] = [], column: [String] = []) {
            self.product = product
            self.table = table
            self.column = column
        }
    }

    /// Rules on classification and personal data.
    public struct Classification: Sendable, Hashable {
        /// The allowed classification levels, least to most sensitive; empty means any.
        public var levels: [String] = []
        /// The tag marking personal data.
        public var piiTag = "pii"
        /// The least sensitive level a PII column may have.
        public var piiMinimumLevel: String?
        /// PII columns must list `allowedPurposes`.
        public var piiRequiresPurposes = false
        /// Products with PII must declare a retention SLA of at most this many days.
        public var piiMaximumRetentionDays: Double?
        /// Every column must have a classification.
        public var requireClassification = false
        /// Creates the section.
        public init() {}
    }

    /// Checks every product must declare.
    public struct RequiredChecks: Sendable, Hashable {
        /// A freshness (latency) SLA.
        public var freshnessSLA = false
        /// The freshness SLA may be at most this many hours.
        public var maximumLatencyHours: Double?
        /// Every primary-key column has a `nullValues` rule that allows no nulls.
        public var primaryKeyNullCheck = false
        /// Every table has a `rowCount` rule.
        public var rowCountCheck = false
        /// Creates the section.
        public init() {}
    }

    /// A custom rule in the expression language.
    public struct Rule: Sendable, Hashable {
        /// When a rule is evaluated.
        public enum Stage: String, Sendable, Hashable, Codable {
            /// On the contract's metadata when it is registered (the default).
            case registration
            /// On the statistics of each published version (`stats` is set).
            case publish
        }

        /// Stable id (`rule.<id>` in decisions).
        public var id: String
        /// What the rule asks, for people.
        public var description: String
        /// When the rule applies (absent: always).
        public var when: Expression?
        /// What must hold.
        public var require: Expression
        /// Error blocks, warning reports.
        public var severity: QualitySeverity
        /// Registration (default) or publish.
        public var stage: Stage = .registration

        /// Creates a rule.
        public init(id: String, description: String, when: Expression? = nil, require: Expression,
                    severity: QualitySeverity = .error, stage: Stage = .registration) {
            self.id = id
            self.description = description
            self.when = when
            self.require = require
            self.severity = severity
            self.stage = stage
        }
    }

    /// How columns are shown to a reader whose clearance is below their classification.
    public struct Access: Sendable, Hashable {
        /// What happens to a column the reader may not see in clear.
        public enum Action: String, Sendable, Hashable, Codable, Comparable {
            /// Shown as is.
            case show
            /// Values replaced by a mask.
            case mask
            /// Column removed.
            case drop

            private var rank: Int { [.show: 0, .mask: 1, .drop: 2][self]! }
            public static func < (a: Action, b: Action) -> Bool { a.rank < b.rank }
        }

        /// Per classification level: the action for readers cleared below it (default drop).
        public var belowClearance: [String: Action] = [:]
        /// The action for a PII column read for a purpose it does not allow (default drop).
        public var purposeNotAllowed: Action = .drop
        /// Creates the section.
        public init() {}
    }

    /// `name`.
    public var name: String
    /// `version` (semantic).
    public var version: String
    /// Global or domain.
    public var scope: Scope
    /// `description`.
    public var description: String?
    /// `requiredMetadata`.
    public var requiredMetadata = RequiredMetadata()
    /// `naming`.
    public var naming = Naming()
    /// `classification`.
    public var classification = Classification()
    /// `requiredChecks`.
    public var requiredChecks = RequiredChecks()
    /// `glossary`: the semantic layer.
    public var glossary: [GlossaryTerm] = []
    /// `rules`: custom rules.
    public var rules: [Rule] = []
    /// `access`: masking decisions.
    public var access = Access()
    /// Flags the YAML set to `false` explicitly (`requiredChecks.freshnessSLA`...), so a domain
    /// bundle's attempt to switch off a global requirement can be named.
    public var explicitFalse: Set<String> = []

    /// Creates an empty bundle.
    public init(name: String, version: String, scope: Scope) {
        self.name = name
        self.version = version
        self.scope = scope
    }

    /// `name@version`, how decisions cite the bundle.
    public var reference: String { "\(name)@\(version)" }

    /// The glossary term with `id`.
    public func term(_ id: String) -> GlossaryTerm? { glossary.first { $0.id == id } }

    /// The position of a classification level (0 = least sensitive), nil when unknown.
    public func rank(ofLevel level: String) -> Int? {
        classification.levels.firstIndex { $0.lowercased() == level.lowercased() }
    }
}
