import Columnar
import Foundation
import Parquet
import Synchronization
import Training

/// Point-in-time join: labels joined as of their event time with three feature tables, read
/// from Parquet files; ours (ParquetFileReader + PointInTimeJoin) against DuckDB's ASOF JOIN
/// and pandas' merge_asof on the same files in the same run.
struct AsOfBenchmark {
    let labelRows: Int
    let featureRows: Int
    let repeats: Int
    static let entities = 100_000
    static let sources = ["profiles", "affinity", "activity"]
    static let yearMicros: Int64 = 365 * 86_400 * 1_000_000
    static let start: Int64 = 1_704_067_200_000_000  // 2024-01-01T00:00:00Z

    static let ts = DataType.timestamp(unit: .microseconds, utc: true)

    /// Labels: entity_id, event_time, label (1% positive-ish double target).
    static func labels(rows: Int) -> RecordBatch {
        var rng = BenchmarkTable.SplitMix(state: 7)
        var b = RecordBatchBuilder(schema: Schema([Field("entity_id", .int64, nullable: false), Field("event_time", ts, nullable: false),
                                                   Field("label", .double, nullable: false)]))
        b.reserveCapacity(rows)
        for _ in 0..<rows {
            b.columns[0].append(int64: Int64.random(in: 0..<Int64(entities), using: &rng))
            b.columns[1].append(int64: start + Int64.random(in: 0..<yearMicros, using: &rng))
            b.columns[2].append(double: Double.random(in: 0..<1, using: &rng))
        }
        return b.finish()
    }

    /// A feature table: entity_id, ts, `<name>_a`, `<name>_b` (doubles).
    static func features(_ name: String, rows: Int, seed: UInt64) -> RecordBatch {
        var rng = BenchmarkTable.SplitMix(state: seed)
        var b = RecordBatchBuilder(schema: Schema([Field("entity_id", .int64, nullable: false), Field("ts", ts, nullable: false),
                                                   Field("\(name)_a", .double, nullable: false), Field("\(name)_b", .double, nullable: false)]))
        b.reserveCapacity(rows)
        for _ in 0..<rows {
            b.columns[0].append(int64: Int64.random(in: 0..<Int64(entities), using: &rng))
            b.columns[1].append(int64: start - 30 * 86_400_000_000 + Int64.random(in: 0..<yearMicros, using: &rng))
            b.columns[2].append(double: Double.random(in: 0..<1, using: &rng))
            b.columns[3].append(double: Double.random(in: 0..<100, using: &rng))
        }
        return b.finish()
    }

    static var join: PointInTimeJoin {
        let label = TrainingSetSpec.LabelSource(product: "bench.labels", keys: ["entity_id"], eventTime: "event_time", columns: ["label"])
        let features = sources.map { name in
            TrainingSetSpec.FeatureSource(product: "bench.\(name)", columns: ["\(name)_a", "\(name)_b"],
                                          keys: [.init(feature: "entity_id", label: "entity_id")], eventTime: "ts")
        }
        return PointInTimeJoin(label: label, features: features, includeFeatureTimes: false)
    }

