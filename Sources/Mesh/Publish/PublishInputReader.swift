import Columnar
import Foundation
import Parquet
import TextFormats

/// Reads one publish input as batches in the contract's read schema, one batch at a time.
///
/// CSV and JSON Lines go through ``TextFormats/TextTableReader`` with the contract's types;
/// Parquet through ``Parquet/ParquetFileReader``, its columns matched by name and converted to
/// the contract's types (``ColumnCast``). Every problem is a ``MeshError`` of kind
/// ``MeshError/Kind/invalidInput`` whose context names the file, the line or row and the column.
struct PublishInputReader {
    /// The file's path.
    let path: String
    /// The file's format.
    let format: InputFormat
    /// The file's size in bytes.
    let size: Int64
    /// Rows returned so far.
    private(set) var rows: Int64 = 0
    private let schema: PublishSchema
    private var text: TextTableReader?
    private var parquet: ParquetBatchIterator?
    private var parquetRows: Int64 = 0
    /// Per read column: the Parquet column it comes from (`nil`: absent, read as nulls).
    private var parquetSources: [String?] = []
    /// Per read column: whether any row so far had a value (JSON Lines may omit keys).
    private var present: [Bool]

    /// Opens `input` for reading as `schema.read`.
    init(_ input: PublishInput, schema: PublishSchema, batchSize: Int) throws(MeshError) {
        path = input.path
        self.schema = schema
        present = Array(repeating: false, count: schema.read.fields.count)
        (format, size) = try Self.inspect(input)
        switch format {
        case .csv, .jsonl: try openText(batchSize: batchSize)
        case .parquet: try openParquet()
        }
    }

