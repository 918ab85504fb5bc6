import Columnar
import Contracts
import Foundation
import Iceberg
import Mesh
import Quality

/// `meshbench publish`: the Parquet benchmark table as a CSV file published with `mesh publish`
/// (the whole process: opening the mesh, the contract-gated pipeline with coercion, statistics
/// and the 10-rule contract in `Benchmarks/publish-contract.yaml`, Parquet data files, the Iceberg
/// commit and the catalog records), against pyarrow reading the CSV, computing
/// count/null/min/max of every column and writing Parquet with the same codec, in the same run.
struct PublishBenchmark {
    let rows: Int
    let repeats: Int
    /// The Parquet codec of the table's data files and of the peer's output (`snappy`, the mesh's table default, or `zstd`...).
    var codec = "snappy"

    static let contractPath = "Benchmarks/publish-contract.yaml"

    /// The timed process: `mesh publish` of `csv` into the benchmark product of the mesh in `mesh`.
    static func publishCommand(csv: String, mesh: String) throws -> [String] {
        [try meshBinary(), "publish", "bench.events", csv, "--mesh", mesh]
    }

    /// The `mesh` executable: `$MESH_BINARY`, else the one built beside `meshbench`
    /// (`swift build -c release --package-path Benchmarks --product mesh`), else the repository's
    /// `.build/release/mesh` (`swift build -c release --product mesh`).
    static func meshBinary() throws -> String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mesh").path
        let candidates = [ProcessInfo.processInfo.environment["MESH_BINARY"], beside, ".build/release/mesh"].compactMap { $0 }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw BenchError("no release `mesh` binary: run `swift build -c release --package-path Benchmarks --product mesh` (or set MESH_BINARY)")
        }
        return found
    }

    func run() throws {
        print("Publish benchmark: \(rows) rows of CSV through `mesh publish` (10-rule contract) as a whole process, vs pyarrow read_csv + count/null/min/max + write_parquet(\(codec)), best of \(repeats)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshbench-publish-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("events.csv").path
        try Self.writeCSV(BenchmarkTable.make(rows: rows), to: csv)
        let size = (try FileManager.default.attributesOfItem(atPath: csv)[.size] as? NSNumber)?.intValue ?? 0
        print("input: \(csv) (\(Measure.mb(size)))")

        var best = Double.infinity
        var bestCPU = Double.infinity
        var summary = ""
        for k in 0..<repeats {
            let warehouse = dir.appendingPathComponent("mesh-\(k)").path
            try Self.setUp(mesh: warehouse, codec: codec)
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuBefore = Self.childrenCPU()
            summary = try Self.runProcess(try Self.publishCommand(csv: csv, mesh: warehouse))
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            bestCPU = min(bestCPU, Self.childrenCPU() - cpuBefore)
            try? FileManager.default.removeItem(atPath: warehouse)
        }
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let peakRSS = Int(usage.ru_maxrss) * 1024 // kilobytes on Linux
        #else
        getrusage(RUSAGE_CHILDREN, &usage)
        let peakRSS = Int(usage.ru_maxrss) // bytes on macOS
        #endif

        let peerStart = DispatchTime.now().uptimeNanoseconds
        let peerJSON = try Measure.python("Benchmarks/python/publish_peer.py", [csv, String(repeats), codec])
        let peerProcess = Double(DispatchTime.now().uptimeNanoseconds - peerStart) / 1e9
        guard let peer = try JSONSerialization.jsonObject(with: Data(peerJSON.utf8)) as? [String: Any],
              let seconds = peer["seconds"] as? Double, let peerCPU = peer["cpu_seconds"] as? Double
        else { throw BenchError("unexpected output from the pyarrow peer: \(peerJSON)") }
        // The peer process ran `repeats` times in one interpreter: its start-up cost is the process time minus the work.
        let peerStartup = max(0, peerProcess - seconds * Double(repeats))

        print("meshwork publish (whole process):   \(Measure.secs(best))  \(summary.trimmingCharacters(in: .whitespacesAndNewlines))")
        print("meshwork peak RSS:                  \(Measure.mb(peakRSS))")
        print("pyarrow read_csv + stats + write:   \(Measure.secs(seconds))  (+ \(Measure.secs(peerStartup)) interpreter start-up and imports)")
        print("ratio (meshwork process / pyarrow work):           \(Measure.ratio(best, seconds))")
        print("ratio (meshwork process / pyarrow incl. start-up): \(Measure.ratio(best, seconds + peerStartup))")
        print("CPU time (user + system, all threads): meshwork process \(Measure.secs(bestCPU)), pyarrow work \(Measure.secs(peerCPU)), ratio \(Measure.ratio(bestCPU, peerCPU))")
    }

    /// Creates a mesh in `mesh` with the benchmark product registered (untimed), through the
    /// `mesh` command like a user; the product's table gets `codec` for its data files.
    static func setUp(mesh: String, codec: String) throws {
        let binary = try meshBinary()
        _ = try runProcess([binary, "init", mesh])
        _ = try runProcess([binary, "domain", "create", "bench", "--owner", "bench-team", "--mesh", mesh])
        _ = try runProcess([binary, "product", "register", contractPath, "--mesh", mesh])
        let service = try MeshService.open(directory: mesh)
        var table = try Table.load(name: StoreCommitter.folder(identifier: "bench.events"), store: service.warehouse,
                                   committer: StoreCommitter(store: service.store))
        try table.updateProperties(set: ["write.parquet.compression-codec": codec])
    }

    /// Creates a bare benchmark table in `warehouse` (for profiling `publish-run` alone).
    static func setUp(warehouse: String, codec: String = "snappy") throws {
        let contract = try DataContract(yaml: try String(contentsOfFile: contractPath, encoding: .utf8))
        guard let object = contract.object(named: "events") else { throw BenchError("the contract has no 'events' object") }
        let store = try LocalFileStore(root: warehouse)
        _ = try Table.create(store: store, schema: try PublishPipeline.tableSchema(for: object),
                             properties: ["write.parquet.compression-codec": codec])
    }

    /// `meshbench publish-run CSV WAREHOUSE CONTRACT`: the in-process publish the benchmark times.
    static func publishRun(_ arguments: [String]) throws {
        guard arguments.count >= 3 else { throw BenchError("usage: meshbench publish-run CSV WAREHOUSE CONTRACT") }
        let contract = try DataContract(yaml: try String(contentsOfFile: arguments[2], encoding: .utf8))
        var table = try Table.load(store: try LocalFileStore(root: arguments[1]))
        let request = PublishRequest(contract: contract, objectName: "events", inputs: [PublishInput(path: arguments[0])], mode: .append,
                                     tag: "v1", options: QualityOptions())
        let outcome = try PublishPipeline().run(request, table: &table)
        let rules = outcome.report.results.filter { $0.id.count == 3 && $0.id.hasPrefix("r") }
        guard rules.count == 10 else { throw BenchError("expected 10 rule results, got \(rules.count)") }
        guard outcome.accepted else {
            throw BenchError("rejected: " + outcome.report.failures.map { "\($0.id): \($0.message)" }.joined(separator: "; "))
        }
        print("(\(outcome.totalRows) rows, \(outcome.report.results.count) checks, \(outcome.dataFiles.count) data file(s))")
    }

    /// User + system CPU seconds of the finished child processes so far.
    static func childrenCPU() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        #else
        getrusage(RUSAGE_CHILDREN, &usage)
        #endif
        func secs(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return secs(usage.ru_utime) + secs(usage.ru_stime)
    }

    /// Runs `command` and returns its stdout; fails when it exits non-zero.
    static func runProcess(_ command: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw BenchError("\(command.joined(separator: " ")) exited \(p.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes `batch` (the benchmark table) as CSV: ISO-8601 UTC timestamps, empty fields for nulls.
    static func writeCSV(_ batch: RecordBatch, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw BenchError("cannot create \(path)")
        }
        defer { try? handle.close() }
        var text = "id,user_id,amount,country,ts,label\n"
        let columns = batch.columns
        for row in 0..<batch.count {
            guard case .int64(let id) = columns[0].value(at: row), case .int64(let user) = columns[1].value(at: row),
                  case .string(let country) = columns[3].value(at: row), case .timestamp(let ts, _) = columns[4].value(at: row),
                  case .int32(let label) = columns[5].value(at: row) else { throw BenchError("unexpected benchmark table row \(row)") }
            let amount: String = if case .double(let a) = columns[2].value(at: row) { String(a) } else { "" }
            text += "\(id),\(user),\(amount),\(country),\(isoTimestamp(micros: ts)),\(label)\n"
            if text.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(text.utf8))
                text = ""
            }
        }
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ` for microseconds since the epoch.
    static func isoTimestamp(micros: Int64) -> String {
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let fraction = micros - seconds * 1_000_000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (proleptic Gregorian).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ v: Int64, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(fraction, 6))Z"
    }
}
