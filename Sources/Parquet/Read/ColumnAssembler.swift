import Columnar

/// Turns decoded levels and dense values into a ``Columnar/Column`` of the field's type.
enum ColumnAssembler {
    /// Builds the column of `field` (whose only leaf is `leaf`) with `rows` rows.
    static func column(_ data: LeafData, leaf: LeafColumn, field: Field, rows: Int) throws(ParquetError) -> Column {
        let dense = try denseValues(data.values, type: leaf.valueType, column: leaf.dottedPath)
        let maxDef = UInt8(leaf.maxDefinitionLevel)
        guard let listDef = leaf.listDefinitionLevel else {
            guard data.levelCount == rows else {
                throw ParquetError(.corruptData, "column has \(data.levelCount) values but the row group has \(rows) rows", column: leaf.dottedPath)
            }
            if maxDef == 0 { return Column(type: field.type, values: dense) }
            // The decoder spread each page's values over its slots already (one value per level).
            guard dense.count == data.levelCount, data.definitionLevels.count == data.levelCount else {
                throw ParquetError(.corruptData, "column has \(dense.count) values for \(data.levelCount) levels", column: leaf.dottedPath)
            }
            return Column(type: field.type, values: dense, validity: Buffer(validity(data.definitionLevels, present: maxDef)))
        }
        // List: rows start at repetition level 0; entries at or above the element level are slots.
        guard data.repetitionLevels.count == data.levelCount, data.definitionLevels.count == data.levelCount || maxDef == 0 else {
            throw ParquetError(.corruptData, "list levels are incomplete", column: leaf.dottedPath)
        }
        let elementLevel = UInt8(listDef + 1)
        var offsets: [Int] = [0]
        offsets.reserveCapacity(rows + 1)
        var listValid: [Bool] = []
        listValid.reserveCapacity(rows)
        var present: [Bool] = []
        present.reserveCapacity(data.levelCount)
        var slots = 0
        for i in 0..<data.levelCount {
            let rep = data.repetitionLevels[i]
            let def = maxDef == 0 ? 0 : data.definitionLevels[i]
            if rep == 0 {
                if i > 0 { offsets.append(slots) }
                listValid.append(def >= UInt8(listDef))
            } else if i == 0 || rep > 1 {
                throw ParquetError(.corruptData, "invalid repetition level \(rep) at entry \(i)", column: leaf.dottedPath)
            }
            if def >= elementLevel {
                present.append(def == maxDef)
                slots += 1
            } else if rep != 0 {
                throw ParquetError(.corruptData, "a repeated entry without an element at entry \(i)", column: leaf.dottedPath)
            }
        }
        if data.levelCount > 0 { offsets.append(slots) }
        guard listValid.count == rows else {
            throw ParquetError(.corruptData, "list column has \(listValid.count) rows but the row group has \(rows)", column: leaf.dottedPath)
        }
        guard case .list(let elementField) = field.type else {
            throw ParquetError(.schemaMismatch, "leaf is a list but the field is \(field.type)", column: leaf.dottedPath)
        }
        let child = Column(type: elementField.type, values: spread(dense, present: present),
                           validity: elementField.nullable ? Buffer(present) : nil)
        return Column(type: field.type, values: .list(offsets: Buffer(offsets), child: child),
                      validity: field.nullable ? Buffer(listValid) : nil)
    }

    /// Whether each level marks a present value (`present`, the maximum definition level).
    static func validity(_ levels: [UInt8], present: UInt8) -> [Bool] {
        levels.withUnsafeBufferPointer { l in
            [Bool](unsafeUninitializedCapacity: l.count) { out, initialized in
                for i in 0..<l.count { (out.baseAddress! + i).initialize(to: l[i] == present) }
                initialized = l.count
            }
        }
    }

