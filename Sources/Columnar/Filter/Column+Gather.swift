extension Column {
    /// A new column holding rows `rows` of this one, in that order (copies; rows may repeat).
    public func gather(_ rows: [Int]) -> Column {
        let newValidity: Buffer<Bool>? = validity.map { v in
            v.withUnsafeBufferPointer { p in Buffer(rows.map { p[$0] }) }
        }
        return Column(type: type, values: values.gather(rows), validity: newValidity)
    }
}

extension ColumnValues {
    /// Rows `rows` of this storage, in that order (copies).
    public func gather(_ rows: [Int]) -> ColumnValues {
        func pick<T>(_ b: Buffer<T>) -> Buffer<T> { b.withUnsafeBufferPointer { p in Buffer(rows.map { p[$0] }) } }
        switch self {
        case .boolean(let b): return .boolean(pick(b))
        case .int32(let b): return .int32(pick(b))
        case .int64(let b): return .int64(pick(b))
        case .float(let b): return .float(pick(b))
        case .double(let b): return .double(pick(b))
        case .decimal(let b): return .decimal(pick(b))
        case .bytes(let v):
            var offsets = [Int]()
            offsets.reserveCapacity(rows.count + 1)
            offsets.append(0)
            var data = [UInt8]()
            v.offsets.withUnsafeBufferPointer { o in
                v.data.withUnsafeBufferPointer { d in
                    var total = 0
                    for r in rows { total += o[r + 1] - o[r] }
                    data.reserveCapacity(total)
                    for r in rows {
                        data.append(contentsOf: UnsafeBufferPointer(rebasing: d[o[r]..<o[r + 1]]))
                        offsets.append(data.count)
                    }
                }
            }
            return .bytes(VariableBytes(offsets: Buffer(offsets), data: Buffer(data)))
        case .fixed(let w, let b):
            var data = [UInt8]()
            data.reserveCapacity(rows.count * w)
            b.withUnsafeBufferPointer { d in
                for r in rows { data.append(contentsOf: UnsafeBufferPointer(rebasing: d[(r * w)..<((r + 1) * w)])) }
            }
            return .fixed(width: w, Buffer(data))
        case .list(let o, let child):
            var offsets = [Int]()
            offsets.reserveCapacity(rows.count + 1)
            offsets.append(0)
            var childRows = [Int]()
            for r in rows {
                childRows.append(contentsOf: o[r]..<o[r + 1])
                offsets.append(childRows.count)
            }
            return .list(offsets: Buffer(offsets), child: child.gather(childRows))
        }
    }
}

extension RecordBatch {
    /// A new batch holding rows `rows` of this one, in that order (copies; rows may repeat).
    public func gather(_ rows: [Int]) -> RecordBatch {
        precondition(rows.allSatisfy { $0 >= 0 && $0 < count }, "gather: row index out of 0..<\(count)")
        return RecordBatch(unchecked: schema, columns: columns.map { $0.gather(rows) }, count: rows.count)
    }

    /// The rows where `mask` is `true`; `mask` must have one entry per row.
    ///
    /// Returns `self` unchanged (no copy) when every row is selected.
    public func filter(mask: Buffer<Bool>) -> RecordBatch {
        precondition(mask.count == count, "filter mask has \(mask.count) entries for \(count) rows")
        let rows: [Int] = mask.withUnsafeBufferPointer { m in
            var out = [Int]()
            for i in 0..<m.count where m[i] { out.append(i) }
            return out
        }
        if rows.count == count { return self }
        return gather(rows)
    }
}
