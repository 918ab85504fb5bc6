import Columnar
import Foundation
import Testing
@testable import TextFormats

/// Reads `text` completely and returns the rows as values plus the schema.
func readAll(_ text: String, _ format: TextFormat = .csv, schema: Schema? = nil,
             options: TextReadOptions = TextReadOptions()) throws -> (schema: Schema, rows: [[Value]]) {
    try readAll(bytes: Array(text.utf8), format, schema: schema, options: options)
}

/// Reads `bytes` completely and returns the rows as values plus the schema.
func readAll(bytes: [UInt8], _ format: TextFormat = .csv, schema: Schema? = nil, name: String? = nil,
             options: TextReadOptions = TextReadOptions()) throws -> (schema: Schema, rows: [[Value]]) {
    var reader = try TextTableReader(bytes: bytes, name: name, format: format, schema: schema, options: options)
    var rows: [[Value]] = []
    while let batch = try reader.next() {
        #expect(batch.schema == reader.schema)
        for i in 0..<batch.count { rows.append(batch.row(i)) }
    }
    return (reader.schema, rows)
}

/// The error thrown by `body`, or nil.
func textError(_ body: () throws -> Void) -> TextFormatError? {
    do { try body() } catch let e as TextFormatError { return e } catch { return nil }
    return nil
}

/// Options with a tiny chunk size to force records across chunk boundaries.
func tinyChunks(_ size: Int, batchSize: Int = 3) -> TextReadOptions {
    var o = TextReadOptions()
    o.chunkSize = size
    o.batchSize = batchSize
    return o
}

/// Runs `body` against a buffer holding `text`'s UTF-8.
func withText<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    Array(text.utf8).withUnsafeBufferPointer(body)
}

/// Microseconds since the epoch for a UTC date-time.
func micros(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0, _ us: Int64 = 0) -> Int64 {
    Int64(ScalarParser.daysFromCivil(y, mo, d)) * 86_400_000_000 + Int64(h * 3600 + mi * 60 + s) * 1_000_000 + us
}
