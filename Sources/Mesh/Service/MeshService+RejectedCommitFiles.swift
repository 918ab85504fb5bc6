import Iceberg

extension MeshService {
    /// Deletes what an engine wrote into the warehouse for a commit the gate refused: the
    /// manifest lists of the snapshots the commit proposed, the manifests only they list, and the
    /// data files those manifests add. A rejected commit then leaves no trace in the table's
    /// folder, as a rejected `mesh publish` leaves none.
    ///
    /// Only keys inside `folder` (the table's own folder) are deleted, and nothing any snapshot
    /// of `base` (the committed metadata) lists: a manifest the engine carried over from the
    /// current snapshot, or a data file a committed snapshot already holds, stays. Files that
    /// cannot be read or deleted are left where they are (the commit is refused either way).
    ///
    /// - Returns: the store keys deleted.
    @discardableResult
    static func discardRejectedCommitFiles(proposed: TableMetadata, base: TableMetadata, folder: String, store: any ObjectStore) -> [String] {
        let committedIDs = Set(base.snapshots.map(\.snapshotID))
        let rejected = proposed.snapshots.filter { !committedIDs.contains($0.snapshotID) }
        guard !rejected.isEmpty else { return [] }
        let rejectedIDs = Set(rejected.map(\.snapshotID))

        func manifests(of list: String?) -> [ManifestFile] {
            guard let list, let key = store.key(of: list), let bytes = try? store.read(key) else { return [] }
            return (try? ManifestList(reading: bytes).manifests) ?? []
        }
        // Everything the committed snapshots use.
        var keptLists: Set<String> = []
        var keptManifests: Set<String> = []
        var keptData: Set<String> = []
        for snapshot in base.snapshots {
            if let list = snapshot.manifestList { keptLists.insert(list) }
            for file in manifests(of: snapshot.manifestList) where keptManifests.insert(file.manifestPath).inserted {
                guard let key = store.key(of: file.manifestPath), let bytes = try? store.read(key), let manifest = try? Manifest(reading: bytes) else { continue }
                for entry in manifest.entries { keptData.insert(entry.dataFile.filePath) }
            }
        }

        var doomed: [String] = []
        for snapshot in rejected {
            for file in manifests(of: snapshot.manifestList) where !keptManifests.contains(file.manifestPath) {
                guard let key = store.key(of: file.manifestPath) else { continue }
                if let bytes = try? store.read(key), let manifest = try? Manifest(reading: bytes) {
                    for entry in manifest.entries where entry.status == .added && (entry.snapshotID.map(rejectedIDs.contains) ?? true)
                        && !keptData.contains(entry.dataFile.filePath) {
                        if let data = store.key(of: entry.dataFile.filePath) { doomed.append(data) }
                    }
                }
                doomed.append(key)
            }
            if let list = snapshot.manifestList, !keptLists.contains(list), let key = store.key(of: list) { doomed.append(key) }
        }
        let inside = folder.hasSuffix("/") ? folder : folder + "/"
        var deleted: [String] = []
        for key in Set(doomed).sorted() where key.hasPrefix(inside) {
            if (try? store.delete(key)) != nil { deleted.append(key) }
        }
        return deleted
    }
}
