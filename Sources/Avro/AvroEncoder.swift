/// Writes Avro binary encoding into a growing byte array.
public struct AvroEncoder: Sendable {
    /// The bytes written so far.
    public internal(set) var bytes: [UInt8] = []

    /// Creates an empty encoder.
    public init() {}

    /// Writes a zigzag varint `long`.
    public mutating func writeLong(_ v: Int64) {
        var z = UInt64(bitPattern: (v << 1) ^ (v >> 63))
        while z >= 0x80 {
            bytes.append(UInt8(z & 0x7F) | 0x80)
            z >>= 7
        }
        bytes.append(UInt8(z))
    }

    /// Writes a zigzag varint `int`.
    public mutating func writeInt(_ v: Int32) { writeLong(Int64(v)) }

    /// Writes a `boolean`.
    public mutating func writeBoolean(_ v: Bool) { bytes.append(v ? 1 : 0) }

    /// Writes a little-endian `float`.
    public mutating func writeFloat(_ v: Float) {
        let bits = v.bitPattern
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * i))) }
    }

    /// Writes a little-endian `double`.
    public mutating func writeDouble(_ v: Double) {
        let bits = v.bitPattern
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * i))) }
    }

    /// Writes length-prefixed bytes.
    public mutating func writeBytes(_ v: [UInt8]) {
        writeLong(Int64(v.count))
        bytes.append(contentsOf: v)
    }

    /// Writes a length-prefixed UTF-8 string.
    public mutating func writeString(_ v: String) {
        var s = v
        s.withUTF8 { buf in
            writeLong(Int64(buf.count))
            bytes.append(contentsOf: buf)
        }
    }

    /// Appends raw bytes (a `fixed` value or a sync marker).
    public mutating func writeRaw(_ v: [UInt8]) { bytes.append(contentsOf: v) }

    /// Writes `value` as a datum of `schema`.
    public mutating func write(_ value: AvroValue, as schema: AvroSchema) throws(AvroError) {
        switch (schema, value) {
        case (.primitive(.null, _), .null): return
        case (.primitive(.boolean, _), .boolean(let b)): writeBoolean(b)
        case (.primitive(.int, _), .int(let i)): writeInt(i)
        case (.primitive(.long, _), .long(let l)): writeLong(l)
        case (.primitive(.long, _), .int(let i)): writeLong(Int64(i))
        case (.primitive(.float, _), .float(let f)): writeFloat(f)
        case (.primitive(.double, _), .double(let d)): writeDouble(d)
        case (.primitive(.double, _), .float(let f)): writeDouble(Double(f))
        case (.primitive(.bytes, _), .bytes(let b)): writeBytes(b)
        case (.primitive(.string, _), .string(let s)): writeString(s)
        case (.fixed(let f), .fixed(let b)), (.fixed(let f), .bytes(let b)):
            guard b.count == f.size else {
                throw AvroError(.typeMismatch, "fixed \(f.name) needs \(f.size) bytes, got \(b.count)")
            }
            writeRaw(b)
        case (.enumeration(let e), .enumeration(let symbol)), (.enumeration(let e), .string(let symbol)):
            guard let i = e.symbols.firstIndex(of: symbol) else {
                throw AvroError(.typeMismatch, "'\(symbol)' is not a symbol of enum \(e.name)")
            }
            writeLong(Int64(i))
        case (.union(let branches), _):
            guard let i = branches.firstIndex(where: { AvroEncoder.matches(value, $0) }) else {
                throw AvroError(.typeMismatch, "no branch of union \(branches.map(\.typeName)) accepts \(AvroEncoder.kind(of: value))")
            }
            writeLong(Int64(i))
            try write(value, as: branches[i])
        case (.array(let a), .array(let items)):
            if !items.isEmpty {
                writeLong(Int64(items.count))
                for (i, item) in items.enumerated() {
                    do { try write(item, as: a.items) } catch { throw error.under("[\(i)]") }
                }
            }
            writeLong(0)
        case (.map(let m), .map(let entries)):
            if !entries.isEmpty {
                writeLong(Int64(entries.count))
                for e in entries {
                    writeString(e.key)
                    do { try write(e.value, as: m.values) } catch { throw error.under(e.key) }
                }
            }
            writeLong(0)
        case (.record(let r), .record(let fields)):
            for f in r.fields {
                if let v = fields[f.name] {
                    do { try write(v, as: f.type) } catch { throw error.under(f.name) }
                } else if let d = f.defaultValue {
                    do { try write(try AvroValue(default: d, schema: f.type), as: f.type) } catch { throw error.under(f.name) }
                } else {
                    throw AvroError(.typeMismatch, "record \(r.name) is missing field '\(f.name)', which has no default", path: f.name)
                }
            }
        default:
            throw AvroError(.typeMismatch, "cannot write \(AvroEncoder.kind(of: value)) as \(schema.typeName)")
        }
    }

    /// Whether `value` can be written as `schema` without a union branch choice failing at the top level.
    static func matches(_ value: AvroValue, _ schema: AvroSchema) -> Bool {
        switch (schema, value) {
        case (.primitive(.null, _), .null), (.primitive(.boolean, _), .boolean), (.primitive(.int, _), .int),
            (.primitive(.long, _), .long), (.primitive(.long, _), .int), (.primitive(.float, _), .float),
            (.primitive(.double, _), .double), (.primitive(.double, _), .float), (.primitive(.bytes, _), .bytes),
            (.primitive(.string, _), .string), (.array, .array), (.map, .map), (.record, .record),
            (.enumeration, .enumeration):
            return true
        case (.fixed(let f), .fixed(let b)), (.fixed(let f), .bytes(let b)): return b.count == f.size
        case (.enumeration(let e), .string(let s)): return e.symbols.contains(s)
        default: return false
        }
    }

    static func kind(of value: AvroValue) -> String {
        switch value {
        case .null: "null"
        case .boolean: "boolean"
        case .int: "int"
        case .long: "long"
        case .float: "float"
        case .double: "double"
        case .bytes: "bytes"
        case .string: "string"
        case .fixed: "fixed"
        case .enumeration: "enum"
        case .array: "array"
        case .map: "map"
        case .record: "record"
        }
    }
}

