import Columnar
import Parquet

/// Streams ``Columnar/RecordBatch``es into a table's Parquet data files without committing them.
///
/// Obtained from ``Table/dataFileWriter(targetFileSize:fileNamePrefix:memoryLimit:)``. Batches are taken
/// one at a time and encoded as they arrive; rows are routed by the table's default partition
/// spec (one open file per partition value) and a file is closed and stored once its encoded
/// size reaches the target size (`write.target-file-size-bytes`, 512 MiB by default). Files are
/// encoded in memory and stored when closed; when the open files together hold more than
/// ``memoryLimit`` bytes (many partitions), the largest is closed early. So memory is bounded by
/// the limit plus one file, never by the input. ``finish()`` closes
/// the open files and returns every ``DataFile`` with its full metrics, ready for
/// ``Table/append(files:branch:createBranch:)`` or ``Table/overwrite(files:branch:createBranch:)``;
/// ``abort()`` deletes whatever was written.
///
/// ```swift
/// var writer = try table.dataFileWriter()
/// for batch in batches { try writer.write(batch) }
/// try table.append(files: try writer.finish())
/// ```
public struct DataFileWriter {
    /// The table the files are for (its schema, spec, store and properties as of creation).
    public let table: Table
    /// The encoded size at which a data file is closed and a new one started.
    public let targetFileSize: Int
    /// A prefix for the names of the files written (before a fresh UUID), to recognise them later.
    public let fileNamePrefix: String
    /// The most encoded bytes the open files may hold together before the largest is closed
    /// early (by default twice the target size, at least 64 MiB).
    public let memoryLimit: Int
    /// The files closed so far.
    public private(set) var files: [DataFile] = []
    /// The rows taken so far.
    public private(set) var rowCount: Int64 = 0

    let schema: IcebergSchema
    let spec: PartitionSpec
    let columnar: Schema
    let options: ParquetWriterOptions
    var open: [[Literal?]: OpenDataFile] = [:]
    var openOrder: [[Literal?]] = []
    var finished = false

    /// One data file being written.
    final class OpenDataFile {
        let sink: MemorySink
        let writer: ParquetWriter
        let folder: String
        /// Rows written to this file.
        var rows = 0
        /// `expectedSize` reserves the buffer up front (address space only until written), so a
        /// large file is not copied on every doubling of its buffer.
        init(schema: Schema, options: ParquetWriterOptions, folder: String, expectedSize: Int = 0) throws(IcebergError) {
            let sink = MemorySink(reservingCapacity: expectedSize)
            self.sink = sink
            do { writer = try ParquetWriter(schema: schema, options: options, sink: sink) } catch {
                throw IcebergError(.storage, "cannot start a Parquet data file: \(error.description)", context: folder)
            }
            self.folder = folder
        }
    }

    init(table: Table, targetFileSize: Int?, fileNamePrefix: String, memoryLimit: Int?) throws(IcebergError) {
        guard let schema = table.metadata.currentSchema, let spec = table.metadata.defaultSpec else {
            throw IcebergError(.invalidMetadata, "the table has no current schema or default partition spec", context: table.metadataLocation)
        }
        let properties = table.metadata.properties
        let target = targetFileSize ?? properties["write.target-file-size-bytes"].flatMap { Int($0) } ?? (512 << 20)
        guard target > 0 else {
            throw IcebergError(.invalidOperation, "the target file size must be positive, not \(target)", context: "write.target-file-size-bytes")
        }
        guard !fileNamePrefix.contains("/"), !fileNamePrefix.contains("..") else {
            throw IcebergError(.invalidOperation, "a data file name prefix must not contain '/' or '..'", context: fileNamePrefix)
        }
        self.table = table
        self.targetFileSize = target
        self.memoryLimit = memoryLimit ?? max(2 * target, 64 << 20)
        self.fileNamePrefix = fileNamePrefix
        self.schema = schema
        self.spec = spec
        self.columnar = try schema.columnarSchema()
        let rowGroup = properties["write.parquet.row-group-size-bytes"].flatMap { Int($0) } ?? min(128 << 20, target)
        let page = properties["write.parquet.page-size-bytes"].flatMap { Int($0) } ?? min(1 << 20, max(8 << 10, target / 8))
        self.options = ParquetWriterOptions(codec: table.dataFileCodec, rowGroupSize: max(1, rowGroup), pageSize: max(1, page))
    }

    /// The schema batches are written in (the table's current schema); batches are matched to it by column name.
    public var tableSchema: Schema { columnar }

    /// Encoded bytes held in memory for the files still open.
    /// The buffer reserved for an unpartitioned table's file: its target size, at most 64 MiB.
    var reservedFileSize: Int { min(targetFileSize, 64 << 20) }

    public var bufferedBytes: Int { open.values.reduce(0) { $0 + $1.sink.bytes.count + $1.writer.bufferedSize } }

    /// Encodes the rows of `batch`; its columns are matched to the table schema by name (missing
    /// optional columns become nulls) and must have the table's types.
    public mutating func write(_ batch: RecordBatch) throws(IcebergError) {
        guard !finished else { throw IcebergError(.invalidOperation, "the data file writer is finished or aborted") }
        guard batch.count > 0 else { return }
        let conformed = try table.conform(batch, to: columnar)
        if spec.isUnpartitioned {
            try write(conformed, partition: spec.fields.map { _ in nil })
        } else {
            for (tuple, rows) in try partitionRows(conformed) {
                try write(rows.count == conformed.count ? conformed : conformed.gather(rows), partition: tuple)
            }
        }
        rowCount += Int64(batch.count)
        while open.count > 1, bufferedBytes > memoryLimit,
              let largest = open.max(by: { $0.value.sink.bytes.count + $0.value.writer.bufferedSize < $1.value.sink.bytes.count + $1.value.writer.bufferedSize }) {
            try close(largest.key)
        }
    }

