import Avro

extension IcebergType {
    /// The Avro schema for values of this primitive type (spec Appendix A); decimals are
    /// `fixed` of the minimum size for their precision, UUIDs `fixed[16]` with logical type `uuid`.
    public func avroSchema() throws(IcebergError) -> AvroSchema {
        switch self {
        case .boolean: return .boolean
        case .int: return .int
        case .long: return .long
        case .float: return .float
        case .double: return .double
        case .date: return .primitive(.int, properties: ["logicalType": "date"])
        case .time: return .primitive(.long, properties: ["logicalType": "time-micros"])
        case .timestamp: return .primitive(.long, properties: ["logicalType": "timestamp-micros", "adjust-to-utc": false])
        case .timestamptz: return .primitive(.long, properties: ["logicalType": "timestamp-micros", "adjust-to-utc": true])
        case .timestampNs: return .primitive(.long, properties: ["logicalType": "timestamp-nanos", "adjust-to-utc": false])
        case .timestamptzNs: return .primitive(.long, properties: ["logicalType": "timestamp-nanos", "adjust-to-utc": true])
        case .string: return .string
        case .binary: return .bytes
        case .uuid: return .fixed(AvroFixed(name: "uuid_fixed", size: 16, properties: ["logicalType": "uuid"]))
        case .fixed(let l): return .fixed(AvroFixed(name: "fixed_\(l)", size: l))
        case .decimal(let p, let s):
            return .fixed(AvroFixed(name: "decimal_\(p)_\(s)", size: IcebergType.decimalBytes(precision: p),
                                    properties: ["logicalType": "decimal", "precision": .int(Int64(p)), "scale": .int(Int64(s))]))
        case .struct, .list, .map:
            throw IcebergError(.unsupported, "nested type \(name) cannot be a partition or bound value")
        }
    }

    /// The minimum bytes of a two's-complement integer holding any `precision`-digit value.
    public static func decimalBytes(precision: Int) -> Int {
        var bytes = 1
        while true {
            // Largest magnitude representable in `bytes` signed bytes: 2^(8*bytes-1) - 1.
            let bits = Double(8 * bytes - 1)
            if (bits * 0.30102999566398120).rounded(.down) >= Double(precision) { return bytes }
            bytes += 1
        }
    }
}

extension Literal {
    /// The Avro datum of this value as a value of `type` (for partition tuples).
    public func avroValue(as type: IcebergType) throws(IcebergError) -> AvroValue {
        switch (type, self) {
        case (.boolean, .boolean(let b)): return .boolean(b)
        case (.int, .int(let v)), (.date, .date(let v)), (.date, .int(let v)): return .int(v)
        case (.long, .long(let v)), (.time, .time(let v)), (.timestamp, .timestamp(let v)), (.timestamptz, .timestamptz(let v)),
            (.timestampNs, .timestampNs(let v)), (.timestamptzNs, .timestamptzNs(let v)):
            return .long(v)
        case (.long, .int(let v)): return .long(Int64(v))
        case (.float, .float(let v)): return .float(v)
        case (.double, .double(let v)): return .double(v)
        case (.string, .string(let s)): return .string(s)
        case (.binary, .binary(let b)): return .bytes(b)
        case (.uuid, .uuid(let b)), (.fixed, .fixed(let b)): return .fixed(b)
        case (.decimal(let p, _), .decimal(let u, _)):
            let minimal = Literal.minimalBigEndian(u)
            let size = IcebergType.decimalBytes(precision: p)
            guard minimal.count <= size else { throw IcebergError(.typeMismatch, "decimal \(self) does not fit \(type.name)") }
            let pad: UInt8 = u < 0 ? 0xFF : 0x00
            return .fixed([UInt8](repeating: pad, count: size - minimal.count) + minimal)
        default:
            throw IcebergError(.typeMismatch, "value \(self) does not match type \(type.name)")
        }
    }

    /// Reads an Avro datum as a value of `type`; `nil` for Avro null.
    public static func from(avro value: AvroValue, type: IcebergType) throws(IcebergError) -> Literal? {
        switch (type, value) {
        case (_, .null): return nil
        case (.boolean, .boolean(let b)): return .boolean(b)
        case (.int, .int(let v)): return .int(v)
        case (.date, .int(let v)): return .date(v)
        case (.long, .long(let v)): return .long(v)
        case (.long, .int(let v)): return .long(Int64(v))
        case (.time, .long(let v)): return .time(v)
        case (.timestamp, .long(let v)): return .timestamp(v)
        case (.timestamptz, .long(let v)): return .timestamptz(v)
        case (.timestampNs, .long(let v)): return .timestampNs(v)
        case (.timestamptzNs, .long(let v)): return .timestamptzNs(v)
        case (.float, .float(let v)): return .float(v)
        case (.double, .double(let v)): return .double(v)
        case (.double, .float(let v)): return .double(Double(v))
        case (.string, .string(let s)): return .string(s)
        case (.binary, .bytes(let b)), (.binary, .fixed(let b)): return .binary(b)
        case (.uuid, .fixed(let b)) where b.count == 16: return .uuid(b)
        case (.uuid, .string(let s)): return Literal.uuid(string: s)
        case (.fixed, .fixed(let b)): return .fixed(b)
        case (.decimal, .fixed(let b)), (.decimal, .bytes(let b)):
            return try Literal(binary: b.isEmpty ? [0] : b, type: type)
        default:
            throw IcebergError(.typeMismatch, "Avro value of kind \(value) does not match type \(type.name)")
        }
    }
}
