import Columnar
import Codecs
import Parquet

extension Table {
    /// Writes `batches` as Parquet data files (one per partition value) and describes them.
    func writeDataFiles(_ batches: [RecordBatch]) throws(IcebergError) -> [DataFile] {
        guard let schema = metadata.currentSchema, let spec = metadata.defaultSpec else {
            throw IcebergError(.invalidMetadata, "the table has no current schema or default partition spec", context: metadataLocation)
        }
        let columnar = try schema.columnarSchema()
        var conformed: [RecordBatch] = []
        for batch in batches where batch.count > 0 { conformed.append(try conform(batch, to: columnar)) }
        if conformed.isEmpty { return [] }
        if spec.isUnpartitioned {
            return [try writeDataFile(conformed, schema: schema, columnar: columnar, partition: spec.fields.map { _ in nil }, folder: "data")]
        }
        // Split rows by partition tuple, keeping first-seen order.
        var order: [[Literal?]] = []
        var groups: [[Literal?]: RecordBatchBuilder] = [:]
        let sources = spec.fields.map(\.sourceID)
        for batch in conformed {
            let sourceColumns = sources.map { id in columnar.fields.firstIndex { $0.id == Int32(id) } }
            for row in 0..<batch.count {
                var values: [Int: Literal] = [:]
                for (k, id) in sources.enumerated() {
                    guard let c = sourceColumns[k], let type = schema.field(id: id)?.type else { continue }
                    if let lit = Literal(batch.columns[c].value(at: row), type: type) { values[id] = lit }
                }
                let tuple = try spec.partition(of: values)
                if groups[tuple] == nil {
                    order.append(tuple)
                    groups[tuple] = RecordBatchBuilder(schema: columnar)
                }
                do { try groups[tuple]!.append(row: batch.row(row)) } catch {
                    throw IcebergError(.typeMismatch, error.description, context: "row \(row)")
                }
            }
        }
        var files: [DataFile] = []
        for tuple in order {
            let batch = groups[tuple]!.finish()
            let folder = "data/" + zip(spec.fields, tuple).map { f, v in f.name + "=" + partitionText(v) }.joined(separator: "/")
            files.append(try writeDataFile([batch], schema: schema, columnar: columnar, partition: tuple, folder: folder))
        }
        return files
    }

    /// Reorders and checks `batch`'s columns against the table schema (matched by name).
    func conform(_ batch: RecordBatch, to columnar: Schema) throws(IcebergError) -> RecordBatch {
        for name in batch.schema.names where columnar.index(of: name) == nil {
            throw IcebergError(.invalidOperation, "column '\(name)' is not in the table schema (have: \(columnar.names.joined(separator: ", "))); evolve the schema first", context: name)
        }
        var columns: [Column] = []
        for field in columnar.fields {
            if let column = batch.column(named: field.name) {
                guard Self.sameShape(column.type, field.type) else {
                    throw IcebergError(.typeMismatch, "column '\(field.name)' is \(column.type) but the table stores \(field.type)", context: field.name)
                }
                if !field.nullable, column.nullCount > 0 {
                    throw IcebergError(.typeMismatch, "required column '\(field.name)' has \(column.nullCount) nulls", context: field.name)
                }
                if case .list(let element) = field.type, !element.nullable, case .list(_, let child) = column.values, child.nullCount > 0 {
                    throw IcebergError(.typeMismatch, "column '\(field.name)' has \(child.nullCount) null list elements but the table's elements are required", context: field.name)
                }
                // The table's type carries the list element's field id into the Parquet file.
                columns.append(column.type == field.type ? column : Column(type: field.type, values: column.values, validity: column.validity))
            } else {
                guard field.nullable else {
                    throw IcebergError(.invalidOperation, "required column '\(field.name)' is missing from the appended rows", context: field.name)
                }
                var builder = ColumnBuilder(field)
                for _ in 0..<batch.count { try? builder.appendNull() }
                columns.append(builder.finish())
            }
        }
        return RecordBatch(unchecked: columnar, columns: columns, count: batch.count)
    }

    /// Whether a batch column of type `given` can be stored as `stored`: the same type, where a
    /// list's element may differ in name, field id and nullability (checked on the values).
    static func sameShape(_ given: DataType, _ stored: DataType) -> Bool {
        if case .list(let a) = given, case .list(let b) = stored { return sameShape(a.type, b.type) }
        return given == stored
    }

    /// Writes one Parquet file and builds its manifest description from the writer's summary.
    func writeDataFile(_ batches: [RecordBatch], schema: IcebergSchema, columnar: Schema, partition: [Literal?], folder: String) throws(IcebergError) -> DataFile {
        let sink = MemorySink()
        let summary: ParquetFileSummary
        do {
            let writer = try ParquetWriter(schema: columnar, options: ParquetWriterOptions(codec: dataFileCodec), sink: sink)
            for b in batches { try writer.write(b) }
            summary = try writer.close()
        } catch {
            throw IcebergError(.storage, "cannot encode a Parquet data file: \(error.description)", context: folder)
        }
        let key = prefix + folder + "/" + freshUUID() + ".parquet"
        try store.write(key, sink.bytes, mode: .createOnly)
        return describeDataFile(summary, key: key, size: sink.bytes.count, partition: partition, schema: schema)
    }

    /// The Parquet codec data files are written with (`write.parquet.compression-codec`, zstd by default).
    var dataFileCodec: CompressionCodec {
        switch metadata.properties["write.parquet.compression-codec"]?.lowercased() {
        case "snappy": .snappy
        case "gzip": .gzip
        case "uncompressed", "none": .uncompressed
        default: .zstd
        }
    }

    /// The manifest description of a data file written at `key`, with the metrics of its writer's summary.
    func describeDataFile(_ summary: ParquetFileSummary, key: String, size: Int, partition: [Literal?], schema: IcebergSchema) -> DataFile {
        var sizes: [Int: Int64] = [:], values: [Int: Int64] = [:], nulls: [Int: Int64] = [:]
        var lower: [Int: [UInt8]] = [:], upper: [Int: [UInt8]] = [:]
        let topLevel = Set(schema.fields.map(\.id))
        for column in summary.columns {
            guard let id32 = column.fieldId else { continue }
            let id = Int(id32)
            sizes[id] = column.compressedSize
            values[id] = column.valueCount
            nulls[id] = column.nullCount
            guard topLevel.contains(id), let type = schema.field(id: id)?.type, type.isPrimitive else { continue }
            if let v = column.min, let lit = Literal(v, type: type) { lower[id] = lit.binary }
            if let v = column.max, let lit = Literal(v, type: type) { upper[id] = lit.binary }
        }
        return DataFile(filePath: store.location(of: key), partition: partition, recordCount: summary.rowCount,
                        fileSizeInBytes: Int64(size), columnSizes: sizes, valueCounts: values, nullValueCounts: nulls,
                        lowerBounds: lower, upperBounds: upper)
    }
}

/// A partition value as it appears in a data folder name (`null` for nulls).
func partitionText(_ value: Literal?) -> String {
    guard let value else { return "null" }
    let text: String = switch value {
    case .string(let s): s
    default: value.description
    }
    var out = ""
    for b in text.utf8 {
        let c = Character(Unicode.Scalar(b))
        if c.isLetter && b < 128 || c.isNumber && b < 128 || "-_.".contains(c) { out.append(c) } else { out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2) }
    }
    return out
}

extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