    /// Closes the open files and returns every file written, in the order they were closed.
    public mutating func finish() throws(IcebergError) -> [DataFile] {
        guard !finished else { throw IcebergError(.invalidOperation, "the data file writer is finished or aborted") }
        for tuple in openOrder { try close(tuple) }
        finished = true
        return files
    }

    /// Drops the open files and deletes every file already stored; the writer cannot be used again.
    public mutating func abort() {
        for file in files { if let key = table.store.key(of: file.filePath) { try? table.store.delete(key) } }
        files = []
        open = [:]
        openOrder = []
        finished = true
    }

    mutating func write(_ rows: RecordBatch, partition: [Literal?]) throws(IcebergError) {
        let file: OpenDataFile
        if let existing = open[partition] {
            file = existing
        } else {
            let folder = spec.isUnpartitioned ? "data"
                : "data/" + zip(spec.fields, partition).map { f, v in f.name + "=" + partitionText(v) }.joined(separator: "/")
            // Unpartitioned, one file is open at a time: reserve room for it.
            file = try OpenDataFile(schema: columnar, options: options, folder: folder, expectedSize: spec.isUnpartitioned ? reservedFileSize : 0)
            open[partition] = file
            openOrder.append(partition)
        }
        // Write in slices sized from the bytes per row so far, so a file rolls close to the target
        // even when one batch holds more rows than fit.
        var start = 0
        var current = file
        while start < rows.count {
            let size = current.sink.bytes.count + current.writer.bufferedSize
            let perRow = current.rows > 0 ? max(1, size / current.rows) : 64
            let step = min(rows.count - start, max(64, min(65_536, (targetFileSize - size) / perRow + 1)))
            do { try current.writer.write(rows.slice(start..<(start + step))) } catch {
                throw IcebergError(.storage, "cannot encode a Parquet data file: \(error.description)", context: current.folder)
            }
            current.rows += step
            start += step
            if current.sink.bytes.count + current.writer.bufferedSize >= targetFileSize {
                try close(partition)
                if start < rows.count {
                    current = try OpenDataFile(schema: columnar, options: options, folder: current.folder,
                                               expectedSize: spec.isUnpartitioned ? reservedFileSize : 0)
                    open[partition] = current
                    openOrder.append(partition)
                }
            }
        }
    }

    /// Closes the file of `partition`, stores it and records its description.
    mutating func close(_ partition: [Literal?]) throws(IcebergError) {
        guard let file = open.removeValue(forKey: partition) else { return }
        openOrder.removeAll { $0 == partition }
        let summary: ParquetFileSummary
        do { summary = try file.writer.close() } catch {
            throw IcebergError(.storage, "cannot encode a Parquet data file: \(error.description)", context: file.folder)
        }
        let key = table.prefix + file.folder + "/" + fileNamePrefix + freshUUID() + ".parquet"
        try table.store.write(key, file.sink.bytes, mode: .createOnly)
        files.append(table.describeDataFile(summary, key: key, size: file.sink.bytes.count, partition: partition, schema: schema))
    }

    /// The rows of `batch` grouped by partition tuple, groups in first-seen order.
    func partitionRows(_ batch: RecordBatch) throws(IcebergError) -> [([Literal?], [Int])] {
        let sources = spec.fields.map(\.sourceID)
        let sourceColumns = sources.map { id in columnar.fields.firstIndex { $0.id == Int32(id) } }
        let types = sources.map { schema.field(id: $0)?.type }
        var order: [[Literal?]] = []
        var groups: [[Literal?]: [Int]] = [:]
        for row in 0..<batch.count {
            var values: [Int: Literal] = [:]
            for (k, id) in sources.enumerated() {
                guard let c = sourceColumns[k], let type = types[k] else { continue }
                if let literal = Literal(batch.columns[c].value(at: row), type: type) { values[id] = literal }
            }
            let tuple = try spec.partition(of: values)
            if groups[tuple] == nil { order.append(tuple) }
            groups[tuple, default: []].append(row)
        }
        return order.map { ($0, groups[$0]!) }
    }
}

extension Table {
    /// A writer streaming batches into new data files of this table (nothing is committed).
    ///
    /// - Parameters:
    ///   - targetFileSize: the encoded size at which files roll; `nil` takes the table's
    ///     `write.target-file-size-bytes` property, else 512 MiB.
    ///   - fileNamePrefix: put before each file's UUID name (no `/`), e.g. to find a job's files later.
    ///   - memoryLimit: the encoded bytes open files may hold together (see ``DataFileWriter/memoryLimit``).
    public func dataFileWriter(targetFileSize: Int? = nil, fileNamePrefix: String = "", memoryLimit: Int? = nil) throws(IcebergError) -> DataFileWriter {
        try DataFileWriter(table: self, targetFileSize: targetFileSize, fileNamePrefix: fileNamePrefix, memoryLimit: memoryLimit)
    }
}
