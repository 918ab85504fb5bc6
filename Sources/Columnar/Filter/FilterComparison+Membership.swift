extension FilterComparison {
    /// `column IN (values)` in one pass with a binary search over the sorted literals, for
    /// integer, date, timestamp, string and binary columns whose literals all have the column's
    /// exact physical form; nil when some literal does not (the caller then ORs equalities).
    static func membership(_ column: Column, _ values: [Value]) -> [UInt8]? {
        var out: [UInt8]
        switch (column.values, column.type) {
        case (.int64(let b), _):
            var keys: [Int64] = []
            for v in values {
                switch (column.type, v) {
                case (.int64, .int64(let x)): keys.append(x)
                case (.int64, .int32(let x)): keys.append(Int64(x))
                case (.timestamp(let unit, _), .timestamp(let x, let u)):
                    guard let x = convert(x, from: u, to: unit) else { return nil }
                    keys.append(x)
                default: return nil
                }
            }
            out = search(b, keys)
        case (.int32(let b), _):
            var keys: [Int32] = []
            for v in values {
                switch (column.type, v) {
                case (.int32, .int32(let x)), (.date, .date(let x)): keys.append(x)
                case (.int32, .int64(let x)):
                    // An out-of-range key can match no row.
                    if let x = Int32(exactly: x) { keys.append(x) }
                default: return nil
                }
            }
            out = search(b, keys)
        case (.bytes(let v), _):
            var keys: [[UInt8]] = []
            for value in values {
                switch (column.type, value) {
                case (.string, .string(let s)): keys.append(Array(s.utf8))
                case (.binary, .binary(let x)): keys.append(x)
                default: return nil
                }
            }
            keys.sort { ValueOrder.bytes($0, $1) < 0 }
            out = v.offsets.withUnsafeBufferPointer { offsets in
                v.data.withUnsafeBufferPointer { data in
                    let base = UnsafeRawBufferPointer(data)
                    return (0..<(offsets.count - 1)).map { i in
                        let row = UnsafeRawBufferPointer(rebasing: base[offsets[i]..<offsets[i + 1]])
                        var lo = 0, hi = keys.count
                        while lo < hi {
                            let mid = (lo + hi) / 2
                            let c = keys[mid].withUnsafeBytes { ValueOrder.bytes(row, $0) }
                            if c == 0 { return TriState.true }
                            if c > 0 { lo = mid + 1 } else { hi = mid }
                        }
                        return TriState.false
                    }
                }
            }
        default:
            return nil
        }
        if let validity = column.validity {
            validity.withUnsafeBufferPointer { v in
                for i in 0..<v.count where !v[i] { out[i] = TriState.unknown }
            }
        }
        return out
    }

    static func search<T: Comparable>(_ buffer: Buffer<T>, _ keys: [T]) -> [UInt8] {
        let sorted = keys.sorted()
        return buffer.withUnsafeBufferPointer { p in
            sorted.withUnsafeBufferPointer { k in
                p.map { x in
                    var lo = 0, hi = k.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if k[mid] == x { return TriState.true }
                        if k[mid] < x { lo = mid + 1 } else { hi = mid }
                    }
                    return TriState.false
                }
            }
        }
    }
}
