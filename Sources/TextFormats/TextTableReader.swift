import Columnar
import Foundation

/// Reads CSV or JSON Lines as a stream of ``RecordBatch``es with bounded memory.
///
/// The input is read in chunks of ``TextReadOptions/chunkSize`` bytes and rows are grouped
/// into batches of at most ``TextReadOptions/batchSize`` rows, so memory is bounded by one
/// chunk, the longest record and one batch, never by the file. With a `schema`, values are
/// coerced to its types and columns are matched by name; without one, the schema is inferred
/// from the first rows (see ``SchemaInference``).
///
/// ```swift
/// var reader = try TextTableReader(path: "data.csv", schema: contractSchema)
/// while let batch = try reader.next() { try parquet.write(batch) }
/// ```
public struct TextTableReader {
    /// The schema of the batches: the given schema or the inferred one.
    public let schema: Schema
    /// The input format.
    public let format: TextFormat
    /// Whether the input had no content at all (no header and no rows); then ``next()``
    /// returns `nil` at once. Check this or ``rowsRead`` when empty input should be an error,
    /// or set ``TextReadOptions/allowEmpty`` to `false`.
    public let inputIsEmpty: Bool
    private let engine: any RowEngine
    private let batchSize: Int
    private let allowEmpty: Bool
    private let file: String?
    /// The number of rows returned so far.
    public private(set) var rowsRead = 0

    /// Opens the file at `path`; the format defaults to the one implied by the extension.
    public init(path: String, format: TextFormat? = nil, schema: Schema? = nil, options: TextReadOptions = TextReadOptions()) throws(TextFormatError) {
        guard let resolved = format ?? TextFormat.detect(path: path) else {
            throw TextFormatError(.unsupported, "cannot tell the format of '\(path)' from its extension; pass the format (csv or jsonl)", file: path)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TextFormatError(.io, "cannot open '\(path)' for reading", file: path)
        }
        var options = options
        if format == nil, resolved == .csv, path.lowercased().hasSuffix(".tsv") { options.csv.delimiter = UInt8(ascii: "\t") }
        try self.init(source: .file(handle, closeWhenDone: true), name: path, format: resolved, schema: schema, options: options)
    }

    /// Reads from an open file handle (a file, or a pipe such as stdin) from its current offset.
    public init(fileHandle: FileHandle, name: String? = nil, format: TextFormat, schema: Schema? = nil, options: TextReadOptions = TextReadOptions()) throws(TextFormatError) {
        try self.init(source: .file(fileHandle, closeWhenDone: false), name: name, format: format, schema: schema, options: options)
    }

    /// Reads in-memory bytes.
    public init(bytes: [UInt8], name: String? = nil, format: TextFormat, schema: Schema? = nil, options: TextReadOptions = TextReadOptions()) throws(TextFormatError) {
        try self.init(source: .memory(bytes), name: name, format: format, schema: schema, options: options)
    }

    /// Reads in-memory text.
    public init(string: String, name: String? = nil, format: TextFormat, schema: Schema? = nil, options: TextReadOptions = TextReadOptions()) throws(TextFormatError) {
        try self.init(bytes: Array(string.utf8), name: name, format: format, schema: schema, options: options)
    }

    private init(source: ChunkedInput.Source, name: String?, format: TextFormat, schema: Schema?, options: TextReadOptions) throws(TextFormatError) {
        let input = ChunkedInput(source: source, chunkSize: options.chunkSize, progress: options.progress)
        let engine: any RowEngine
        switch format {
        case .csv: engine = try CSVEngine(input: input, file: name, schema: schema, options: options)
        case .jsonl: engine = try JSONLEngine(input: input, file: name, schema: schema, options: options)
        }
        self.engine = engine
        self.schema = engine.schema
        self.format = format
        self.inputIsEmpty = engine.inputIsEmpty
        self.batchSize = max(1, options.batchSize)
        self.allowEmpty = options.allowEmpty
        self.file = name
    }

    /// The next batch of up to ``TextReadOptions/batchSize`` rows, or `nil` at the end.
    public mutating func next() throws(TextFormatError) -> RecordBatch? {
        let batch = try engine.nextBatch(maxRows: batchSize)
        guard let batch, batch.count > 0 else {
            if rowsRead == 0 && !allowEmpty {
                throw TextFormatError(.emptyInput, inputIsEmpty ? "the input is empty" : "the input has a header but no rows", file: file)
            }
            return nil
        }
        rowsRead += batch.count
        return batch
    }

    /// Every remaining batch (for small inputs and tests).
    public mutating func readAll() throws(TextFormatError) -> [RecordBatch] {
        var batches: [RecordBatch] = []
        while let batch = try next() { batches.append(batch) }
        return batches
    }

    /// Input bytes consumed so far.
    public var bytesConsumed: Int64 { engine.input.consumed }
    /// The input size when known (files and memory; not pipes).
    public var totalBytes: Int64? { engine.input.totalBytes }
}

/// A format-specific row producer.
protocol RowEngine: AnyObject {
    var schema: Schema { get }
    var inputIsEmpty: Bool { get }
    var input: ChunkedInput { get }
    func nextBatch(maxRows: Int) throws(TextFormatError) -> RecordBatch?
}

/// How input columns map onto the output schema.
struct ColumnMapping {
    /// For each input column, the schema field index, or -1 to skip it.
    var targets: [Int]
    /// Schema fields absent from the input (filled with nulls).
    var absent: [Int]

    /// Matches `names` (input columns) against `schema` by name.
    init(names: [String], schema: Schema, ignoreExtra: Bool, file: String?, what: String) throws(TextFormatError) {
        var index: [String: Int] = [:]
        for (k, f) in schema.fields.enumerated() { index[f.name] = k }
        var present = [Bool](repeating: false, count: schema.fields.count)
        targets = []
        for name in names {
            if let k = index[name] {
                targets.append(k)
                present[k] = true
            } else if ignoreExtra {
                targets.append(-1)
            } else {
                throw TextFormatError(.unknownColumn,
                    "the input has \(what) '\(name)' that the schema does not have (schema columns: \(schema.names.joined(separator: ", "))); remove it or allow extra columns",
                    file: file, column: name)
            }
        }
        absent = []
        for (k, f) in schema.fields.enumerated() where !present[k] {
            guard f.nullable else {
                throw TextFormatError(.missingColumn, "required column '\(f.name)' is missing from the input", file: file, column: f.name)
            }
            absent.append(k)
        }
    }
}
