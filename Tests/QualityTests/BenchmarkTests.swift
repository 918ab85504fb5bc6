import Columnar
import Contracts
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

    /// Twenty rules over the benchmark table (plus the schema, key and freshness checks they imply).
    static let contract = """
    apiVersion: v3.1.0
    kind: DataContract
    id: bench.events
    version: 1.0.0
    status: active
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
              - { id: r05, type: custom, engine: meshwork, implementation: { metric: min, mustBeGreaterOrEqualTo: 0 } }
              - { id: r06, type: custom, engine: meshwork, implementation: { metric: max, mustBeLessThan: 100000 } }
          - name: amount
            logicalType: number
            quality:
              - { id: r07, metric: nullValues, unit: percent, mustBeLessThan: 2 }
              - { id: r08, type: custom, engine: meshwork, implementation: { metric: min, mustBeGreaterOrEqualTo: 0 } }
              - { id: r09, type: custom, engine: meshwork, implementation: { metric: max, mustBeLessOrEqualTo: 1000 } }
              - { id: r10, type: custom, engine: meshwork, implementation: { metric: mean, mustBeBetween: [400, 600] } }
              - { id: r11, type: custom, engine: meshwork, implementation: { metric: stddev, mustBeBetween: [200, 400] } }
              - { id: r12, type: custom, engine: meshwork, implementation: { metric: quantile, arguments: { quantile: 0.99 }, mustBeLessThan: 1000 } }
          - name: country
            logicalType: string
            quality:
              - { id: r13, metric: invalidValues, arguments: { validValues: [C0, C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11, C12, C13, C14, C15, C16, C17, C18, C19, C20, C21, C22, C23, C24, C25, C26, C27, C28, C29, C30, C31, C32, C33, C34, C35, C36, C37, C38, C39, C40, C41, C42, C43, C44, C45, C46, C47, C48, C49] }, mustBe: 0 }
              - { id: r14, metric: invalidValues, arguments: { pattern: "^C[0-9]+$" }, mustBe: 0 }
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

    @Test("statistics + a 20-rule contract over 2,000,000 rows versus pyarrow count/null/min/max/mean/distinct")
    func statistics() throws {
        let batches = BenchmarkTable.batches(rows: Self.rows)
        let contract = try DataContract(yaml: Self.contract)
        let now = Date(timeIntervalSince1970: Double(BenchmarkTable.tsStart) / 1e6 + 3_600)
        var profileOnly = Double.infinity
        var withContract = Double.infinity
        var report: QualityReport?
        for _ in 0..<3 {
            var start = DispatchTime.now()
            _ = try DatasetProfiler.profile(batches, schema: BenchmarkTable.schema())
            profileOnly = min(profileOnly, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
            start = DispatchTime.now()
            report = try ContractEvaluator.evaluate(contract: contract, batches: batches, schema: BenchmarkTable.schema(), options: QualityOptions(now: now))
            withContract = min(withContract, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }
        for name in BenchmarkTable.schema().names {
            let projected = try batches.map { try $0.project([name]) }
            let start = DispatchTime.now()
            _ = try DatasetProfiler.profile(projected, schema: projected[0].schema)
            print("QualityBenchmark: profile of \(name) alone \(String(format: "%.3f", Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)) s")
        }
        let r = try #require(report)
        print("QualityBenchmark: stored profile JSON \(try r.profile.jsonData().count) bytes for \(r.profile.columns.count) columns")
        #expect(r.results.filter { $0.id.count == 3 && $0.id.hasPrefix("r") }.count == 20)
        for failure in r.failures { Issue.record("benchmark rule failed: \(failure.id): \(failure.message)") }
        print("QualityBenchmark: \(Self.rows) rows, \(r.results.count) checks; profile only \(String(format: "%.3f", profileOnly)) s; profile + 20-rule contract \(String(format: "%.3f", withContract)) s")
        if Interop.enabled(["pyarrow", "numpy"]) {
            let reference = try PyArrowCrossCheckTests.reference(rows: Self.rows, repeats: 3)
            print("QualityBenchmark: pyarrow count/null/min/max/mean/distinct \(String(format: "%.3f", reference.seconds)) s; ratio (ours with contract / pyarrow) \(String(format: "%.2f", withContract / reference.seconds))")
        }
    }
}