    /// The format and size of `input`, checked without reading it: a known format, an existing
    /// non-empty regular file.
    static func inspect(_ input: PublishInput) throws(MeshError) -> (format: InputFormat, size: Int64) {
        guard let format = input.format ?? InputFormat(path: input.path) else {
            throw MeshError(.invalidInput, "cannot tell the format of this file from its name; use .csv, .tsv, .jsonl, .ndjson or .parquet, or give the format",
                            context: input.path)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input.path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let attributes = try? FileManager.default.attributesOfItem(atPath: input.path),
              let size = (attributes[.size] as? NSNumber)?.int64Value else {
            throw MeshError(.invalidInput, "no such file", context: input.path)
        }
        guard size > 0 else { throw MeshError(.invalidInput, "the file is empty", context: input.path) }
        return (format, size)
    }

    /// Input bytes consumed so far (estimated from rows for Parquet).
    var bytesRead: Int64 {
        if let text { return text.bytesConsumed }
        guard parquetRows > 0 else { return size }
        return size * min(rows, parquetRows) / parquetRows
    }

    /// The next batch in the read schema, or `nil` at the end of the file.
    mutating func next() throws(MeshError) -> RecordBatch? {
        let batch: RecordBatch?
        if text != nil {
            do { batch = try text!.next() } catch { throw Self.textError(error, file: path) }
        } else {
            batch = try nextParquet()
        }
        guard let batch else {
            try checkRequiredPresent()
            return nil
        }
        for (k, column) in batch.columns.enumerated() where !present[k] && column.nullCount < column.count { present[k] = true }
        rows += Int64(batch.count)
        return batch
    }

    private mutating func openText(batchSize: Int) throws(MeshError) {
        let textFormat: TextFormat = format == .jsonl ? .jsonl : .csv
        var options = TextReadOptions()
        if path.lowercased().hasSuffix(".tsv") { options.csv.delimiter = UInt8(ascii: "\t") }
        options.allowEmpty = false
        options.batchSize = batchSize
        if textFormat == .csv {
            // The header names the columns: a required one absent from it is an error before any row is read.
            var probe = options
            probe.inference = .sample(rows: 1)
            let header: Schema
            do { header = try TextTableReader(path: path, format: textFormat, options: probe).schema } catch { throw Self.textError(error, file: path) }
            for name in schema.required.sorted() where header.index(of: name) == nil {
                throw MeshError(.invalidInput, "required column '\(name)' is missing from the header (columns: \(header.names.joined(separator: ", ")))",
                                context: "\(path), column '\(name)'")
            }
        }
        do {
            text = try TextTableReader(path: path, format: textFormat, schema: schema.read, options: options)
        } catch {
            throw Self.textError(error, file: path)
        }
    }

    private mutating func openParquet() throws(MeshError) {
        let reader: ParquetFileReader
        do { reader = try ParquetFileReader(path: path) } catch {
            throw MeshError(.invalidInput, "not a readable Parquet file: \(error.message)", context: path)
        }
        let names = reader.schema.names
        for name in names where schema.read.index(of: name) == nil {
            throw MeshError(.invalidInput,
                            "the file has column '\(name)', which the contract does not declare (contract columns: \(schema.read.names.joined(separator: ", ")))",
                            context: "\(path), column '\(name)'")
        }
        for name in schema.required.sorted() where !names.contains(name) {
            throw MeshError(.invalidInput, "required column '\(name)' is missing (file columns: \(names.joined(separator: ", ")))",
                            context: "\(path), column '\(name)'")
        }
        for field in schema.read.fields {
            if let source = reader.schema.field(named: field.name), !ColumnCast.canCast(source.type, to: field.type) {
                throw MeshError(.invalidInput,
                                "column '\(field.name)' is \(source.type.description) in the file but the contract declares \(field.type.description)",
                                context: "\(path), column '\(field.name)'")
            }
        }
        parquetSources = schema.read.fields.map { names.contains($0.name) ? $0.name : nil }
        parquetRows = reader.rowCount
        guard parquetRows > 0 else { throw MeshError(.invalidInput, "the file has no rows", context: path) }
        do { parquet = try reader.batches(columns: parquetSources.compactMap { $0 }) } catch {
            throw MeshError(.invalidInput, "cannot read the Parquet file: \(error.message)", context: path)
        }
    }

    private mutating func nextParquet() throws(MeshError) -> RecordBatch? {
        let raw: RecordBatch?
        do { raw = try parquet!.next() } catch {
            throw MeshError(.invalidInput, "cannot read the Parquet file: \(error.message)", context: path)
        }
        guard let raw else { return nil }
        var columns: [Column] = []
        for (field, source) in zip(schema.read.fields, parquetSources) {
            guard let source, let column = raw.column(named: source) else {
                var builder = ColumnBuilder(field)
                for _ in 0..<raw.count { try? builder.appendNull() }
                columns.append(builder.finish())
                continue
            }
            do { columns.append(try ColumnCast.cast(column, to: field.type)) } catch {
                throw Self.castError(error, file: path, firstRow: rows, column: field.name)
            }
        }
        return RecordBatch(unchecked: schema.read, columns: columns, count: raw.count)
    }

    /// JSON Lines may leave out keys: a required column no row of the file has is missing.
    private func checkRequiredPresent() throws(MeshError) {
        guard format == .jsonl else { return }
        for (k, field) in schema.read.fields.enumerated() where schema.required.contains(field.name) && !present[k] {
            throw MeshError(.invalidInput, "required column '\(field.name)' is missing: no row of the file has it",
                            context: "\(path), column '\(field.name)'")
        }
    }

    /// A text reader error as a one-line ``MeshError`` naming the file, line and column.
    static func textError(_ error: TextFormatError, file: String) -> MeshError {
        var context = error.file ?? file
        if let line = error.line { context += ", line \(line)" }
        if let column = error.column { context += ", column '\(column)'" }
        var message = error.message
        if error.kind == .unknownColumn, let column = error.column {
            message = "the file has \(error.line == nil ? "column" : "key") '\(column)', which the contract does not declare; remove it or add it to the contract"
        } else if error.kind == .emptyInput {
            message = message.replacingOccurrences(of: "the input", with: "the file")
        }
        if let offset = error.offset { message += " (byte \(offset))" }
        return MeshError(.invalidInput, message, context: context)
    }

    /// A failed conversion as a ``MeshError`` naming the file, the 1-based row and the column.
    static func castError(_ error: ColumnCast.Failure, file: String, firstRow: Int64, column: String) -> MeshError {
        var context = file
        if let row = error.row { context += ", row \(firstRow + Int64(row) + 1)" }
        context += ", column '\(column)'"
        let message = error.value.map { "value \($0) \(error.reason)" } ?? "column '\(column)' \(error.reason)"
        return MeshError(.invalidInput, message, context: context)
    }
}
