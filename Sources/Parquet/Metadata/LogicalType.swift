/// The unit of a `TIME` or `TIMESTAMP` logical type.
public enum LogicalTimeUnit: Sendable, Hashable {
    /// Milliseconds, microseconds or nanoseconds.
    case millis, micros, nanos
}

/// The logical type annotation of a schema element (the `LogicalType` Thrift union).
public enum LogicalType: Sendable, Hashable, CustomStringConvertible {
    /// UTF-8 text (BYTE_ARRAY).
    case string
    /// A map group.
    case map
    /// A list group.
    case list
    /// An enum stored as text.
    case enumeration
    /// A fixed-point decimal.
    case decimal(scale: Int32, precision: Int32)
    /// Days since the epoch (INT32).
    case date
    /// A time of day.
    case time(isAdjustedToUTC: Bool, unit: LogicalTimeUnit)
    /// An instant (UTC) or a local date-time (INT64).
    case timestamp(isAdjustedToUTC: Bool, unit: LogicalTimeUnit)
    /// An integer of a given width and signedness.
    case integer(bitWidth: Int8, isSigned: Bool)
    /// Always null.
    case unknown
    /// JSON text.
    case json
    /// BSON bytes.
    case bson
    /// A 16-byte UUID (FIXED_LEN_BYTE_ARRAY(16)).
    case uuid
    /// A half-precision float (FIXED_LEN_BYTE_ARRAY(2)).
    case float16
    /// A union member this implementation does not know (its Thrift field id).
    case other(fieldId: Int16)

    /// The annotation as the specification writes it, e.g. `TIMESTAMP(micros,UTC)`.
    public var description: String {
        switch self {
        case .string: "STRING"
        case .map: "MAP"
        case .list: "LIST"
        case .enumeration: "ENUM"
        case .decimal(let s, let p): "DECIMAL(\(p),\(s))"
        case .date: "DATE"
        case .time(let utc, let u): "TIME(\(u),\(utc ? "UTC" : "local"))"
        case .timestamp(let utc, let u): "TIMESTAMP(\(u),\(utc ? "UTC" : "local"))"
        case .integer(let w, let s): "INTEGER(\(w),\(s ? "signed" : "unsigned"))"
        case .unknown: "UNKNOWN"
        case .json: "JSON"
        case .bson: "BSON"
        case .uuid: "UUID"
        case .float16: "FLOAT16"
        case .other(let id): "LOGICAL(\(id))"
        }
    }
}

extension LogicalTimeUnit {
    static func read(_ r: inout CompactReader, _ type: CompactType) throws(ParquetError) -> LogicalTimeUnit {
        try r.enterStruct(type)
        var unit: LogicalTimeUnit?
        try r.readStruct { r, id, t throws(ParquetError) in
            switch id {
            case 1: unit = .millis
            case 2: unit = .micros
            case 3: unit = .nanos
            default: return false
            }
            try r.skip(t)
            return true
        }
        guard let unit else { throw r.error("TimeUnit union has no known member") }
        return unit
    }

    func write(_ w: inout CompactWriter, _ id: Int16) {
        w.structure(id) { w in
            let member: Int16 = switch self { case .millis: 1; case .micros: 2; case .nanos: 3 }
            w.structure(member) { _ in }
        }
    }
}

extension LogicalType {
    static func read(_ r: inout CompactReader, _ type: CompactType) throws(ParquetError) -> LogicalType {
        try r.enterStruct(type)
        var result: LogicalType?
        try r.readStruct { r, id, t throws(ParquetError) in
            switch id {
            case 5:
                try r.enterStruct(t)
                var scale: Int32?, precision: Int32?
                try r.readStruct { r, fid, ft throws(ParquetError) in
                    switch fid {
                    case 1: scale = try r.readI32(ft)
                    case 2: precision = try r.readI32(ft)
                    default: return false
                    }
                    return true
                }
                guard let scale, let precision else { throw r.error("DECIMAL logical type lacks scale or precision") }
                result = .decimal(scale: scale, precision: precision)
            case 7, 8:
                try r.enterStruct(t)
                var utc: Bool?, unit: LogicalTimeUnit?
                try r.readStruct { r, fid, ft throws(ParquetError) in
                    switch fid {
                    case 1: utc = try r.readBool(ft)
                    case 2: unit = try LogicalTimeUnit.read(&r, ft)
                    default: return false
                    }
                    return true
                }
                guard let utc, let unit else { throw r.error("TIME/TIMESTAMP logical type lacks isAdjustedToUTC or unit") }
                result = id == 7 ? .time(isAdjustedToUTC: utc, unit: unit) : .timestamp(isAdjustedToUTC: utc, unit: unit)
            case 10:
                try r.enterStruct(t)
                var width: Int8?, signed: Bool?
                try r.readStruct { r, fid, ft throws(ParquetError) in
                    switch fid {
                    case 1:
                        let v = try r.readI32(ft)
                        guard let w = Int8(exactly: v) else { throw r.error("INTEGER bit width \(v) out of range") }
                        width = w
                    case 2: signed = try r.readBool(ft)
                    default: return false
                    }
                    return true
                }
                guard let width, let signed else { throw r.error("INTEGER logical type lacks bitWidth or isSigned") }
                result = .integer(bitWidth: width, isSigned: signed)
            default:
                let simple: [Int16: LogicalType] = [1: .string, 2: .map, 3: .list, 4: .enumeration, 6: .date,
                                                    11: .unknown, 12: .json, 13: .bson, 14: .uuid, 15: .float16]
                result = simple[id] ?? .other(fieldId: id)
                try r.skip(t)
            }
            return true
        }
        guard let result else { throw r.error("LogicalType union is empty") }
        return result
    }

    func write(_ w: inout CompactWriter, _ id: Int16) {
        w.structure(id) { w in
            switch self {
            case .string: w.structure(1) { _ in }
            case .map: w.structure(2) { _ in }
            case .list: w.structure(3) { _ in }
            case .enumeration: w.structure(4) { _ in }
            case .decimal(let scale, let precision):
                w.structure(5) { w in
                    w.i32(1, scale)
                    w.i32(2, precision)
                }
            case .date: w.structure(6) { _ in }
            case .time(let utc, let unit):
                w.structure(7) { w in
                    w.bool(1, utc)
                    unit.write(&w, 2)
                }
            case .timestamp(let utc, let unit):
                w.structure(8) { w in
                    w.bool(1, utc)
                    unit.write(&w, 2)
                }
            case .integer(let width, let signed):
                w.structure(10) { w in
                    w.fieldHeader(1, .byte)
                    w.bytes.append(UInt8(bitPattern: width))
                    w.bool(2, signed)
                }
            case .unknown: w.structure(11) { _ in }
            case .json: w.structure(12) { _ in }
            case .bson: w.structure(13) { _ in }
            case .uuid: w.structure(14) { _ in }
            case .float16: w.structure(15) { _ in }
            case .other(let fid): w.structure(fid) { _ in }
            }
        }
    }
}
