import Catalog
import Dispatch
import Foundation
import Iceberg
@testable import Mesh
import Synchronization
import Testing
import TestSupport

/// A catalog store whose writes fail while `failing` is set (a full or read-only disk), and
/// wait while `held` until ``release()``.
final class FailingWritesStore: CatalogStore {
    let base = MemoryCatalogStore()
    let failing = Mutex(false)
    let failedWrites = Mutex(0)
    let held = Mutex(false)
    private let gate = DispatchSemaphore(value: 0)

    /// Lets held writes go on (and every later one).
    func release() {
        held.withLock { $0 = false }
        gate.signal()
    }

    func read<T>(_ body: (any CatalogTransaction) throws(CatalogError) -> T) throws(CatalogError) -> T { try base.read(body) }
    func write<T>(_ body: (any CatalogTransaction) throws(CatalogError) -> T) throws(CatalogError) -> T {
        if held.withLock({ $0 }) {
            gate.wait()
            gate.signal()
        }
        if failing.withLock({ $0 }) {
            failedWrites.withLock { $0 += 1 }
            throw CatalogError(.storage, "disk I/O error", context: "catalog.sqlite")
        }
        return try base.write(body)
    }
    func changeStamp() throws(CatalogError) -> UInt64 { try base.changeStamp() }
}

