/// What ``Table/expireSnapshots(olderThan:retainLast:)`` removed.
public struct ExpiredSnapshots: Sendable, Hashable {
    /// The ids of the snapshots dropped from the metadata.
    public var snapshotIDs: [Int64]
    /// The store keys of the files deleted (data files, manifests, manifest lists).
    public var deletedKeys: [String]
}

extension Table {
    /// Drops snapshots older than `timestampMs`, then deletes the data files, manifests and
    /// manifest lists no remaining snapshot needs.
    ///
    /// Kept regardless of age: the head of every branch and tag, and the last `retainLast`
    /// snapshots of `main`'s history. A file is deleted only when no kept snapshot lists it.
    @discardableResult
    public mutating func expireSnapshots(olderThan timestampMs: Int64, retainLast: Int = 1) throws(IcebergError) -> ExpiredSnapshots {
        try expireSnapshots(retainLast: retainLast, noneMessage: "no snapshot is older than the retention limit; nothing to expire") {
            $0.timestampMs < timestampMs
        }
    }

    /// Drops the snapshots `ids` names, then deletes the files no remaining snapshot needs, as
    /// ``expireSnapshots(olderThan:retainLast:)`` does. The current snapshot and the head of
    /// every branch and tag are kept even when named.
    @discardableResult
    public mutating func expireSnapshots(ids: Set<Int64>) throws(IcebergError) -> ExpiredSnapshots {
        try expireSnapshots(retainLast: 1, noneMessage: "none of the named snapshots can expire (missing, current, or held by a branch or tag)") {
            ids.contains($0.snapshotID)
        }
    }

    private mutating func expireSnapshots(retainLast: Int, noneMessage: String, _ expires: (Snapshot) -> Bool) throws(IcebergError) -> ExpiredSnapshots {
        var expired: [Snapshot] = []
        var kept: [Snapshot] = []
        let location = metadataLocation
        try commit { (base: TableMetadata) throws(IcebergError) -> CommitAttempt in
            var keep = Set(base.refs.values.map(\.snapshotID))
            if let current = base.currentSnapshotID {
                keep.insert(current)
                keep.formUnion(base.ancestors(of: current).prefix(max(1, retainLast)).map(\.snapshotID))
            }
            var next = base
            next.snapshots = base.snapshots.filter { keep.contains($0.snapshotID) || !expires($0) }
            let keptIDs = Set(next.snapshots.map(\.snapshotID))
            next.snapshotLog = base.snapshotLog.filter { keptIDs.contains($0.snapshotID) }
            expired = base.snapshots.filter { !keptIDs.contains($0.snapshotID) }
            kept = next.snapshots
            if expired.isEmpty {
                throw IcebergError(.notFound, noneMessage, context: location)
            }
            return CommitAttempt(metadata: next)
        }
        // Files still needed by kept snapshots.
        var needed = Set<String>()
        func files(of snapshot: Snapshot, liveOnly: Bool) throws(IcebergError) -> Set<String> {
            var out = Set<String>()
            if let list = snapshot.manifestList { out.insert(try key(list)) }
            for mf in try manifestFiles(snapshot) {
                out.insert(try key(mf.manifestPath))
                let manifest = try Manifest(reading: try store.read(try key(mf.manifestPath)))
                for e in manifest.entries where !liveOnly || e.status != .deleted { out.insert(try key(e.dataFile.filePath)) }
            }
            return out
        }
        for s in kept { needed.formUnion(try files(of: s, liveOnly: true)) }
        var candidates = Set<String>()
        for s in expired { candidates.formUnion(try files(of: s, liveOnly: false)) }
        let doomed = candidates.subtracting(needed).sorted()
        for k in doomed { try store.delete(k) }
        return ExpiredSnapshots(snapshotIDs: expired.map(\.snapshotID), deletedKeys: doomed)
    }
}
