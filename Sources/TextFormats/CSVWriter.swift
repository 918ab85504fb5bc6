import Columnar
import Foundation

/// Writes batches as CSV: a header row, then one record per row. Fields are quoted (RFC 4180,
/// inner quotes doubled) when they contain the delimiter, a quote, CR or LF, or have
/// leading/trailing spaces; string values that are empty or equal one of the reader's
/// default null tokens are quoted too, so that they read back as strings, not nulls. Nulls
/// are empty unquoted fields. Value texts follow ``ValueFormatter`` (lists as JSON arrays).
public struct CSVWriter {
    /// The schema of the batches written.
    public let schema: Schema
    private var out: BufferedOutput
    private let delimiter: UInt8
    private let writeHeader: Bool
    private var wroteHeader = false
    private var cell: [UInt8] = []
    private let nullTokens = NullTokens(CSVReadOptions().nullValues)

    /// Writes to `output` with `delimiter` (default `,`), with a header row unless `header` is false.
    public init(output: any TextOutput, schema: Schema, delimiter: UInt8 = UInt8(ascii: ","), header: Bool = true, bufferSize: Int = 1 << 20) {
        self.schema = schema
        self.out = BufferedOutput(output, capacity: bufferSize)
        self.delimiter = delimiter
        self.writeHeader = header
    }

    /// Writes to an open file handle (e.g. `FileHandle.standardOutput`).
    public init(fileHandle: FileHandle, schema: Schema, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.init(output: FileOutput(fileHandle), schema: schema, delimiter: delimiter)
    }

    private mutating func header() {
        guard writeHeader, !wroteHeader else { return }
        wroteHeader = true
        for (k, field) in schema.fields.enumerated() {
            if k > 0 { out.buffer.append(delimiter) }
            appendField(Array(field.name.utf8), isString: true)
        }
        out.buffer.append(UInt8(ascii: "\n"))
    }

    private mutating func appendField(_ text: [UInt8], isString: Bool) {
        var needsQuotes = isString && text.withUnsafeBufferPointer { nullTokens.matches($0) }
        if let first = text.first, let last = text.last, first == 0x20 || last == 0x20 { needsQuotes = true }
        if !needsQuotes {
            for c in text where c == delimiter || c == UInt8(ascii: "\"") || c == 0x0A || c == 0x0D { needsQuotes = true; break }
        }
        guard needsQuotes else { out.buffer.append(contentsOf: text); return }
        out.buffer.append(UInt8(ascii: "\""))
        for c in text {
            if c == UInt8(ascii: "\"") { out.buffer.append(c) }
            out.buffer.append(c)
        }
        out.buffer.append(UInt8(ascii: "\""))
    }

    /// Writes every row of `batch`.
    public mutating func write(_ batch: RecordBatch) throws(TextFormatError) {
        try checkSchema(batch.schema, schema)
        header()
        for row in 0..<batch.count {
            for (k, column) in batch.columns.enumerated() {
                if k > 0 { out.buffer.append(delimiter) }
                if column.isNull(row) { continue }
                cell.removeAll(keepingCapacity: true)
                ValueFormatter.appendText(column, row: row, into: &cell)
                if case .string = column.type {
                    appendField(cell, isString: true)
                } else {
                    appendField(cell, isString: false)
                }
            }
            out.buffer.append(UInt8(ascii: "\n"))
            try out.flushIfFull()
        }
    }

    /// Writes the header if no batch was written, then flushes buffered output.
    public mutating func finish() throws(TextFormatError) {
        header()
        try out.flush()
    }
}
