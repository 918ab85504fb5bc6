import Columnar
import Foundation
import Iceberg
import Synchronization
import Testing
@testable import Mesh

@Suite("PublishPipeline: concurrent publishes and crash leftovers")
struct PublishConcurrencyTests {
    /// Runs `body(0)` and `body(1)` on two threads at once and returns their results.
    static func concurrently(_ body: @escaping @Sendable (Int) -> Result<PublishOutcome, MeshError>) -> [Result<PublishOutcome, MeshError>] {
        let results = Mutex<[Int: Result<PublishOutcome, MeshError>]>([:])
        let group = DispatchGroup()
        for k in 0..<2 {
            group.enter()
            Thread.detachNewThread {
                let r = body(k)
                results.withLock { $0[k] = r }
                group.leave()
            }
        }
        group.wait()
        return results.withLock { [$0[0]!, $0[1]!] }
    }

    @Test("two publishes to one table at once both land, one after the other", arguments: [PublishMode.append, .overwrite])
    func twoPublishers(mode: PublishMode) throws {
        let dir = try PublishFixture.folder()
        let store = try LocalFileStore(root: dir.appendingPathComponent("warehouse").path)
        var table = try PublishFixture.table(store: store, committer: nil)
        _ = try PublishPipeline().run(try PublishFixture.request([try PublishFixture.write(PublishFixture.csv(0..<10), "base.csv", in: dir)], tag: "v1"), table: &table)
        let inputs = [try PublishFixture.write(PublishFixture.csv(100..<400), "a.csv", in: dir),
                      try PublishFixture.write(PublishFixture.csv(1000..<1200), "b.csv", in: dir)]
        let requests = [try PublishFixture.request([inputs[0]], mode: mode, tag: "v2a"), try PublishFixture.request([inputs[1]], mode: mode, tag: "v2b")]
        let results = Self.concurrently { k in
            do {
                var mine = try Table.load(store: store)
                return .success(try PublishPipeline(targetFileSize: 16 << 10, batchSize: 50).run(requests[k], table: &mine))
            } catch let error as MeshError {
                return .failure(error)
            } catch {
                return .failure(MeshError(.storage, "\(error)"))
            }
        }
        var final = try Table.load(store: store)
        var accepted: [PublishOutcome] = []
        for result in results {
            switch result {
            case .success(let outcome): #expect(outcome.accepted); accepted.append(outcome)
            case .failure(let error): #expect(error.kind == .conflict, "only a clean conflict may fail: \(error)")
            }
        }
        #expect(!accepted.isEmpty)
        try final.refresh()
        // Main is the later of the accepted publishes, and every accepted version is tagged and readable.
        let rows = try PublishFixture.rowCount(final)
        if mode == .append {
            #expect(rows == 10 + accepted.reduce(0) { $0 + Int($1.addedRows) })
        } else {
            let last = try #require(accepted.max { ($0.snapshotID.flatMap { final.metadata.snapshot(id: $0)?.sequenceNumber } ?? 0) < ($1.snapshotID.flatMap { final.metadata.snapshot(id: $0)?.sequenceNumber } ?? 0) })
            #expect(Int64(rows) == last.addedRows)
        }
        #expect(final.metadata.currentSnapshotID == accepted.compactMap(\.snapshotID).max { final.metadata.snapshot(id: $0)!.sequenceNumber < final.metadata.snapshot(id: $1)!.sequenceNumber })
        for outcome in accepted {
            let tag = outcome.addedRows == 300 ? "v2a" : "v2b"
            #expect(final.metadata.refs[tag]?.snapshotID == outcome.snapshotID)
            #expect(Int64(try PublishFixture.rowCount(final, version: .ref(tag))) == outcome.totalRows)
        }
        #expect(!final.metadata.refs.keys.contains { $0.hasPrefix("publish-") })
        // No data file is left that no snapshot uses.
        let used = try PublishPipeline.publishedDataKeys(final)
        let stored = Set(try store.list(prefix: "data/"))
        #expect(stored == used)
    }

    @Test("a publish that lands while another is streaming makes the other restage on the new head", arguments: [PublishMode.append, .overwrite])
    func restageAfterConcurrentPublish(mode: PublishMode) throws {
        let dir = try PublishFixture.folder()
        let store = MemoryStore()
        let committer = MemoryCommitter()
        var table = try PublishFixture.table(store: store, committer: committer)
        _ = try PublishPipeline().run(try PublishFixture.request([try PublishFixture.write(PublishFixture.csv(0..<10), "base.csv", in: dir)], tag: "v1"), table: &table)
        let other = try PublishFixture.request([try PublishFixture.write(PublishFixture.csv(500..<520), "other.csv", in: dir)], tag: "v2")
        let landed = Mutex<PublishOutcome?>(nil)
        // The first progress report of the slow publish runs the other one to completion.
        let slow = try PublishFixture.request([try PublishFixture.write(PublishFixture.csv(100..<3100), "slow.csv", in: dir)], mode: mode, tag: "v3") { _ in
            landed.withLock { outcome in
                guard outcome == nil else { return }
                var mine = try! Table.load(store: store, committer: committer)
                outcome = try! PublishPipeline().run(other, table: &mine)
            }
        }
        let outcome = try PublishPipeline(targetFileSize: nil, batchSize: 500, progressInterval: 1).run(slow, table: &table)
        let first = try #require(landed.withLock { $0 })
        #expect(first.accepted && outcome.accepted)
        let v2 = try #require(first.snapshotID), v3 = try #require(outcome.snapshotID)
        #expect(table.metadata.currentSnapshotID == v3)
        #expect(table.metadata.ancestors(of: v3).contains { $0.snapshotID == v2 }, "restaged on top of the other publish")
        #expect(outcome.totalRows == (mode == .append ? 3030 : 3000))
        #expect(try PublishFixture.rowCount(table) == Int(outcome.totalRows))
        #expect(try PublishFixture.rowCount(table, version: .ref("v2")) == 30)
        #expect(!table.metadata.refs.keys.contains { $0.hasPrefix("publish-") })
    }

