import Columnar

extension Table {
    /// Creates a table: writes `metadata/00000-<uuid>.metadata.json` and claims it through
    /// `committer` (a ``DirectoryCommitter`` over `store` when `nil`).
    ///
    /// Fails with ``IcebergError/Kind/alreadyExists`` when the committer already has the table.
    public static func create(name: String = "", store: any ObjectStore, committer: (any CatalogCommitter)? = nil,
                              schema: IcebergSchema, partitionSpec: PartitionSpec = .unpartitioned,
                              sortOrder: SortOrder = .unsorted, properties: [String: String] = [:]) throws(IcebergError) -> Table {
        try schema.validate()
        _ = try partitionSpec.partitionType(schema: schema)
        let committer = committer ?? DirectoryCommitter(store: store)
        let prefix = name.isEmpty ? "" : name + "/"
        if try committer.current(table: name) != nil {
            throw IcebergError(.alreadyExists, "a table already exists here; load it instead", context: name.isEmpty ? store.location(of: "metadata") : name)
        }
        let location = String(store.location(of: prefix + "metadata").dropLast("/metadata".count))
        var props = properties
        if props["write.parquet.compression-codec"] == nil { props["write.parquet.compression-codec"] = "zstd" }
        let metadata = TableMetadata(tableUUID: freshUUID(), location: location, schema: schema, partitionSpec: partitionSpec,
                                     sortOrder: sortOrder, properties: props, lastUpdatedMs: nowMs())
        let key = prefix + "metadata/" + TableMetadata.metadataFileName(version: 0, uuid: freshUUID())
        try store.write(key, Array(metadata.jsonText.utf8), mode: .createOnly)
        do {
            try committer.swap(table: name, expected: nil, new: store.location(of: key))
        } catch {
            try? store.delete(key)
            if error.kind == .commitConflict { throw IcebergError(.alreadyExists, "another writer created the table first", context: name) }
            throw error
        }
        return Table(name: name, store: store, committer: committer, metadata: metadata, metadataLocation: store.location(of: key))
    }

    /// Creates a table whose schema comes from a `Columnar.Schema` (fields without ids get fresh ones).
    public static func create(name: String = "", store: any ObjectStore, committer: (any CatalogCommitter)? = nil,
                              schema: Schema, identifierFieldNames: [String] = [], partitionSpec: PartitionSpec = .unpartitioned,
                              properties: [String: String] = [:]) throws(IcebergError) -> Table {
        try create(name: name, store: store, committer: committer,
                   schema: try IcebergSchema(schema, identifierFieldNames: identifierFieldNames),
                   partitionSpec: partitionSpec, properties: properties)
    }
}
