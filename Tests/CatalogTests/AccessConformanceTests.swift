import Catalog
import Foundation
import Testing

/// Grants, access requests, policies, lineage and the audit log behave alike in every store.
@Suite("Catalog store conformance: access, policies, lineage, audit")
struct AccessConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func grantsGetIdsFilterAndDelete(_ kind: StoreKind) throws {
        let store = try kind.make()
        try Fixture.seed(store, products: ["payments.transactions", "fraud.scores"])
        let grants = try write(store) { tx throws(CatalogError) in
            [try tx.insertGrant(Grant(productID: "payments.transactions", principal: "ml", purpose: "training", clearance: "confidential",
                                      grantedBy: "alice", grantedAt: Fixture.t(1), expiresAt: Fixture.t(3_600), requestID: 5)),
             try tx.insertGrant(Grant(productID: "fraud.scores", principal: "ml", purpose: "analytics", grantedBy: "alice", grantedAt: Fixture.t(2))),
             try tx.insertGrant(Grant(productID: "payments.transactions", principal: "bi", purpose: "analytics", grantedBy: "carol", grantedAt: Fixture.t(3)))]
        }
        #expect(Set(grants.map(\.id)).count == 3)
        #expect(grants.map(\.id) == grants.map(\.id).sorted())
        #expect(grants[0].clearance == "confidential" && grants[0].requestID == 5)
        try read(store) { tx throws(CatalogError) in
            #expect(try tx.grants(productID: nil, principal: nil) == grants)
            #expect(try tx.grants(productID: "payments.transactions", principal: nil) == [grants[0], grants[2]])
            #expect(try tx.grants(productID: nil, principal: "ml") == [grants[0], grants[1]])
            #expect(try tx.grants(productID: "fraud.scores", principal: "ml") == [grants[1]])
        }
        try write(store) { tx throws(CatalogError) in try tx.deleteGrant(id: grants[1].id) }
        let missing = catalogError { () throws(CatalogError) in try write(store) { tx throws(CatalogError) in try tx.deleteGrant(id: grants[1].id) } }
        #expect(missing?.kind == .notFound)
        #expect(try read(store) { tx throws(CatalogError) in try tx.grants(productID: nil, principal: "ml") } == [grants[0]])
    }

    @Test(arguments: StoreKind.allCases)
    func accessRequestsAreDecidedAndFilteredByStatus(_ kind: StoreKind) throws {
        let store = try kind.make()
        try Fixture.seed(store, products: ["payments.transactions"])
        let requests = try write(store) { tx throws(CatalogError) in
            try ["training", "analytics", "debugging"].enumerated().map { i, purpose throws(CatalogError) in
                try tx.insertAccessRequest(AccessRequestRecord(productID: "payments.transactions", principal: "ml", purpose: purpose,
                                                               justification: "needed for \(purpose)", requestedAt: Fixture.t(Double(i))))
            }
        }
        var approved = requests[1]
        approved.status = .approved
        approved.decidedBy = "alice"
        approved.decidedAt = Fixture.t(60)
        approved.expiresAt = Fixture.t(86_400)
        var denied = requests[2]
        denied.status = .denied
        denied.decidedBy = "alice"
        denied.decidedAt = Fixture.t(61)
        try write(store) { tx throws(CatalogError) in
            try tx.updateAccessRequest(approved)
            try tx.updateAccessRequest(denied)
        }
        let missing = catalogError { () throws(CatalogError) in
            var ghost = approved
            ghost.id = 424_242
            try write(store) { tx throws(CatalogError) in try tx.updateAccessRequest(ghost) }
        }
        #expect(missing?.kind == .notFound)
        try read(store) { tx throws(CatalogError) in
            #expect(try tx.accessRequests(status: nil) == [requests[0], approved, denied])
            #expect(try tx.accessRequests(status: .pending) == [requests[0]])
            #expect(try tx.accessRequests(status: .approved) == [approved])
            #expect(try tx.accessRequest(id: approved.id) == approved)
            #expect(try tx.accessRequest(id: 424_242) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theNewestPolicyOfAScopeIsInForce(_ kind: StoreKind) throws {
        let store = try kind.make()
        func policy(_ scope: String, _ version: String, at seconds: Double) -> PolicyRecord {
            PolicyRecord(scope: scope, version: version, yaml: "version: \(version)\n", appliedAt: Fixture.t(seconds), appliedBy: "governance")
        }
        let history = [policy("global", "1.0.0", at: 1), policy("global", "1.1.0", at: 3)]
        try write(store) { tx throws(CatalogError) in
            try tx.insertPolicy(history[0])
            try tx.insertPolicy(policy("fraud", "0.1.0", at: 2))
            try tx.insertPolicy(history[1])
        }
        try read(store) { tx throws(CatalogError) in
            #expect(try tx.policy(scope: "global") == history[1])
            #expect(try tx.policyHistory(scope: "global") == history)
            #expect(try tx.policy(scope: "fraud")?.version == "0.1.0")
            #expect(try tx.policy(scope: "payments") == nil)
            #expect(try tx.policyHistory(scope: "payments").isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func lineageIsWalkedBothWaysAndIdenticalEdgesAreKeptOnce(_ kind: StoreKind) throws {
        let store = try kind.make()
        let profiles = LineageNode.version(VersionRef(productID: "customers.profiles", version: 3))
        let payments = LineageNode.version(VersionRef(productID: "payments.transactions", version: 7))
        let features = LineageNode.version(VersionRef(productID: "fraud.features", version: 1))
        let trainingSet = LineageNode(kind: .trainingSet, key: "fraud-2026-11")
        let model = LineageNode(kind: .model, key: "fraud-detector")
        let edges = [
            LineageEdge(upstream: profiles, downstream: features, relation: "derived", createdAt: Fixture.t(1)),
            LineageEdge(upstream: payments, downstream: features, relation: "derived", createdAt: Fixture.t(2)),
            LineageEdge(upstream: features, downstream: trainingSet, relation: "built-from", createdAt: Fixture.t(3)),
            LineageEdge(upstream: trainingSet, downstream: model, relation: "trained-on", createdAt: Fixture.t(4)),
            LineageEdge(upstream: payments, downstream: features, relation: "joined", createdAt: Fixture.t(5)),
        ]
        try write(store) { tx throws(CatalogError) in
            for edge in edges { try tx.insertLineage(edge) }
            // The same edge again, later: kept once, with its first record.
            try tx.insertLineage(LineageEdge(upstream: profiles, downstream: features, relation: "derived", createdAt: Fixture.t(99)))
        }
        try write(store) { tx throws(CatalogError) in try tx.insertLineage(edges[2]) }
        try read(store) { tx throws(CatalogError) in
            #expect(try tx.lineage(upstreamOf: features) == [edges[0], edges[1], edges[4]])
            #expect(try tx.lineage(downstreamOf: payments) == [edges[1], edges[4]])
            #expect(try tx.lineage(downstreamOf: features) == [edges[2]])
            #expect(try tx.lineage(upstreamOf: model) == [edges[3]])
            #expect(try tx.lineage(upstreamOf: profiles).isEmpty)
            #expect(try tx.lineage(downstreamOf: model).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theAuditLogFiltersAndLimitsToTheNewest(_ kind: StoreKind) throws {
        let store = try kind.make()
        func entry(_ i: Int) -> AuditEntry {
            let principal = i % 2 == 0 ? "alice" : "ml"
            let action = i % 3 == 0 ? "publish" : "read"
            let target = i < 4 ? "payments.transactions" : "fraud.scores"
            let purpose: String? = i % 2 == 0 ? nil : "training"
            return AuditEntry(time: Fixture.t(Double(i)), principal: principal, action: action, target: target, purpose: purpose,
                              allowed: i != 5, detail: "{\"i\":\(i)}")
        }
        let entries: [AuditEntry] = try write(store) { tx throws(CatalogError) in
            var rows: [AuditEntry] = []
            for i in 0..<6 { rows.append(try tx.insertAudit(entry(i))) }
            return rows
        }
        #expect(entries.map(\.id) == entries.map(\.id).sorted())
        #expect(Set(entries.map(\.id)).count == 6)
        try read(store) { tx throws(CatalogError) in
            #expect(try tx.audit(principal: nil, target: nil, limit: nil) == entries)
            #expect(try tx.audit(principal: nil, target: nil, limit: 2) == [entries[4], entries[5]])
            #expect(try tx.audit(principal: "ml", target: nil, limit: nil) == [entries[1], entries[3], entries[5]])
            #expect(try tx.audit(principal: nil, target: "payments.transactions", limit: 3) == [entries[1], entries[2], entries[3]])
            #expect(try tx.audit(principal: "alice", target: "fraud.scores", limit: 10) == [entries[4]])
            #expect(try tx.audit(principal: nil, target: nil, limit: 0).isEmpty)
            #expect(try tx.audit(principal: "nobody", target: nil, limit: nil).isEmpty)
        }
        // Actions (exact, or a prefix ending in "."), a start time, and every filter at once.
        let more: [AuditEntry] = try write(store) { tx throws(CatalogError) in
            [try tx.insertAudit(AuditEntry(time: Fixture.t(50), principal: "gina", action: "grant.create", target: "fraud.scores", allowed: true)),
             try tx.insertAudit(AuditEntry(time: Fixture.t(51), principal: "gina", action: "grant.revoke", target: "fraud.scores", allowed: true)),
             try tx.insertAudit(AuditEntry(time: Fixture.t(52), principal: "gina", action: "grants", target: "fraud.scores", allowed: true)),
             try tx.insertAudit(AuditEntry(time: Fixture.t(53), principal: "gina", action: "GRANT.create", target: "fraud.scores", allowed: true))]
        }
        try read(store) { tx throws(CatalogError) in
            #expect(try tx.audit(AuditQuery(action: "publish")) == [entries[0], entries[3]])
            #expect(try tx.audit(AuditQuery(action: "grant.")) == [more[0], more[1]])
            #expect(try tx.audit(AuditQuery(action: "grant")).isEmpty)
            #expect(try tx.audit(AuditQuery(since: Fixture.t(4))) == [entries[4], entries[5]] + more)
            #expect(try tx.audit(AuditQuery(since: Fixture.t(4.5))) == [entries[5]] + more)
            #expect(try tx.audit(AuditQuery(principal: "ml", target: "fraud.scores", action: "read", since: Fixture.t(1), limit: 1)) == [entries[5]])
            #expect(try tx.audit(AuditQuery(action: "grant.", limit: 1)) == [more[1]])
            #expect(AuditQuery(action: "grant.").matches(more[0]) && !AuditQuery(action: "grant.").matches(more[3]))
        }
        // A bulk insert (a group commit's batch) keeps the order and every field, across its chunk sizes.
        func bulkEntry(_ i: Int) -> AuditEntry {
            let purpose: String? = i % 4 == 0 ? nil : "purpose-\(i)"
            let detail = "{\"n\":\(i)}"
            return AuditEntry(time: Fixture.t(Double(100 + i)), principal: "p\(i)", action: "catalog.load", target: "t\(i % 3)",
                              purpose: purpose, allowed: i % 5 != 0, detail: detail)
        }
        let bulk: [AuditEntry] = (0..<87).map(bulkEntry)
        try write(store) { tx throws(CatalogError) in try tx.insertAudits(bulk) }
        try read(store) { tx throws(CatalogError) in
            let stored = Array(try tx.audit(principal: nil, target: nil, limit: nil).dropFirst(6 + more.count))
            #expect(stored.count == 87)
            #expect(stored.map(\.id) == stored.map(\.id).sorted())
            var withoutIDs = stored
            for i in withoutIDs.indices { withoutIDs[i].id = 0 }
            #expect(withoutIDs == bulk)
        }
    }
}
