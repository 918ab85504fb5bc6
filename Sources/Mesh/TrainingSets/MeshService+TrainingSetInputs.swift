import Catalog
import Columnar
import Foundation
import Iceberg
import Training

/// One product read for a training set: its batches and what the manifest records about the read.
struct TrainingSetInputRead {
    var batches: [RecordBatch]
    var input: TrainingSetManifest.Input
}

extension MeshService {
    /// Reads one training-set input at `version` through ``read(productID:at:table:columns:filter:limit:purpose:by:)``
    /// (access decided and audited for `purpose`, masked columns masked).
    ///
    /// With `knownAt`, every row also gets a `_known_at` column: the publish time of the version
    /// that introduced it. Rows come from the newest `overwrite` version at or before `version`
    /// (all stamped with its time) and then from each later version's appended files, so the
    /// rows are exactly those of `version`'s snapshot.
    ///
    /// - Throws: ``MeshError/Kind/forbidden`` when the read is denied, ``MeshError/Kind/notFound``
    ///   when a snapshot the read needs has expired.
    func readTrainingInput(role: String, productID: String, version: Int, columns: [String], filter: String?,
                           knownAt: Bool, purpose: String, by caller: Principal) throws(MeshError) -> TrainingSetInputRead {
        var opened: ProductRead
        do {
            opened = try read(productID: productID, at: .number(version), columns: columns, filter: filter, purpose: purpose, by: caller)
        } catch where error.kind == .forbidden {
            throw MeshError(.forbidden, "the training set cannot read its \(role) input \(productID)@\(version): \(error.message)",
                            context: productID, details: error.details)
        }
        let decision = opened.decision
        let v = opened.version
        guard let snapshotID = v.snapshots[opened.table] else {
            throw MeshError(.notFound, "\(productID)@\(version) holds no data in \(opened.table)", context: productID)
        }
        var batches: [RecordBatch]
        if knownAt {
            batches = try knownAtBatches(productID: productID, version: v, table: opened.table, columns: columns,
                                         schema: opened.reader.schema, masked: opened.reader.outputs.map(\.masked))
        } else {
            batches = try opened.reader.readAll()
        }
        if batches.isEmpty {
            // No rows (a filter matching nothing, an empty version): one empty batch keeps the schema known.
            let fields = opened.reader.schema.fields
                + (knownAt ? [Field(PointInTimeJoin.defaultKnownAtColumn, .timestamp(unit: .microseconds, utc: true), nullable: false)] : [])
            var empty = RecordBatchBuilder(schema: Schema(fields))
            batches = [empty.finish()]
        }
        let input = TrainingSetManifest.Input(
            role: role, product: productID, version: v.version, table: opened.table, snapshotID: snapshotID, snapshots: v.snapshots,
            contractVersion: v.contractVersion, publishedAt: v.publishedAt, columns: columns, filter: filter,
            basis: decision == nil ? "owner" : "grant",
            masked: decision?.columns.filter { $0.action == .mask }.map { "\($0.object).\($0.column)" }.sorted() ?? [],
            dropped: decision?.columns.filter { $0.action == .drop }.map { "\($0.object).\($0.column)" }.sorted() ?? [],
            decisions: decision?.decisions.map(\.description) ?? [],
            rows: batches.reduce(0) { $0 + $1.count })
        return TrainingSetInputRead(batches: batches, input: input)
    }

    /// The rows of `version`'s snapshot of `table`, each with the publish time of the version that added it.
    private func knownAtBatches(productID: String, version: ProductVersion, table identifier: String, columns: [String],
                                schema: Schema, masked: [Bool]) throws(MeshError) -> [RecordBatch] {
        let history = try versions(productID).filter { $0.version <= version.version && $0.snapshots[identifier] != nil }
        guard let base = history.lastIndex(where: { $0.mode == PublishMode.overwrite.rawValue }) ?? history.indices.first else { return [] }
        let table = try openTable(identifier)
        for v in history[base...] where table.metadata.snapshot(id: v.snapshots[identifier]!) == nil {
            throw MeshError(.notFound, "\(productID)@\(v.version) has expired: its snapshot \(v.snapshots[identifier]!) of \(identifier) is gone "
                                + "(retention removed it), so the rows of \(productID)@\(version.version) cannot be dated by publish time",
                            context: "\(productID)@\(v.version)")
        }
        let outSchema = Schema(schema.fields + [Field(PointInTimeJoin.defaultKnownAtColumn, .timestamp(unit: .microseconds, utc: true), nullable: false)])
        var out: [RecordBatch] = []
        var previous: Int64?
        for v in history[base...] {
            let snapshot = v.snapshots[identifier]!
            let stamp = Int64((v.publishedAt.timeIntervalSince1970 * 1_000_000).rounded())
            var iterator = try PublishPipeline.iceberg { () throws(IcebergError) -> TableScanIterator in
                if let previous {
                    return try TableScan.appendedRows(table: table, from: previous, to: snapshot, columns: columns)
                }
                return try TableScan(table: table, version: .snapshot(snapshot), columns: columns).batches()
            }
            previous = snapshot
            while let batch = try PublishPipeline.iceberg({ () throws(IcebergError) -> RecordBatch? in try iterator.next() }) {
                if batch.count == 0 { continue }
                var cols: [Column] = []
                for (i, name) in columns.enumerated() {
                    guard let column = batch.column(named: name) else {
                        throw MeshError(.storage, "the scan of \(identifier) lacks column \(name)", context: identifier)
                    }
                    cols.append(masked[i] ? ColumnMask.apply(column) : column)
                }
                cols.append(Column(type: .timestamp(unit: .microseconds, utc: true), values: .int64(Buffer(Array(repeating: stamp, count: batch.count)))))
                out.append(RecordBatch(unchecked: outSchema, columns: cols, count: batch.count))
            }
        }
        return out
    }

    /// Whether every snapshot a replay of `input` needs still exists; names the expired version when not.
    func requireReplayable(_ input: TrainingSetManifest.Input) throws(MeshError) {
        let all = try read { t throws(CatalogError) in try t.versions(productID: input.product) }
        guard let version = all.first(where: { $0.version == input.version }) else {
            throw MeshError(.notFound, "input \(input.product)@\(input.version) no longer exists; the training set cannot be replayed",
                            context: "\(input.product)@\(input.version)")
        }
        if version.status == .expired {
            throw MeshError(.notFound, "input \(input.product)@\(input.version) has expired (\(version.revokedReason ?? "under its retention SLA")); "
                                + "the training set cannot be replayed", context: "\(input.product)@\(input.version)")
        }
        let table = try openTable(input.table)
        guard table.metadata.snapshot(id: input.snapshotID) != nil else {
            throw MeshError(.notFound, "input \(input.product)@\(input.version) has expired: its snapshot \(input.snapshotID) of \(input.table) "
                                + "is gone (retention removed it); the training set cannot be replayed", context: "\(input.product)@\(input.version)")
        }
    }
}
