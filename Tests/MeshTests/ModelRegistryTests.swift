import Catalog
import Foundation
import Testing
@testable import Mesh

/// `registerModel`: metrics validation, ownership, lineage edge.
@Suite struct ModelRegistryTests {
    static func mesh() throws -> (MeshService, Principal) {
        let mesh = try MeshService.inMemory()
        let admin = try mesh.resolveCaller("admin", environment: [:])
        let mia = try mesh.createPrincipal(name: "mia", roles: [.consumer], team: "risk-ml", by: admin)
        try mesh.write { t throws(CatalogError) in
            try t.insertTrainingSet(TrainingSetRecord(name: "loan", specYAML: "", specHash: "", table: "trainsets.loan", manifest: "{}", contentHash: "",
                                                      inputs: [], owner: "risk-ml", builtAt: Date(), builtBy: "mia"))
        }
        return (mesh, mia)
    }

    @Test func registersWithCanonicalMetricsAndATrainedOnEdge() throws {
        let (mesh, mia) = try Self.mesh()
        let model = try mesh.registerModel(name: "loan_gbm", trainingSet: "loan", metrics: #"{"test": {"auc": 0.91, "logloss": 0.3}, "auc": 0.9}"#, by: mia)
        #expect(model.owner == "risk-ml")
        #expect(model.metrics == #"{"auc":0.9,"test":{"auc":0.91,"logloss":0.3}}"#)
        #expect(try mesh.models().map(\.name) == ["loan_gbm"])
        #expect(try mesh.model("loan_gbm") == model)
        let edges = try mesh.read { t throws(CatalogError) in try t.lineage(upstreamOf: LineageNode(kind: .model, key: "loan_gbm")) }
        #expect(edges.map(\.relation) == ["trained-on"])
        #expect(edges.first?.upstream == LineageNode(kind: .trainingSet, key: "loan"))
        #expect(throws: MeshError.self) { try mesh.registerModel(name: "loan_gbm", trainingSet: "loan", by: mia) }
    }

    @Test(arguments: [#"[1]"#, #"{"auc": "high"}"#, #"{"auc": true}"#, #"{"a": {"b": {"c": 1}}}"#, "{auc: 1}", #"{"": 1}"#])
    func badMetricsAreRefused(_ metrics: String) throws {
        let (mesh, mia) = try Self.mesh()
        do {
            try mesh.registerModel(name: "m", trainingSet: "loan", metrics: metrics, by: mia)
            Issue.record("\(metrics) should be refused")
        } catch {
            #expect(error.kind == .invalidInput)
            #expect(error.context == "--metrics")
        }
        #expect(try mesh.models().isEmpty)
    }

    @Test func aMissingTrainingSetIsNotFound() throws {
        let (mesh, mia) = try Self.mesh()
        #expect { try mesh.registerModel(name: "m", trainingSet: "nope", by: mia) } throws: { ($0 as? MeshError)?.kind == .notFound }
        #expect { try mesh.model("nope") } throws: { ($0 as? MeshError)?.kind == .notFound }
    }
}
