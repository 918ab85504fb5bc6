import Columnar
import Parquet

extension Table {
    /// Appends `batches` as new Parquet data files under `data/` and commits an `append`
    /// snapshot to `branch`.
    ///
    /// Batch columns are matched to the current schema by name (missing optional columns are
    /// filled with nulls); partitioned tables get one file per partition value. Manifests carry
    /// the files' real metrics. When another writer commits first, the append is re-applied on
    /// top of the new snapshot (the data files are kept) up to a few times.
    @discardableResult
    public mutating func append(_ batches: [RecordBatch], branch: String = "main") throws(IcebergError) -> Snapshot {
        let files = try writeDataFiles(batches)
        do {
            return try commitFiles(adding: files, removing: nil, operation: .append, branch: branch, specIDForRemoval: nil)
        } catch {
            // Nothing references the new files when the commit did not happen.
            for f in files { if let k = store.key(of: f.filePath) { try? store.delete(k) } }
            throw error
        }
    }

    /// Commits `adding` (already written data files) and, when `removing` is set, drops the live
    /// files it selects from the branch's current snapshot; `removing` runs against the base
    /// the change was planned on, so a concurrent commit to the branch is a conflict.
    /// With `createsBranch`, a missing non-main `branch` is created by this commit, starting at
    /// `main`'s head (with no parent on an empty table), so staging a change is one commit.
    mutating func commitFiles(adding files: [DataFile], removing: ((DataFile) -> Bool)?, operation: SnapshotOperation,
                              branch: String, specIDForRemoval: Int?, createsBranch: Bool = false) throws(IcebergError) -> Snapshot {
        guard let schema = metadata.currentSchema, let spec = metadata.defaultSpec else {
            throw IcebergError(.invalidMetadata, "the table has no current schema or default partition spec", context: metadataLocation)
        }
        if branch != "main", !(createsBranch && metadata.refs[branch] == nil) {
            guard let ref = metadata.refs[branch] else {
                throw IcebergError(.notFound, "no branch '\(branch)'; create it first", context: metadataLocation)
            }
            guard ref.kind == .branch else {
                throw IcebergError(.invalidOperation, "'\(branch)' is a tag; only branches take commits", context: metadataLocation)
            }
        }
        let snapshotID = freshSnapshotID()
        var manifestKey: String? = nil
        var manifestBytes: [UInt8] = []
        if !files.isEmpty {
            let manifest = Manifest(schema: schema, spec: spec, entries: files.map {
                ManifestEntry(status: .added, snapshotID: snapshotID, dataFile: $0)
            })
            manifestBytes = try manifest.encoded()
            let key = prefix + "metadata/\(freshUUID())-m0.avro"
            try store.write(key, manifestBytes, mode: .createOnly)
            manifestKey = key
        }
        // The snapshot the branch grows from: its head, or main's for a branch this commit creates.
        func head(in metadata: TableMetadata) -> Int64? {
            if createsBranch, branch != "main", metadata.refs[branch] == nil { return branchHead("main", in: metadata) }
            return branchHead(branch, in: metadata)
        }
        let plannedParent = head(in: metadata)
        let addedManifest = manifestKey.map { k in
            Manifest(schema: schema, spec: spec, entries: files.map { ManifestEntry(status: .added, snapshotID: snapshotID, dataFile: $0) })
        }
        var committed: Snapshot? = nil
        var candidate: Snapshot? = nil
        let store = self.store
        defer { if committed == nil, let manifestKey { try? store.delete(manifestKey) } }
        let prefix = self.prefix
        let reader = self
        let plannedLocation = metadataLocation
        try commit { (base: TableMetadata) throws(IcebergError) -> CommitAttempt in
            let parent = head(in: base)
            if removing != nil, parent != plannedParent {
                throw IcebergError(.commitConflict, "branch '\(branch)' moved from snapshot \(plannedParent.map(String.init) ?? "none") to \(parent.map(String.init) ?? "none") while this \(operation.rawValue) was prepared; retry it on the new state",
                                   context: plannedLocation)
            }
            let sequence = base.lastSequenceNumber + 1
            let parentSnapshot = parent.flatMap { base.snapshot(id: $0) }
            var manifests: [ManifestFile] = []
            var written: [String] = []
            var deletedFiles = 0, deletedRecords: Int64 = 0, deletedSize: Int64 = 0
            if let addedManifest, let manifestKey {
                manifests.append(try addedManifest.manifestFile(path: store.location(of: manifestKey), length: Int64(manifestBytes.count),
                                                                snapshotID: snapshotID, sequenceNumber: sequence))
            }
            for file in try reader.manifestFiles(parentSnapshot) {
                guard let removing, file.content == .data, specIDForRemoval.map({ $0 == file.partitionSpecID }) ?? true else {
                    manifests.append(file)
                    continue
                }
                let manifest = try Manifest(reading: try store.read(try reader.key(file.manifestPath)))
                let entries = manifest.inheriting(from: file).filter { $0.status != .deleted }
                let dropped = entries.filter { removing($0.dataFile) }
                if dropped.isEmpty { manifests.append(file); continue }
                deletedFiles += dropped.count
                deletedRecords += dropped.reduce(0) { $0 + $1.dataFile.recordCount }
                deletedSize += dropped.reduce(0) { $0 + $1.dataFile.fileSizeInBytes }
                let rewritten = entries.map { e -> ManifestEntry in
                    var e = e
                    if removing(e.dataFile) { e.status = .deleted; e.snapshotID = snapshotID } else { e.status = .existing }
                    return e
                }
                let out = Manifest(schema: manifest.schema, spec: manifest.spec, content: manifest.content, entries: rewritten)
                let bytes = try out.encoded()
                let k = prefix + "metadata/\(freshUUID())-m1.avro"
                try store.write(k, bytes, mode: .createOnly)
                written.append(k)
                var mf = try out.manifestFile(path: store.location(of: k), length: Int64(bytes.count), snapshotID: snapshotID, sequenceNumber: sequence)
                mf.minSequenceNumber = min(mf.minSequenceNumber, file.minSequenceNumber)
                manifests.append(mf)
            }
            let listBytes = try ManifestList(snapshotID: snapshotID, parentSnapshotID: parent, sequenceNumber: sequence, manifests: manifests).encoded()
            let listKey = prefix + "metadata/snap-\(snapshotID)-\(written.count)-\(freshUUID()).avro"
            try store.write(listKey, listBytes, mode: .createOnly)
            written.append(listKey)

            let addedRecords = files.reduce(0) { $0 + $1.recordCount }
            let addedSize = files.reduce(0) { $0 + $1.fileSizeInBytes }
            func total(_ key: String) -> Int64 { parentSnapshot.flatMap { Int64($0.summary[key] ?? "") } ?? 0 }
            var summary: [String: String] = [
                "total-records": String(total("total-records") + addedRecords - deletedRecords),
                "total-data-files": String(total("total-data-files") + Int64(files.count - deletedFiles)),
                "total-files-size": String(total("total-files-size") + addedSize - deletedSize),
                "total-delete-files": "0", "total-position-deletes": "0", "total-equality-deletes": "0",
            ]
            if !files.isEmpty {
                summary["added-data-files"] = String(files.count)
                summary["added-records"] = String(addedRecords)
                summary["added-files-size"] = String(addedSize)
            }
            if deletedFiles > 0 {
                summary["deleted-data-files"] = String(deletedFiles)
                summary["deleted-records"] = String(deletedRecords)
                summary["removed-files-size"] = String(deletedSize)
            }
            let now = max(nowMs(), base.lastUpdatedMs)
            let snapshot = Snapshot(snapshotID: snapshotID, parentSnapshotID: parent, sequenceNumber: sequence, timestampMs: now,
                                    manifestList: store.location(of: listKey), operation: operation, summary: summary, schemaID: base.currentSchemaID)
            var next = base
            next.snapshots.append(snapshot)
            next.lastSequenceNumber = sequence
            next.lastUpdatedMs = now
            next.setBranch(branch, to: snapshotID, at: now)
            candidate = snapshot
            return CommitAttempt(metadata: next, writtenKeys: written)
        }
        committed = candidate
        return candidate!
    }
}

extension TableMetadata {
    /// Points branch `name` at `snapshotID` (keeping its retention settings); moving `main`
    /// also sets the current snapshot and extends the snapshot log.
    mutating func setBranch(_ name: String, to snapshotID: Int64, at timestampMs: Int64) {
        var ref = refs[name] ?? SnapshotRef(snapshotID: snapshotID, kind: .branch)
        ref.snapshotID = snapshotID
        refs[name] = ref
        if name == "main" {
            currentSnapshotID = snapshotID
            snapshotLog.append(SnapshotLogEntry(snapshotID: snapshotID, timestampMs: timestampMs))
        }
    }
}

/// The snapshot a branch points at (`main` falls back to the current snapshot).
func branchHead(_ branch: String, in metadata: TableMetadata) -> Int64? {
    if let ref = metadata.refs[branch] { return ref.snapshotID }
    return branch == "main" ? metadata.currentSnapshotID : nil
}
