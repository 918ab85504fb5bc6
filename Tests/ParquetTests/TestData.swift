import Columnar
import Foundation
@testable import Parquet

/// A small deterministic generator (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum TestData {
    static let alphabet: [Character] = Array("abcdefghijklmnopqrstuvwxyzé日本")
    /// Every primitive type Meshwork maps, plus list columns.
    static let allTypes: [(String, DataType)] = [
        ("b", .boolean), ("i32", .int32), ("i64", .int64), ("f32", .float), ("f64", .double),
        ("s", .string), ("bin", .binary), ("fix", .fixedBinary(width: 5)), ("d", .date),
        ("ts_ms", .timestamp(unit: .milliseconds, utc: true)), ("ts_us", .timestamp(unit: .microseconds, utc: false)),
        ("ts_ns", .timestamp(unit: .nanoseconds, utc: true)),
        ("dec9", .decimal(precision: 9, scale: 2)), ("dec18", .decimal(precision: 18, scale: 4)),
        ("dec38", .decimal(precision: 38, scale: 10)), ("u", .uuid),
    ]

    /// A schema with every type; `nullable` sets every field's nullability; lists optional.
    static func schema(nullable: Bool, lists: Bool = true) -> Schema {
        var fields = allTypes.map { Field($0.0, $0.1, nullable: nullable) }
        if lists {
            fields.append(Field("l_i64", .list(element: Field("element", .int64, nullable: true)), nullable: true))
            fields.append(Field("l_s", .list(element: Field("element", .string, nullable: nullable)), nullable: nullable))
        }
        return Schema(fields)
    }

    /// A random value of `type` (distinct values limited to `cardinality` when given).
    static func value(_ type: DataType, _ rng: inout SeededGenerator, cardinality: Int? = nil) -> Value {
        let pick = cardinality.map { Int.random(in: 0..<$0, using: &rng) }
        switch type {
        case .boolean: return .boolean(Bool.random(using: &rng))
        case .int32: return .int32(pick.map(Int32.init) ?? Int32.random(in: .min ... .max, using: &rng))
        case .int64: return .int64(pick.map(Int64.init) ?? Int64.random(in: .min ... .max, using: &rng))
        case .float: return .float(pick.map { Float($0) / 4 } ?? Float.random(in: -1e6...1e6, using: &rng))
        case .double: return .double(pick.map { Double($0) / 8 } ?? Double.random(in: -1e12...1e12, using: &rng))
        case .string:
            let n = pick ?? Int.random(in: 0...20, using: &rng)
            return .string(pick.map { "value-\($0)-é" } ?? String((0..<n).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }))
        case .binary:
            let n = Int.random(in: 0...12, using: &rng)
            return .binary((0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) })
        case .fixedBinary(let w): return .binary((0..<w).map { _ in UInt8.random(in: 0...255, using: &rng) })
        case .date: return .date(Int32.random(in: -100_000...100_000, using: &rng))
        case .timestamp(let unit, _): return .timestamp(Int64.random(in: -(1 << 40)...(1 << 40), using: &rng), unit)
        case .decimal(let p, let s):
            let limit = p >= 38 ? Int128.max / 2 : (0..<p).reduce(Int128(1)) { r, _ in r * 10 } - 1
            let hi = Int128(Int64.random(in: .min ... .max, using: &rng)) * Int128(Int64.random(in: 0 ... .max, using: &rng))
            return .decimal(hi % (limit + 1), scale: s)
        case .uuid:
            var b = [UInt8](repeating: 0, count: 16)
            for i in 0..<16 { b[i] = UInt8.random(in: 0...255, using: &rng) }
            return .uuid(UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15])))
        case .list(let el):
            if Int.random(in: 0..<6, using: &rng) == 0 { return .list([]) }
            let n = Int.random(in: 1...4, using: &rng)
            return .list((0..<n).map { _ in
                el.nullable && Int.random(in: 0..<5, using: &rng) == 0 ? .null : value(el.type, &rng, cardinality: cardinality)
            })
        }
    }

    /// A batch of `rows` random rows; nullable fields are null about `nullRate` of the time.
    static func batch(_ schema: Schema, rows: Int, seed: UInt64, nullRate: Double = 0.2, cardinality: Int? = nil) -> RecordBatch {
        var rng = SeededGenerator(seed: seed)
        var builder = RecordBatchBuilder(schema: schema)
        for _ in 0..<rows {
            let row = schema.fields.map { f -> Value in
                if f.nullable && Double.random(in: 0..<1, using: &rng) < nullRate { return .null }
                return value(f.type, &rng, cardinality: cardinality)
            }
            try! builder.append(row: row)
        }
        return builder.finish()
    }

    /// Writes batches to memory and reads everything back.
    static func roundTrip(_ batches: [RecordBatch], schema: Schema, options: ParquetWriterOptions) throws -> (RecordBatch, [UInt8]) {
        let bytes = try ParquetWriter.write(batches, schema: schema, options: options)
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        return (try reader.read(), bytes)
    }

    /// Row values of all batches, concatenated.
    static func rows(_ batches: [RecordBatch]) -> [[Value]] {
        batches.flatMap { b in (0..<b.count).map { b.row($0) } }
    }
}

/// A source that counts the bytes read through it.
final class CountingSource: RandomAccessSource, @unchecked Sendable {
    // Test-only: mutated from a single test thread; the lock keeps it honest anyway.
    let inner: MemorySource
    private let lock = NSLock()
    private var _bytesRead = 0
    private var _ranges: [Range<Int>] = []
    init(_ bytes: [UInt8]) { inner = MemorySource(bytes: bytes) }
    var size: Int { inner.size }
    var bytesRead: Int { lock.withLock { _bytesRead } }
    var ranges: [Range<Int>] { lock.withLock { _ranges } }
    func reset() { lock.withLock { _bytesRead = 0; _ranges = [] } }
    func read(offset: Int, count: Int) throws(ParquetError) -> [UInt8] {
        lock.withLock { _bytesRead += count; _ranges.append(offset..<(offset + count)) }
        return try inner.read(offset: offset, count: count)
    }
}
