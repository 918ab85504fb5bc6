import Columnar

/// Assigns joined rows to splits by their label event time, or by entity in entity-disjoint mode.
///
/// - Time mode: a row belongs to the split whose window `[from, until)` holds its label event
///   time; rows in no window (and rows with a null event time) are left out.
/// - Entity-disjoint mode: a row is kept when its event time lies in any split's window, and it
///   goes to its entity's split. An entity (the label key tuple) is placed by a stable 64-bit hash
///   of its canonical key encoding, scaled onto `[0, Σ durations)` where each split owns a share
///   equal to its window's duration — so an 80/10/10 time split becomes an 80/10/10 entity split,
///   and an entity keeps its split across rebuilds and newer data.
/// - No splits: every row goes to one split called `all`.
public struct SplitAssigner: Sendable {
    /// The splits, in spec order.
    public let splits: [TrainingSetSpec.Split]
    /// Whether entities are assigned to exactly one split.
    public let entityDisjoint: Bool
    /// The label key columns (the entity).
    public let keys: [String]
    /// The label event-time column.
    public let eventTime: String

    /// The split name used when a spec has no splits.
    public static let allRows = "all"

    /// Creates an assigner.
    public init(splits: [TrainingSetSpec.Split], entityDisjoint: Bool, keys: [String], eventTime: String) {
        self.splits = splits
        self.entityDisjoint = entityDisjoint
        self.keys = keys
        self.eventTime = eventTime
    }

    /// The assigner a spec describes.
    public init(spec: TrainingSetSpec) {
        self.init(splits: spec.splits, entityDisjoint: spec.entityDisjoint, keys: spec.label.keys, eventTime: spec.label.eventTime)
    }

    /// The split names in order (`["all"]` without splits).
    public var names: [String] { splits.isEmpty ? [Self.allRows] : splits.map(\.name) }

    /// The split of an entity whose key hashes to `hash` (entity-disjoint mode).
    public func split(forEntityHash hash: UInt64) -> Int {
        let durations = splits.map { UInt128(UInt64(bitPattern: $0.until.microseconds &- $0.from.microseconds)) }
        let total = durations.reduce(0, +)
        let point = (UInt128(hash) * total) >> 64
        var upper: UInt128 = 0
        for (i, d) in durations.enumerated() {
            upper += d
            if point < upper { return i }
        }
        return durations.count - 1
    }

    /// The stable hash of row `row`'s entity key in `batch` (see ``split(forEntityHash:)``).
    public func entityHash(_ batch: RecordBatch, row: Int) throws(TrainingError) -> UInt64 {
        var scratch: [UInt8] = []
        try keyColumns(batch).encode(row, into: &scratch)
        return scratch.withUnsafeBytes { StableHash.bytes($0) }
    }

    func keyColumns(_ batch: RecordBatch) throws(TrainingError) -> KeyColumns {
        var columns: [Column] = []
        for key in keys {
            guard let c = batch.column(named: key), KeyKind(c.type) != nil else {
                throw TrainingError(.schema, "the joined rows have no usable key column '\(key)'")
            }
            columns.append(c)
        }
        return KeyColumns(columns: columns)
    }

    /// The split index of every row of `batch`, -1 for rows left out.
    public func assign(_ batch: RecordBatch) throws(TrainingError) -> [Int] {
        guard !splits.isEmpty else { return Array(repeating: 0, count: batch.count) }
        guard let time = batch.column(named: eventTime), TimeScale.isTime(time.type) else {
            throw TrainingError(.schema, "the joined rows have no timestamp or date column '\(eventTime)'")
        }
        let windows = SplitWindows(splits, timeType: time.type)
        var out = [Int](repeating: -1, count: batch.count)
        let keyColumns = entityDisjoint ? try keyColumns(batch) : nil
        var scratch: [UInt8] = []
        for row in 0..<batch.count where !time.isNull(row) {
            guard let window = windows.window(of: windows.ticks(time, row)) else { continue }
            guard let keyColumns else { out[row] = window; continue }
            if keyColumns.hasNull(row) { continue }
            scratch.removeAll(keepingCapacity: true)
            keyColumns.encode(row, into: &scratch)
            out[row] = split(forEntityHash: scratch.withUnsafeBytes { StableHash.bytes($0) })
        }
        return out
    }

