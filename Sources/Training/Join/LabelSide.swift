import Columnar

/// The label batches, checked, with their event times read once.
struct LabelSide: Sendable {
    let batches: [RecordBatch]
    let label: TrainingSetSpec.LabelSource
    let fields: [String: Field]
    /// Native event-time ticks (dates as days) of every row, batches concatenated.
    let times: [Int64]
    /// `false` where the event time is null; empty when no time is null.
    let timeValid: [Bool]
    let count: Int
    var timeType: DataType { fields[label.eventTime]!.type }

    init(label: TrainingSetSpec.LabelSource, batches: [RecordBatch]) throws(TrainingError) {
        guard let first = batches.first else {
            throw TrainingError(.schema, "no label batches were given; pass at least one (possibly empty) batch so the schema is known")
        }
        var fields: [String: Field] = [:]
        for name in label.keys + [label.eventTime] + label.columns {
            guard let field = first.schema.field(named: name) else {
                throw TrainingError(.schema, "the label product has no column '\(name)' (have: \(first.schema.names.joined(separator: ", ")))",
                                    context: "label \(label.product)")
            }
            fields[name] = field
        }
        for key in label.keys where KeyKind(fields[key]!.type) == nil {
            throw TrainingError(.schema, "key column '\(key)' is \(fields[key]!.type), which cannot be a join key", context: "label \(label.product)")
        }
        guard TimeScale.isTime(fields[label.eventTime]!.type) else {
            throw TrainingError(.schema, "event-time column '\(label.eventTime)' is \(fields[label.eventTime]!.type); it must be a timestamp or a date",
                                context: "label \(label.product)")
        }
        for (b, batch) in batches.enumerated().dropFirst() {
            for (name, field) in fields where batch.schema.field(named: name)?.type != field.type {
                throw TrainingError(.schema, "label batch \(b) has column '\(name)' as \(batch.schema.field(named: name)?.type.description ?? "missing"), batch 0 as \(field.type)",
                                    context: "label \(label.product)")
            }
        }
        var times: [Int64] = []
        var valid: [Bool] = []
        let total = batches.reduce(0) { $0 + $1.count }
        times.reserveCapacity(total)
        var anyNull = false
        for batch in batches {
            let column = batch.column(named: label.eventTime)!
            switch column.values {
            case .int64(let b): b.withUnsafeBufferPointer { times.append(contentsOf: $0) }
            case .int32(let b): b.withUnsafeBufferPointer { for v in $0 { times.append(Int64(v)) } }
            default: break
            }
            anyNull = anyNull || column.nullCount > 0
        }
        if anyNull {
            valid.reserveCapacity(total)
            for batch in batches {
                let column = batch.column(named: label.eventTime)!
                if let v = column.validity { v.withUnsafeBufferPointer { valid.append(contentsOf: $0) } } else {
                    valid.append(contentsOf: repeatElement(true, count: column.count))
                }
            }
        }
        self.batches = batches
        self.label = label
        self.fields = fields
        self.times = times
        self.timeValid = valid
        self.count = total
    }

    func type(of name: String) -> DataType { fields[name]!.type }
}

/// The label rows grouped by entity (the label key columns a feature source joins on), each
/// group ordered by event time then row.
struct LabelIndex: Sendable {
    let table: EntityTable
    /// Row numbers grouped by entity; group `e` is `order[groupStart[e]..<groupStart[e + 1]]`.
    let order: [Int32]
    /// The native event time of each row in `order` (so the merge reads times sequentially).
    let orderedTimes: [Int64]
    let groupStart: [Int32]
    var entityCount: Int { groupStart.count - 1 }

    init(side: LabelSide, keyPositions: [Int]) {
        let keyNames = keyPositions.map { side.label.keys[$0] }
        let integer = KeyColumns.isSingleInteger(keyNames.map(side.type(of:)))
        var table = EntityTable(integer: integer, expected: min(side.count, 1 << 20))
        var entity = [Int32](repeating: -1, count: side.count)
        var row = 0
        var scratch: [UInt8] = []
        for batch in side.batches {
            let keys = KeyColumns(columns: keyNames.map { batch.column(named: $0)! })
            let nullable = keys.columns.contains { $0.nullCount > 0 }
            let timeValid = side.timeValid
            if integer && !nullable && timeValid.isEmpty {
                switch keys.columns[0].values {
                case .int64(let b):
                    b.withUnsafeBufferPointer { p in for v in p { entity[row] = table.insert(integer: v); row += 1 } }
                case .int32(let b):
                    b.withUnsafeBufferPointer { p in for v in p { entity[row] = table.insert(integer: Int64(v)); row += 1 } }
                default:
                    for i in 0..<batch.count { entity[row] = table.insert(integer: KeyColumns.integer(keys.columns[0].values, i)); row += 1 }
                }
                continue
            }
            for i in 0..<batch.count {
                defer { row += 1 }
                if (!timeValid.isEmpty && !timeValid[row]) || (nullable && keys.hasNull(i)) { continue }
                if integer {
                    entity[row] = table.insert(integer: KeyColumns.integer(keys.columns[0].values, i))
                } else {
                    scratch.removeAll(keepingCapacity: true)
                    keys.encode(i, into: &scratch)
                    entity[row] = table.insert(bytes: scratch)
                }
            }
        }
        // Counting sort by entity, then order each group by time (stable: ties keep row order).
        let groups = Int(table.count)
        var start = [Int32](repeating: 0, count: groups + 1)
        for e in entity where e >= 0 { start[Int(e) + 1] += 1 }
        for g in 0..<groups { start[g + 1] += start[g] }
        var fill = start
        var order = [Int32](repeating: 0, count: Int(start[groups]))
        for (r, e) in entity.enumerated() where e >= 0 {
            order[Int(fill[Int(e)])] = Int32(r)
            fill[Int(e)] += 1
        }
        side.times.withUnsafeBufferPointer { times in
            order.withUnsafeMutableBufferPointer { order in
                for g in 0..<groups {
                    GroupSort.byKey(order, Int(start[g])..<Int(start[g + 1])) { times[Int($0)] }
                }
            }
        }
        self.table = table
        self.orderedTimes = order.map { side.times[Int($0)] }
        self.order = order
        self.groupStart = start
    }
}

/// Sorting of small groups: insertion sort (stable, linear on sorted input), falling back to
/// the standard sort for large groups.
enum GroupSort {
    /// Sorts `range` of `items` by `key`, ties in their current order.
    @inline(__always)
    static func byKey<T>(_ items: UnsafeMutableBufferPointer<T>, _ range: Range<Int>, _ key: (T) -> Int64) {
        if range.count < 2 { return }
        if range.count > 64 {
            // Stable on ties: compare (key, original position) by sorting an enumerated copy.
            var tagged = (range).map { (key(items[$0]), $0 - range.lowerBound, items[$0]) }
            tagged.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            for (i, t) in tagged.enumerated() { items[range.lowerBound + i] = t.2 }
            return
        }
        var i = range.lowerBound + 1
        while i < range.upperBound {
            let item = items[i]
            let k = key(item)
            var j = i - 1
            if key(items[j]) > k {
                while j >= range.lowerBound && key(items[j]) > k {
                    items[j + 1] = items[j]
                    j -= 1
                }
                items[j + 1] = item
            }
            i += 1
        }
    }
}
