import ArgumentParser
import Columnar
import Foundation
import Parquet

/// `mesh parquet cat FILE [--columns a,b] [--where EXPR] [--format jsonl|csv] [--limit N]`.
struct ParquetCatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print a Parquet file's rows as JSON lines, CSV or a table.",
        discussion: """
            JSON lines: one object per row, column name -> value; null is JSON null, timestamps \
            ISO-8601, dates YYYY-MM-DD, binary base64, decimals exact, lists as arrays. \
            Only the requested columns' bytes are read. \
            --where keeps the rows matching a filter such as \
            "amount >= 10 AND (country IN ('DE', 'FR') OR ts < TIMESTAMP '2026-01-01T00:00:00Z')" \
            (operators =, !=, <, <=, >, >=, IS [NOT] NULL, [NOT] IN, [NOT] BETWEEN, with AND, OR, \
            NOT and parentheses); row groups whose statistics rule it out are skipped unread. \
            --limit counts rows after filtering.
            """
    )

    @Argument(help: "The Parquet file.")
    var file: String

    @Option(help: "Comma-separated column names to print (default: all).")
    var columns: String?

    @Option(name: .customLong("where"), help: ArgumentHelp("Keep only rows matching this filter expression.", valueName: "expr"))
    var filter: String?

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
            let wanted = Formatting.list(columns)
            let predicate = try filter.map { text throws(ColumnarError) in try FilterPredicate.parse(text, schema: reader.schema) }
            // Read the filter's columns too, then drop those that were not asked for.
            var read = wanted
            if let wanted, let predicate {
                read = wanted + predicate.columns.subtracting(wanted).sorted()
            }
            var batches = try reader.batches(columns: read, where: predicate)
            var printer = RowPrinter(format: format, schema: try reader.projectedSchema(wanted))
            var remaining = limit ?? Int.max
            while remaining > 0, var batch = try batches.next() {
                if let predicate { batch = try batch.filter(predicate) }
                if let wanted, read != wanted { batch = try batch.project(wanted) }
                let part = batch.count > remaining ? batch.slice(0..<remaining) : batch
                try printer.write(part)
                remaining -= part.count
            }
            try printer.finish()
        }
    }
}
