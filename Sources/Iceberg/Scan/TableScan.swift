import Columnar
import Parquet

/// A read of one snapshot of a table: which snapshot (time travel), which columns, which rows.
///
/// Files are pruned by partition values and manifest bounds/null counts, then row groups by
/// Parquet statistics; the rows of surviving row groups are then filtered exactly (SQL
/// three-valued logic: a row is returned only when the filter is true for it). The filter's
/// columns are read alongside the projection and dropped afterwards when not asked for.
public struct TableScan: Sendable {
    /// The table read.
    public let table: Table
    /// The snapshot read; `nil` for a table without snapshots (the scan is empty).
    public let snapshot: Snapshot?
    /// The columns read, in this order (all columns of the current schema when `nil`).
    public let columns: [String]?
    /// The row filter: only rows for which it holds are returned.
    public let filter: FilterPredicate?
    /// Whether rows come in the snapshot's own schema (time travel) rather than the current one.
    let usesSnapshotSchema: Bool

    /// Where a scan reads from.
    public enum Version: Sendable, Hashable {
        /// The current snapshot of `main`.
        case current
        /// A snapshot by id.
        case snapshot(Int64)
        /// The snapshot a branch or tag points at.
        case ref(String)
        /// The snapshot that was current on `main` at this time (milliseconds since the epoch).
        case asOf(Int64)
    }

    /// Plans a scan of `version` of `table`.
    public init(table: Table, version: Version = .current, columns: [String]? = nil, filter: FilterPredicate? = nil) throws(IcebergError) {
        let m = table.metadata
        switch version {
        case .current: snapshot = m.currentSnapshot
        case .snapshot(let id):
            guard let s = m.snapshot(id: id) else { throw IcebergError(.notFound, "no snapshot \(id)", context: table.metadataLocation) }
            snapshot = s
        case .ref(let name):
            guard let s = m.snapshot(ref: name) else {
                throw IcebergError(.notFound, "no branch or tag '\(name)' (have: \(m.refs.keys.sorted().joined(separator: ", ")))", context: table.metadataLocation)
            }
            snapshot = s
        case .asOf(let ms):
            guard let s = m.snapshot(asOf: ms) else {
                throw IcebergError(.notFound, "the table had no snapshot at \(ms) ms since the epoch", context: table.metadataLocation)
            }
            snapshot = s
        }
        if case .current = version { usesSnapshotSchema = false } else { usesSnapshotSchema = true }
        self.table = table
        self.columns = columns
        self.filter = filter
        let schema = try outputSchemaSource()
        if let columns {
            for c in columns where !schema.fields.contains(where: { $0.name == c }) {
                throw IcebergError(.invalidOperation, "unknown column '\(c)' (have: \(schema.fields.map(\.name).joined(separator: ", ")))", context: c)
            }
        }
        if let filter { try FilePruning(schema: schema, spec: nil).validate(filter) }
    }

    /// The Iceberg schema rows are returned in: the current schema, or for time travel the
    /// snapshot's schema when it recorded one (as pyiceberg does).
    func outputSchemaSource() throws(IcebergError) -> IcebergSchema {
        let m = table.metadata
        if usesSnapshotSchema, let id = snapshot?.schemaID, let s = m.schema(id: id) { return s }
        guard let s = m.currentSchema else { throw IcebergError(.invalidMetadata, "the table has no current schema", context: table.metadataLocation) }
        return s
    }

    /// The schema of the returned batches.
    public func outputSchema() throws(IcebergError) -> Schema {
        let full = try outputSchemaSource().columnarSchema()
        guard let columns else { return full }
        return Schema(columns.compactMap { full.field(named: $0) })
    }

    /// The data files that may hold matching rows.
    public func planFiles() throws(IcebergError) -> [DataFile] {
        let schema = try outputSchemaSource()
        var out: [DataFile] = []
        for file in try table.manifestFiles(snapshot) where file.content == .data {
            let knownSpec = table.metadata.spec(id: file.partitionSpecID)
            if let filter, let knownSpec {
                let partitions = PartitionPruning(schema: schema, spec: knownSpec)
                if !partitions.mightMatch(filter, partitions.ranges(of: file)) { continue }
            }
            let manifest = try Manifest(reading: try table.store.read(try table.key(file.manifestPath)))
            let spec = knownSpec ?? manifest.spec
            let pruning = FilePruning(schema: schema, spec: spec)
            let partitions = PartitionPruning(schema: schema, spec: spec)
            for entry in manifest.inheriting(from: file) where entry.status != .deleted && entry.dataFile.content == .data {
                if let filter, !partitions.mightMatch(filter, PartitionPruning.ranges(of: entry.dataFile)) { continue }
                if let filter, try !pruning.mightMatch(filter, entry.dataFile) { continue }
                out.append(entry.dataFile)
            }
        }
        return out
    }

    /// The columns read from data files: the output columns, then the filter's other columns.
    func readSchema() throws(IcebergError) -> Schema {
        let output = try outputSchema()
        guard let filter, columns != nil else { return output }
        let full = try outputSchemaSource().columnarSchema()
        let extra = filter.columns.filter { output.field(named: $0) == nil }.sorted()
        return Schema(output.fields + extra.compactMap { full.field(named: $0) })
    }

