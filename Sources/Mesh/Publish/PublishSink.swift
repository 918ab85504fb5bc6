import Columnar
import Iceberg

/// The writing side of a publish: converts checked batches to the table's types and streams
/// them into the data file writer.
///
/// A null in a column the table stores as required cannot be written; the sink then stops
/// writing (deleting what it wrote) and records the column, while the batches keep flowing
/// into the checks, whose required-column check rejects the publish with a full report.
struct PublishSink {
    let schema: PublishSchema
    var writer: DataFileWriter
    /// Rows received.
    private(set) var rows: Int64 = 0
    /// The first table-required column found holding a null, if any (writing stopped then).
    private(set) var requiredNulls: String?
    /// Locations of the data files closed so far.
    var writtenLocations: [String] { writer.files.map(\.filePath) }

    init(schema: PublishSchema, writer: DataFileWriter) {
        self.schema = schema
        self.writer = writer
    }

    /// Writes `batch` (in the read schema) unless writing has stopped.
    mutating func write(_ batch: RecordBatch, file: String, firstRow: Int64) throws(MeshError) {
        rows += Int64(batch.count)
        guard requiredNulls == nil else { return }
        let converted = try schema.tableBatch(batch, file: file, firstRow: firstRow)
        for (k, field) in converted.schema.fields.enumerated() where converted.columns[k].nullCount > 0 {
            if let target = schema.table.field(named: field.name), !target.nullable {
                requiredNulls = field.name
                writer.abort()
                return
            }
        }
        do { try writer.write(converted) } catch { throw PublishPipeline.meshError(error) }
    }
}
