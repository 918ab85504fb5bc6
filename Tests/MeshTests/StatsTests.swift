import Catalog
import Foundation
import Testing
@testable import Mesh

/// `stats(productID:)` on a hand-built catalog: latencies, rejections, revoked training inputs.
@Suite struct StatsTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func version(_ n: Int, published: Double, newestEvent: Double?, status: ProductVersion.Status = .published) -> ProductVersion {
        ProductVersion(productID: "payments.transactions", version: n, tag: "v\(n)", snapshots: ["payments.transactions": Int64(n)], rowCount: 10,
                       addedRows: 10, mode: "append", contractVersion: "1.0.0", publishedAt: t0.addingTimeInterval(published),
                       publishedBy: "alice", newestEventTime: newestEvent.map { t0.addingTimeInterval($0) }, statistics: "{}", checks: "[]", status: status)
    }

    static func mesh() throws -> MeshService {
        let mesh = try MeshService.inMemory(now: { t0 })
        try mesh.write { t throws(CatalogError) in
            try t.insertDomain(Domain(name: "payments", owner: "payments-team", createdAt: t0))
            for id in ["payments.transactions", "payments.refunds"] {
                try t.insertProduct(Product(id: id, domain: "payments", name: String(id.dropFirst(9)), description: "", owner: "payments-team", status: "active",
                                            tags: [], tables: [id], contractVersion: "1.0.0", createdAt: t0, updatedAt: t0))
            }
            // Latencies: 600 s, 3 600 s, (no event time), 120 s, 1 800 s → latest 1 800, median 1 200, max 3 600.
            try t.insertVersion(version(1, published: 1_000, newestEvent: 400))
            try t.insertVersion(version(2, published: 5_000, newestEvent: 1_400, status: .revoked))
            try t.insertVersion(version(3, published: 6_000, newestEvent: nil))
            try t.insertVersion(version(4, published: 7_000, newestEvent: 6_880))
            try t.insertVersion(version(5, published: 9_000, newestEvent: 7_200))
            for i in 0..<3 {
                try t.insertRejection(RejectedPublish(productID: "payments.transactions", attemptedAt: t0.addingTimeInterval(Double(i)), attemptedBy: "alice",
                                                      contractVersion: "1.0.0", rowCount: 5, checks: "[]", reason: "failed"))
            }
            try t.insertRejection(RejectedPublish(productID: "payments.refunds", attemptedAt: t0, attemptedBy: "alice", contractVersion: "1.0.0",
                                                  rowCount: 1, checks: "[]", reason: "drift"))
            for (name, inputs) in [("loan", [1, 2, 5]), ("churn", [4])] {
                try t.insertTrainingSet(TrainingSetRecord(name: name, specYAML: "", specHash: "", table: "trainsets.\(name)", manifest: "{}", contentHash: "",
                                                          inputs: inputs.map { VersionRef(productID: "payments.transactions", version: $0) },
                                                          owner: "risk-ml", builtAt: t0, builtBy: "mia"))
            }
        }
        return mesh
    }

    @Test func latenciesRejectionsAndRevokedInputs() throws {
        let stats = try Self.mesh().stats()
        #expect(stats.products.map(\.productID) == ["payments.refunds", "payments.transactions"])
        let refunds = stats.products[0]
        #expect(refunds.versions == 0 && refunds.rejectedPublishes == 1 && refunds.latestLatency == nil && refunds.medianLatency == nil)
        let p = stats.products[1]
        #expect(p.versions == 5)
        #expect(p.revokedVersions == 1)
        #expect(p.latencies.map(\.version) == [1, 2, 4, 5])
        #expect(p.latencies.map(\.seconds) == [600, 3_600, 120, 1_800])
        #expect(p.latestLatency == 1_800)
        #expect(p.medianLatency == 1_200)
        #expect(p.maximumLatency == 3_600)
        #expect(p.rejectedPublishes == 3)
        #expect(stats.trainingSets.map(\.name) == ["churn", "loan"])
        #expect(stats.trainingSets[0].revokedInputs.isEmpty && stats.trainingSets[0].inputs == 1)
        #expect(stats.trainingSets[1].revokedInputs == [VersionRef(productID: "payments.transactions", version: 2)])
        #expect(stats.trainingSets[1].inputs == 3)
    }

    @Test func oneProductAndItsTrainingSets() throws {
        let mesh = try Self.mesh()
        let only = try mesh.stats(productID: "payments.refunds")
        #expect(only.products.map(\.productID) == ["payments.refunds"])
        #expect(only.trainingSets.isEmpty)
        #expect(try mesh.stats(productID: "payments.transactions").trainingSets.count == 2)
        #expect(throws: MeshError.self) { try mesh.stats(productID: "payments.nothing") }
        #expect(MeshService.median([1, 2, 3]) == 2 && MeshService.median([]) == nil && MeshService.median([1, 4]) == 2.5)
    }
}
