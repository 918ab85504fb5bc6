import Catalog
import Columnar
import Crypto
import Foundation
import Governance
import Iceberg
import Training

extension MeshService {
    /// The catalog namespace of training-set output tables (warehouse folder `_trainsets/NAME`);
    /// domain names cannot start with `_`, so it never collides with a product.
    public static let trainingSetNamespace = "_trainsets"

    /// Builds the training set `specYAML` describes and records it.
    ///
    /// Every input (the label source, then each feature source) is read at its pinned version
    /// (the spec's `pins`, else the newest) through ``read(productID:at:table:columns:filter:limit:purpose:by:)``
    /// for the spec's purpose, so access is checked, personal data masked or dropped by policy and
    /// every read audited; only the keys, event time and requested columns are read, the label's
    /// filter applied. Feature rows carry `_known_at`, the publish time of the version that
    /// introduced them, for as-of-known-time joins. The engine (``Training/TrainingSetBuild``)
    /// joins point-in-time, splits and checks leakage.
    ///
    /// The output is the Iceberg table `_trainsets.NAME`: one tag per split, naming a snapshot
    /// that holds exactly that split's rows; `main` holds every split. The record keeps the manifest, `built-from` lineage
    /// edges join it to every input version, and the build is audited.
    ///
    /// - Parameters:
    ///   - name: the training set's name; the spec's `name` when nil.
    /// - Throws: ``MeshError/Kind/invalidInput`` listing the spec's problems with their YAML paths
    ///   (or a schema problem, or leakage with the report), ``MeshError/Kind/forbidden`` naming a
    ///   denied input, ``MeshError/Kind/conflict`` when the name is taken,
    ///   ``MeshError/Kind/notFound`` for a missing product or pinned version.
    @discardableResult
    public func buildTrainingSet(specYAML: String, name: String? = nil, by caller: Principal) throws(MeshError) -> TrainingSetBuildResult {
        let spec: TrainingSetSpec
        do { spec = try TrainingSetSpec(yaml: specYAML) } catch { throw Self.meshError(error) }
        let name = name ?? spec.name
        try Names.validate(name, field: "training set")
        try requireRole(caller, [.consumer, .producer, .owner], to: "build training sets")
        if try read({ t throws(CatalogError) in try t.trainingSet(name) }) != nil {
            throw MeshError(.conflict, "training set '\(name)' already exists; replay it with `mesh trainset replay \(name)` or build under another --name",
                            context: name)
        }
        var pins: [String: Int] = [:]
        for (product, text) in spec.pins {
            let version = try resolveVersion(product, try VersionSpec(parsing: text))
            pins[product] = version.version
        }
        for product in [spec.label.product] + spec.features.map(\.product) where pins[product] == nil {
            pins[product] = try resolveVersion(product, .latest).version
        }
        var canonical = spec
        canonical.pins = [:]
        canonical.name = name
        let (built, inputs) = try materialise(canonical, pins: pins, by: caller)
        let specText: String
        do { specText = try canonical.yaml() } catch { throw Self.meshError(error) }
        let specHash = SHA256.hash(data: Data(specText.utf8)).map { String(format: "%02x", $0) }.joined()
        let identifier = "\(Self.trainingSetNamespace).\(name)"
        let splits = try writeTrainingSetTable(identifier, name: name, output: built.output)
        let bundles = try read { t throws(CatalogError) in try bundlesInForce(t) }
        let bundleNames = [bundles.global ?? Self.emptyGlobalBundle].map { "\($0.name)@\($0.version)" }
            + bundles.domains.map { "\($0.name)@\($0.version)" }.sorted()
        let manifest = TrainingSetManifest(name: name, spec: specText, specHash: specHash, purpose: spec.purpose, table: identifier, inputs: inputs,
                                           policyBundles: bundleNames, splits: splits, leftOutRows: built.output.leftOutRows,
                                           contentHash: built.contentHash)
        let time = now()
        let refs = Self.distinctRefs(inputs)
        let record = TrainingSetRecord(name: name, specYAML: specText, specHash: specHash, table: identifier, manifest: try manifest.json(),
                                       contentHash: built.contentHash, inputs: refs, owner: spec.owner ?? caller.team ?? caller.name,
                                       builtAt: time, builtBy: caller.name)
        do {
            try store.write { t throws(CatalogError) in
                if try t.trainingSet(name) != nil { throw CatalogError(.alreadyExists, "training set '\(name)' already exists", context: name) }
                try t.insertTrainingSet(record)
                for ref in refs {
                    try t.insertLineage(LineageEdge(upstream: .version(ref), downstream: LineageNode(kind: .trainingSet, key: name),
                                                    relation: "built-from", createdAt: time))
                }
                // The build's run event: the owner's feed, and the OpenLineage export's record of the run.
                _ = try EventRouter.raise(MeshEvent(time: time, kind: "trainset.built", severity: "info", productID: nil,
                                                    message: "trainset:\(name) was built by \(caller.name) from \(refs.map(\.description).joined(separator: ", "))",
                                                    detail: AuditDetail.json(["name": name, "contentHash": built.contentHash])),
                                          extraRecipients: [record.owner], in: t)
                _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "trainset.build", target: "trainset:\(name)",
                                                 purpose: spec.purpose, allowed: true,
                                                 detail: AuditDetail.json(["inputs": refs.map(\.description).joined(separator: ", "),
                                                                           "contentHash": built.contentHash])))
            }
        } catch {
            try? store.write { t throws(CatalogError) in try t.dropTable(identifier) }
            throw MeshError(error)
        }
        return TrainingSetBuildResult(record: record, manifest: manifest, matchedRows: built.matchedRows)
    }

    /// Rebuilds training set `name` from the versions its manifest pins (not the newest) and
    /// compares the content hash with the recorded one.
    ///
    /// - Throws: ``MeshError/Kind/notFound`` for an unknown training set, or naming the input
    ///   version that no longer exists or whose snapshot retention expired (nothing is read then);
    ///   ``MeshError/Kind/forbidden`` when the caller may no longer read an input.
    public func replayTrainingSet(name: String, by caller: Principal) throws(MeshError) -> TrainingSetReplay {
        let record = try trainingSet(name)
        let manifest = try TrainingSetManifest(json: record.manifest, name: name)
        let spec: TrainingSetSpec
        do { spec = try TrainingSetSpec(yaml: manifest.spec) } catch { throw Self.meshError(error) }
        for input in manifest.inputs { try requireReplayable(input) }
        var pins: [String: Int] = [:]
        for input in manifest.inputs { pins[input.product] = input.version }
        let (built, inputs) = try materialise(spec, pins: pins, by: caller)
        let splits = built.output.splits.map { TrainingSetManifest.Split(name: $0.name, rows: $0.count, snapshotID: nil) }
        let replay = TrainingSetReplay(name: name, expectedHash: record.contentHash, actualHash: built.contentHash,
                                       inputs: Self.distinctRefs(inputs), splits: splits)
        let time = now()
        try write { t throws(CatalogError) in
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "trainset.replay", target: "trainset:\(name)",
                                             purpose: spec.purpose, allowed: true,
                                             detail: AuditDetail.json(["expected": replay.expectedHash, "actual": replay.actualHash,
                                                                       "matches": replay.matches ? "true" : "false"])))
        }
        return replay
    }

    /// Reads every input at its pinned version and runs the engine.
    private func materialise(_ spec: TrainingSetSpec, pins: [String: Int], by caller: Principal) throws(MeshError)
        -> (TrainingSetBuild.Result, [TrainingSetManifest.Input]) {
        let label = spec.label
        let labelRead = try readTrainingInput(role: "label", productID: label.product, version: pins[label.product]!,
                                              columns: Self.unique(label.keys + [label.eventTime] + label.columns), filter: label.filter,
                                              knownAt: false, purpose: spec.purpose, by: caller)
        var inputs = [labelRead.input]
        var features: [[RecordBatch]] = []
        for feature in spec.features {
            let read = try readTrainingInput(role: "feature", productID: feature.product, version: pins[feature.product]!,
                                             columns: Self.unique(feature.keys.map(\.feature) + [feature.eventTime] + feature.columns), filter: nil,
                                             knownAt: true, purpose: spec.purpose, by: caller)
            inputs.append(read.input)
            features.append(read.batches)
        }
        do {
            return (try TrainingSetBuild(spec: spec).run(labels: labelRead.batches, features: features), inputs)
        } catch {
            throw Self.meshError(error)
        }
    }

    /// Creates the output table; each split's tag names a snapshot holding exactly that split's
    /// rows, and `main` ends holding every split.
    ///
    /// Each split's rows are written to their own data files; the first split is appended, each
    /// later one replaces the live files (an `overwrite` snapshot holding only its files), and a
    /// final `append` re-adds the earlier splits' files to `main`. So any engine reads a split
    /// by its tag alone (`snapshot_by_name("validation")`, Spark's `tag` option), with no
    /// incremental scan.
    private func writeTrainingSetTable(_ identifier: String, name: String, output: SplitOutput) throws(MeshError) -> [TrainingSetManifest.Split] {
        // Field ids come from the inputs' tables and may repeat across products; the new table numbers its own.
        let schema = Schema(output.schema.fields.map { Self.withoutIDs($0) })
        var table: Table
        do {
            table = try Table.create(name: StoreCommitter.folder(identifier: identifier), store: warehouse, committer: StoreCommitter(store: store),
                                     schema: schema, properties: ["meshwork.trainingSet": name])
        } catch where error.kind == .alreadyExists {
            throw MeshError(.conflict, "the output table \(identifier) already exists; build under another --name", context: identifier)
        } catch {
            throw MeshError.warehouse(error, context: identifier)
        }
        var splits: [TrainingSetManifest.Split] = []
        var earlierFiles: [DataFile] = []
        do throws(IcebergError) {
            for (index, split) in output.splits.enumerated() {
                var writer = try table.dataFileWriter(fileNamePrefix: "\(split.name)-")
                do throws(IcebergError) {
                    for batch in split.batches where batch.count > 0 {
                        try writer.write(RecordBatch(unchecked: schema, columns: batch.columns, count: batch.count))
                    }
                } catch {
                    writer.abort()
                    throw error
                }
                let files = try writer.finish()
                let snapshot = index == 0 ? try table.append(files: files) : try table.overwrite(files: files)
                try table.tag(split.name, snapshotID: snapshot.snapshotID)
                splits.append(TrainingSetManifest.Split(name: split.name, rows: split.count, snapshotID: snapshot.snapshotID))
                if index < output.splits.count - 1 { earlierFiles += files }
            }
            if !earlierFiles.isEmpty { try table.append(files: earlierFiles) }
        } catch {
            try? store.write { t throws(CatalogError) in try t.dropTable(identifier) }
            throw MeshError.warehouse(error, context: identifier)
        }
        return splits
    }

    static func withoutIDs(_ field: Field) -> Field {
        var type = field.type
        if case .list(let element) = type { type = .list(element: withoutIDs(element)) }
        return Field(field.name, type, nullable: field.nullable, metadata: field.metadata)
    }

    static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    static func distinctRefs(_ inputs: [TrainingSetManifest.Input]) -> [VersionRef] {
        var seen: Set<VersionRef> = []
        return inputs.map(\.ref).filter { seen.insert($0).inserted }
    }

    /// A training-engine error as a mesh error (spec problems, schema mismatches and leakage are the caller's to fix).
    static func meshError(_ error: TrainingError) -> MeshError {
        let lines = error.message.split(separator: "\n").map(String.init)
        let heading = error.kind == .leakage ? "the training set leaks: " : ""
        return MeshError(.invalidInput, heading + (lines.first ?? error.message), context: error.context, details: Array(lines.dropFirst()))
    }
}
