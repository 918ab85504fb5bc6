import Catalog
import Foundation
import Testing
import TestSupport
@testable import Mesh

/// `openLineageEvents(since:)`: publishes and derivations as OpenLineage run events.
@Suite struct OpenLineageExportTests {
    static let schemas = Interop.repositoryRoot.appendingPathComponent("Tests/MeshTests/Fixtures/openlineage")

    @Test func publishesAndDerivationsBecomeRunEvents() throws {
        let fixture = try LineageFixture.make(withTrainingSet: false)
        defer { fixture.remove() }
        let runs = try fixture.mesh.openLineageEvents()
        #expect(runs.map(\.event.job.name) == ["publish:customers.profiles", "publish:payments.transactions", "publish:payments.transactions",
                                               "publish:fraud.risk_scores", "publish:recommendations.merchant_affinity"])
        let derived = try #require(runs.first { $0.event.job.name == "publish:fraud.risk_scores" }).event
        let input = try #require(derived.inputs.first)
        let source = try fixture.mesh.versions("payments.transactions")[0]
        #expect(derived.inputs.count == 1)
        #expect(input.namespace == "meshwork://demo" && input.name == "payments.transactions")
        #expect(input.facets.version?.datasetVersion == String(source.snapshots["payments.transactions"]!))
        #expect(input.facets.schema?.fields.map(\.name).contains("amount") == true)
        #expect(input.inputFacets?.dataQualityMetrics?.rowCount == Int(source.addedRows))
        #expect(input.inputFacets?.dataQualityMetrics?.columnMetrics["amount"]?.nullCount == 0)
        let output = try #require(derived.outputs.first)
        #expect(output.name == "fraud.risk_scores" && output.outputFacets?.outputStatistics?.rowCount != nil)
        #expect(derived.eventType == "COMPLETE" && derived.producer == OpenLineageEvent.producer)
        #expect(derived.schemaURL == "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent")
        // Run ids are UUIDs, distinct per run and stable across exports.
        #expect(Set(runs.map(\.event.run.runId)).count == runs.count)
        #expect(runs.allSatisfy { UUID(uuidString: $0.event.run.runId) != nil })
        #expect(try fixture.mesh.openLineageEvents().map(\.event) == runs.map(\.event))
        // `since` exports only later runs.
        let later = try fixture.mesh.openLineageEvents(since: runs[2].eventID)
        #expect(later.map(\.event) == Array(runs.dropFirst(3).map(\.event)))
    }

    @Test func aTrainingSetBuildIsExportedFromItsEvent() throws {
        let fixture = try LineageFixture.make()
        defer { fixture.remove() }
        try fixture.mesh.write { t throws(CatalogError) in
            _ = try t.insertEvent(MeshEvent(time: Date(), kind: "trainset.built", severity: "info", productID: nil, message: "built",
                                            detail: #"{"name":"fraud_training"}"#))
        }
        let run = try #require(try fixture.mesh.openLineageEvents().last).event
        #expect(run.job.name == "trainset:fraud_training")
        #expect(run.inputs.map(\.name) == ["fraud.risk_scores"])
        #expect(run.outputs.map(\.name) == ["trainsets.fraud_training"])
    }

    @Test(.enabled(if: Interop.enabled(["jsonschema", "referencing", "openlineage.client"])))
    func eventsValidateAgainstTheOpenLineageSchema() throws {
        let fixture = try LineageFixture.make()
        defer { fixture.remove() }
        try fixture.mesh.write { t throws(CatalogError) in
            _ = try t.insertEvent(MeshEvent(time: Date(), kind: "trainset.built", severity: "info", productID: nil, message: "built",
                                            detail: #"{"name":"fraud_training"}"#))
        }
        let runs = try fixture.mesh.openLineageEvents()
        let file = fixture.root.appendingPathComponent("events.jsonl")
        try Data(runs.map { $0.event.jsonLine() + "\n" }.joined().utf8).write(to: file)
        let script = try String(contentsOf: Self.schemas.appendingPathComponent("validate.py"), encoding: .utf8)
        let output = try Interop.runPython(script, [Self.schemas.path, file.path])
        struct Summary: Decodable { let events: Int; let facets: Int }
        let summary = try JSONDecoder().decode(Summary.self, from: Data(output.utf8))
        #expect(summary.events == runs.count)
        #expect(summary.facets >= 3 * runs.count)
    }
}
