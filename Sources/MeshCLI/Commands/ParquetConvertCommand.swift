import ArgumentParser
import Codecs
import Foundation
import Parquet
import TextFormats

/// `mesh parquet convert INPUT OUTPUT.parquet [--codec ...] [--schema SCHEMA]`.
struct ParquetConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a CSV, JSON-lines or Parquet file to Parquet.",
        discussion: """
            Types are inferred from the input when no schema is given. SCHEMA is either inline \
            text such as "id:int64!, name:string, amount:decimal(10,2), ts:timestamp[us,utc], \
            tags:list<string>" (! = required) or the path of a JSON schema file \
            ({"fields":[{"name":..,"type":..,"nullable":..}]}). The output appears only when \
            the conversion succeeded: nothing is left behind on error.
            """
    )

    @Argument(help: "Input file (.csv, .tsv, .jsonl, .ndjson or .parquet).")
    var input: String

    @Argument(help: "Output Parquet file.")
    var output: String

    @Option(help: "Compression codec: snappy, gzip, zstd or none.")
    var codec: CodecName = .snappy

    @Option(help: "Column types, inline or a JSON schema file (default: inferred).")
    var schema: String?

    @Option(help: "Input format when the extension does not say: csv, jsonl or parquet.")
    var format: InputFormat?

    @Option(help: "Target row group size in bytes.")
    var rowGroupSize: Int = 128 << 20

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        guard rowGroupSize > 0 else { throw ValidationError("--row-group-size must be positive") }
    }

    func run() throws {
        try Console.reportingErrors {
            let summary = try ParquetConversion(
                input: input, output: output, format: format, schemaText: schema,
                options: ParquetWriterOptions(codec: codec.codec, rowGroupSize: rowGroupSize)
            ).run()
            if json {
                Console.line(summary.json.rendered())
            } else {
                Console.line("wrote \(output): \(Formatting.count(summary.rowCount)) rows, \(summary.rowGroupCount) row group(s), \(Formatting.bytes(summary.fileSize)), \(codec.rawValue)")
                for f in summary.schema.fields {
                    Console.line("  \(f.name): \(f.type)\(f.nullable ? "" : " not null")\(f.id.map { " (field id \($0))" } ?? "")")
                }
            }
        }
    }
}

/// Codec names as typed on the command line.
enum CodecName: String, ExpressibleByArgument, CaseIterable {
    case snappy, gzip, zstd, none
    var codec: CompressionCodec {
        switch self {
        case .snappy: .snappy
        case .gzip: .gzip
        case .zstd: .zstd
        case .none: .uncompressed
        }
    }
}

/// Input formats a command can read.
enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, jsonl, parquet
}
