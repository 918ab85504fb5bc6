import Columnar
import Dispatch
import Synchronization

/// Joins feature rows to label rows as of each label's event time.
///
/// For every label row and every feature source, the chosen feature row is the one with the
/// same key whose event time is the newest at or before the label's event time; with
/// ``TrainingSetSpec/FeatureSource/asOfKnownTime`` the row must also have been known (its
/// known-at time, the publish time of the version that introduced it) at or before the label's
/// event time. Ties on event time go to the later known-at time, then to the row that comes
/// later in the input (batch order, then row order). A chosen row older than the source's TTL
/// (`label time − feature time > ttl`) gives nulls, as do labels without a matching row and
/// labels whose key or event time is null. Feature rows with a null key or event time never match.
///
/// The output has one batch per label batch, in the same row order, with the columns of
/// ``OutputLayout``. Label columns are shared with the input (no copy); feature columns are
/// gathered into new typed buffers. The work is a sort-merge per entity over typed buffers,
/// with one hash of each composite key, and runs feature sources in parallel.
public struct PointInTimeJoin: Sendable {
    /// The label side.
    public let label: TrainingSetSpec.LabelSource
    /// The feature sides, in output order.
    public let features: [TrainingSetSpec.FeatureSource]
    /// The feature-batch column holding each row's known-at time (timestamp); required by
    /// sources with `asOfKnownTime`, used for tie-breaking when present otherwise.
    public let knownAtColumn: String
    /// The output columns.
    public let layout: OutputLayout
    /// Whether each source's chosen event time is carried as a column (for leakage checks).
    public let includeFeatureTimes: Bool

    /// The default name of the known-at column.
    public static let defaultKnownAtColumn = "_known_at"

    /// Creates a join of `label` with `features`.
    public init(label: TrainingSetSpec.LabelSource, features: [TrainingSetSpec.FeatureSource],
                knownAtColumn: String = PointInTimeJoin.defaultKnownAtColumn, includeFeatureTimes: Bool = true) {
        self.label = label
        self.features = features
        self.knownAtColumn = knownAtColumn
        self.includeFeatureTimes = includeFeatureTimes
        self.layout = OutputLayout(label: label, features: features, includeFeatureTimes: includeFeatureTimes)
    }

    /// Creates the join a spec describes (feature event times carried, for leakage checks).
    public init(spec: TrainingSetSpec, knownAtColumn: String = PointInTimeJoin.defaultKnownAtColumn) {
        self.init(label: spec.label, features: spec.features, knownAtColumn: knownAtColumn)
    }

    /// The joined rows.
    public struct Output: Sendable {
        /// The output schema (see ``OutputLayout``).
        public let schema: Schema
        /// One batch per label batch, rows in label order.
        public let batches: [RecordBatch]
        /// Per feature source, how many label rows got a feature row.
        public let matchedRows: [Int]
        /// The number of label rows.
        public var count: Int { batches.reduce(0) { $0 + $1.count } }
    }

    /// Joins `features[i]` (the batches of feature source `i`) to `labels`.
    ///
    /// - Throws: ``TrainingError`` of kind `.schema` when a named column is missing or has a
    ///   type that cannot serve its role, or the batches of one side disagree on types.
    public func run(labels: [RecordBatch], features featureBatches: [[RecordBatch]]) throws(TrainingError) -> Output {
        guard featureBatches.count == features.count else {
            throw TrainingError(.schema, "\(features.count) feature sources are configured but \(featureBatches.count) were given")
        }
        let labelSide = try LabelSide(label: label, batches: labels)
        let sides = try features.enumerated().map { (i, f) throws(TrainingError) in
            try FeatureSide(source: f, index: i, batches: featureBatches[i], labelSide: labelSide, knownAtColumn: knownAtColumn,
                            includeTime: includeFeatureTimes)
        }
        // Label indexes are shared by sources keyed on the same label columns.
        var indexes: [[Int]: LabelIndex] = [:]
        for side in sides where indexes[side.labelKeyPositions] == nil {
            indexes[side.labelKeyPositions] = LabelIndex(side: labelSide, keyPositions: side.labelKeyPositions)
        }
        let results = Mutex<[Int: [Column]]>([:])
        let matched = Mutex<[Int: Int]>([:])
        let frozen = indexes
        DispatchQueue.concurrentPerform(iterations: sides.count) { s in
            let side = sides[s]
            let matches = side.match(frozen[side.labelKeyPositions]!, labelSide: labelSide)
            let columns = side.outputColumns(matches: matches)
            let hits = matches.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
            results.withLock { $0[s] = columns }
            matched.withLock { $0[s] = hits }
        }
        let gathered = results.withLock { $0 }
        return try assemble(labelSide: labelSide, gathered: gathered, matched: matched.withLock { m in sides.indices.map { m[$0] ?? 0 } })
    }

    private func assemble(labelSide: LabelSide, gathered: [Int: [Column]], matched: [Int]) throws(TrainingError) -> Output {
        var fields: [Field] = []
        var featureCursor = Array(repeating: 0, count: features.count)
        var fullFeatureColumns: [Column?] = []
        for column in layout.columns {
            switch column.origin {
            case .label(let name):
                var field = labelSide.fields[name]!
                field.name = column.name
                fields.append(field)
                fullFeatureColumns.append(nil)
            case .feature(let s, _), .featureTime(let s):
                let full = gathered[s]![featureCursor[s]]
                featureCursor[s] += 1
                fields.append(Field(column.name, full.type, nullable: true))
                fullFeatureColumns.append(full)
            }
        }
        let schema = Schema(fields)
        var batches: [RecordBatch] = []
        var offset = 0
        for batch in labelSide.batches {
            var columns: [Column] = []
            for (i, column) in layout.columns.enumerated() {
                if case .label(let name) = column.origin {
                    columns.append(batch.column(named: name)!)
                } else {
                    columns.append(fullFeatureColumns[i]!.slice(offset..<(offset + batch.count)))
                }
            }
            batches.append(RecordBatch(unchecked: schema, columns: columns, count: batch.count))
            offset += batch.count
        }
        return Output(schema: schema, batches: batches, matchedRows: matched)
    }
}
