import Columnar
import Foundation
import Parquet
import TextFormats

/// Streams an input file into a new Parquet file, atomically: the rows go to a temporary
/// file beside the output, which is renamed into place only after the footer is written.
struct ParquetConversion {
    let input: String
    let output: String
    let format: InputFormat?
    let schemaText: String?
    let options: ParquetWriterOptions

    /// Runs the conversion and returns the written file's summary.
    func run() throws -> ParquetFileSummary {
        let resolved = try resolvedFormat()
        let temporary = URL(fileURLWithPath: output).deletingLastPathComponent()
            .appendingPathComponent(".\(URL(fileURLWithPath: output).lastPathComponent).\(UUID().uuidString).tmp").path
        do {
            let summary = try write(format: resolved, to: temporary)
            if FileManager.default.fileExists(atPath: output) { try FileManager.default.removeItem(atPath: output) }
            try FileManager.default.moveItem(atPath: temporary, toPath: output)
            return summary
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    private func resolvedFormat() throws -> InputFormat {
        if let format { return format }
        if input.lowercased().hasSuffix(".parquet") || input.lowercased().hasSuffix(".parq") { return .parquet }
        switch TextFormat.detect(path: input) {
        case .csv?: return .csv
        case .jsonl?: return .jsonl
        case nil:
            throw CommandError("cannot tell the format of '\(input)' from its extension; pass --format csv|jsonl|parquet")
        }
    }

    private func explicitSchema() throws -> Schema? {
        guard let schemaText else { return nil }
        if FileManager.default.fileExists(atPath: schemaText) { return try SchemaSpec.parse(fileAt: schemaText) }
        return try SchemaSpec.parse(schemaText)
    }

    private func write(format: InputFormat, to path: String) throws -> ParquetFileSummary {
        switch format {
        case .parquet:
            let reader = try ParquetFileReader(path: input)
            var batches = try reader.batches()
            let writer = try ParquetWriter(schema: reader.schema, options: options, sink: FileSink(path: path))
            while let batch = try batches.next() { try writer.write(batch) }
            return try writer.close()
        case .csv, .jsonl:
            var reader = try TextTableReader(path: input, format: format == .csv ? .csv : .jsonl, schema: try explicitSchema())
            let writer = try ParquetWriter(schema: reader.schema, options: options, sink: FileSink(path: path))
            var progress = ProgressBar(total: reader.totalBytes, label: "converting")
            while let batch = try reader.next() {
                try writer.write(batch)
                progress.update(reader.bytesConsumed)
            }
            progress.finish()
            return try writer.close()
        }
    }
}

extension ParquetFileSummary {
    /// The `--json` form of a conversion summary.
    var json: JSON {
        .object([
            ("rows", .int(rowCount)), ("row_groups", .int(Int64(rowGroupCount))), ("file_size", .int(fileSize)),
            ("schema", .array(schema.fields.map { f in
                .object([("name", .string(f.name)), ("type", .string(f.type.description)),
                         ("nullable", .bool(f.nullable)), ("field_id", .optional(f.id))])
            })),
        ])
    }
}
