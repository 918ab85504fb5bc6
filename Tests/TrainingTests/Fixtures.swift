import Columnar
@testable import Training

/// Small builders for test batches.
enum Fixtures {
    static let microsPerDay: Int64 = 86_400_000_000

    /// A timestamp value `d` days (plus `h` hours) after the epoch, in microseconds.
    static func day(_ d: Int64, _ h: Int64 = 0) -> Value { .timestamp(d * microsPerDay + h * 3_600_000_000, .microseconds) }

    static let ts = DataType.timestamp(unit: .microseconds, utc: true)

    /// A batch from rows of values.
    static func batch(_ fields: [Field], _ rows: [[Value]]) throws -> RecordBatch {
        var builder = RecordBatchBuilder(schema: Schema(fields))
        for row in rows { try builder.append(row: row) }
        return builder.finish()
    }

    /// `batch` cut into pieces at `cuts` (row offsets).
    static func split(_ batch: RecordBatch, at cuts: [Int]) -> [RecordBatch] {
        var out: [RecordBatch] = []
        var start = 0
        for cut in cuts.sorted() + [batch.count] where cut >= start {
            out.append(batch.slice(start..<cut))
            start = cut
        }
        return out
    }

    /// Column `name` of every batch, concatenated, as values.
    static func values(_ batches: [RecordBatch], _ name: String) -> [Value] {
        batches.flatMap { $0.column(named: name)!.allValues }
    }
}
