import Columnar
import Foundation
import Parquet

/// Writes and reads the benchmark table with our Parquet module and with pyarrow in one run.
struct ParquetBenchmark {
    let rows: Int
    let repeats: Int

    func run() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("meshbench-parquet-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let path = scratch.appendingPathComponent("meshwork.parquet").path

        print("Parquet benchmark: \(rows) rows (id, user_id, amount 1% null, country ~50 values, ts, label), snappy, best of \(repeats)")
        let batch = BenchmarkTable.make(rows: rows)
        let write = try Measure.best(repeats) {
            let writer = try ParquetWriter(schema: batch.schema, options: ParquetWriterOptions(codec: .snappy), sink: FileSink(path: path))
            try writer.write(batch)
            _ = try writer.close()
        }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var readRows = 0
        let read = try Measure.best(repeats) {
            let reader = try ParquetFileReader(path: path)
            readRows = try reader.read().count
        }
        guard readRows == rows else { throw BenchError("read \(readRows) rows, wrote \(rows)") }
        let project = try Measure.best(repeats) {
            _ = try ParquetFileReader(path: path).read(columns: ["amount"])
        }

        let peerJSON = try Measure.python("Benchmarks/python/parquet_peer.py", [path, scratch.path, String(repeats)])
        guard let peer = try JSONSerialization.jsonObject(with: Data(peerJSON.utf8)) as? [String: Any],
              let pw = peer["write"] as? Double, let pr = peer["read"] as? Double, let pp = peer["project"] as? Double,
              let ps = peer["size"] as? Int
        else { throw BenchError("unexpected output from the pyarrow peer: \(peerJSON)") }

        func row(_ name: String, _ ours: Double, _ theirs: Double) {
            print(name.padding(toLength: 22, withPad: " ", startingAt: 0)
                  + Measure.secs(ours).padding(toLength: 12, withPad: " ", startingAt: 0)
                  + Measure.secs(theirs).padding(toLength: 12, withPad: " ", startingAt: 0)
                  + Measure.ratio(ours, theirs))
        }
        print("operation             meshwork    pyarrow     ratio (meshwork/pyarrow)")
        row("write (snappy)", write, pw)
        row("full read", read, pr)
        row("read 1 column", project, pp)
        print("file size: meshwork \(Measure.mb(size)), pyarrow \(Measure.mb(ps))")
        print(String(format: "projection speed-up (full read / 1-column read): meshwork %.1fx, pyarrow %.1fx", read / project, pr / pp))

        // Peak memory of a write, measured in a fresh process so earlier phases do not count.
        fflush(nil)
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: me)
        p.arguments = ["parquet-write-rss", "--rows", String(rows)]
        try p.run()
        p.waitUntilExit()
    }

    /// Builds the batch, then writes it, printing the batch size and the process's peak RSS.
    func measureWriteMemory() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshbench-rss-\(getpid()).parquet").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let batch = BenchmarkTable.make(rows: rows)
        let batchSize = BenchmarkTable.memorySize(batch)
        let before = Measure.procStatus("VmRSS")
        Measure.resetPeak()
        let writer = try ParquetWriter(schema: batch.schema, options: ParquetWriterOptions(codec: .snappy), sink: FileSink(path: path))
        try writer.write(batch)
        _ = try writer.close()
        let peak = Measure.procStatus("VmHWM")
        print("write memory: batch \(Measure.mb(batchSize)) in memory; RSS before write \(Measure.mb(before)), peak during write \(Measure.mb(peak)) "
              + String(format: "(peak / batch = %.2fx; write overhead above the batch %.2fx)", Double(peak) / Double(batchSize),
                       Double(peak - before) / Double(batchSize)))
    }
}