    /// Streams the scan's matching rows, one Parquet row group at a time (row groups with no
    /// matching row are skipped, so batches are never empty).
    public func batches() throws(IcebergError) -> TableScanIterator {
        TableScanIterator(store: table.store, files: try planFiles(), schema: try outputSchema(), readSchema: try readSchema(), filter: filter)
    }

    /// Every batch of the scan.
    public func readAll() throws(IcebergError) -> [RecordBatch] {
        var it = try batches()
        var out: [RecordBatch] = []
        while let b = try it.next() { out.append(b) }
        return out
    }
}

/// The batches of a ``TableScan``: files are opened lazily, one at a time.
public struct TableScanIterator {
    let store: any ObjectStore
    var files: ArraySlice<DataFile>
    /// The schema of every batch.
    public let schema: Schema
    /// The columns read and assembled: `schema`'s, then the filter's other columns.
    let readSchema: Schema
    let filter: FilterPredicate?
    var current: ParquetBatchIterator?
    var mapping: [(fileName: String?, field: Field)] = []

    init(store: any ObjectStore, files: [DataFile], schema: Schema, readSchema: Schema? = nil, filter: FilterPredicate?) {
        self.store = store
        self.files = files[...]
        self.schema = schema
        self.readSchema = readSchema ?? schema
        self.filter = filter
    }

    /// The next batch, or `nil` at the end.
    public mutating func next() throws(IcebergError) -> RecordBatch? {
        while true {
            if current != nil {
                let batch: RecordBatch?
                do { batch = try current!.next() } catch { throw IcebergError(.storage, "cannot read a data file: \(error)") }
                if let batch {
                    let selected = try select(try assemble(batch))
                    if selected.count > 0 { return selected }
                    continue
                }
                current = nil
            }
            guard let file = files.popFirst() else { return nil }
            try open(file)
        }
    }

    mutating func open(_ file: DataFile) throws(IcebergError) {
        guard file.fileFormat.uppercased() == "PARQUET" else {
            throw IcebergError(.unsupported, "only Parquet data files are read, not \(file.fileFormat)", context: file.filePath)
        }
        let key = try store.requireKey(file.filePath)
        do {
            let reader = try ParquetFileReader(source: try StoreSource(store: store, key: key))
            // Match output columns to file columns by field id, falling back to names.
            mapping = readSchema.fields.map { f in
                if let id = f.id, let match = reader.schema.fields.first(where: { $0.id == id }) { return (match.name, f) }
                if reader.schema.fields.contains(where: { $0.id != nil }) { return (nil, f) }
                return (reader.schema.field(named: f.name)?.name, f)
            }
            let names = mapping.compactMap(\.fileName)
            let sameNames = filter.map { $0.columns.allSatisfy { c in mapping.contains { $0.field.name == c && $0.fileName == c } } } ?? false
            current = try reader.batches(columns: names, where: sameNames ? filter : nil)
        } catch let error as ParquetError {
            throw IcebergError(.storage, "cannot read a data file: \(error)", context: file.filePath)
        } catch let error as IcebergError {
            throw error
        } catch {
            throw IcebergError(.storage, "cannot read a data file: \(error)", context: file.filePath)
        }
    }

    func assemble(_ batch: RecordBatch) throws(IcebergError) -> RecordBatch {
        var columns: [Column] = []
        for (fileName, field) in mapping {
            guard let fileName, let column = batch.column(named: fileName) else {
                var builder = ColumnBuilder(field)
                for _ in 0..<batch.count { try? builder.appendNull() }
                columns.append(builder.finish())
                continue
            }
            if column.type == field.type { columns.append(column); continue }
            // A promoted column (int -> long, float -> double...): convert value by value.
            var builder = ColumnBuilder(field)
            for i in 0..<batch.count {
                let v = column.value(at: i)
                let promoted: Value = switch (v, field.type) {
                case (.int32(let x), .int64): .int64(Int64(x))
                case (.float(let x), .double): .double(Double(x))
                default: v
                }
                do { try builder.append(promoted) } catch {
                    throw IcebergError(.typeMismatch, "column '\(field.name)' is \(column.type) in a data file but \(field.type) in the table", context: field.name)
                }
            }
            columns.append(builder.finish())
        }
        return RecordBatch(unchecked: readSchema, columns: columns, count: batch.count)
    }

    /// The rows of an assembled batch the filter selects, projected to the output columns.
    func select(_ batch: RecordBatch) throws(IcebergError) -> RecordBatch {
        guard let filter else { return batch }
        do {
            let kept = try batch.filter(filter)
            if readSchema.fields.count == schema.fields.count { return kept }
            return RecordBatch(unchecked: schema, columns: Array(kept.columns.prefix(schema.fields.count)), count: kept.count)
        } catch {
            throw IcebergError(.typeMismatch, "cannot evaluate the filter: \(error.message)", context: filter.columns.sorted().joined(separator: ", "))
        }
    }
}

extension TableScanIterator {
    /// Every remaining batch.
    public mutating func collect() throws(IcebergError) -> [RecordBatch] {
        var out: [RecordBatch] = []
        while let b = try next() { out.append(b) }
        return out
    }
}
