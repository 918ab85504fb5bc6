import Columnar

/// Materialises a training set from already-read inputs: point-in-time join, split, leakage
/// check, content hash. Reading the products (at pinned versions, with the label filter and
/// policy masking applied) and writing the result are the caller's job.
public struct TrainingSetBuild: Sendable {
    /// The spec being built.
    public let spec: TrainingSetSpec
    /// The feature-batch column holding each row's known-at time.
    public let knownAtColumn: String

    /// Creates a build of `spec`.
    public init(spec: TrainingSetSpec, knownAtColumn: String = PointInTimeJoin.defaultKnownAtColumn) {
        self.spec = spec
        self.knownAtColumn = knownAtColumn
    }

    /// A built training set.
    public struct Result: Sendable {
        /// The rows, split.
        public let output: SplitOutput
        /// The (clean) leakage report.
        public let leakage: LeakageReport
        /// The ``ContentHash`` of ``output``.
        public let contentHash: String
        /// Per feature source alias, how many label rows got a feature row.
        public let matchedRows: [String: Int]
    }

    /// Builds from the label batches and, per feature source in spec order, its batches.
    ///
    /// - Throws: ``TrainingError``: `.invalidSpec`, `.schema`, or `.leakage` with the report.
    public func run(labels: [RecordBatch], features: [[RecordBatch]]) throws(TrainingError) -> Result {
        let problems = spec.problems()
        guard problems.isEmpty else { throw .invalidSpec(problems) }
        let joined = try PointInTimeJoin(spec: spec, knownAtColumn: knownAtColumn).run(labels: labels, features: features)
        let output = try SplitAssigner(spec: spec).partition(joined.batches, schema: joined.schema)
        let report = try LeakageCheck(spec: spec).run(output)
        try report.requireClean()
        let hash = try ContentHash.compute(output)
        let matched = Dictionary(uniqueKeysWithValues: zip(spec.features.map(\.alias), joined.matchedRows))
        return Result(output: output, leakage: report, contentHash: hash, matchedRows: matched)
    }
}