extension AvroValue {
    /// The value of a JSON default (Avro spec: defaults of unions use the first branch; bytes
    /// and fixed defaults are strings whose code points 0–255 are the bytes).
    public init(default json: JSONValue, schema: AvroSchema) throws(AvroError) {
        func bytes(_ s: String) throws(AvroError) -> [UInt8] {
            var out: [UInt8] = []
            for u in s.unicodeScalars {
                guard u.value <= 0xFF else { throw AvroError(.invalidSchema, "bytes default has a code point above 255") }
                out.append(UInt8(u.value))
            }
            return out
        }
        switch (schema, json) {
        case (.union(let branches), _):
            guard let first = branches.first else { throw AvroError(.invalidSchema, "default for an empty union") }
            self = try AvroValue(default: json, schema: first)
        case (.primitive(.null, _), .null): self = .null
        case (.primitive(.boolean, _), .bool(let b)): self = .boolean(b)
        case (.primitive(.int, _), .int(let i)):
            guard let v = Int32(exactly: i) else { throw AvroError(.invalidSchema, "int default \(i) out of range") }
            self = .int(v)
        case (.primitive(.long, _), .int(let i)): self = .long(i)
        case (.primitive(.float, _), _) where json.doubleValue != nil: self = .float(Float(json.doubleValue!))
        case (.primitive(.double, _), _) where json.doubleValue != nil: self = .double(json.doubleValue!)
        case (.primitive(.string, _), .string(let s)): self = .string(s)
        case (.primitive(.bytes, _), .string(let s)): self = .bytes(try bytes(s))
        case (.fixed, .string(let s)): self = .fixed(try bytes(s))
        case (.enumeration, .string(let s)): self = .enumeration(s)
        case (.array(let a), .array(let items)):
            var out: [AvroValue] = []
            for i in items { out.append(try AvroValue(default: i, schema: a.items)) }
            self = .array(out)
        case (.map(let m), .object(let members)):
            var out: [AvroMapEntry] = []
            for e in members { out.append(AvroMapEntry(e.key, try AvroValue(default: e.value, schema: m.values))) }
            self = .map(out)
        case (.record(let r), .object):
            var out: [String: AvroValue] = [:]
            for f in r.fields {
                guard let v = json[f.name] ?? f.defaultValue else {
                    throw AvroError(.invalidSchema, "record default misses field '\(f.name)'")
                }
                out[f.name] = try AvroValue(default: v, schema: f.type)
            }
            self = .record(out)
        default:
            throw AvroError(.invalidSchema, "default \(json.serialized()) does not match \(schema.typeName)")
        }
    }
}
