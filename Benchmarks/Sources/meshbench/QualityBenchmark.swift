import Columnar
import Contracts
import Foundation
import Parquet
import Quality

/// Statistics plus a 20-rule contract over the Parquet benchmark table, against pyarrow
/// computing count/null/min/max/mean/distinct on the same data, in one run.
struct QualityBenchmark {
    let rows: Int
    let repeats: Int

    /// Twenty rules over the benchmark table (plus the schema, key and freshness checks they imply).
    static let contract = """
        apiVersion: v3.1.0
        kind: DataContract
        id: bench.events
        version: 1.0.0
        status: active
        domain: bench
        dataProduct: events
        slaProperties: [{ property: latency, value: 2, unit: d, element: events.ts }]
        schema:
          - name: events
            quality:
              - { id: r01, metric: rowCount, mustBeGreaterThan: 0 }
            properties:
              - name: id
                logicalType: integer
                primaryKey: true
                quality:
                  - { id: r02, metric: duplicateValues, mustBe: 0 }
                  - { id: r03, metric: nullValues, mustBe: 0 }
              - name: user_id
                logicalType: integer
                quality:
                  - { id: r04, metric: nullValues, mustBe: 0 }
                  - { id: r05, type: custom, engine: meshwork, implementation: { metric: min, mustBeGreaterOrEqualTo: 1 } }
                  - { id: r06, type: custom, engine: meshwork, implementation: { metric: max, mustBeLessOrEqualTo: 100000 } }
              - name: amount
                logicalType: number
                quality:
                  - { id: r07, metric: nullValues, unit: percent, mustBeLessThan: 2 }
                  - { id: r08, type: custom, engine: meshwork, implementation: { metric: min, mustBeGreaterOrEqualTo: 0 } }
                  - { id: r09, type: custom, engine: meshwork, implementation: { metric: max, mustBeLessOrEqualTo: 10000 } }
                  - { id: r10, type: custom, engine: meshwork, implementation: { metric: mean, mustBeBetween: [4000, 6000] } }
                  - { id: r11, type: custom, engine: meshwork, implementation: { metric: stddev, mustBeBetween: [2000, 4000] } }
                  - { id: r12, type: custom, engine: meshwork, implementation: { metric: quantile, arguments: { quantile: 0.99 }, mustBeLessThan: 10000 } }
              - name: country
                logicalType: string
                quality:
                  - { id: r13, metric: invalidValues, arguments: { validValues: [\(BenchmarkTable.countries.map { "'\($0)'" }.joined(separator: ", "))] }, mustBe: 0 }
                  - { id: r14, metric: invalidValues, arguments: { pattern: "^[A-Z]{2}$" }, mustBe: 0 }
                  - { id: r15, metric: missingValues, arguments: { missingValues: [null, ""] }, mustBe: 0 }
                  - { id: r16, type: custom, engine: meshwork, implementation: { metric: distinctCount, mustBeLessOrEqualTo: 60 } }
              - name: ts
                logicalType: timestamp
                quality:
                  - { id: r17, metric: nullValues, mustBe: 0 }
                  - { id: r18, type: custom, engine: meshwork, implementation: { metric: freshness, mustBeLessThan: 48, unit: h } }
              - name: label
                logicalType: integer
                quality:
                  - { id: r19, metric: invalidValues, arguments: { validValues: [0, 1] }, mustBe: 0 }
                  - { id: r20, type: custom, engine: meshwork, implementation: { metric: mean, mustBeBetween: [0.4, 0.6] } }
        """

    func run() throws {
        print("Quality benchmark: \(rows) rows, statistics + a 20-rule contract vs pyarrow count/null/min/max/mean/distinct, best of \(repeats)")
        let batch = BenchmarkTable.make(rows: rows)
        let batches = stride(from: 0, to: rows, by: 131_072).map { batch.slice($0..<min($0 + 131_072, rows)) }
        let contract = try DataContract(yaml: Self.contract)
        let newest = batch.column(named: "ts").map { column -> Int64 in
            guard case .int64(let b) = column.values else { return 0 }
            return b.max() ?? 0
        } ?? 0
        let now = Date(timeIntervalSince1970: Double(newest) / 1e6 + 3_600)

        var report: QualityReport?
        let profileOnly = try Measure.best(repeats) {
            _ = try DatasetProfiler.profile(batches, schema: batch.schema)
        }
        let withContract = try Measure.best(repeats) {
            report = try ContractEvaluator.evaluate(contract: contract, batches: batches, schema: batch.schema, options: QualityOptions(now: now))
        }
        guard let report else { throw BenchError("no report") }
        let rules = report.results.filter { $0.id.count == 3 && $0.id.hasPrefix("r") }
        if rules.count != 20 { throw BenchError("expected 20 rule results, got \(rules.count)") }
        for failure in report.failures { print("  rule failed: \(failure.id): \(failure.message)") }

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("meshbench-quality-\(getpid()).parquet").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let writer = try ParquetWriter(schema: batch.schema, options: ParquetWriterOptions(codec: .snappy), sink: FileSink(path: scratch))
        try writer.write(batch)
        _ = try writer.close()
        let peerJSON = try Measure.python("Benchmarks/python/quality_peer.py", [scratch, String(repeats)])
        guard let peer = try JSONSerialization.jsonObject(with: Data(peerJSON.utf8)) as? [String: Any],
              let seconds = peer["seconds"] as? Double
        else { throw BenchError("unexpected output from the pyarrow peer: \(peerJSON)") }

        print("meshwork statistics only:            \(Measure.secs(profileOnly))  (count, nulls, min/max, mean, std, HLL distinct, KLL quantiles, top-k, histograms)")
        print("meshwork statistics + 20-rule check: \(Measure.secs(withContract))  (\(report.results.count) checks, \(report.failures.count) failed)")
        print("pyarrow count/null/min/max/mean/distinct: \(Measure.secs(seconds))")
        print("ratio (meshwork with contract / pyarrow): \(Measure.ratio(withContract, seconds))")
        print("stored profile: \(try report.profile.jsonData().count) bytes of JSON for \(report.profile.columns.count) columns")
    }
}
