import Columnar

/// Builds output columns by taking, for each output row, the value of one input row (or null).
enum Gather {
    /// The rows `matches[i]` (global row numbers over `parts` concatenated; -1 = null) of the column.
    static func column(_ parts: [Column], type: DataType, matches: [Int32]) -> Column {
        let source = parts.count == 1 ? parts[0] : concatenate(parts, type: type)
        var valid = [Bool](repeating: false, count: matches.count)
        var nulls = 0
        matches.withUnsafeBufferPointer { m in
            valid.withUnsafeMutableBufferPointer { out in
                if let validity = source.validity {
                    validity.withUnsafeBufferPointer { v in
                        for i in 0..<m.count {
                            let r = Int(m[i])
                            if r >= 0 && v[r] { out[i] = true } else { nulls += 1 }
                        }
                    }
                } else {
                    for i in 0..<m.count { if m[i] >= 0 { out[i] = true } else { nulls += 1 } }
                }
            }
        }
        let values: ColumnValues
        switch source.values {
        case .boolean(let b): values = .boolean(Buffer(fixed(b, matches, false)))
        case .int32(let b): values = .int32(Buffer(fixed(b, matches, 0)))
        case .int64(let b): values = .int64(Buffer(fixed(b, matches, 0)))
        case .float(let b): values = .float(Buffer(fixed(b, matches, 0)))
        case .double(let b): values = .double(Buffer(fixed(b, matches, 0)))
        case .decimal(let b): values = .decimal(Buffer(fixed(b, matches, 0)))
        case .bytes(let v): values = .bytes(bytes(v, matches))
        case .fixed(let w, let b): values = .fixed(width: w, Buffer(fixedWidth(w, b, matches)))
        case .list:
            // Nested values are rare in features; gather them through the row-at-a-time builder.
            var builder = ColumnBuilder(type, nullable: true)
            for r in matches {
                if r >= 0 { try! builder.append(source.value(at: Int(r))) } else { try! builder.appendNull() }
            }
            return builder.finish()
        }
        return Column(type: type, values: values, validity: nulls > 0 ? Buffer(valid) : nil)
    }

    private static func fixed<T>(_ buffer: Buffer<T>, _ matches: [Int32], _ zero: T) -> [T] {
        var out = [T](repeating: zero, count: matches.count)
        buffer.withUnsafeBufferPointer { src in
            matches.withUnsafeBufferPointer { m in
                out.withUnsafeMutableBufferPointer { dst in
                    for i in 0..<m.count {
                        let r = Int(m[i])
                        if r >= 0 { dst[i] = src[r] }
                    }
                }
            }
        }
        return out
    }

    private static func fixedWidth(_ w: Int, _ buffer: Buffer<UInt8>, _ matches: [Int32]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: matches.count * w)
        buffer.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (i, r) in matches.enumerated() where r >= 0 {
                    for j in 0..<w { dst[i * w + j] = src[Int(r) * w + j] }
                }
            }
        }
        return out
    }

    private static func bytes(_ v: VariableBytes, _ matches: [Int32]) -> VariableBytes {
        var offsets = [Int](repeating: 0, count: matches.count + 1)
        var data: [UInt8] = []
        v.offsets.withUnsafeBufferPointer { o in
            var total = 0
            for (i, r) in matches.enumerated() {
                if r >= 0 { total += o[Int(r) + 1] - o[Int(r)] }
                offsets[i + 1] = total
            }
            data.reserveCapacity(total)
            v.data.withUnsafeBufferPointer { d in
                for r in matches where r >= 0 {
                    data.append(contentsOf: UnsafeBufferPointer(rebasing: d[o[Int(r)]..<o[Int(r) + 1]]))
                }
            }
        }
        return VariableBytes(offsets: Buffer(offsets), data: Buffer(data))
    }

    /// One column holding the rows of `parts` in order (typed copies).
    static func concatenate(_ parts: [Column], type: DataType) -> Column {
        let total = parts.reduce(0) { $0 + $1.count }
        var valid: [Bool]? = parts.contains { $0.nullCount > 0 } ? [] : nil
        valid?.reserveCapacity(total)
        for part in parts {
            if let v = part.validity { v.withUnsafeBufferPointer { valid!.append(contentsOf: $0) } } else {
                valid?.append(contentsOf: repeatElement(true, count: part.count))
            }
        }
        func join<T>(_ pick: (ColumnValues) -> Buffer<T>) -> [T] {
            var out: [T] = []
            out.reserveCapacity(total)
            for part in parts { pick(part.values).withUnsafeBufferPointer { out.append(contentsOf: $0) } }
            return out
        }
        let values: ColumnValues
        switch parts[0].values {
        case .boolean: values = .boolean(Buffer(join { if case .boolean(let b) = $0 { b } else { [] } }))
        case .int32: values = .int32(Buffer(join { if case .int32(let b) = $0 { b } else { [] } }))
        case .int64: values = .int64(Buffer(join { if case .int64(let b) = $0 { b } else { [] } }))
        case .float: values = .float(Buffer(join { if case .float(let b) = $0 { b } else { [] } }))
        case .double: values = .double(Buffer(join { if case .double(let b) = $0 { b } else { [] } }))
        case .decimal: values = .decimal(Buffer(join { if case .decimal(let b) = $0 { b } else { [] } }))
        case .fixed(let w, _): values = .fixed(width: w, Buffer(join { if case .fixed(_, let b) = $0 { b } else { [] } }))
        case .bytes:
            var offsets: [Int] = [0]
            var data: [UInt8] = []
            offsets.reserveCapacity(total + 1)
            for part in parts {
                guard case .bytes(let v) = part.values else { continue }
                let base = data.count
                v.offsets.withUnsafeBufferPointer { o in
                    v.data.withUnsafeBufferPointer { d in
                        data.append(contentsOf: UnsafeBufferPointer(rebasing: d[o[0]..<o[o.count - 1]]))
                    }
                    for x in o.dropFirst() { offsets.append(base + x - o[0]) }
                }
            }
            values = .bytes(VariableBytes(offsets: Buffer(offsets), data: Buffer(data)))
        case .list:
            var builder = ColumnBuilder(type, nullable: true)
            for part in parts { builder.append(contentsOf: part) }
            return builder.finish()
        }
        return Column(type: type, values: values, validity: valid.map { Buffer($0) })
    }
}
