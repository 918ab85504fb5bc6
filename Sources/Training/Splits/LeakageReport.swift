/// The result of checking a training set for leakage; a build with violations fails.
public struct LeakageReport: Sendable, Hashable, CustomStringConvertible {
    /// What kind of leak a violation is.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// A feature row's event time is after its label's event time.
        public static let futureFeature = Kind(name: "futureFeature")
        /// A feature row is older than its source's TTL allows.
        public static let staleFeature = Kind(name: "staleFeature")
        /// An entity appears in more than one split (entity-disjoint mode).
        public static let entityInTwoSplits = Kind(name: "entityInTwoSplits")
        /// A row's label event time is outside its split's window (or every window).
        public static let outsideSplit = Kind(name: "outsideSplit")
        public var description: String { name }
    }

    /// One violation.
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        /// The kind of leak.
        public let kind: Kind
        /// The split the row is in.
        public let split: String
        /// The row within the split (batches concatenated).
        public let row: Int
        /// The column concerned (a feature time column, the event time, or the key columns).
        public let column: String
        /// What was found.
        public let detail: String

        public var description: String { "\(kind) in split \(split), row \(row), \(column): \(detail)" }
    }

    /// The violations kept (at most ``maximumListed`` per kind).
    public internal(set) var violations: [Violation] = []
    /// How many violations of each kind were found (all of them, not only those listed).
    public internal(set) var counts: [Kind: Int] = [:]
    /// The number of rows checked.
    public internal(set) var rowsChecked = 0

    /// The most violations listed per kind.
    public static let maximumListed = 20

    /// Whether no violation was found.
    public var isClean: Bool { counts.values.allSatisfy { $0 == 0 } }

    /// The total number of violations.
    public var total: Int { counts.values.reduce(0, +) }

    mutating func add(_ violation: Violation) {
        let n = counts[violation.kind, default: 0]
        counts[violation.kind] = n + 1
        if n < Self.maximumListed { violations.append(violation) }
    }

    public var description: String {
        if isClean { return "no leakage in \(rowsChecked) rows" }
        let summary = counts.filter { $0.value > 0 }.sorted { $0.key.name < $1.key.name }.map { "\($0.value) \($0.key)" }
        return "leakage in \(rowsChecked) rows: \(summary.joined(separator: ", "))\n"
            + violations.map { "  - \($0)" }.joined(separator: "\n")
    }

    /// Throws a `.leakage` ``TrainingError`` carrying this report's text when it is not clean.
    public func requireClean() throws(TrainingError) {
        guard isClean else { throw TrainingError(.leakage, description, context: "leakage check") }
    }
}
