import ArgumentParser
import Foundation
import Parquet

/// `mesh parquet cat FILE [--columns a,b] [--format jsonl|csv] [--limit N]`.
struct ParquetCatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print a Parquet file's rows as JSON lines, CSV or a table.",
        discussion: """
            JSON lines: one object per row, column name -> value; null is JSON null, timestamps \
            ISO-8601, dates YYYY-MM-DD, binary base64, decimals exact, lists as arrays. \
            Only the requested columns' bytes are read.
            """
    )

    @Argument(help: "The Parquet file.")
    var file: String

    @Option(help: "Comma-separated column names to print (default: all).")
    var columns: String?

    @Option(help: "Output format.")
    var format: RowFormat = .jsonl

    @Option(help: "Stop after this many rows.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be zero or more") }
    }

    func run() throws {
        try Console.reportingErrors {
            let reader = try ParquetFileReader(path: file)
            var batches = try reader.batches(columns: Formatting.list(columns))
            var printer = RowPrinter(format: format, schema: try reader.projectedSchema(Formatting.list(columns)))
            var remaining = limit ?? Int.max
            while remaining > 0, let batch = try batches.next() {
                let part = batch.count > remaining ? batch.slice(0..<remaining) : batch
                try printer.write(part)
                remaining -= part.count
            }
            try printer.finish()
        }
    }
}