    /// Reads the files and joins them; returns (read seconds, join seconds, output).
    static func ours(_ dir: URL) throws -> (Double, Double, PointInTimeJoin.Output) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        // The four files are read in parallel, as a caller preparing a build would.
        let names = ["labels"] + sources
        let read = Mutex<[Int: Result<RecordBatch, ParquetError>]>([:])
        DispatchQueue.concurrentPerform(iterations: names.count) { i in
            let path = dir.appendingPathComponent("\(names[i]).parquet").path
            let result = Result { () throws(ParquetError) in try ParquetFileReader(path: path).read() }
            read.withLock { $0[i] = result }
        }
        let batches = try read.withLock { done in try names.indices.map { try done[$0]!.get() } }
        let labels = batches[0]
        let features = Array(batches.dropFirst())
        let t1 = DispatchTime.now().uptimeNanoseconds
        let out = try join.run(labels: [labels], features: features.map { [$0] })
        let t2 = DispatchTime.now().uptimeNanoseconds
        return (Double(t1 - t0) / 1e9, Double(t2 - t1) / 1e9, out)
    }

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshbench-asof-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        print("As-of join benchmark: \(labelRows) label rows × \(Self.sources.count) feature tables of \(featureRows) rows, "
              + "\(Self.entities) entities, int64 key, timestamp[us]; best of \(repeats)")
        try writeInputs(to: dir)

        var best = (read: Double.infinity, join: Double.infinity, total: Double.infinity)
        var matched: [Int] = []
        for _ in 0..<repeats {
            let (read, join, out) = try Self.ours(dir)
            best = (min(best.read, read), min(best.join, join), min(best.total, read + join))
            matched = out.matchedRows
            guard out.count == labelRows else { throw BenchError("joined \(out.count) rows, expected \(labelRows)") }
        }

        let peerJSON = try Measure.python("Benchmarks/python/asof_peer.py", [dir.path, String(repeats)] + Self.sources)
        guard let peer = try JSONSerialization.jsonObject(with: Data(peerJSON.utf8)) as? [String: Any],
              let duck = peer["duckdb"] as? Double, let pandas = peer["pandas"] as? Double,
              let duckMatched = peer["duckdb_matched"] as? [Int], let pandasMatched = peer["pandas_matched"] as? [Int]
        else { throw BenchError("unexpected output from the peer: \(peerJSON)") }

        print("matched label rows per feature table: meshwork \(matched), duckdb \(duckMatched), pandas \(pandasMatched)")
        guard matched == duckMatched, matched == pandasMatched else { throw BenchError("the engines disagree on matches") }
        print(String(format: "meshwork: read %.3f s + join %.3f s = %.3f s", best.read, best.join, best.total))
        print("engine                 time        ratio (meshwork/engine)")
        print("meshwork".padding(toLength: 23, withPad: " ", startingAt: 0) + Measure.secs(best.total))
        print("duckdb ASOF JOIN".padding(toLength: 23, withPad: " ", startingAt: 0)
              + Measure.secs(duck).padding(toLength: 12, withPad: " ", startingAt: 0) + Measure.ratio(best.total, duck))
        print("pandas merge_asof".padding(toLength: 23, withPad: " ", startingAt: 0)
              + Measure.secs(pandas).padding(toLength: 12, withPad: " ", startingAt: 0) + Measure.ratio(best.total, pandas))

        // Peak memory of one read + join, in a fresh process so data generation does not count.
        fflush(nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        p.arguments = ["asof-rss", dir.path]
        try p.run()
        p.waitUntilExit()
    }

    /// Generates and writes the label and feature files into `dir`.
    func writeInputs(to dir: URL) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Self.write(Self.labels(rows: labelRows), to: dir.appendingPathComponent("labels.parquet"))
        for (i, name) in Self.sources.enumerated() {
            try Self.write(Self.features(name, rows: featureRows, seed: UInt64(100 + i)), to: dir.appendingPathComponent("\(name).parquet"))
        }
    }

    /// Reads and joins the files in `dir` once and prints the process's peak RSS.
    static func measureMemory(_ dir: String) throws {
        let (read, join, out) = try ours(URL(fileURLWithPath: dir))
        let peak = Measure.procStatus("VmHWM")
        var inputBytes = 0
        for name in ["labels"] + sources {
            let batch = try ParquetFileReader(path: URL(fileURLWithPath: dir).appendingPathComponent("\(name).parquet").path).read()
            inputBytes += batch.columns.count * batch.count * 8
        }
        let outputBytes = out.schema.fields.count * out.count * 8
        print(String(format: "meshwork, fresh process: read %.3f s, join %.3f s; ", read, join)
              + "peak RSS \(Measure.mb(peak)); "
              + "inputs in memory \(Measure.mb(inputBytes)), output \(Measure.mb(outputBytes))")
    }

    static func write(_ batch: RecordBatch, to url: URL) throws {
        let writer = try ParquetWriter(schema: batch.schema, options: ParquetWriterOptions(codec: .snappy), sink: FileSink(path: url.path))
        try writer.write(batch)
        _ = try writer.close()
    }
}
