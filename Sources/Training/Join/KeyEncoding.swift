import Columnar

/// How key values of one column are compared: integers of any width as `Int64`, byte
/// strings by content, fixed-width values by their bytes.
enum KeyKind: Equatable {
    case integer
    case bytes
    case fixed(Int)
    case decimal

    /// The kind for `type`, or `nil` when the type cannot be a join key (floats, lists).
    init?(_ type: DataType) {
        switch type {
        case .boolean, .int32, .int64, .date, .timestamp: self = .integer
        case .string, .binary: self = .bytes
        case .uuid: self = .fixed(16)
        case .fixedBinary(let w): self = .fixed(w)
        case .decimal: self = .decimal
        case .float, .double, .list: return nil
        }
    }

    /// Whether a label key of type `a` can equal a feature key of type `b`.
    static func compatible(_ a: DataType, _ b: DataType) -> Bool {
        if a == b { return true }
        let ints: Set<DataType> = [.int32, .int64]
        return ints.contains(a) && ints.contains(b)
    }
}

/// The key columns of one batch, readable row by row into a canonical byte encoding or,
/// for a single integer column, as one `Int64`.
struct KeyColumns {
    let columns: [Column]

    /// Whether every key column is a single integer-like column (the fast path).
    static func isSingleInteger(_ types: [DataType]) -> Bool {
        types.count == 1 && KeyKind(types[0]) == .integer
    }

    /// Whether any key column is null at `row`.
    @inline(__always) func hasNull(_ row: Int) -> Bool {
        for c in columns where c.nullCount > 0 && c.isNull(row) { return true }
        return false
    }

    /// The key of `row` as an `Int64` (single integer column only).
    @inline(__always) static func integer(_ values: ColumnValues, _ row: Int) -> Int64 {
        switch values {
        case .int64(let b): b[row]
        case .int32(let b): Int64(b[row])
        case .boolean(let b): b[row] ? 1 : 0
        default: preconditionFailure("not an integer key column")
        }
    }

    /// Appends the canonical encoding of `row`'s key to `out` (integers as 8 little-endian
    /// bytes, byte strings length-prefixed, fixed-width values as their bytes).
    func encode(_ row: Int, into out: inout [UInt8]) {
        for column in columns {
            switch column.values {
            case .int64(let b): Self.append(UInt64(bitPattern: b[row]), to: &out)
            case .int32(let b): Self.append(UInt64(bitPattern: Int64(b[row])), to: &out)
            case .boolean(let b): Self.append(b[row] ? 1 : 0, to: &out)
            case .decimal(let b):
                let v = UInt128(bitPattern: b[row])
                Self.append(UInt64(truncatingIfNeeded: v), to: &out)
                Self.append(UInt64(truncatingIfNeeded: v >> 64), to: &out)
            case .bytes(let v):
                let r = v.range(row)
                Self.append(UInt64(r.count), to: &out)
                out.append(contentsOf: v.bytes(row))
            case .fixed(let w, let b):
                out.append(contentsOf: b[(row * w)..<((row + 1) * w)])
            case .float, .double, .list:
                preconditionFailure("key columns are checked before encoding")
            }
        }
    }

    @inline(__always) static func append(_ v: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }
}

/// A stable 64-bit hash (independent of process, platform and Swift's seeded `Hasher`).
enum StableHash {
    /// Mixes an `Int64` key.
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Hashes bytes, 8 at a time.
    static func bytes(_ p: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(p.count)
        var i = 0
        while i + 8 <= p.count {
            h = mix(h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian)
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < p.count {
            tail |= UInt64(p[i]) << shift
            shift += 8
            i += 1
        }
        return mix(h ^ tail ^ 0xA5)
    }
}
