import Columnar

/// Verifies a split training set on its output rows: no feature from the label's future or
/// beyond its TTL (through the carried feature event-time columns), every row inside its
/// split's window, and, in entity-disjoint mode, no entity in two splits.
///
/// The join cannot produce the first two; the check exists so a build proves it rather than
/// assumes it, and so outputs produced any other way can be audited.
public struct LeakageCheck: Sendable {
    /// The spec the output claims to follow.
    public let spec: TrainingSetSpec

    /// Creates a check for outputs of `spec`.
    public init(spec: TrainingSetSpec) { self.spec = spec }

    /// Checks `output` and reports every violation.
    public func run(_ output: SplitOutput) throws(TrainingError) -> LeakageReport {
        var report = LeakageReport()
        let timeColumns = OutputLayout(spec: spec).featureTimeColumns
        let assigner = SplitAssigner(spec: spec)
        var entitySplit: [EntityKey: Int] = [:]
        var reportedEntities: Set<EntityKey> = []
        for (s, split) in output.splits.enumerated() {
            var rowBase = 0
            for batch in split.batches {
                defer { rowBase += batch.count }
                report.rowsChecked += batch.count
                guard let labelTime = batch.column(named: spec.label.eventTime), TimeScale.isTime(labelTime.type) else {
                    throw TrainingError(.schema, "split \(split.name) has no timestamp or date column '\(spec.label.eventTime)'")
                }
                checkFeatureTimes(batch, labelTime: labelTime, timeColumns: timeColumns, split: split.name, rowBase: rowBase, into: &report)
                checkWindows(batch, labelTime: labelTime, splitIndex: s, split: split.name, rowBase: rowBase, into: &report)
                guard spec.entityDisjoint else { continue }
                let keys = try assigner.keyColumns(batch)
                for row in 0..<batch.count where !keys.hasNull(row) {
                    var bytes: [UInt8] = []
                    keys.encode(row, into: &bytes)
                    let key = EntityKey(bytes: bytes)
                    if let first = entitySplit[key] {
                        if first != s && reportedEntities.insert(key).inserted {
                            let text = spec.label.keys.map { "\($0)=\(describe(batch.column(named: $0)!.value(at: row)))" }.joined(separator: ", ")
                            report.add(.init(kind: .entityInTwoSplits, split: split.name, row: rowBase + row, column: spec.label.keys.joined(separator: ","),
                                             detail: "entity \(text) is also in split \(output.splits[first].name)"))
                        }
                    } else {
                        entitySplit[key] = s
                    }
                }
            }
        }
        return report
    }

    private func checkFeatureTimes(_ batch: RecordBatch, labelTime: Column, timeColumns: [Int: String], split: String, rowBase: Int,
                                   into report: inout LeakageReport) {
        for (s, feature) in spec.features.enumerated() {
            guard let name = timeColumns[s], let featureTime = batch.column(named: name), TimeScale.isTime(featureTime.type) else {
                report.add(.init(kind: .futureFeature, split: split, row: rowBase, column: timeColumns[s] ?? feature.eventTime,
                                 detail: "the feature event-time column is missing, so the rows cannot be verified"))
                continue
            }
            let unit = TimeScale.commonUnit([labelTime.type, featureTime.type])
            let lf = TimeScale.factor(labelTime.type, to: unit)
            let ff = TimeScale.factor(featureTime.type, to: unit)
            let ttl = feature.ttl.map { $0.ticks(per: unit.perSecond) }
            for row in 0..<batch.count where !featureTime.isNull(row) && !labelTime.isNull(row) {
                let t = TimeScale.scale(Self.tick(labelTime, row), lf)
                let f = TimeScale.scale(Self.tick(featureTime, row), ff)
                if f > t {
                    report.add(.init(kind: .futureFeature, split: split, row: rowBase + row, column: name,
                                     detail: "feature time \(describe(featureTime.value(at: row))) is after label time \(describe(labelTime.value(at: row)))"))
                } else if let ttl, t &- f > ttl {
                    report.add(.init(kind: .staleFeature, split: split, row: rowBase + row, column: name,
                                     detail: "feature time \(describe(featureTime.value(at: row))) is older than the ttl \(feature.ttl!) before label time \(describe(labelTime.value(at: row)))"))
                }
            }
        }
    }

    private func checkWindows(_ batch: RecordBatch, labelTime: Column, splitIndex: Int, split: String, rowBase: Int,
                              into report: inout LeakageReport) {
        guard !spec.splits.isEmpty else { return }
        let windows = SplitWindows(spec.splits, timeType: labelTime.type)
        for row in 0..<batch.count {
            let window = labelTime.isNull(row) ? nil : windows.window(of: windows.ticks(labelTime, row))
            let ok = spec.entityDisjoint ? window != nil : window == splitIndex
            if !ok {
                let expected = spec.entityDisjoint
                    ? "any split window"
                    : (splitIndex < spec.splits.count ? "[\(spec.splits[splitIndex].from), \(spec.splits[splitIndex].until))" : "no window (unknown split)")
                report.add(.init(kind: .outsideSplit, split: split, row: rowBase + row, column: spec.label.eventTime,
                                 detail: "label time \(describe(labelTime.value(at: row))) is outside \(expected)"))
            }
        }
    }

    static func tick(_ column: Column, _ row: Int) -> Int64 {
        switch column.values {
        case .int64(let b): b[row]
        case .int32(let b): Int64(b[row])
        default: 0
        }
    }

    private func describe(_ value: Value) -> String {
        switch value {
        case .timestamp(let v, let unit):
            let micros = unit == .milliseconds ? v * 1000 : unit == .microseconds ? v : v / 1000
            return Instant(microseconds: micros).text
        case .date(let d): return Instant(microseconds: Int64(d) * 86_400_000_000).text
        case .string(let s): return s
        case .int64(let v): return String(v)
        case .int32(let v): return String(v)
        case .boolean(let v): return String(v)
        case .null: return "null"
        default: return "\(value)"
        }
    }
}

/// An entity key's canonical bytes, hashable.
struct EntityKey: Hashable {
    let bytes: [UInt8]
}