    @Test("two publishes of the same version tag: one wins, the other is a clean conflict")
    func sameTag() throws {
        let dir = try PublishFixture.folder()
        let store = try LocalFileStore(root: dir.appendingPathComponent("warehouse").path)
        _ = try PublishFixture.table(store: store, committer: nil)
        let inputs = [try PublishFixture.write(PublishFixture.csv(0..<200), "a.csv", in: dir),
                      try PublishFixture.write(PublishFixture.csv(500..<700), "b.csv", in: dir)]
        let requests = [try PublishFixture.request([inputs[0]], tag: "v1"), try PublishFixture.request([inputs[1]], tag: "v1")]
        let results = Self.concurrently { k in
            do {
                var mine = try Table.load(store: store)
                return .success(try PublishPipeline().run(requests[k], table: &mine))
            } catch let error as MeshError {
                return .failure(error)
            } catch {
                return .failure(MeshError(.storage, "\(error)"))
            }
        }
        let wins = results.compactMap { try? $0.get() }
        #expect(wins.count == 1)
        for case .failure(let error) in results { #expect(error.kind == .conflict) }
        let final = try Table.load(store: store)
        #expect(try PublishFixture.rowCount(final) == 200)
        #expect(final.metadata.refs["v1"]?.snapshotID == final.metadata.currentSnapshotID)
        #expect(Set(try store.list(prefix: "data/")) == (try PublishPipeline.publishedDataKeys(final)))
    }

    @Test("stale staging branches and orphan publish files are cleaned; recent and published ones stay")
    func cleanStale() throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        let pipeline = PublishPipeline()
        _ = try pipeline.run(try PublishFixture.request([try PublishFixture.write(PublishFixture.csv(0..<10), "a.csv", in: dir)], tag: "v1"), table: &table)
        let published = Set(try table.store.list(prefix: "data/"))
        let now = Date()
        let old = Int64((now.timeIntervalSince1970 - 7200) * 1000)
        let recent = Int64((now.timeIntervalSince1970 - 60) * 1000)

        // A crash after staging: a branch with its files.
        func batch(_ table: Table) throws -> RecordBatch {
            var builder = RecordBatchBuilder(schema: try table.dataFileWriter().tableSchema)
            try builder.append(row: [.int64(99), .decimal(100, scale: 2), .string("DE"), .null, .timestamp(0, .microseconds)])
            return builder.finish()
        }
        var staged = try table.dataFileWriter(fileNamePrefix: "publish-\(old)-0000abcd-")
        try staged.write(try batch(table))
        try table.createBranch("publish-v2-\(old)-0000abcd", snapshotID: table.metadata.currentSnapshotID)
        try table.append(files: try staged.finish(), branch: "publish-v2-\(old)-0000abcd")
        // A crash while streaming: files, no branch.
        var orphan = try table.dataFileWriter(fileNamePrefix: "publish-\(old)-0000beef-")
        try orphan.write(try batch(table))
        let orphanFiles = try orphan.finish()
        // A publish in progress: recent files and branch.
        var running = try table.dataFileWriter(fileNamePrefix: "publish-\(recent)-0000cafe-")
        try running.write(try batch(table))
        try table.createBranch("publish-v3-\(recent)-0000cafe", snapshotID: table.metadata.currentSnapshotID)
        try table.append(files: try running.finish(), branch: "publish-v3-\(recent)-0000cafe")

        let cleanup = try pipeline.cleanStaleBranches(table: &table, now: now)
        #expect(cleanup.branches == ["publish-v2-\(old)-0000abcd"])
        #expect(cleanup.deletedFiles.count == 2)
        #expect(cleanup.deletedFiles.allSatisfy { $0.contains("0000abcd") || $0.contains("0000beef") })
        #expect(orphanFiles.allSatisfy { !table.store.exists(table.store.key(of: $0.filePath)!) })
        let remaining = Set(try table.store.list(prefix: "data/"))
        #expect(published.isSubset(of: remaining))
        #expect(remaining.contains { $0.contains("0000cafe") })
        #expect(table.metadata.refs["publish-v3-\(recent)-0000cafe"] != nil)
        #expect(try PublishFixture.rowCount(table) == 10)
        // Nothing more to do the second time.
        #expect(try pipeline.cleanStaleBranches(table: &table, now: now) == StalePublishCleanup(branches: [], deletedFiles: []))
    }
}
