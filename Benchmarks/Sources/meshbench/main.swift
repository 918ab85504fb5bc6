import Columnar
import Foundation
import Parquet

/// `meshbench <benchmark> [--rows N] [--repeats N]`: runs one benchmark against its peer.
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let v = Int(arguments[i + 1]) else { return fallback }
    return v
}
// The allocator policy of the `mesh` executable, so library code runs as it does there.
MemoryPolicy.retainFreedBuffers()
let rows = option("--rows", 2_000_000)
let repeats = option("--repeats", 3)

do {
    switch arguments.first {
    case "parquet": try ParquetBenchmark(rows: rows, repeats: repeats).run()
    case "parquet-write-rss": try ParquetBenchmark(rows: rows, repeats: 1).measureWriteMemory()
    case "quality": try QualityBenchmark(rows: rows, repeats: repeats).run()
    case "parquet-profile-read":
        // For profilers: write the table once, then read the given columns (comma-separated) `--repeats` times.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshbench-profile.parquet").path
        let batch = BenchmarkTable.make(rows: rows)
        let writer = try ParquetWriter(schema: batch.schema, sink: FileSink(path: path))
        try writer.write(batch)
        _ = try writer.close()
        let columns = arguments.count > 1 && !arguments[1].hasPrefix("--") ? arguments[1].split(separator: ",").map(String.init) : nil
        let t = try Measure.best(repeats) { _ = try ParquetFileReader(path: path).read(columns: columns) }
        print("read \(columns?.joined(separator: ",") ?? "all columns"): \(Measure.secs(t))")
    case "codecs": try CodecBenchmark(repeats: repeats).run()
    case "publish":
        let codec = arguments.firstIndex(of: "--codec").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } ?? "snappy"
        try PublishBenchmark(rows: rows, repeats: repeats, codec: codec).run()
    case "publish-run": try PublishBenchmark.publishRun(Array(arguments.dropFirst()))
    case "publish-csv": try PublishBenchmark.writeCSV(BenchmarkTable.make(rows: rows), to: arguments[1]) // the input, for profiling `mesh publish`
    case "publish-setup": try PublishBenchmark.setUp(warehouse: arguments[1]) // for profiling publish-run alone
    case "iceberg":
        try IcebergBenchmark(snapshots: option("--snapshots", 1_000), files: option("--files", 10_000),
                             rowsPerFile: option("--rows-per-file", 100), repeats: repeats).run()
    case "serve": try ServeBenchmark(seconds: option("--seconds", 10), connections: option("--connections", 32), rounds: option("--rounds", 3)).run()
    case "asof":
        try AsOfBenchmark(labelRows: option("--labels", 1_000_000), featureRows: option("--rows", 2_000_000), repeats: repeats).run()
    case "asof-rss": try AsOfBenchmark.measureMemory(arguments[1])
    case "asof-write":
        // For profilers: write the inputs to the given directory, then run `meshbench asof-rss DIR`.
        try AsOfBenchmark(labelRows: option("--labels", 1_000_000), featureRows: option("--rows", 2_000_000), repeats: 1)
            .writeInputs(to: URL(fileURLWithPath: arguments[1]))
    default:
        print("usage: meshbench parquet|quality|codecs|publish|iceberg|asof [--rows N] [--repeats N] [publish: --codec C] [iceberg: --snapshots N --files N --rows-per-file N] [asof: --labels N]")
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("meshbench: \(error)\n".utf8))
    exit(1)
}
