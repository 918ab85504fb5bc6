import Foundation
import Testing
import TestSupport

/// `mesh trainset` end to end on the demo mesh: a build across two domains' products, its replay
/// after a newer input version (identical hash), and the lineage it records.
@Suite(.serialized) struct MeshTrainsetCommandTests {
    static let spec = """
        name: review-band
        owner: fraud-ml
        purpose: fraud-detection
        asOfKnownTime: true
        label:
          product: fraud.risk_scores
          keys: [transaction_id]
          eventTime: scored_at
          columns: [risk_band]
          filter: "risk_score >= 0"
        features:
          - product: payments.transactions
            columns: [merchant_category, amount]
            keys: {transaction_id: transaction_id}
            eventTime: event_time
            ttl: 1d
        splits:
          - {name: train, from: 2000-01-01, until: 2100-01-01}
          - {name: test, from: 2100-01-01, until: 2101-01-01}
        """

    @Test(arguments: MeshMode.allCases) func buildReplayAndLineageOnTheDemoMesh(mode: MeshMode) throws {
        let root = Interop.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("demo").path
        #expect(try MeshBinary.run(["demo", dir]).status == 0)
        let specPath = root.appendingPathComponent("review.yaml")
        try Self.spec.write(to: specPath, atomically: true, encoding: .utf8)
        let mesh = MeshTarget(mode: mode, directory: dir)

        let build = try mesh(["trainset", "build", specPath.path])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("split train: 20000 row(s)"), "\(build.stdout)")
        #expect(build.stdout.contains("fraud.risk_scores@1") && build.stdout.contains("payments.transactions@3"))

        // A newer version of an input does not change the replay: it reads the pinned versions.
        let newer = try mesh(["publish", "payments.transactions", dir + "/inputs/transactions-2.csv", "--as", "aline", "--mode", "overwrite"])
        #expect(newer.status == 0, "\(newer.stderr)")
        let replay = try mesh(["trainset", "replay", "review-band", "--json"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("\"matches\": true"), "\(replay.stdout)")

        let lineage = try mesh(["lineage", "payments.transactions@3", "--downstream"])
        #expect(lineage.status == 0, "\(lineage.stderr)")
        #expect(lineage.stdout.contains("trainset:review-band"))

        // A second build under the same name is a conflict; a spec error names its path.
        #expect(try mesh(["trainset", "build", specPath.path]).status != 0)
        try Self.spec.replacingOccurrences(of: "ttl: 1d", with: "ttl: 3x").write(to: specPath, atomically: true, encoding: .utf8)
        let bad = try mesh(["trainset", "build", specPath.path, "--name", "other"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("ttl"))
    }
}
