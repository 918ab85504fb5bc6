import Columnar

/// The values of one leaf column in the physical representation that is written, plus the
/// validity of each value slot. Decimals are converted to INT32/INT64/big-endian bytes here.
enum LeafValues {
    case boolean(Buffer<Bool>)
    case int32(Buffer<Int32>)
    case int64(Buffer<Int64>)
    case float(Buffer<Float>)
    case double(Buffer<Double>)
    case bytes(VariableBytes)
    case fixed(width: Int, Buffer<UInt8>)

    /// The physical values of `column` (a flat column or a list's child) for `leaf`.
    init(_ column: Column, leaf: LeafColumn) throws(ParquetError) {
        switch (column.values, leaf.physicalType) {
        case (.boolean(let b), .boolean): self = .boolean(b)
        case (.int32(let b), .int32): self = .int32(b)
        case (.int64(let b), .int64): self = .int64(b)
        case (.float(let b), .float): self = .float(b)
        case (.double(let b), .double): self = .double(b)
        case (.bytes(let v), .byteArray): self = .bytes(v)
        case (.fixed(let w, let b), .fixedLenByteArray) where w == Int(leaf.element.typeLength ?? -1): self = .fixed(width: w, b)
        case (.decimal(let b), .int32):
            self = .int32(Buffer(b.withUnsafeBufferPointer { p in p.map { Int32(truncatingIfNeeded: $0) } }))
        case (.decimal(let b), .int64):
            self = .int64(Buffer(b.withUnsafeBufferPointer { p in p.map { Int64(truncatingIfNeeded: $0) } }))
        case (.decimal(let b), .fixedLenByteArray):
            let w = Int(leaf.element.typeLength ?? 16)
            var out = [UInt8](repeating: 0, count: b.count * w)
            b.withUnsafeBufferPointer { p in
                for (i, v) in p.enumerated() {
                    let base = i * w
                    for k in 0..<w {
                        // Big-endian two's complement, sign-extended to `w` bytes.
                        let shift = 8 * (w - 1 - k)
                        out[base + k] = shift >= 128 ? (v < 0 ? 0xFF : 0) : UInt8(truncatingIfNeeded: v >> shift)
                    }
                }
            }
            self = .fixed(width: w, Buffer(out))
        default:
            throw ParquetError(.schemaMismatch, "column '\(leaf.dottedPath)' holds \(column.type) values that do not fit \(leaf.physicalType)",
                               column: leaf.dottedPath)
        }
    }
}