    /// The dense values converted to the storage of `type`.
    static func denseValues(_ v: DecodedValues, type: DataType, column: String) throws(ParquetError) -> ColumnValues {
        switch (v.physical, type) {
        case (.boolean, .boolean): return .boolean(Buffer(v.bools))
        case (.int32, .int32), (.int32, .date): return .int32(Buffer(v.ints32))
        case (.int32, .int64): return .int64(Buffer(v.ints32.map { Int64(UInt32(bitPattern: $0)) }))
        case (.int32, .decimal): return .decimal(Buffer(v.ints32.map { Int128($0) }))
        case (.int64, .int64), (.int64, .timestamp), (.int96, .timestamp): return .int64(Buffer(v.ints64))
        case (.int64, .decimal): return .decimal(Buffer(v.ints64.map { Int128($0) }))
        case (.float, .float): return .float(Buffer(v.floats))
        case (.double, .double): return .double(Buffer(v.doubles))
        case (.byteArray, .string), (.byteArray, .binary):
            return .bytes(VariableBytes(offsets: Buffer(v.offsets), data: Buffer(v.data)))
        case (.fixedLenByteArray, .uuid), (.fixedLenByteArray, .fixedBinary):
            return .fixed(width: v.width, Buffer(v.data))
        case (.byteArray, .decimal):
            var out: [Int128] = []
            out.reserveCapacity(v.offsets.count - 1)
            for i in 0..<(v.offsets.count - 1) {
                let bytes = Array(v.data[v.offsets[i]..<v.offsets[i + 1]])
                if bytes.isEmpty { out.append(0); continue }
                guard let x = StatisticsValues.bigEndianInteger(bytes) else {
                    throw ParquetError(.corruptData, "decimal value of \(bytes.count) bytes is wider than 16", column: column)
                }
                out.append(x)
            }
            return .decimal(Buffer(out))
        case (.fixedLenByteArray, .decimal):
            let w = v.width
            guard w >= 1, w <= 16 else { throw ParquetError(.unsupported, "decimal of \(w) bytes", column: column) }
            var out: [Int128] = []
            out.reserveCapacity(v.data.count / w)
            v.data.withUnsafeBufferPointer { p in
                var i = 0
                while i + w <= p.count {
                    var x: Int128 = p[i] >= 0x80 ? -1 : 0
                    for k in 0..<w { x = (x << 8) | Int128(p[i + k]) }
                    out.append(x)
                    i += w
                }
            }
            return .decimal(Buffer(out))
        default:
            throw ParquetError(.schemaMismatch, "cannot read \(v.physical) values as \(type)", column: column)
        }
    }

    /// Spreads dense values over slots; absent slots get a zero/empty placeholder.
    static func spread(_ dense: ColumnValues, present: [Bool]) -> ColumnValues {
        func fill<T>(_ b: Buffer<T>, _ zero: T) -> Buffer<T> {
            var out = [T](repeating: zero, count: present.count)
            var k = 0
            b.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    for i in 0..<present.count where present[i] {
                        dst[i] = src[k]
                        k += 1
                    }
                }
            }
            return Buffer(out)
        }
        if dense.count == present.count { return dense }
        switch dense {
        case .boolean(let b): return .boolean(fill(b, false))
        case .int32(let b): return .int32(fill(b, 0))
        case .int64(let b): return .int64(fill(b, 0))
        case .float(let b): return .float(fill(b, 0))
        case .double(let b): return .double(fill(b, 0))
        case .decimal(let b): return .decimal(fill(b, 0))
        case .bytes(let v):
            var offsets = [Int](repeating: 0, count: present.count + 1)
            var k = 0
            var current = v.offsets[0]
            offsets[0] = current
            for i in 0..<present.count {
                if present[i] {
                    k += 1
                    current = v.offsets[k]
                }
                offsets[i + 1] = current
            }
            return .bytes(VariableBytes(offsets: Buffer(offsets), data: v.data))
        case .fixed(let w, let b):
            var out = [UInt8](repeating: 0, count: present.count * w)
            var k = 0
            for i in 0..<present.count where present[i] {
                for j in 0..<w { out[i * w + j] = b[k * w + j] }
                k += 1
            }
            return .fixed(width: w, Buffer(out))
        case .list: return dense
        }
    }
}
