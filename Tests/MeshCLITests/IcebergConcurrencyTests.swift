import Columnar
import Foundation
import Iceberg
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Several `mesh iceberg append` processes on one bare-directory table, and writers killed
/// with SIGKILL in the middle of commits.
@Suite struct IcebergConcurrencyTests {
    static let schema = Schema([Field("id", .int64, nullable: false), Field("writer", .string)])

    /// A CSV file of ids `ids` tagged with `writer`.
    func csv(_ dir: URL, _ name: String, _ ids: Range<Int64>, writer: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        let text = "id,writer\n" + ids.map { "\($0),\(writer)\n" }.joined()
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every id of the current snapshot, sorted (duplicates kept).
    func ids(_ table: Table) throws -> [Int64] {
        try TableScan(table: table, columns: ["id"]).readAll().flatMap { b in
            (0..<b.count).map { i -> Int64 in
                guard case .int64(let v) = b.column(named: "id")!.value(at: i) else { return -1 }
                return v
            }
        }.sorted()
    }

    /// Snapshots from the current one back through their parents: the history must be one chain
    /// holding every snapshot, with sequence numbers 1, 2, 3...
    func expectLinearHistory(_ table: Table, _ comment: Comment? = nil) {
        var chain: [Iceberg.Snapshot] = []
        var next = table.metadata.currentSnapshot
        while let s = next {
            chain.append(s)
            next = s.parentSnapshotID.flatMap { table.metadata.snapshot(id: $0) }
        }
        #expect(chain.count == table.metadata.snapshots.count, comment)
        #expect(chain.reversed().map(\.sequenceNumber) == (0..<chain.count).map { Int64($0 + 1) }, comment)
    }

    /// The store keys the table's metadata references (metadata files, manifest lists,
    /// manifests, data files); each must exist, data files with their recorded size.
    func referencedKeys(_ table: Table, _ comment: Comment? = nil) throws -> Set<String> {
        let store = table.store
        var keys: Set<String> = []
        func add(_ location: String) throws {
            let key = try #require(store.key(of: location), comment)
            #expect(store.exists(key), "missing \(location) \(comment.map { "\($0)" } ?? "")")
            keys.insert(key)
        }
        try add(table.metadataLocation)
        for entry in table.metadata.metadataLog { try add(entry.metadataFile) }
        for snapshot in table.metadata.snapshots {
            let list = try #require(snapshot.manifestList)
            try add(list)
            for manifest in try ManifestList(reading: try store.read(try store.requireKey(list))).manifests { try add(manifest.manifestPath) }
            for file in try TableScan(table: table, version: .snapshot(snapshot.snapshotID)).planFiles() {
                try add(file.filePath)
                #expect(Int64(try store.size(try store.requireKey(file.filePath))) == file.fileSizeInBytes, comment)
            }
        }
        return keys
    }

    @Test func concurrentProcessesAndThreadsEachCommitExactlyOnce() async throws {
        let dir = Interop.temporaryDirectory("mesh-iceberg-concurrent")
        let tableDir = dir.appendingPathComponent("table").path
        let store = try LocalFileStore(root: tableDir)
        _ = try Table.create(store: store, schema: Self.schema)
        let processes = 4, perProcess = 5, threads = 2, perThread = 5
        let inputs: [[String]] = try (0..<processes).map { w in
            try (0..<perProcess).map { j in
                let base = Int64((w * perProcess + j) * 10)
                return try csv(dir, "p\(w)-\(j).csv", base..<(base + 10), writer: "p\(w)")
            }
        }
        let threadBase = Int64(processes * perProcess * 10)
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for w in 0..<processes {
                group.addTask {
                    var failures: [String] = []
                    for file in inputs[w] {
                        let r = try MeshBinary.run(["iceberg", "append", tableDir, file])
                        if r.status != 0 { failures.append("\(file): \(r.stderr)") }
                    }
                    return failures
                }
            }
            for t in 0..<threads {
                group.addTask {
                    var table = try Table.load(store: store)
                    for j in 0..<perThread {
                        let base = threadBase + Int64((t * perThread + j) * 10)
                        var b = RecordBatchBuilder(schema: Self.schema)
                        for id in base..<(base + 10) { try b.append(row: [.int64(id), .string("t\(t)")]) }
                        try table.append([b.finish()])
                    }
                    return []
                }
            }
            var all: [String] = []
            for try await f in group { all += f }
            return all
        }
        #expect(results.isEmpty, "\(results)")
        let table = try Table.load(store: store)
        let commits = processes * perProcess + threads * perThread
        #expect(table.metadata.snapshots.count == commits)
        #expect(try ids(table) == Array(0..<Int64(commits * 10)))
        #expect(table.metadata.snapshots.allSatisfy { $0.summary["added-records"] == "10" })
        expectLinearHistory(table)
        _ = try referencedKeys(table)
    }

