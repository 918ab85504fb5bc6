extension Table {
    /// Removes the live data files of `branch` selected by `predicate` in one `delete`
    /// snapshot (the files stay on disk for older snapshots until they expire).
    ///
    /// Fails with ``IcebergError/Kind/notFound`` when nothing matches, and with
    /// ``IcebergError/Kind/commitConflict`` when another writer committed to the branch first.
    @discardableResult
    public mutating func deleteFiles(branch: String = "main", where predicate: @escaping @Sendable (DataFile) -> Bool) throws(IcebergError) -> Snapshot {
        let live = try liveEntries(branchHead(branch, in: metadata).flatMap { metadata.snapshot(id: $0) })
        guard live.contains(where: { predicate($0.dataFile) }) else {
            throw IcebergError(.notFound, "no live data file matches; nothing to delete", context: metadataLocation)
        }
        return try commitFiles(adding: [], removing: predicate, operation: .delete, branch: branch, specIDForRemoval: nil)
    }

    /// Removes the live data files at `paths` (locations as written in the manifests).
    @discardableResult
    public mutating func deleteFiles(paths: Set<String>, branch: String = "main") throws(IcebergError) -> Snapshot {
        try deleteFiles(branch: branch) { paths.contains($0.filePath) }
    }
}
