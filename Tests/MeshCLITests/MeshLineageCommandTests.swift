import Foundation
import Testing
import TestSupport

/// `mesh lineage`, `mesh version revoke`, `mesh model`, `mesh stats` through the built binary on the demo mesh.
@Suite(.serialized) struct MeshLineageCommandTests {
    @Test(arguments: MeshMode.allCases) func lineageRevokeAndStatsOnTheDemoMesh(mode: MeshMode) throws {
        let root = Interop.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("demo").path
        let demo = try MeshBinary.run(["demo", dir])
        #expect(demo.status == 0, "\(demo.stderr)")
        let mesh = MeshTarget(mode: mode, directory: dir)

        let up = try mesh(["lineage", "fraud.risk_scores@1", "--upstream"])
        #expect(up.status == 0, "\(up.stderr)")
        #expect(up.stdout.contains("fraud.risk_scores@1 [") && up.stdout.contains("└─ derived ← payments.transactions@1 ["), "\(up.stdout)")

        let dot = try mesh(["lineage", "payments.transactions", "--downstream", "--format", "dot"])
        #expect(dot.status == 0, "\(dot.stderr)")
        #expect(dot.stdout.hasPrefix("digraph lineage {"))
        #expect(dot.stdout.contains(#""productVersion:payments.transactions@2" -> "productVersion:recommendations.merchant_affinity@1" [label="derived"];"#))

        let json = try mesh(["lineage", "payments.transactions@1", "--downstream", "--depth", "0", "--format", "json"])
        let graph = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((graph?["nodes"] as? [Any])?.count == 1)
        #expect((graph?["edges"] as? [Any])?.isEmpty == true)

        let both = try mesh(["lineage", "payments.transactions@1", "--upstream", "--downstream"])
        #expect(both.status != 0)

        let model = try mesh(["model", "register", "fraud_gbm", "--trainset", "nope", "--as", "mia"])
        #expect(model.status == 1)
        #expect(model.stderr.contains("no training set 'nope'"))

        // The demo ended by revoking payments.transactions@2 and alerting the teams downstream.
        #expect(demo.stdout.contains("12. Lineage: what was made from payments.transactions@2"))
        #expect(demo.stdout.contains("upstream.revoked recommendations.merchant_affinity@1 → recommendations-ml"))
        let versions = try mesh(["versions", "payments.transactions"])
        #expect(versions.stdout.contains("(revoked)"))

        let refused = try mesh(["version", "revoke", "payments.transactions@1", "--reason", "duplicates", "--as", "farah"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("may not revoke"))

        let revoke = try mesh(["version", "revoke", "payments.transactions@1", "--reason", "duplicated authorisations", "--as", "aline"])
        #expect(revoke.status == 0, "\(revoke.stderr)")
        #expect(revoke.stdout.contains("revoked payments.transactions@1: duplicated authorisations"))
        #expect(revoke.stdout.contains("upstream.revoked fraud.risk_scores@1: fraud-ml"), "\(revoke.stdout)")
        let again = try mesh(["version", "revoke", "payments.transactions@1", "--reason", "again", "--as", "aline"])
        #expect(again.status == 1 && again.stderr.contains("already revoked"))
        let feed = try mesh(["events", "--consumer", "fraud-ml", "--json"])
        #expect(feed.stdout.contains("version.revoked") && feed.stdout.contains("upstream.revoked"))

        let read = try mesh(["read", "payments.transactions@1", "--as", "aline", "--limit", "1"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stderr.contains("warning: payments.transactions@1 is revoked (duplicated authorisations)"))

        let stats = try mesh(["stats", "payments.transactions", "--json"])
        #expect(stats.status == 0, "\(stats.stderr)")
        let figures = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        let product = (figures?["products"] as? [[String: Any]])?.first
        #expect(product?["rejected_publishes"] as? Int == 1)
        #expect(product?["revoked_versions"] as? Int == 2)
        #expect(((product?["latency_seconds"] as? [String: Any])?["max"] as? Double ?? -1) > 0)

        let export = try mesh(["lineage", "export", "--since", "0"])
        #expect(export.status == 0, "\(export.stderr)")
        // Seven publishes (two derived) and the demo's training-set build.
        #expect(export.stdout.split(separator: "\n").count == 8)
        #expect(export.stderr.contains("exported 8 run event(s)"))
        #expect(export.stdout.contains(#""name":"trainset:spend-propensity""#), "\(export.stdout.suffix(400))")
        // The directory itself exports the same lines (in server mode the export above came over HTTP).
        let onDirectory = try MeshBinary.run(["lineage", "export", "--since", "0"], environment: ["MESH_DIR": dir, "MESH_SERVER": "", "MESH_TOKEN": ""])
        #expect(onDirectory.stdout == export.stdout && onDirectory.stderr == export.stderr)
    }
}