/// The audit log: every Iceberg load is recorded (queued and committed in the background, or
/// committed before the answer), a log that cannot be written refuses loads, and who may read
/// which entries.
@Suite struct AuditLogTests {
    static func loads(_ service: MeshService, _ count: Int, by caller: Principal) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<count {
                group.addTask { _ = try await service.loadCatalogTable(namespace: ["payments"], name: "transactions", purpose: nil, by: caller) }
            }
            try await group.waitForAll()
        }
    }

    static func catalogLoads(_ service: MeshService) throws -> [AuditEntry] {
        try service.store.read { t throws(CatalogError) in try t.audit(principal: nil, target: "payments.transactions", limit: nil) }
            .filter { $0.action == "catalog.load" }
    }

    @Test("concurrent loads are each audited once, allowed or refused, in either timing", arguments: AuditTiming.allCases)
    func concurrentLoadsAreEachAudited(timing: AuditTiming) async throws {
        let (service, admin) = try ServiceMesh.mesh()
        service.catalogLoadAudit = timing
        #expect(service.catalogLoadAudit == timing)
        let loads = 40
        try await Self.loads(service, loads, by: admin)
        let consumer = try service.createPrincipal(name: "carl", roles: [.consumer], team: "fraud-team", by: admin)
        await #expect(throws: MeshError.self) {
            _ = try await service.loadCatalogTable(namespace: ["payments"], name: "transactions", purpose: "fraud-detection", by: consumer)
        }
        if timing == .beforeAnswer {
            // Committed before each call returned: no flush needed.
            let entries = try Self.catalogLoads(service)
            #expect(entries.filter(\.allowed).count == loads)
            #expect(entries.filter { !$0.allowed && $0.principal == "carl" }.count == 1)
        }
        try await service.flushAudit()
        let entries = try Self.catalogLoads(service)
        #expect(entries.filter(\.allowed).count == loads)
        #expect(entries.filter { !$0.allowed && $0.principal == "carl" }.count == 1)
        #expect(entries.allSatisfy { $0.id > 0 })
    }

    @Test("background: queued entries are committed without a flush, within moments")
    func backgroundCommitsOnItsOwn() async throws {
        let (service, admin) = try ServiceMesh.mesh()
        try await Self.loads(service, 3, by: admin)
        var committed = 0
        for _ in 0..<500 where committed < 3 {
            committed = try Self.catalogLoads(service).count
            if committed < 3 { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(committed == 3)
    }

    static func failingMesh() throws -> (MeshService, FailingWritesStore, Principal) {
        let store = FailingWritesStore()
        let service = MeshService(store: store, warehouse: MemoryStore(), now: { Date() })
        try service.recordInitialSettings()
        let admin = try service.resolveCaller(nil, environment: [:])
        try service.createDomain(name: "payments", owner: "payments-team", description: "Card payments", by: admin)
        _ = try service.applyPolicy(yaml: try ServiceMesh.text("service-policy.yaml"), source: "service-policy.yaml", by: admin)
        _ = try service.registerProduct(contractYAML: try ServiceMesh.contract(), source: "transactions.yaml", by: admin)
        return (service, store, admin)
    }

    @Test("background: a log that cannot be written refuses loads until a retry commits the queued entries")
    func backgroundFailsClosedAndRetries() async throws {
        let (service, store, admin) = try Self.failingMesh()
        store.failing.withLock { $0 = true }
        // Answered while the write is held: both queued before it fails, and kept for the retry.
        store.held.withLock { $0 = true }
        try await Self.loads(service, 2, by: admin)
        store.release()
        await #expect(throws: MeshError.self) { try await service.flushAudit() }
        let refused = await #expect(throws: MeshError.self) {
            _ = try await service.loadCatalogTable(namespace: ["payments"], name: "transactions", purpose: nil, by: admin)
        }
        #expect(refused?.kind == .storage)
        #expect(refused?.message.contains("the audit log cannot be written") == true)
        #expect(refused?.message.contains("disk I/O error") == true)
        #expect(try Self.catalogLoads(service).isEmpty)

        store.failing.withLock { $0 = false }
        // The writer retries on its own (after AuditGroupCommit.retryDelay).
        var committed: [AuditEntry] = []
        for _ in 0..<300 where committed.count < 2 {
            try await Task.sleep(for: .milliseconds(20))
            committed = try Self.catalogLoads(service)
        }
        #expect(committed.count == 2)
        #expect(committed.allSatisfy { $0.allowed })
        _ = try await service.loadCatalogTable(namespace: ["payments"], name: "transactions", purpose: nil, by: admin)
        try await service.flushAudit()
        #expect(try Self.catalogLoads(service).count == 3)
    }

    @Test("before answer: a failed batch refuses its loads and leaves nothing queued")
    func beforeAnswerRefusesOnFailure() async throws {
        let (service, store, admin) = try Self.failingMesh()
        service.catalogLoadAudit = .beforeAnswer
        store.failing.withLock { $0 = true }
        let refused = await #expect(throws: MeshError.self) {
            _ = try await service.loadCatalogTable(namespace: ["payments"], name: "transactions", purpose: nil, by: admin)
        }
        #expect(refused?.kind == .storage)
        store.failing.withLock { $0 = false }
        _ = try await service.loadCatalogTable(namespace: ["payments"], name: "transactions", purpose: nil, by: admin)
        let entries = try Self.catalogLoads(service)
        #expect(entries.count == 1, "the refused load's entry is dropped with it")
        try await service.flushAudit()
    }

    @Test("who reads the audit log: admin and governance all, owners their products', anyone their own")
    func readPermissions() async throws {
        let (service, admin) = try ServiceMesh.mesh()
        let owner = try service.createPrincipal(name: "olga", roles: [.owner], team: "payments-team", by: admin)
        let outsider = try service.createPrincipal(name: "otto", roles: [.owner], team: "fraud-team", by: admin)
        let governance = try service.createPrincipal(name: "gina", roles: [.governance], by: admin)
        let consumer = try service.createPrincipal(name: "carl", roles: [.consumer], team: "fraud-team", by: admin)
        try await Self.loads(service, 1, by: owner)
        await #expect(throws: MeshError.self) {
            _ = try await service.loadCatalogTable(namespace: ["payments"], name: "transactions", purpose: "analytics", by: consumer)
        }
        try await service.flushAudit()

        let all = try service.auditLog(by: admin)
        #expect(all.contains { $0.action == "mesh.init" } && all.contains { $0.action == "catalog.load" && $0.principal == "olga" })
        #expect(all.map(\.id) == all.map(\.id).sorted())
        #expect(try service.auditLog(by: governance) == all)
        #expect(try service.auditLog(limit: 2, by: admin) == Array(all.suffix(2)))
        #expect(try service.auditLog(limit: 0, by: admin).isEmpty)

        let owned = try service.auditLog(productID: "payments.transactions", by: owner)
        #expect(owned.contains { $0.principal == "carl" && !$0.allowed && $0.purpose == "analytics" })
        #expect(owned.allSatisfy { $0.target == "payments.transactions" })

        let own = try service.auditLog(principal: "carl", by: consumer)
        #expect(!own.isEmpty && own.allSatisfy { $0.principal == "carl" })

        let whole = #expect(throws: MeshError.self) { try service.auditLog(by: consumer) }
        #expect(whole?.kind == .forbidden && whole?.message.contains("--principal carl") == true)
        let others = #expect(throws: MeshError.self) { try service.auditLog(principal: "olga", by: consumer) }
        #expect(others?.kind == .forbidden)
        let otherDomain = #expect(throws: MeshError.self) { try service.auditLog(productID: "payments.transactions", by: outsider) }
        #expect(otherDomain?.kind == .forbidden && otherDomain?.message.contains("payments-team") == true)
        #expect(throws: MeshError.self) { try service.auditLog(productID: "payments.nope", by: admin) }
        let loads = try service.auditLog(action: "catalog.load", by: admin)
        #expect(loads.count == 2 && loads.allSatisfy { $0.action == "catalog.load" })
        #expect(try service.auditLog(action: "catalog.", by: admin) == loads)
        #expect(try service.auditLog(since: Date.distantFuture, by: admin).isEmpty)
        #expect(try service.auditLog(productID: "payments.transactions", action: "catalog.load", since: Date.distantPast, by: owner) == loads)
        let negative = #expect(throws: MeshError.self) { try service.auditLog(limit: -1, by: admin) }
        #expect(negative?.kind == .invalidInput)
    }
}
