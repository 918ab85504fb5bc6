/// A hardened reader for the Thrift compact protocol over an in-memory byte array.
///
/// Every length is checked against the bytes that remain, nesting is limited, unknown fields
/// of any type are skipped, and every failure is a ``ParquetError`` with the absolute offset.
struct CompactReader {
    /// The encoded bytes.
    let bytes: [UInt8]
    /// The read position within ``bytes``.
    var position: Int
    /// The absolute file offset of `bytes[0]`, for error messages.
    let base: Int
    /// The current struct nesting depth.
    var depth = 0
    /// The deepest nesting accepted.
    static let maxDepth = 64
    /// The largest collection or string accepted (beyond the remaining-bytes check).
    static let maxCollection = 1 << 28

    init(_ bytes: [UInt8], position: Int = 0, base: Int = 0) {
        self.bytes = bytes
        self.position = position
        self.base = base
    }

    /// The number of unread bytes.
    var remaining: Int { bytes.count - position }

    func error(_ message: String, _ kind: ParquetError.Kind = .corruptMetadata) -> ParquetError {
        ParquetError(kind, message, offset: base + position)
    }

    mutating func readByte() throws(ParquetError) -> UInt8 {
        guard position < bytes.count else { throw error("Thrift data ends unexpectedly", .truncated) }
        let b = bytes[position]
        position += 1
        return b
    }

    mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            guard shift < 64 else { throw error("varint longer than 10 bytes") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func readZigzag() throws(ParquetError) -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    /// Reads an integer field of any integer wire type, checking it fits in 32 bits.
    mutating func readI32(_ type: CompactType) throws(ParquetError) -> Int32 {
        let v = try readInteger(type)
        guard let r = Int32(exactly: v) else { throw error("integer \(v) does not fit in i32") }
        return r
    }

    /// Reads an integer field of any integer wire type.
    mutating func readI64(_ type: CompactType) throws(ParquetError) -> Int64 {
        try readInteger(type)
    }

    mutating func readInteger(_ type: CompactType) throws(ParquetError) -> Int64 {
        switch type {
        case .byte: return Int64(Int8(bitPattern: try readByte()))
        case .i16, .i32, .i64: return try readZigzag()
        default: throw error("expected an integer, found wire type \(type)")
        }
    }

    /// Reads a boolean field (the value lives in the field header's type nibble).
    func readBool(_ type: CompactType) throws(ParquetError) -> Bool {
        switch type {
        case .boolTrue: return true
        case .boolFalse: return false
        default: throw error("expected a boolean, found wire type \(type)")
        }
    }

    /// Reads a length-prefixed binary field.
    mutating func readBinary(_ type: CompactType) throws(ParquetError) -> [UInt8] {
        guard type == .binary else { throw error("expected binary, found wire type \(type)") }
        let n = try readVarint()
        guard n <= UInt64(remaining) else {
            throw error("binary length \(n) exceeds the \(remaining) remaining bytes", .truncated)
        }
        let start = position
        position += Int(n)
        return Array(bytes[start..<position])
    }

    /// Reads a length-prefixed UTF-8 string field.
    mutating func readString(_ type: CompactType) throws(ParquetError) -> String {
        String(decoding: try readBinary(type), as: UTF8.self)
    }

    mutating func readDouble() throws(ParquetError) -> Double {
        guard remaining >= 8 else { throw error("double needs 8 bytes", .truncated) }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        return Double(bitPattern: v)
    }

    /// Reads a list header; the count is checked against the remaining bytes.
    mutating func readListHeader(_ type: CompactType) throws(ParquetError) -> (element: CompactType, count: Int) {
        guard type == .list || type == .set else { throw error("expected a list, found wire type \(type)") }
        let header = try readByte()
        var count = UInt64(header >> 4)
        if count == 15 { count = try readVarint() }
        guard let element = CompactType(rawValue: header & 0x0F), element != .stop else {
            throw error("invalid list element type \(header & 0x0F)")
        }
        // Every element takes at least one byte on the wire.
        guard count <= UInt64(remaining), count <= UInt64(Self.maxCollection) else {
            throw error("list claims \(count) elements but only \(remaining) bytes remain", .truncated)
        }
        return (element, Int(count))
    }

    /// Reads a list whose elements are read by `element`.
    mutating func readList<T>(_ type: CompactType, _ element: (inout CompactReader, CompactType) throws(ParquetError) -> T) throws(ParquetError) -> [T] {
        let (elementType, count) = try readListHeader(type)
        var out: [T] = []
        out.reserveCapacity(min(count, 1024)) // the claimed count is checked only against bytes, not element size
        for _ in 0..<count { out.append(try element(&self, elementType)) }
        return out
    }

    /// Reads a list element that is a struct; checks the element wire type first.
    mutating func enterStruct(_ type: CompactType) throws(ParquetError) {
        guard type == .structure else { throw error("expected a struct, found wire type \(type)") }
    }

    /// Reads a struct, calling `field` for each field; `field` returns `false` for fields it does
    /// not know, which are skipped.
    mutating func readStruct(_ field: (inout CompactReader, Int16, CompactType) throws(ParquetError) -> Bool) throws(ParquetError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw error("Thrift nesting deeper than \(Self.maxDepth)", .limitExceeded) }
        var lastId: Int16 = 0
        while true {
            let header = try readByte()
            if header == 0 { break }
            guard let type = CompactType(rawValue: header & 0x0F) else {
                throw error("invalid Thrift wire type \(header & 0x0F)")
            }
            let delta = Int16(header >> 4)
            let id: Int16
            if delta != 0 {
                id = lastId &+ delta
            } else {
                let raw = try readZigzag()
                guard let i = Int16(exactly: raw) else { throw error("field id \(raw) out of range") }
                id = i
            }
            lastId = id
            if try !field(&self, id, type) { try skip(type) }
        }
        depth -= 1
    }

    /// Skips a value of wire `type` (any type, any nesting up to the depth limit).
    mutating func skip(_ type: CompactType) throws(ParquetError) {
        switch type {
        case .stop: throw error("unexpected stop marker")
        case .boolTrue, .boolFalse: return
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double: _ = try readDouble()
        case .binary: _ = try readBinary(.binary)
        case .list, .set:
            let (element, count) = try readListHeader(type)
            try nested { (r) throws(ParquetError) in
                for _ in 0..<count {
                    if element.isBool { _ = try r.readByte() } else { try r.skip(element) }
                }
            }
        case .map:
            let n = try readVarint()
            guard n <= UInt64(remaining) else { throw error("map claims \(n) entries but only \(remaining) bytes remain", .truncated) }
            if n == 0 { return }
            let kv = try readByte()
            guard let k = CompactType(rawValue: kv >> 4), let v = CompactType(rawValue: kv & 0x0F), k != .stop, v != .stop else {
                throw error("invalid map key/value types")
            }
            try nested { (r) throws(ParquetError) in
                for _ in 0..<n {
                    if k.isBool { _ = try r.readByte() } else { try r.skip(k) }
                    if v.isBool { _ = try r.readByte() } else { try r.skip(v) }
                }
            }
        case .structure:
            try readStruct { _, _, _ in false }
        }
    }

    private mutating func nested(_ body: (inout CompactReader) throws(ParquetError) -> Void) throws(ParquetError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw error("Thrift nesting deeper than \(Self.maxDepth)", .limitExceeded) }
        try body(&self)
        depth -= 1
    }
}
