extension Literal {
    /// The single-value binary serialization (spec Appendix D), as stored in manifest
    /// `lower_bounds`/`upper_bounds` and manifest-list partition summaries.
    public var binary: [UInt8] {
        func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
        switch self {
        case .boolean(let b): return [b ? 1 : 0]
        case .int(let v), .date(let v): return le(v)
        case .long(let v), .time(let v), .timestamp(let v), .timestamptz(let v), .timestampNs(let v), .timestamptzNs(let v):
            return le(v)
        case .float(let f): return le(f.bitPattern)
        case .double(let d): return le(d.bitPattern)
        case .decimal(let unscaled, _): return Literal.minimalBigEndian(unscaled)
        case .string(let s): return Array(s.utf8)
        case .uuid(let b), .fixed(let b), .binary(let b): return b
        }
    }

    /// Decodes the single-value binary serialization of a value of `type` (Appendix D).
    public init(binary bytes: [UInt8], type: IcebergType) throws(IcebergError) {
        func le(_ n: Int) throws(IcebergError) -> UInt64 {
            guard bytes.count == n else {
                throw IcebergError(.typeMismatch, "a \(type.name) value needs \(n) bytes, got \(bytes.count)")
            }
            var v: UInt64 = 0
            for (i, b) in bytes.enumerated() { v |= UInt64(b) << (8 * UInt64(i)) }
            return v
        }
        switch type {
        case .boolean:
            guard bytes.count == 1 else { throw IcebergError(.typeMismatch, "a boolean value needs 1 byte, got \(bytes.count)") }
            self = .boolean(bytes[0] != 0)
        case .int: self = .int(Int32(truncatingIfNeeded: try le(4)))
        case .date: self = .date(Int32(truncatingIfNeeded: try le(4)))
        case .long: self = .long(Int64(bitPattern: try le(8)))
        case .time: self = .time(Int64(bitPattern: try le(8)))
        case .timestamp: self = .timestamp(Int64(bitPattern: try le(8)))
        case .timestamptz: self = .timestamptz(Int64(bitPattern: try le(8)))
        case .timestampNs: self = .timestampNs(Int64(bitPattern: try le(8)))
        case .timestamptzNs: self = .timestamptzNs(Int64(bitPattern: try le(8)))
        case .float: self = .float(Float(bitPattern: UInt32(truncatingIfNeeded: try le(4))))
        case .double: self = .double(Double(bitPattern: try le(8)))
        case .decimal(_, let scale):
            guard !bytes.isEmpty, bytes.count <= 16 else {
                throw IcebergError(.typeMismatch, "a decimal value needs 1–16 bytes, got \(bytes.count)")
            }
            var v: Int128 = bytes[0] & 0x80 != 0 ? -1 : 0
            for b in bytes { v = (v << 8) | Int128(b) }
            self = .decimal(unscaled: v, scale: scale)
        case .string:
            guard let s = String(validating: bytes, as: UTF8.self) else {
                throw IcebergError(.typeMismatch, "a string value is not valid UTF-8")
            }
            self = .string(s)
        case .uuid:
            guard bytes.count == 16 else { throw IcebergError(.typeMismatch, "a uuid value needs 16 bytes, got \(bytes.count)") }
            self = .uuid(bytes)
        case .fixed(let l):
            guard bytes.count == l else { throw IcebergError(.typeMismatch, "a fixed[\(l)] value needs \(l) bytes, got \(bytes.count)") }
            self = .fixed(bytes)
        case .binary: self = .binary(bytes)
        case .struct, .list, .map:
            throw IcebergError(.unsupported, "\(type.name) values have no single-value binary serialization")
        }
    }

    /// The minimal two's-complement big-endian bytes of `v` (at least one byte).
    static func minimalBigEndian(_ v: Int128) -> [UInt8] {
        var bytes: [UInt8] = (0..<16).map { UInt8(truncatingIfNeeded: v >> (8 * (15 - $0))) }
        while bytes.count > 1 {
            let first = bytes[0], next = bytes[1]
            if (first == 0x00 && next & 0x80 == 0) || (first == 0xFF && next & 0x80 != 0) {
                bytes.removeFirst()
            } else {
                break
            }
        }
        return bytes
    }
}
