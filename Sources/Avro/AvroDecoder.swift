/// Reads Avro binary encoding from a byte array, with bounds checks on every read.
///
/// Allocation is bounded by the input: a string or bytes length must fit in the remaining
/// input, and an array or map block count must be coverable by the remaining input (one byte
/// per item at least) unless its items can encode to zero bytes, where ``maxEmptyItems`` caps it.
public struct AvroDecoder: Sendable {
    /// The input.
    public let bytes: [UInt8]
    /// The next byte to read.
    public internal(set) var position: Int
    /// The end of the readable range (exclusive).
    public let end: Int
    /// The most zero-size items (e.g. nulls) one array or map may declare.
    public var maxEmptyItems = 1 << 20
    /// The deepest schema nesting accepted while decoding.
    public var maxDepth = 256

    /// Creates a decoder over `bytes[range]` (the whole array by default).
    public init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        self.position = range?.lowerBound ?? 0
        self.end = range?.upperBound ?? bytes.count
    }

    /// Bytes left to read.
    public var remaining: Int { end - position }
    /// True when every byte has been read.
    public var isAtEnd: Bool { position >= end }

    func truncated(_ what: String) -> AvroError { AvroError(.truncated, "input ends inside \(what)", offset: position) }

    /// Reads a zigzag varint `long`.
    public mutating func readLong() throws(AvroError) -> Int64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        let start = position
        while true {
            guard position < end else { throw truncated("a varint") }
            let b = bytes[position]
            position += 1
            if shift == 63 && b > 1 { throw AvroError(.corrupt, "varint longer than 64 bits", offset: start) }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
            if shift > 63 { throw AvroError(.corrupt, "varint longer than 10 bytes", offset: start) }
        }
        return Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1)))
    }

    /// Reads a zigzag varint `int`.
    public mutating func readInt() throws(AvroError) -> Int32 {
        let start = position
        let v = try readLong()
        guard let i = Int32(exactly: v) else { throw AvroError(.corrupt, "int value \(v) out of 32-bit range", offset: start) }
        return i
    }

    /// Reads a `boolean` (one byte, 0 or 1).
    public mutating func readBoolean() throws(AvroError) -> Bool {
        guard position < end else { throw truncated("a boolean") }
        let b = bytes[position]
        guard b <= 1 else { throw AvroError(.corrupt, "boolean byte \(b) is not 0 or 1", offset: position) }
        position += 1
        return b == 1
    }

    /// Reads `count` raw bytes.
    public mutating func readFixed(_ count: Int) throws(AvroError) -> [UInt8] {
        guard count >= 0, count <= remaining else { throw truncated("a \(count)-byte value") }
        let out = Array(bytes[position..<position + count])
        position += count
        return out
    }

    /// Reads a little-endian `float`.
    public mutating func readFloat() throws(AvroError) -> Float {
        guard remaining >= 4 else { throw truncated("a float") }
        var bits: UInt32 = 0
        for i in 0..<4 { bits |= UInt32(bytes[position + i]) << (8 * i) }
        position += 4
        return Float(bitPattern: bits)
    }

    /// Reads a little-endian `double`.
    public mutating func readDouble() throws(AvroError) -> Double {
        guard remaining >= 8 else { throw truncated("a double") }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[position + i]) << (8 * i) }
        position += 8
        return Double(bitPattern: bits)
    }

    /// Reads a length-prefixed byte string, its length checked against the remaining input.
    public mutating func readBytes() throws(AvroError) -> [UInt8] {
        let start = position
        let n = try readLong()
        guard n >= 0 else { throw AvroError(.corrupt, "negative length \(n)", offset: start) }
        guard n <= remaining else {
            throw AvroError(.limitExceeded, "length \(n) exceeds the \(remaining) bytes left", offset: start)
        }
        return try readFixed(Int(n))
    }

    /// Reads a length-prefixed UTF-8 string.
    public mutating func readString() throws(AvroError) -> String {
        let start = position
        let raw = try readBytes()
        guard let s = String(validating: raw, as: UTF8.self) else {
            throw AvroError(.corrupt, "string is not valid UTF-8", offset: start)
        }
        return s
    }

    /// Reads one array/map block header and returns its item count (0 ends the sequence).
    ///
    /// The count is checked against the remaining input (one byte per item) or, when items
    /// can encode to zero bytes, against ``maxEmptyItems`` minus the `soFar` already read.
    public mutating func readBlockCount(itemsCanBeEmpty: Bool, soFar: Int) throws(AvroError) -> Int {
        let start = position
        var count = try readLong()
        if count < 0 {
            guard count != Int64.min else { throw AvroError(.corrupt, "invalid block count", offset: start) }
            count = -count
            let size = try readLong()
            guard size >= 0, size <= remaining else {
                throw AvroError(.limitExceeded, "block size \(size) exceeds the \(remaining) bytes left", offset: start)
            }
        }
        if itemsCanBeEmpty {
            guard count + Int64(soFar) <= Int64(maxEmptyItems) else {
                throw AvroError(.limitExceeded, "more than \(maxEmptyItems) zero-size items", offset: start)
            }
        } else {
            guard count <= Int64(remaining) else {
                throw AvroError(.limitExceeded, "block of \(count) items exceeds the \(remaining) bytes left", offset: start)
            }
        }
        return Int(count)
    }

    /// Reads one datum of `schema`.
    public mutating func read(_ schema: AvroSchema) throws(AvroError) -> AvroValue {
        try read(schema, depth: 0)
    }

    mutating func read(_ schema: AvroSchema, depth: Int) throws(AvroError) -> AvroValue {
        guard depth <= maxDepth else { throw AvroError(.limitExceeded, "schema nested deeper than \(maxDepth)", offset: position) }
        switch schema {
        case .primitive(let p, _):
            switch p {
            case .null: return .null
            case .boolean: return .boolean(try readBoolean())
            case .int: return .int(try readInt())
            case .long: return .long(try readLong())
            case .float: return .float(try readFloat())
            case .double: return .double(try readDouble())
            case .bytes: return .bytes(try readBytes())
            case .string: return .string(try readString())
            }
        case .fixed(let f):
            return .fixed(try readFixed(f.size))
        case .enumeration(let e):
            let start = position
            let i = try readLong()
            guard i >= 0, i < e.symbols.count else {
                throw AvroError(.corrupt, "enum index \(i) out of range for \(e.name) (\(e.symbols.count) symbols)", offset: start)
            }
            return .enumeration(e.symbols[Int(i)])
        case .union(let branches):
            let start = position
            let i = try readLong()
            guard i >= 0, i < branches.count else {
                throw AvroError(.corrupt, "union branch \(i) out of range (\(branches.count) branches)", offset: start)
            }
            return try read(branches[Int(i)], depth: depth + 1)
        case .array(let a):
            var items: [AvroValue] = []
            let empty = a.items.canBeEmpty
            while true {
                let n = try readBlockCount(itemsCanBeEmpty: empty, soFar: items.count)
                if n == 0 { break }
                items.reserveCapacity(items.count + n)
                for _ in 0..<n {
                    do { items.append(try read(a.items, depth: depth + 1)) } catch { throw error.under("[\(items.count)]") }
                }
            }
            return .array(items)
        case .map(let m):
            var entries: [AvroMapEntry] = []
            while true {
                let n = try readBlockCount(itemsCanBeEmpty: false, soFar: entries.count)
                if n == 0 { break }
                for _ in 0..<n {
                    let key = try readString()
                    do { entries.append(AvroMapEntry(key, try read(m.values, depth: depth + 1))) } catch { throw error.under(key) }
                }
            }
            return .map(entries)
        case .record(let r):
            var fields: [String: AvroValue] = [:]
            fields.reserveCapacity(r.fields.count)
            for f in r.fields {
                do { fields[f.name] = try read(f.type, depth: depth + 1) } catch { throw error.under(f.name) }
            }
            return .record(fields)
        }
    }
}
