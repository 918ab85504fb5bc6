import Columnar

/// The benchmark table shared by the Parquet, quality and publish benchmarks:
/// `id int64, user_id int64, amount double (1% nulls), country string (~50 values),
/// ts timestamp[us, UTC], label int32`, generated deterministically.
enum BenchmarkTable {
    static let countries = [
        "US", "GB", "DE", "FR", "IT", "ES", "NL", "BE", "SE", "NO", "DK", "FI", "PL", "CZ", "AT", "CH", "PT", "IE",
        "GR", "HU", "RO", "BG", "HR", "SI", "SK", "LT", "LV", "EE", "CA", "MX", "BR", "AR", "CL", "CO", "PE", "JP",
        "KR", "CN", "IN", "SG", "AU", "NZ", "ZA", "NG", "EG", "KE", "MA", "TR", "IL", "AE",
    ]

    static let schema = Schema([
        Field("id", .int64, nullable: false, id: 1),
        Field("user_id", .int64, nullable: false, id: 2),
        Field("amount", .double, nullable: true, id: 3),
        Field("country", .string, nullable: false, id: 4),
        Field("ts", .timestamp(unit: .microseconds, utc: true), nullable: false, id: 5),
        Field("label", .int32, nullable: false, id: 6),
    ])

    /// A SplitMix64 generator: deterministic across runs and platforms.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Generates `rows` rows.
    static func make(rows: Int, seed: UInt64 = 42) -> RecordBatch {
        var rng = SplitMix(state: seed)
        var b = RecordBatchBuilder(schema: schema)
        b.reserveCapacity(rows)
        let start: Int64 = 1_767_225_600_000_000 // 2026-01-01T00:00:00Z in µs
        for i in 0..<rows {
            b.columns[0].append(int64: Int64(i))
            b.columns[1].append(int64: Int64(rng.next() % 100_000) + 1)
            if rng.next() % 100 == 0 {
                try! b.columns[2].appendNull()
            } else {
                b.columns[2].append(double: Double(rng.next() % 1_000_000) / 100.0)
            }
            b.columns[3].append(string: countries[Int(rng.next() % UInt64(countries.count))])
            b.columns[4].append(int64: start + Int64(i) * 1_000_000 + Int64(rng.next() % 1_000_000))
            b.columns[5].append(int32: Int32(rng.next() % 2))
        }
        return b.finish()
    }

    /// Bytes held by the batch's buffers (the "in-memory size").
    static func memorySize(_ batch: RecordBatch) -> Int {
        batch.columns.reduce(0) { $0 + size(of: $1) }
    }

    static func size(of column: Column) -> Int {
        let validity = column.validity?.count ?? 0
        switch column.values {
        case .boolean(let b): return validity + b.count
        case .int32(let b): return validity + b.count * 4
        case .int64(let b): return validity + b.count * 8
        case .float(let b): return validity + b.count * 4
        case .double(let b): return validity + b.count * 8
        case .decimal(let b): return validity + b.count * 16
        case .bytes(let v): return validity + v.offsets.count * 8 + v.data.count
        case .fixed(_, let b): return validity + b.count
        case .list(let offsets, let child): return validity + offsets.count * 8 + size(of: child)
        }
    }
}
