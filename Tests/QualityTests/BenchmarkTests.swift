import Columnar
import Foundation
import Testing
import TestSupport
@testable import Quality

/// The quality benchmark: statistics (and, once contracts are wired, a 20-rule contract) over the
/// 2,000,000-row benchmark table, next to pyarrow computing count/null/min/max/mean/distinct on the
/// same data. Not a timed test: it runs only with `MESH_BENCHMARK=1`, ideally in release
/// (`MESH_BENCHMARK=1 swift test -c release --filter QualityBenchmark`), and prints its figures.
@Suite("QualityBenchmark", .enabled(if: ProcessInfo.processInfo.environment["MESH_BENCHMARK"] == "1"))
struct QualityBenchmark {
    static let rows = 2_000_000

    /// id int64, user_id int64, amount double (1 % null), country string (~50 values), ts timestamp, label int32.
    static func table() -> [RecordBatch] {
        let schema = Schema([
            Field("id", .int64, nullable: false), Field("user_id", .int64), Field("amount", .double),
            Field("country", .string), Field("ts", .timestamp(unit: .microseconds, utc: true)), Field("label", .int32),
        ])
        var g = SplitMix(seed: 42)
        var batches: [RecordBatch] = []
        let batchRows = 131_072
        for start in stride(from: 0, to: rows, by: batchRows) {
            var b = RecordBatchBuilder(schema: schema)
            for i in start..<min(start + batchRows, rows) {
                b.columns[0].append(int64: Int64(i))
                b.columns[1].append(int64: Int64(g.next() % 100_000))
                let r = g.next()
                if r % 100 == 0 { try! b.columns[2].appendNull() } else { b.columns[2].append(double: Double(r % 1_000_000) / 1000) }
                b.columns[3].append(string: "C\(g.next() % 50)")
                b.columns[4].append(int64: 1_767_225_600_000_000 + Int64(i) * 1000)
                b.columns[5].append(int32: Int32(g.next() % 2))
            }
            batches.append(b.finish())
        }
        return batches
    }

    @Test("statistics over 2,000,000 rows versus pyarrow")
    func statistics() throws {
        let batches = Self.table()
        var best = Double.infinity
        var profile: DatasetProfile?
        for _ in 0..<3 {
            let start = DispatchTime.now()
            profile = try DatasetProfiler.profile(batches, schema: batches[0].schema, options: ProfileOptions(eventTimeColumn: "ts"))
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }
        #expect(profile?.rowCount == Self.rows)
        print("QualityBenchmark: profile of \(Self.rows) rows: \(String(format: "%.3f", best)) s")
    }
}
