import Columnar
import Foundation
import Parquet
import TextFormats

/// Reads an input file (CSV, JSON lines or Parquet) as batches in a table's schema, for
/// `mesh iceberg append`.
///
/// Columns are matched by name. CSV and JSON lines are parsed straight into the table's types
/// (``TextTableReader``'s coercion rules). Parquet columns of the table's type are kept as they
/// are; int32 → int64, float → double and coarser → finer timestamp units are widened exactly;
/// anything else is an error naming the column. Columns the input lacks are left out (the
/// append fills optional ones with nulls); a column the table lacks is an error.
struct TableInput {
    /// The input file.
    let path: String
    /// Its format, or nil to tell by the extension.
    let format: InputFormat?
    /// The table's current schema.
    let schema: Schema

    /// Every batch of the file, in the table's types.
    func batches() throws -> [RecordBatch] {
        var out: [RecordBatch] = []
        switch try resolvedFormat() {
        case .parquet:
            let reader = try ParquetFileReader(path: path)
            for field in reader.schema.fields where schema.field(named: field.name) == nil {
                throw CommandError("\(path): column '\(field.name)' is not in the table schema (have: \(schema.names.joined(separator: ", "))); evolve the schema first")
            }
            var it = try reader.batches()
            while let batch = try it.next() { out.append(try coerce(batch)) }
        case .csv, .jsonl:
            let text: TextFormat = try resolvedFormat() == .csv ? .csv : .jsonl
            var reader = try TextTableReader(path: path, format: text, schema: schema)
            while let batch = try reader.next() { out.append(batch) }
        }
        return out
    }

    private func resolvedFormat() throws -> InputFormat {
        if let format { return format }
        let lower = path.lowercased()
        if lower.hasSuffix(".parquet") || lower.hasSuffix(".parq") { return .parquet }
        switch TextFormat.detect(path: path) {
        case .csv?: return .csv
        case .jsonl?: return .jsonl
        case nil: throw CommandError("cannot tell the format of '\(path)' from its extension; pass --format csv|jsonl|parquet")
        }
    }

    /// `batch` with each column widened to the table's type where that is exact.
    func coerce(_ batch: RecordBatch) throws -> RecordBatch {
        var fields: [Field] = []
        var columns: [Column] = []
        for (field, column) in zip(batch.schema.fields, batch.columns) {
            guard let target = schema.field(named: field.name) else { continue }
            fields.append(target)
            columns.append(try widen(column, to: target))
        }
        return RecordBatch(unchecked: Schema(fields), columns: columns, count: batch.count)
    }

    private func widen(_ column: Column, to field: Field) throws -> Column {
        if column.type == field.type { return column }
        switch (column.values, column.type, field.type) {
        case (.int32(let b), .int32, .int64):
            return Column(type: field.type, values: .int64(Buffer(b.withUnsafeBufferPointer { $0.map(Int64.init) })), validity: column.validity)
        case (.float(let b), .float, .double):
            return Column(type: field.type, values: .double(Buffer(b.withUnsafeBufferPointer { $0.map(Double.init) })), validity: column.validity)
        case (.int64(let b), .timestamp(let from, let fromUTC), .timestamp(let to, let toUTC))
            where fromUTC == toUTC && from.perSecond <= to.perSecond:
            let factor = to.perSecond / from.perSecond
            var overflow = false
            let widened = b.withUnsafeBufferPointer { p in
                p.map { x -> Int64 in
                    let r = x.multipliedReportingOverflow(by: factor)
                    if r.overflow { overflow = true }
                    return r.partialValue
                }
            }
            if overflow { throw CommandError("\(path): column '\(field.name)' has a timestamp outside the range of \(field.type)") }
            return Column(type: field.type, values: .int64(Buffer(widened)), validity: column.validity)
        default:
            throw CommandError("\(path): column '\(field.name)' is \(column.type) but the table stores \(field.type); convert it first")
        }
    }
}
