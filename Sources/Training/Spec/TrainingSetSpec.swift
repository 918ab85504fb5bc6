/// A training-set spec: which product provides the labels, which products provide features
/// and how they join, the purpose the data is read for, and how rows are split.
///
/// Specs are YAML files checked in by ML teams (see `docs/training-sets.md`); parse one with
/// ``init(yaml:)`` and write it back with ``yaml()`` (the build manifest stores that text).
public struct TrainingSetSpec: Sendable, Hashable {
    /// The training set's name (letters, digits, `_`, `-`, `.`).
    public var name: String
    /// What the training set is for, in prose.
    public var description: String?
    /// The owning team or person (receives alerts when an input is revoked).
    public var owner: String?
    /// The purpose every input is read for; access and masking are decided for it.
    public var purpose: String
    /// The default for ``FeatureSource/asOfKnownTime`` when a feature source does not say.
    public var asOfKnownTime: Bool
    /// Where the labels come from.
    public var label: LabelSource
    /// Where the features come from, in output column order.
    public var features: [FeatureSource]
    /// Time splits on the label event time (may be empty: one unnamed split of all rows).
    public var splits: [Split]
    /// Whether every entity (label key tuple) lands in exactly one split (see ``SplitAssigner``).
    public var entityDisjoint: Bool
    /// Product versions to read instead of the newest (`customers.profiles: "4711"`), for replays.
    public var pins: [String: String]

    /// Creates a spec; call ``problems()`` to validate one built in code.
    public init(name: String, description: String? = nil, owner: String? = nil, purpose: String,
                asOfKnownTime: Bool = false, label: LabelSource, features: [FeatureSource],
                splits: [Split] = [], entityDisjoint: Bool = false, pins: [String: String] = [:]) {
        self.name = name
        self.description = description
        self.owner = owner
        self.purpose = purpose
        self.asOfKnownTime = asOfKnownTime
        self.label = label
        self.features = features
        self.splits = splits
        self.entityDisjoint = entityDisjoint
        self.pins = pins
    }

    /// The product that provides the labels.
    public struct LabelSource: Sendable, Hashable {
        /// The product, `domain.product`.
        public var product: String
        /// The entity key columns (one or more).
        public var keys: [String]
        /// The event-time column (timestamp or date): the moment each label refers to.
        public var eventTime: String
        /// The label column(s).
        public var columns: [String]
        /// A row filter in the mesh filter language, applied by the reader before the join.
        public var filter: String?

        /// Creates a label source.
        public init(product: String, keys: [String], eventTime: String, columns: [String], filter: String? = nil) {
            self.product = product
            self.keys = keys
            self.eventTime = eventTime
            self.columns = columns
            self.filter = filter
        }
    }

    /// A product that provides features, joined point-in-time to the labels.
    public struct FeatureSource: Sendable, Hashable {
        /// The product, `domain.product`.
        public var product: String
        /// The prefix for output columns whose names collide; defaults to the product with `.` → `_`.
        public var alias: String
        /// The feature columns wanted.
        public var columns: [String]
        /// How the feature's key columns map to label key columns, in order.
        public var keys: [KeyMapping]
        /// The feature event-time column (timestamp or date): when the value became true.
        public var eventTime: String
        /// How old a feature row may be relative to the label time; older rows give nulls.
        public var ttl: TimeSpan?
        /// Whether the feature row must also have been published by the label time.
        public var asOfKnownTime: Bool

        /// Creates a feature source.
        public init(product: String, alias: String? = nil, columns: [String], keys: [KeyMapping], eventTime: String,
                    ttl: TimeSpan? = nil, asOfKnownTime: Bool = false) {
            self.product = product
            self.alias = alias ?? Self.defaultAlias(product)
            self.columns = columns
            self.keys = keys
            self.eventTime = eventTime
            self.ttl = ttl
            self.asOfKnownTime = asOfKnownTime
        }

        /// `customers.profiles` → `customers_profiles`.
        public static func defaultAlias(_ product: String) -> String {
            String(product.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
        }
    }

    /// One feature key column and the label key column it equals.
    public struct KeyMapping: Sendable, Hashable {
        /// The column in the feature product.
        public var feature: String
        /// The column in the label product (one of ``LabelSource/keys``).
        public var label: String

        /// Creates a mapping.
        public init(feature: String, label: String) {
            self.feature = feature
            self.label = label
        }
    }

    /// A named time window `[from, until)` on the label event time.
    public struct Split: Sendable, Hashable {
        /// The split's name (`train`, `validation`, `test`); becomes the output tag.
        public var name: String
        /// The first instant included.
        public var from: Instant
        /// The first instant excluded.
        public var until: Instant

        /// Creates a split.
        public init(name: String, from: Instant, until: Instant) {
            self.name = name
            self.from = from
            self.until = until
        }
    }
}
