import Columnar
import Crypto
import Foundation

/// A SHA-256 over a canonical encoding of a table, so a rebuilt training set can be compared
/// bit for bit with the original regardless of batch boundaries, batch order or file layout.
///
/// The encoding: a version line; the field count; each field's name, type and nullability;
/// then per part (a split, or the single table) its name and row count followed by its rows
/// sorted by their encoded bytes. A row is its values in column order, each a presence byte
/// (`0` null, `1` value) followed by a fixed-width big-endian payload (integers, dates and
/// timestamps; floats by their bit pattern with one canonical NaN; decimals as 16 bytes;
/// fixed-width bytes as they are) or a length-prefixed one (strings, binaries, lists).
public enum ContentHash {
    /// The version tag at the start of the encoding; changes whenever the encoding does.
    public static let version = "meshwork-content-hash-v1"

    /// The hex SHA-256 of `batches` (rows of `schema`) as one unnamed part.
    public static func compute(schema: Schema, batches: [RecordBatch]) throws(TrainingError) -> String {
        try compute(schema: schema, parts: [("", batches)])
    }

    /// The hex SHA-256 of a split training set (splits in their order, each canonically sorted).
    public static func compute(_ output: SplitOutput) throws(TrainingError) -> String {
        try compute(schema: output.schema, parts: output.splits.map { ($0.name, $0.batches) })
    }

    static func compute(schema: Schema, parts: [(String, [RecordBatch])]) throws(TrainingError) -> String {
        var hasher = SHA256()
        var header: [UInt8] = []
        appendString(version, to: &header)
        appendInt(UInt64(schema.fields.count), to: &header)
        for field in schema.fields {
            appendString(field.name, to: &header)
            appendString(field.type.description, to: &header)
            header.append(field.nullable ? 1 : 0)
        }
        hasher.update(data: header)
        for (name, batches) in parts {
            for (b, batch) in batches.enumerated() where batch.schema.fields.map(\.type) != schema.fields.map(\.type) {
                throw TrainingError(.schema, "batch \(b) of part '\(name)' does not have the schema's column types")
            }
            var rows = RowEncoding()
            for batch in batches { rows.append(batch) }
            var partHeader: [UInt8] = []
            appendString(name, to: &partHeader)
            appendInt(UInt64(rows.count), to: &partHeader)
            hasher.update(data: partHeader)
            rows.hashSorted(into: &hasher)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func appendInt(_ v: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.bigEndian) { out.append(contentsOf: $0) }
    }

    static func appendString(_ s: String, to out: inout [UInt8]) {
        appendInt(UInt64(s.utf8.count), to: &out)
        out.append(contentsOf: s.utf8)
    }
}
