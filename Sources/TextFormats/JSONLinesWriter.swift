import Columnar
import Foundation

/// Writes batches as JSON Lines: one object per row, keys in schema order, values per
/// ``ValueFormatter``'s conventions.
public struct JSONLinesWriter {
    /// The schema of the batches written.
    public let schema: Schema
    private var out: BufferedOutput
    private let keys: [[UInt8]]

    /// Writes to `output`, buffering up to `bufferSize` bytes.
    public init(output: any TextOutput, schema: Schema, bufferSize: Int = 1 << 20) {
        self.schema = schema
        self.out = BufferedOutput(output, capacity: bufferSize)
        keys = schema.fields.map { field in
            var key: [UInt8] = []
            ValueFormatter.appendJSONString(field.name, into: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
    }

    /// Writes to an open file handle (e.g. `FileHandle.standardOutput`).
    public init(fileHandle: FileHandle, schema: Schema) {
        self.init(output: FileOutput(fileHandle), schema: schema)
    }

    /// Writes every row of `batch`.
    public mutating func write(_ batch: RecordBatch) throws(TextFormatError) {
        try checkSchema(batch.schema, schema)
        for row in 0..<batch.count {
            out.buffer.append(UInt8(ascii: "{"))
            for (k, column) in batch.columns.enumerated() {
                if k > 0 { out.buffer.append(UInt8(ascii: ",")) }
                out.buffer.append(contentsOf: keys[k])
                ValueFormatter.appendJSON(column, row: row, into: &out.buffer)
            }
            out.buffer.append(contentsOf: "}\n".utf8)
            try out.flushIfFull()
        }
    }

    /// Flushes buffered output.
    public mutating func finish() throws(TextFormatError) { try out.flush() }
}

/// Fails when a batch's column names or types differ from the writer's schema.
func checkSchema(_ batch: Schema, _ expected: Schema) throws(TextFormatError) {
    guard batch.names == expected.names, batch.fields.map(\.type) == expected.fields.map(\.type) else {
        throw TextFormatError(.unsupported, "batch schema (\(batch.names.joined(separator: ", "))) differs from the writer's schema (\(expected.names.joined(separator: ", ")))")
    }
}
