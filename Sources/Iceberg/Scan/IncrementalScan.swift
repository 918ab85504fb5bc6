import Columnar

extension TableScan {
    /// The data files appended to `main` after snapshot `from` up to and including `to` (the
    /// current snapshot when `nil`): a change feed for consumers.
    ///
    /// Only `append` snapshots contribute; files added by overwrites are not appends and are
    /// left out, as are removals. `from` must be an ancestor of `to`.
    public static func appendedFiles(table: Table, from: Int64, to: Int64? = nil) throws(IcebergError) -> [DataFile] {
        let m = table.metadata
        guard let end = to ?? m.currentSnapshotID else {
            throw IcebergError(.notFound, "the table has no snapshots", context: table.metadataLocation)
        }
        guard m.snapshot(id: end) != nil else { throw IcebergError(.notFound, "no snapshot \(end)", context: table.metadataLocation) }
        let chain = m.ancestors(of: end)
        guard let stop = chain.firstIndex(where: { $0.snapshotID == from }) else {
            throw IcebergError(.invalidOperation, "snapshot \(from) is not an ancestor of \(end); an incremental scan needs a range of one history", context: table.metadataLocation)
        }
        var out: [DataFile] = []
        for snapshot in chain[..<stop].reversed() where snapshot.operation == .append {
            for file in try table.manifestFiles(snapshot) where file.content == .data && file.addedSnapshotID == snapshot.snapshotID {
                let manifest = try Manifest(reading: try table.store.read(try table.key(file.manifestPath)))
                for e in manifest.inheriting(from: file) where e.status == .added && e.snapshotID == snapshot.snapshotID {
                    out.append(e.dataFile)
                }
            }
        }
        return out
    }

    /// Streams the rows appended after `from` up to `to` (see ``appendedFiles(table:from:to:)``),
    /// in the current schema.
    public static func appendedRows(table: Table, from: Int64, to: Int64? = nil, columns: [String]? = nil) throws(IcebergError) -> TableScanIterator {
        let scan = try TableScan(table: table, columns: columns)
        return TableScanIterator(store: table.store, files: try appendedFiles(table: table, from: from, to: to),
                                 schema: try scan.outputSchema(), filter: nil)
    }
}
