import Catalog
import Foundation
import SQLiteCatalog
import Synchronization
import Testing
import TestSupport

/// Several store instances (as several `mesh` processes would open) and another process on one
/// catalog file.
@Suite("SQLiteCatalogStore: concurrent writers")
struct SQLiteConcurrencyTests {
    @Test func twoStoresOnOneFileSeeEachOthersCommits() throws {
        let path = Fixture.temporaryDatabase()
        let a = try SQLiteCatalogStore(path: path), b = try SQLiteCatalogStore(path: path)
        try Fixture.seed(a, products: ["payments.transactions"])
        #expect(try b.read { tx throws(CatalogError) in try tx.products(domain: nil).map(\.id) } == ["payments.transactions"])
        try b.write { tx throws(CatalogError) in try tx.insertVersion(Fixture.version("payments.transactions", 1)) }
        #expect(try a.read { tx throws(CatalogError) in try tx.latestVersion(productID: "payments.transactions") } == Fixture.version("payments.transactions", 1))
    }

    @Test func manyStoresCreatingOneNewCatalogAtOnceAllOpenIt() throws {
        let path = Fixture.temporaryDatabase()
        let opened = Mutex<[Result<[String], CatalogError>]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            let result = Result { () throws(CatalogError) in try SQLiteCatalogStore(path: path).appliedMigrations() }
            opened.withLock { $0.append(result) }
        }
        let results = opened.withLock { $0 }
        #expect(results.count == 6)
        for result in results { #expect(try result.get() == ["v1-catalog", "v2-training-sets-and-models", "v3-change-counter"]) }
    }

    @Test func readModifyWriteTransactionsFromManyThreadsLoseNoUpdate() throws {
        let path = Fixture.temporaryDatabase()
        let stores = [try SQLiteCatalogStore(path: path), try SQLiteCatalogStore(path: path)]
        let threads = 8, increments = 25
        let failures = Mutex<[CatalogError]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for _ in 0..<increments {
                do throws(CatalogError) {
                    try stores[thread % 2].write { tx throws(CatalogError) in
                        let count = Int(try tx.setting("counter") ?? "0")!
                        try tx.setSetting("counter", String(count + 1))
                    }
                } catch {
                    failures.withLock { $0.append(error) }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(try stores[0].read { tx throws(CatalogError) in try tx.setting("counter") } == String(threads * increments))
    }

    @Test func concurrentSwapsHaveExactlyOneWinnerPerExpectedLocation() throws {
        let path = Fixture.temporaryDatabase()
        let stores = [try SQLiteCatalogStore(path: path), try SQLiteCatalogStore(path: path)]
        let table = "payments.transactions"
        let contenders = 12
        var expected: String? = nil
        for round in 0..<6 {
            let outcomes = Mutex<(winners: [String], conflicts: Int, other: [CatalogError])>(([], 0, []))
            let from = expected
            DispatchQueue.concurrentPerform(iterations: contenders) { contender in
                let new = "/w/round\(round)-contender\(contender).json"
                do throws(CatalogError) {
                    try stores[contender % 2].write { tx throws(CatalogError) in try tx.swapTableMetadata(table, expected: from, new: new) }
                    outcomes.withLock { $0.winners.append(new) }
                } catch where error.kind == .conflict {
                    outcomes.withLock { $0.conflicts += 1 }
                } catch {
                    outcomes.withLock { $0.other.append(error) }
                }
            }
            let result = outcomes.withLock { $0 }
            #expect(result.winners.count == 1, "round \(round)")
            #expect(result.conflicts == contenders - 1, "round \(round)")
            #expect(result.other.isEmpty, "round \(round): \(result.other)")
            let now = try stores[round % 2].read { tx throws(CatalogError) in try tx.tableMetadataLocation(table) }
            #expect(now == result.winners.first)
            expected = now
        }
    }

    /// Another process (Python's sqlite3) holds the write lock for a moment: a store with a short
    /// busy timeout fails with a clear storage error, one with a longer timeout waits and then
    /// sees the other process's commit; reads never wait.
    @Test func aWriteWaitsForAnotherProcessThenFailsClearlyAfterTheBusyTimeout() throws {
        let path = Fixture.temporaryDatabase()
        let impatient = try SQLiteCatalogStore(path: path, busyTimeout: .milliseconds(200))
        let patient = try SQLiteCatalogStore(path: path, busyTimeout: .seconds(30))
        try patient.write { tx throws(CatalogError) in try tx.setSetting("before", "yes") }

        let holder = Process()
        // Any Python 3 will do: only the standard library's sqlite3 is used.
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = Interop.python.split(separator: " ").map(String.init).filter { $0 != "/usr/bin/env" } + ["-c", """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO settings(key, value) VALUES ('python', 'was here')")
            print("locked", flush=True)
            time.sleep(1.5)
            db.execute("COMMIT")
            """, path]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        defer { holder.waitUntilExit() }
        var announced = Data()
        while !String(decoding: announced, as: UTF8.self).contains("locked") {
            let chunk = output.fileHandleForReading.availableData
            try #require(!chunk.isEmpty, "the lock holder exited early")
            announced.append(chunk)
        }

        let start = ContinuousClock.now
        let refused = catalogError { () throws(CatalogError) in
            try impatient.write { tx throws(CatalogError) in try tx.setSetting("impatient", "yes") }
        }
        #expect(refused?.kind == .storage)
        #expect(refused?.message.contains("locked by another process") == true)
        #expect(refused?.context == path)
        #expect(ContinuousClock.now - start < .seconds(1.4), "the short busy timeout gives up before the holder commits")

        // Reads see the last commit without waiting for the writer.
        #expect(try impatient.read { tx throws(CatalogError) in try tx.setting("before") } == "yes")
        #expect(try impatient.read { tx throws(CatalogError) in try tx.setting("python") } == nil)

        let seen = try patient.write { tx throws(CatalogError) in
            let python = try tx.setting("python")
            try tx.setSetting("patient", "yes")
            return python
        }
        #expect(seen == "was here", "the waiting write began after the other process committed")
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        #expect(try impatient.read { tx throws(CatalogError) in try tx.setting("impatient") } == nil)
        #expect(try impatient.read { tx throws(CatalogError) in try tx.setting("patient") } == "yes")
    }
}
