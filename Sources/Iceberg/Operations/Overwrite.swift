import Columnar

extension Table {
    /// Replaces the rows of `branch` with `batches`: every live data file is removed and the
    /// new files added, in one `overwrite` snapshot.
    ///
    /// With `partitions`, only live files whose partition tuple is in the set are removed
    /// (use ``partitionsOf(_:)`` for "the partitions these rows fall in"). Fails with
    /// ``IcebergError/Kind/commitConflict`` when another writer committed to the branch first.
    @discardableResult
    public mutating func overwrite(_ batches: [RecordBatch], partitions: Set<[Literal?]>? = nil, branch: String = "main") throws(IcebergError) -> Snapshot {
        let files = try writeDataFiles(batches)
        let specID = metadata.defaultSpecID
        do {
            return try commitFiles(adding: files, removing: { file in
                guard let partitions else { return true }
                return partitions.contains(file.partition)
            }, operation: .overwrite, branch: branch, specIDForRemoval: partitions == nil ? nil : specID)
        } catch {
            for f in files { if let k = store.key(of: f.filePath) { try? store.delete(k) } }
            throw error
        }
    }

    /// Replaces only the partitions that `batches` fall in (dynamic partition overwrite).
    @discardableResult
    public mutating func overwritePartitions(_ batches: [RecordBatch], branch: String = "main") throws(IcebergError) -> Snapshot {
        guard metadata.defaultSpec?.isUnpartitioned == false else {
            return try overwrite(batches, branch: branch)
        }
        let files = try writeDataFiles(batches)
        let partitions = Set(files.map(\.partition))
        do {
            return try commitFiles(adding: files, removing: { partitions.contains($0.partition) }, operation: .overwrite,
                                   branch: branch, specIDForRemoval: metadata.defaultSpecID)
        } catch {
            for f in files { if let k = store.key(of: f.filePath) { try? store.delete(k) } }
            throw error
        }
    }
}
