/// The columns of a joined training set, in order: label keys, label event time, label
/// columns, then each feature source's columns and (optionally) its event time.
///
/// A feature column keeps its name unless another output column has the same name; then it
/// is prefixed with its source's alias: `customers_profiles__segment`. A carried feature event
/// time is always prefixed: `customers_profiles__updated_at`.
public struct OutputLayout: Sendable, Hashable {
    /// Where an output column comes from.
    public enum Origin: Sendable, Hashable {
        /// A label column (key, event time or label), by its label-side name.
        case label(String)
        /// Column `column` of feature source `source` (its index in the spec).
        case feature(source: Int, column: String)
        /// The event time of the feature row chosen for feature source `source`.
        case featureTime(source: Int)
    }

    /// One output column.
    public struct Column: Sendable, Hashable {
        /// The output name.
        public let name: String
        /// Where the values come from.
        public let origin: Origin
    }

    /// The columns, in output order.
    public let columns: [Column]

    /// The layout for a label source and feature sources.
    public init(label: TrainingSetSpec.LabelSource, features: [TrainingSetSpec.FeatureSource], includeFeatureTimes: Bool = true) {
        var out: [Column] = []
        for name in label.keys + [label.eventTime] + label.columns { out.append(Column(name: name, origin: .label(name))) }
        var uses: [String: Int] = [:]
        for name in out.map(\.name) { uses[name, default: 0] += 1 }
        for feature in features { for c in Set(feature.columns) { uses[c, default: 0] += 1 } }
        for (s, feature) in features.enumerated() {
            for c in feature.columns {
                let name = uses[c, default: 0] > 1 ? "\(feature.alias)__\(c)" : c
                out.append(Column(name: name, origin: .feature(source: s, column: c)))
            }
            if includeFeatureTimes {
                out.append(Column(name: "\(feature.alias)__\(feature.eventTime)", origin: .featureTime(source: s)))
            }
        }
        columns = out
    }

    /// The layout a spec's build produces (feature event times carried).
    public init(spec: TrainingSetSpec) {
        self.init(label: spec.label, features: spec.features, includeFeatureTimes: true)
    }

    /// The output names.
    public var names: [String] { columns.map(\.name) }

    /// The names of the carried feature event-time columns, by feature source index.
    public var featureTimeColumns: [Int: String] {
        var out: [Int: String] = [:]
        for c in columns { if case .featureTime(let s) = c.origin { out[s] = c.name } }
        return out
    }

    /// Output names used more than once, with their counts.
    func duplicateNames() -> [(String, Int)] {
        var counts: [String: Int] = [:]
        for c in columns { counts[c.name, default: 0] += 1 }
        return counts.filter { $0.value > 1 }.sorted { $0.key < $1.key }
    }
}
