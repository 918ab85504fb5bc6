import Catalog
import Foundation
import TestSupport
@testable import Mesh

/// The demo mesh (payments.transactions@1 → fraud.risk_scores@1, payments.transactions@2 →
/// recommendations.merchant_affinity@1) with a training set built from fraud.risk_scores@1,
/// inserted directly in the store until the training-set builder lands, and owned by risk-ml.
struct LineageFixture {
    let mesh: MeshService
    let root: URL

    static let trainingSet = "fraud_training"

    static func make(withTrainingSet: Bool = true) throws -> LineageFixture {
        let root = Interop.temporaryDirectory("lineage")
        let directory = root.appendingPathComponent("demo").path
        var demo = MeshDemo(directory: directory, say: { _ in })
        demo.endsWithRevocation = false
        try demo.run()
        let mesh = try MeshService.open(directory: directory)
        if withTrainingSet {
            let time = mesh.now()
            let input = VersionRef(productID: "fraud.risk_scores", version: 1)
            try mesh.write { t throws(CatalogError) in
                try t.insertTrainingSet(TrainingSetRecord(name: trainingSet, specYAML: "name: fraud_training\n", specHash: String(repeating: "0", count: 64),
                                                          table: "trainsets.fraud_training", manifest: "{}", contentHash: String(repeating: "1", count: 64),
                                                          inputs: [input], owner: "risk-ml", builtAt: time, builtBy: "mia"))
                try t.insertLineage(LineageEdge(upstream: .version(input), downstream: LineageNode(kind: .trainingSet, key: trainingSet),
                                                relation: "built-from", createdAt: time))
            }
        }
        return LineageFixture(mesh: mesh, root: root)
    }

    func caller(_ name: String) throws -> Principal { try mesh.resolveCaller(name, environment: [:]) }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
