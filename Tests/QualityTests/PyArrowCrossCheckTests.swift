import Columnar
import Foundation
import Testing
import TestSupport
@testable import Quality

/// Cross-checks Meshwork's statistics with pyarrow's on the same generated table.
@Suite("pyarrow cross-check", .enabled(if: Interop.enabled(["pyarrow", "numpy"])))
struct PyArrowCrossCheckTests {
    struct Reference: Decodable {
        struct Column: Decodable {
            var count: Int
            var nulls: Int
            var distinct: Int
            var min: Double?
            var max: Double?
            var minText: String?
            var maxText: String?
            var mean: Double?
            var std: Double?
        }
        var seconds: Double
        var columns: [String: Column]
    }

    static func reference(rows: Int, repeats: Int = 1) throws -> Reference {
        let output = try Interop.runPython(BenchmarkTable.python, ["\(rows)", "42", "\(repeats)"])
        return try JSONDecoder().decode(Reference.self, from: Data(output.utf8))
    }

    @Test("count, nulls, min, max, mean, std and distinct agree with pyarrow")
    func agree() throws {
        let rows = 150_000
        let reference = try Self.reference(rows: rows)
        let profile = try DatasetProfiler.profile(BenchmarkTable.batches(rows: rows, batchRows: 40_000), schema: BenchmarkTable.schema())
        for column in profile.columns {
            let r = try #require(reference.columns[column.name], "pyarrow has \(column.name)")
            #expect(column.count == r.count && column.nullCount == r.nulls, "\(column.name)")
            if column.kind != .string {
                #expect(column.minimum?.doubleValue == r.min && column.maximum?.doubleValue == r.max, "\(column.name)")
                if let mean = r.mean, let std = r.std {
                    let ours = try #require(column.mean), oursStd = try #require(column.standardDeviation)
                    #expect(abs(ours - mean) <= 1e-9 * max(1, abs(mean)), "\(column.name) mean")
                    #expect(abs(oursStd - std) <= 1e-6 * max(1, std), "\(column.name) std")
                }
            } else {
                #expect(column.minimum?.text == r.minText && column.maximum?.text == r.maxText, "\(column.name)")
            }
            let error = abs(Double(column.distinctCount - r.distinct)) / Double(r.distinct)
            #expect(error < 0.03, "\(column.name): distinct ≈\(column.distinctCount), exact \(r.distinct)")
        }
    }
}
