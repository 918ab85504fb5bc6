import Columnar
import Foundation
@testable import Quality

/// The benchmark table, generated identically in Swift and (vectorised) in Python so pyarrow and
/// Meshwork see the same values: id int64, user_id int64, amount double (1 % null), country
/// string (50 values), ts timestamp[us, UTC], label int32. Values come from SplitMix64 with
/// four draws per row.
enum BenchmarkTable {
    static func schema() -> Schema {
        Schema([
            Field("id", .int64, nullable: false), Field("user_id", .int64), Field("amount", .double),
            Field("country", .string), Field("ts", .timestamp(unit: .microseconds, utc: true)), Field("label", .int32),
        ])
    }

    static let tsStart: Int64 = 1_767_225_600_000_000

    static func batches(rows: Int, batchRows: Int = 131_072, seed: UInt64 = 42) -> [RecordBatch] {
        var g = SplitMix(seed: seed)
        var out: [RecordBatch] = []
        let countries = (0..<50).map { "C\($0)" }
        for start in stride(from: 0, to: rows, by: batchRows) {
            var b = RecordBatchBuilder(schema: schema())
            for i in start..<min(start + batchRows, rows) {
                b.columns[0].append(int64: Int64(i))
                b.columns[1].append(int64: Int64(g.next() % 100_000))
                let r = g.next()
                if r % 100 == 0 { try! b.columns[2].appendNull() } else { b.columns[2].append(double: Double(r % 1_000_000) / 1000) }
                b.columns[3].append(string: countries[Int(g.next() % 50)])
                b.columns[4].append(int64: tsStart + Int64(i) * 1000)
                b.columns[5].append(int32: Int32(g.next() % 2))
            }
            out.append(b.finish())
        }
        return out
    }

    /// Builds the same table in pyarrow, times count/null/min/max/mean/distinct per column
    /// (best of `repeats`), and prints JSON: `{"seconds": s, "columns": {name: {...}}}`.
    static let python = """
    import json, sys, time
    import numpy as np, pyarrow as pa, pyarrow.compute as pc
    n, seed, repeats = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    gamma = np.uint64(0x9E3779B97F4A7C15)
    with np.errstate(over="ignore"):
        k = np.arange(1, 4 * n + 1, dtype=np.uint64)
        z = np.uint64(seed) + k * gamma
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    draws = z.reshape(n, 4)
    r = draws[:, 1]
    countries = np.array([f"C{i}" for i in range(50)], dtype=object)
    table = pa.table({
        "id": pa.array(np.arange(n, dtype=np.int64)),
        "user_id": pa.array((draws[:, 0] % np.uint64(100000)).astype(np.int64)),
        "amount": pa.array((r % np.uint64(1000000)).astype(np.float64) / 1000, mask=(r % np.uint64(100)) == 0),
        "country": pa.array(countries[(draws[:, 2] % np.uint64(50)).astype(np.int64)], type=pa.string()),
        "ts": pa.array(np.int64(\(tsStart)) + np.arange(n, dtype=np.int64) * 1000, type=pa.timestamp("us", tz="UTC")),
        "label": pa.array((draws[:, 3] % np.uint64(2)).astype(np.int32)),
    })
    def stats():
        out = {}
        for name in table.column_names:
            col = table[name]
            mm = pc.min_max(col)
            s = {"count": len(col), "nulls": col.null_count, "distinct": pc.count_distinct(col).as_py()}
            lo, hi = mm["min"], mm["max"]
            if pa.types.is_timestamp(col.type):
                lo, hi = lo.cast(pa.int64()), hi.cast(pa.int64())
            if pa.types.is_string(col.type):
                s["minText"], s["maxText"] = lo.as_py(), hi.as_py()
            else:
                s["min"], s["max"] = lo.as_py(), hi.as_py()
            if pa.types.is_integer(col.type) or pa.types.is_floating(col.type):
                s["mean"] = pc.mean(col).as_py()
                s["std"] = pc.stddev(col).as_py()
            out[name] = s
        return out
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        result = stats()
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"seconds": best, "columns": result}))
    """
}