    @Test func writersKilledMidCommitLeaveTheLastCommittedTable() throws {
        let dir = Interop.temporaryDirectory("mesh-iceberg-crash")
        let tableDir = dir.appendingPathComponent("table").path
        let store = try LocalFileStore(root: tableDir)
        _ = try Table.create(store: store, schema: Self.schema)
        // One uninterrupted append measures how long a whole append takes here.
        let first = try csv(dir, "f0.csv", 0..<10, writer: "w")
        let started = Date()
        let r = try MeshBinary.run(["iceberg", "append", tableDir, first])
        #expect(r.status == 0, "\(r.stderr)")
        let duration = max(0.02, Date().timeIntervalSince(started))
        var expected = Array(Int64(0)..<10)
        var commits = 1, killedBeforeCommit = 0
        let rounds = 30
        for k in 1...rounds {
            let file = try csv(dir, "f\(k).csv", Int64(k * 10)..<Int64(k * 10 + 10), writer: "w")
            let p = Process()
            p.executableURL = MeshBinary.url
            p.arguments = ["iceberg", "append", tableDir, file]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Spread the kills over the whole append, from start-up to the pointer swap.
            Thread.sleep(forTimeInterval: Double.random(in: 0...(duration * 1.1)))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let comment: Comment = "round \(k)"
            let table = try Table.load(store: store)
            let count = table.metadata.snapshots.count
            #expect(count == commits || count == commits + 1, comment)
            if count == commits + 1 {
                commits += 1
                expected += Int64(k * 10)..<Int64(k * 10 + 10)
            } else {
                killedBeforeCommit += 1
            }
            #expect(try ids(table) == expected, comment)
            expectLinearHistory(table, comment)
            _ = try referencedKeys(table, comment)
            // Every claim names a complete metadata file.
            for claim in try store.list(prefix: "metadata/commit-") {
                let location = String(decoding: try store.read(claim), as: UTF8.self)
                #expect((try? TableMetadata(jsonBytes: try store.read(try store.requireKey(location)))) != nil, comment)
            }
        }
        // The table still takes commits, and the files killed writers left are orphans only.
        let last = try csv(dir, "last.csv", 10_000..<10_010, writer: "w")
        #expect(try MeshBinary.run(["iceberg", "append", tableDir, last]).status == 0)
        expected += 10_000..<10_010
        let table = try Table.load(store: store)
        #expect(try ids(table) == expected)
        let referenced = try referencedKeys(table)
        let orphans = try store.list(prefix: "").filter { !referenced.contains($0) && !$0.hasPrefix("metadata/commit-") && $0 != "metadata/version-hint.text" }
        #expect(orphans.allSatisfy { $0.hasPrefix("data/") || $0.hasPrefix("metadata/") }, "\(orphans)")
        // Not every round can be expected to hit both sides of the swap, but most should
        // kill some writers before their commit.
        #expect(killedBeforeCommit > 0, "no writer was killed before committing in \(rounds) rounds")

        if Interop.enabled(["pyiceberg", "pyarrow"]) {
            let out = try Interop.runPython("""
                import json, sys
                from pyiceberg.table import StaticTable
                t = StaticTable.from_metadata(sys.argv[1])
                print(json.dumps(sorted(t.scan().to_arrow().column("id").to_pylist())))
                """, [table.metadataLocation])
            #expect(try JSONDecoder().decode([Int64].self, from: Data(out.utf8)) == expected)
        }
    }
}