    /// The rows of `batches` partitioned into splits (in ``names`` order), plus the count left out.
    public func partition(_ batches: [RecordBatch], schema: Schema) throws(TrainingError) -> SplitOutput {
        var perSplit = Array(repeating: [RecordBatch](), count: names.count)
        var leftOut = 0
        for batch in batches {
            let assignment = try assign(batch)
            var rows = Array(repeating: [Int32](), count: names.count)
            for (row, s) in assignment.enumerated() {
                if s >= 0 { rows[s].append(Int32(row)) } else { leftOut += 1 }
            }
            for (s, picked) in rows.enumerated() where !picked.isEmpty {
                if picked.count == batch.count {
                    perSplit[s].append(batch)
                } else {
                    let columns = batch.columns.map { Gather.column([$0], type: $0.type, matches: picked) }
                    perSplit[s].append(RecordBatch(unchecked: batch.schema, columns: columns, count: picked.count))
                }
            }
        }
        let parts = zip(names, perSplit).map { SplitBatches(name: $0, batches: $1) }
        return SplitOutput(schema: schema, splits: parts, leftOutRows: leftOut)
    }
}

/// The rows of one split.
public struct SplitBatches: Sendable {
    /// The split's name.
    public let name: String
    /// Its rows.
    public let batches: [RecordBatch]
    /// The number of rows.
    public var count: Int { batches.reduce(0) { $0 + $1.count } }

    /// Creates a split's rows.
    public init(name: String, batches: [RecordBatch]) {
        self.name = name
        self.batches = batches
    }
}

/// A training set's rows partitioned into splits.
public struct SplitOutput: Sendable {
    /// The schema every split shares.
    public let schema: Schema
    /// The splits, in spec order (one split `all` when the spec has none).
    public let splits: [SplitBatches]
    /// Rows that fell in no split (event time outside every window, or null).
    public let leftOutRows: Int

    /// Creates a partitioned output.
    public init(schema: Schema, splits: [SplitBatches], leftOutRows: Int) {
        self.schema = schema
        self.splits = splits
        self.leftOutRows = leftOutRows
    }

    /// Rows per split, by name.
    public var rowCounts: [String: Int] {
        Dictionary(uniqueKeysWithValues: splits.map { ($0.name, $0.count) })
    }
}

/// Split windows converted to a label time column's ticks.
struct SplitWindows {
    let bounds: [(from: Int64, until: Int64)]
    let unitFactor: Int64
    let boundFactor: Int64
    let timeType: DataType

    init(_ splits: [TrainingSetSpec.Split], timeType: DataType) {
        let unit = TimeScale.commonUnit([timeType, .timestamp(unit: .microseconds, utc: true)])
        let bf = TimeScale.factor(.timestamp(unit: .microseconds, utc: true), to: unit)
        unitFactor = TimeScale.factor(timeType, to: unit)
        boundFactor = bf
        bounds = splits.map { (TimeScale.scale($0.from.microseconds, bf), TimeScale.scale($0.until.microseconds, bf)) }
        self.timeType = timeType
    }

    /// Row `row` of a time column in the windows' ticks.
    func ticks(_ column: Column, _ row: Int) -> Int64 {
        switch column.values {
        case .int64(let b): TimeScale.scale(b[row], unitFactor)
        case .int32(let b): TimeScale.scale(Int64(b[row]), unitFactor)
        default: .min
        }
    }

    /// The index of the window holding `t`, if any.
    func window(of t: Int64) -> Int? { bounds.firstIndex { $0.from <= t && t < $0.until } }
}
