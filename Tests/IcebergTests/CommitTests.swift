import Columnar
import Foundation
import Testing
@testable import Iceberg

@Suite("Commits: compare-and-swap and retries")
struct CommitTests {
    enum CommitterKind: String, CaseIterable, Sendable { case directoryMemory, directoryLocal, memory }

    func make(_ kind: CommitterKind) throws -> (any ObjectStore, any CatalogCommitter) {
        switch kind {
        case .directoryMemory:
            let s = MemoryStore()
            return (s, DirectoryCommitter(store: s))
        case .directoryLocal:
            let s = try LocalFileStore(root: temporaryDirectory("commit"))
            return (s, DirectoryCommitter(store: s))
        case .memory: return (MemoryStore(), MemoryCommitter())
        }
    }

    @Test(arguments: CommitterKind.allCases)
    func swapIsCompareAndSwap(_ kind: CommitterKind) throws {
        let (_, c) = try make(kind)
        #expect(try c.current(table: "t") == nil)
        try c.swap(table: "t", expected: nil, new: "a")
        #expect(try c.current(table: "t") == "a")
        let stale = #expect(throws: IcebergError.self) { try c.swap(table: "t", expected: nil, new: "b") }
        #expect(stale?.kind == .commitConflict)
        try c.swap(table: "t", expected: "a", new: "b")
        #expect(throws: IcebergError.self) { try c.swap(table: "t", expected: "a", new: "c") }
        #expect(try c.current(table: "t") == "b")
        #expect(try c.current(table: "other") == nil)
    }

    @Test func directoryCommitterToleratesAStaleHint() throws {
        let store = MemoryStore()
        let c = DirectoryCommitter(store: store)
        try c.swap(table: "", expected: nil, new: "v0")
        try c.swap(table: "", expected: "v0", new: "v1")
        try c.swap(table: "", expected: "v1", new: "v2")
        try store.write("metadata/version-hint.text", Array("0".utf8), mode: .overwrite)
        #expect(try c.current(table: "") == "v2")
        try store.write("metadata/version-hint.text", Array("9".utf8), mode: .overwrite)
        #expect(try c.current(table: "") == "v2")
        try store.delete("metadata/version-hint.text")
        #expect(try c.current(table: "") == "v2")
    }

    @Test(arguments: CommitterKind.allCases)
    func aStaleWriterRetriesItsAppendOnTopOfTheWinner(_ kind: CommitterKind) throws {
        let (store, committer) = try make(kind)
        var a = try Table.create(name: "t", store: store, committer: committer, schema: sampleSchema)
        var b = try Table.load(name: "t", store: store, committer: committer)
        try a.append([try sampleBatch(0..<10)])
        let snapshot = try b.append([try sampleBatch(10..<20)])
        #expect(snapshot.sequenceNumber == 2)
        #expect(b.metadata.snapshots.count == 2)
        let fresh = try Table.load(name: "t", store: store, committer: committer)
        #expect(ids(try TableScan(table: fresh).readAll()) == Array(0..<20))
        #expect(fresh.metadata.currentSnapshot?.summary["total-records"] == "20")
        // The losing attempt left no metadata behind.
        let metadataFiles = try store.list(prefix: "t/metadata/").filter { $0.hasSuffix(".metadata.json") }
        #expect(metadataFiles.count == 3)
    }

    @Test(arguments: [CommitterKind.directoryLocal, .memory])
    func concurrentAppendsAreEachPresentExactlyOnce(_ kind: CommitterKind) async throws {
        let (store, committer) = try make(kind)
        _ = try Table.create(store: store, committer: committer, schema: sampleSchema)
        let writers = 6
        let results = await withTaskGroup(of: Bool.self) { group in
            for w in 0..<writers {
                group.addTask {
                    do {
                        var t = try Table.load(store: store, committer: committer)
                        try t.append([try sampleBatch(Int64(w * 10)..<Int64(w * 10 + 10))])
                        return true
                    } catch { return false }
                }
            }
            var ok = 0
            for await r in group where r { ok += 1 }
            return ok
        }
        #expect(results == writers)
        let table = try Table.load(store: store, committer: committer)
        #expect(ids(try TableScan(table: table).readAll()) == Array(0..<Int64(writers * 10)))
        #expect(table.metadata.snapshots.count == writers)
        #expect(table.metadata.ancestors(of: table.metadata.currentSnapshotID!).count == writers)
    }
}
