import Columnar
import Foundation
import Iceberg

/// Iceberg commit latency, scan planning with manifest bounds, and a full scan against
/// pyiceberg on the same table, in one run.
struct IcebergBenchmark {
    /// Snapshots in the table whose append latency is measured.
    let snapshots: Int
    /// Data files in the table that is planned and scanned.
    let files: Int
    /// Rows per data file of that table.
    let rowsPerFile: Int
    let repeats: Int

    static let schema = Schema([Field("id", .int64, nullable: false), Field("part", .int32, nullable: false), Field("value", .double)])

    /// Rows with ids `ids`, partition `part` = id / rowsPerFile.
    func batch(_ ids: Range<Int>) -> RecordBatch {
        var id = ColumnBuilder(Self.schema.fields[0]), part = ColumnBuilder(Self.schema.fields[1]), value = ColumnBuilder(Self.schema.fields[2])
        for i in ids {
            id.append(int64: Int64(i))
            part.append(int32: Int32(i / rowsPerFile))
            value.append(double: Double(i) * 0.5)
        }
        return RecordBatch(unchecked: Self.schema, columns: [id.finish(), part.finish(), value.finish()], count: ids.count)
    }

    func run() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("meshbench-iceberg-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        print("Iceberg benchmark: commit latency with \(snapshots) snapshots; planning and full scan of \(files) files × \(rowsPerFile) rows; best of \(repeats)")
        try commitLatency(scratch.appendingPathComponent("commits").path)
        try planAndScan(scratch.appendingPathComponent("files").path)
    }

    /// Appends `snapshots` small files, then times 100 more appends of 10 rows each.
    func commitLatency(_ root: String) throws {
        var table = try Table.create(store: try LocalFileStore(root: root), schema: Self.schema)
        let setup = DispatchTime.now().uptimeNanoseconds
        for k in 0..<snapshots { try table.append([batch((k * 10)..<(k * 10 + 10))]) }
        let setupSeconds = Double(DispatchTime.now().uptimeNanoseconds - setup) / 1e9
        var latencies: [Double] = []
        for k in 0..<100 {
            let base = (snapshots + k) * 10
            let start = DispatchTime.now().uptimeNanoseconds
            try table.append([batch(base..<(base + 10))])
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        latencies.sort()
        print(String(format: "append commit latency (10 rows, table with %d snapshots, 100 commits): median %.2f ms, p99 %.2f ms, max %.2f ms",
                     snapshots, latencies[49] * 1000, latencies[98] * 1000, latencies[99] * 1000))
        print(String(format: "  (building the %d snapshots one append at a time took %.1f s: %.2f ms per append on average)",
                     snapshots, setupSeconds, setupSeconds * 1000 / Double(max(1, snapshots))))
    }

    /// One append of `files` partitions (one file each); plans a 1% filter on `id` (not the
    /// partition column, so only manifest bounds can prune) and scans everything, against pyiceberg.
    func planAndScan(_ root: String) throws {
        let iceberg = try IcebergSchema(Self.schema)
        let spec = PartitionSpec(fields: [PartitionField(sourceID: iceberg.fields[1].id, fieldID: 1000, name: "part", transform: .identity)])
        var table = try Table.create(store: try LocalFileStore(root: root), schema: iceberg, partitionSpec: spec)
        let total = files * rowsPerFile
        let writeStart = DispatchTime.now().uptimeNanoseconds
        try table.append([batch(0..<total)])
        let writeSeconds = Double(DispatchTime.now().uptimeNanoseconds - writeStart) / 1e9
        let limit = Int64(total / 100)
        let filter = FilterPredicate.lessThan("id", .int64(limit))
        var planned = 0
        let plan = try Measure.best(repeats) { planned = try TableScan(table: table, filter: filter).planFiles().count }
        guard planned == files / 100 else { throw BenchError("planned \(planned) files, expected \(files / 100)") }
        var scanned = 0
        let scan = try Measure.best(repeats) {
            scanned = try TableScan(table: table).readAll().reduce(0) { $0 + $1.count }
        }
        guard scanned == total else { throw BenchError("scanned \(scanned) rows, wrote \(total)") }
        var filtered = 0
        let filteredScan = try Measure.best(repeats) {
            filtered = try TableScan(table: table, filter: filter).readAll().reduce(0) { $0 + $1.count }
        }
        guard filtered == Int(limit) else { throw BenchError("the filtered scan returned \(filtered) rows, expected \(limit)") }

        let peerJSON = try Measure.python("Benchmarks/python/iceberg_peer.py", [table.metadataLocation, String(limit), String(repeats)])
        guard let peer = try JSONSerialization.jsonObject(with: Data(peerJSON.utf8)) as? [String: Any],
              let pPlan = peer["plan"] as? Double, let pPlanned = peer["planned"] as? Int,
              let pScan = peer["scan"] as? Double, let pRows = peer["rows"] as? Int,
              let pFiltered = peer["filtered_scan"] as? Double
        else { throw BenchError("unexpected output from the pyiceberg peer: \(peerJSON)") }
        guard pRows == total, pPlanned == planned else { throw BenchError("pyiceberg planned \(pPlanned) files and read \(pRows) rows") }

        print(String(format: "(writing the %d-file table in one append took %.1f s)", files, writeSeconds))
        func row(_ name: String, _ ours: Double, _ theirs: Double) {
            print(name.padding(toLength: 40, withPad: " ", startingAt: 0)
                  + Measure.secs(ours).padding(toLength: 12, withPad: " ", startingAt: 0)
                  + Measure.secs(theirs).padding(toLength: 12, withPad: " ", startingAt: 0)
                  + Measure.ratio(ours, theirs))
        }
        print("operation                               meshwork    pyiceberg   ratio (meshwork/pyiceberg)")
        row("plan id < \(limit) (\(planned) of \(files) files)", plan, pPlan)
        row("scan id < \(limit) (\(limit) rows)", filteredScan, pFiltered)
        row("full scan (\(total) rows, \(files) files)", scan, pScan)
    }
}
