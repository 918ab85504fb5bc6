import Columnar

/// One feature source's batches, checked against the label side, and its matching.
struct FeatureSide: Sendable {
    let source: TrainingSetSpec.FeatureSource
    let index: Int
    let batches: [RecordBatch]
    /// Positions in the label's `keys` this source joins on, ascending.
    let labelKeyPositions: [Int]
    /// The feature key column for each of `labelKeyPositions`.
    let featureKeys: [String]
    let timeType: DataType
    let knownAtType: DataType?
    let knownAtColumn: String
    let labelTimeType: DataType
    let includeTime: Bool
    let columnTypes: [String: DataType]
    let integerKeys: Bool

    init(source: TrainingSetSpec.FeatureSource, index: Int, batches: [RecordBatch], labelSide: LabelSide,
         knownAtColumn: String, includeTime: Bool) throws(TrainingError) {
        let context = "features[\(index)] \(source.product)"
        var pairs: [(Int, String)] = []
        for mapping in source.keys {
            guard let position = labelSide.label.keys.firstIndex(of: mapping.label) else {
                throw TrainingError(.schema, "key '\(mapping.feature)' maps to '\(mapping.label)', which is not a label key", context: context)
            }
            pairs.append((position, mapping.feature))
        }
        guard !pairs.isEmpty else { throw TrainingError(.schema, "no key columns are mapped", context: context) }
        pairs.sort { $0.0 < $1.0 }
        var types: [String: DataType] = [:]
        func need(_ name: String, in batch: RecordBatch, _ b: Int) throws(TrainingError) -> DataType {
            guard let field = batch.schema.field(named: name) else {
                throw TrainingError(.schema, "batch \(b) has no column '\(name)' (have: \(batch.schema.names.joined(separator: ", ")))", context: context)
            }
            if let known = types[name], known != field.type {
                throw TrainingError(.schema, "batch \(b) has column '\(name)' as \(field.type), an earlier batch as \(known)", context: context)
            }
            types[name] = field.type
            return field.type
        }
        guard !batches.isEmpty else {
            throw TrainingError(.schema, "no feature batches were given; pass at least one (possibly empty) batch so the schema is known", context: context)
        }
        let asOf = source.asOfKnownTime
        let hasKnownAt = batches.contains { $0.schema.index(of: knownAtColumn) != nil }
        for (b, batch) in batches.enumerated() {
            for (_, key) in pairs { _ = try need(key, in: batch, b) }
            _ = try need(source.eventTime, in: batch, b)
            for column in source.columns { _ = try need(column, in: batch, b) }
            if asOf || hasKnownAt {
                guard batch.schema.index(of: knownAtColumn) != nil else {
                    throw TrainingError(.schema, asOf
                        ? "asOfKnownTime needs each row's known-at time in column '\(knownAtColumn)', which batch \(b) lacks"
                        : "some batches carry '\(knownAtColumn)' and batch \(b) does not", context: context)
                }
                _ = try need(knownAtColumn, in: batch, b)
            }
        }
        for (position, key) in pairs {
            let labelType = labelSide.type(of: labelSide.label.keys[position])
            if let featureType = types[key], !KeyKind.compatible(labelType, featureType) {
                throw TrainingError(.schema, "key '\(key)' is \(featureType) but label key '\(labelSide.label.keys[position])' is \(labelType)", context: context)
            }
        }
        if let t = types[source.eventTime], !TimeScale.isTime(t) {
            throw TrainingError(.schema, "event-time column '\(source.eventTime)' is \(t); it must be a timestamp or a date", context: context)
        }
        if let t = types[knownAtColumn], !TimeScale.isTime(t) {
            throw TrainingError(.schema, "known-at column '\(knownAtColumn)' is \(t); it must be a timestamp or a date", context: context)
        }
        self.source = source
        self.index = index
        self.batches = batches
        self.labelKeyPositions = pairs.map(\.0)
        self.featureKeys = pairs.map(\.1)
        self.timeType = types[source.eventTime]!
        self.knownAtType = types[knownAtColumn]
        self.knownAtColumn = knownAtColumn
        self.labelTimeType = labelSide.timeType
        self.includeTime = includeTime
        self.columnTypes = types
        self.integerKeys = KeyColumns.isSingleInteger(pairs.map { labelSide.type(of: labelSide.label.keys[$0.0]) })
            && KeyColumns.isSingleInteger(pairs.compactMap { types[$0.1] })
    }
}

/// A feature row prepared for the merge: when it becomes usable (`available`), its event
/// time, its known-at time and its global row number.
struct FeatureEntry {
    var available: Int64
    var event: Int64
    var known: Int64
    var row: Int32

    /// Whether `self` beats `other` for the same label: later event time, then later known-at, then later row.
    @inline(__always) func beats(_ other: FeatureEntry) -> Bool {
        if event != other.event { return event > other.event }
        if known != other.known { return known > other.known }
        return row > other.row
    }
}
