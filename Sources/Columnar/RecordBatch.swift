/// A table chunk: a ``Schema`` and one ``Column`` per field, all of the same length.
///
/// This is the unit the platform passes around: Parquet reads and writes it, quality checks
/// and joins scan it, exports print it. Columns are immutable and slicing is O(1).
public struct RecordBatch: Sendable, Equatable {
    /// The schema; `schema.fields[i]` describes `columns[i]`.
    public let schema: Schema
    /// The columns in schema order.
    public let columns: [Column]
    /// The number of rows.
    public let count: Int

    /// Creates a batch, checking that column count, lengths and types agree with `schema`.
    public init(schema: Schema, columns: [Column]) throws(ColumnarError) {
        guard schema.fields.count == columns.count else {
            throw ColumnarError(.lengthMismatch, "schema has \(schema.fields.count) fields but \(columns.count) columns were given")
        }
        let n = columns.first?.count ?? 0
        for (field, column) in zip(schema.fields, columns) {
            guard column.count == n else {
                throw ColumnarError(.lengthMismatch, "column '\(field.name)' has \(column.count) rows, expected \(n)")
            }
            guard column.type == field.type else {
                throw ColumnarError(.typeMismatch, "column '\(field.name)' is \(column.type) but the schema says \(field.type)")
            }
            if !field.nullable && column.nullCount > 0 {
                throw ColumnarError(.nullInRequiredColumn, "column '\(field.name)' is required but has \(column.nullCount) null(s)")
            }
        }
        self.schema = schema
        self.columns = columns
        self.count = n
    }

    /// An empty batch with `schema`.
    public static func empty(_ schema: Schema) -> RecordBatch {
        var builder = RecordBatchBuilder(schema: schema)
        return builder.finish()
    }

    /// The column called `name`, if any.
    public func column(named name: String) -> Column? { schema.index(of: name).map { columns[$0] } }

    /// An O(1) view of rows `range`.
    public func slice(_ range: Range<Int>) -> RecordBatch {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "slice \(range) out of 0..<\(count)")
        return RecordBatch(unchecked: schema, columns: columns.map { $0.slice(range) }, count: range.count)
    }

    /// A batch with only the named columns, in the order given.
    public func project(_ names: [String]) throws(ColumnarError) -> RecordBatch {
        var fields: [Field] = []
        var cols: [Column] = []
        for name in names {
            guard let i = schema.index(of: name) else {
                throw ColumnarError(.unknownColumn, "unknown column '\(name)' (have: \(schema.names.joined(separator: ", ")))")
            }
            fields.append(schema.fields[i])
            cols.append(columns[i])
        }
        return RecordBatch(unchecked: Schema(fields, metadata: schema.metadata), columns: cols, count: count)
    }

    /// Row `i` as values in column order (slow path).
    public func row(_ i: Int) -> [Value] { columns.map { $0.value(at: i) } }

    /// Builds a batch without validation; callers guarantee the invariants.
    public init(unchecked schema: Schema, columns: [Column], count: Int) {
        self.schema = schema
        self.columns = columns
        self.count = count
    }

    /// Concatenates batches of the same schema into one (copies).
    public static func concatenate(_ batches: [RecordBatch], schema: Schema) throws(ColumnarError) -> RecordBatch {
        var builder = RecordBatchBuilder(schema: schema)
        for batch in batches {
            guard batch.schema.fields.map(\.type) == schema.fields.map(\.type) else {
                throw ColumnarError(.typeMismatch, "cannot concatenate batches with different column types")
            }
            for (i, column) in batch.columns.enumerated() { builder.columns[i].append(contentsOf: column) }
        }
        return builder.finish()
    }
}
