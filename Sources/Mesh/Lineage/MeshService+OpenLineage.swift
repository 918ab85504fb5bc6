import Catalog
import Contracts
import Crypto
import Foundation
import Quality

/// One exported run: the mesh event it comes from and the OpenLineage event.
public struct ExportedRun: Sendable, Hashable {
    /// The id of the mesh event recording the run (`publish.accepted`, `trainset.built`);
    /// pass the last one to `since` to export only newer runs.
    public let eventID: Int64
    /// The OpenLineage run event.
    public let event: OpenLineageEvent
}

extension MeshService {
    /// The mesh's name in OpenLineage dataset namespaces (`meshwork://NAME`): the `name`
    /// setting, else the embedded mesh's directory name, else `memory`.
    public func meshName() throws(MeshError) -> String {
        if let name = try read({ t throws(CatalogError) in try t.setting("name") }), !name.isEmpty { return name }
        if let directory { return URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent }
        return "memory"
    }

    /// Every recorded run after mesh event `since`, as OpenLineage `RunEvent`s, oldest first.
    ///
    /// An accepted publish (event `publish.accepted`) is a run of job `publish:DOMAIN.PRODUCT`
    /// whose outputs are the version's tables and whose inputs are the `--from` versions' tables
    /// (a derivation). A training-set build (event `trainset.built`, detail `{"name": …}`) is a
    /// run of job `trainset:NAME` reading its pinned inputs and writing its table. Datasets carry
    /// the contract's columns (`schema`), the Iceberg snapshot id (`version`), and for inputs the
    /// version's profile (`dataQualityMetrics`); outputs carry their row count.
    public func openLineageEvents(since: Int64? = nil) throws(MeshError) -> [ExportedRun] {
        let namespace = "meshwork://" + (try meshName())
        let events = try read { t throws(CatalogError) in try t.events(EventQuery(afterID: since)) }
        var runs: [ExportedRun] = []
        for event in events {
            switch event.kind {
            case "publish.accepted":
                guard let productID = event.productID, let number = event.version,
                      let version = try read({ t throws(CatalogError) in try t.version(productID: productID, version: number) }) else { continue }
                var inputs: [OpenLineageEvent.Dataset] = []
                for ref in version.inputs {
                    guard let input = try read({ t throws(CatalogError) in try t.version(productID: ref.productID, version: ref.version) }) else { continue }
                    inputs += try datasets(of: input, namespace: namespace, asInput: true)
                }
                let outputs = try datasets(of: version, namespace: namespace, asInput: false)
                runs.append(ExportedRun(eventID: event.id, event: runEvent(job: "publish:\(productID)", seed: "\(namespace) \(event.id) \(version.ref)",
                                                                            time: version.publishedAt, inputs: inputs, outputs: outputs)))
            case "trainset.built":
                struct Detail: Decodable { let name: String }
                guard let name = try? JSONDecoder().decode(Detail.self, from: Data(event.detail.utf8)).name,
                      let set = try read({ t throws(CatalogError) in try t.trainingSet(name) }) else { continue }
                var inputs: [OpenLineageEvent.Dataset] = []
                for ref in set.inputs {
                    guard let input = try read({ t throws(CatalogError) in try t.version(productID: ref.productID, version: ref.version) }) else { continue }
                    inputs += try datasets(of: input, namespace: namespace, asInput: true)
                }
                let output = OpenLineageEvent.Dataset(namespace: namespace, name: set.table, facets: OpenLineageEvent.DatasetFacets(schema: nil, version: nil),
                                                      inputFacets: nil, outputFacets: nil)
                runs.append(ExportedRun(eventID: event.id, event: runEvent(job: "trainset:\(name)", seed: "\(namespace) \(event.id) trainset:\(name)",
                                                                            time: set.builtAt, inputs: inputs, outputs: [output])))
            default:
                continue
            }
        }
        return runs
    }

    private func runEvent(job: String, seed: String, time: Date, inputs: [OpenLineageEvent.Dataset],
                          outputs: [OpenLineageEvent.Dataset]) -> OpenLineageEvent {
        let digest = Array(SHA256.hash(data: Data(seed.utf8)))
        return OpenLineageEvent(eventType: "COMPLETE", eventTime: Timestamp.iso(time),
                                run: OpenLineageEvent.Run(runId: OpenLineageEvent.runID(time: time, seedDigest: digest)),
                                job: OpenLineageEvent.Job(namespace: OpenLineageEvent.jobNamespace, name: job),
                                inputs: inputs, outputs: outputs, producer: OpenLineageEvent.producer, schemaURL: OpenLineageEvent.runEventSchema)
    }

    /// The datasets (one per table with a snapshot) of a version, with their facets.
    private func datasets(of version: ProductVersion, namespace: String, asInput: Bool) throws(MeshError) -> [OpenLineageEvent.Dataset] {
        let contract = try? self.contract(of: version.productID, version: version.contractVersion).contract
        let objects = contract.map { Self.tableIdentifiers(productID: version.productID, objects: $0.schema.map(\.name)) } ?? []
        let profile = try? DatasetProfile.decode(json: Data(version.statistics.utf8))
        var out: [OpenLineageEvent.Dataset] = []
        for (table, snapshot) in version.snapshots.sorted(by: { $0.key < $1.key }) {
            var schema: OpenLineageEvent.SchemaFacet?
            if let object = objects.first(where: { $0.identifier == table }), let contract,
               let definition = contract.schema.first(where: { $0.name == object.object }) {
                schema = OpenLineageEvent.SchemaFacet(fields: definition.properties.enumerated().map { i, p in
                    OpenLineageEvent.SchemaFacet.Field(name: p.name, type: p.physicalType ?? p.logicalTypeName, description: p.description, ordinal_position: i + 1)
                })
            }
            var dataset = OpenLineageEvent.Dataset(namespace: namespace, name: table,
                                                   facets: OpenLineageEvent.DatasetFacets(schema: schema, version: OpenLineageEvent.VersionFacet(datasetVersion: String(snapshot))),
                                                   inputFacets: nil, outputFacets: nil)
            // The stored profile describes the data of the version's publish; it is the
            // table's own when the product has one table.
            if asInput {
                if let profile, version.snapshots.count == 1 {
                    var metrics: [String: OpenLineageEvent.DataQualityMetricsFacet.ColumnMetrics] = [:]
                    for column in profile.columns {
                        metrics[column.name] = .init(nullCount: column.nullCount, distinctCount: column.distinct.count,
                                                     min: column.minimum?.doubleValue, max: column.maximum?.doubleValue)
                    }
                    dataset.inputFacets = OpenLineageEvent.InputFacets(dataQualityMetrics: .init(rowCount: profile.rowCount, columnMetrics: metrics))
                }
            } else {
                dataset.outputFacets = OpenLineageEvent.OutputFacets(outputStatistics: .init(rowCount: Int(version.rowCount)))
            }
            out.append(dataset)
        }
        return out
    }
}
