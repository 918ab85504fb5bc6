import ArgumentParser
import Columnar
import Foundation
import Iceberg

/// `mesh iceberg cat TABLE [--snapshot ID | --ref NAME | --as-of TIMESTAMP] [--columns a,b] [--where EXPR] [--format jsonl|csv]`.
struct IcebergCatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print an Iceberg table's rows (any snapshot) as JSON lines, CSV or a table.",
        discussion: """
            TABLE is a table directory or a metadata.json file. Without a version option the \
            current snapshot of main is printed. Same value conventions as `mesh parquet cat`. \
            --where keeps the rows matching a filter in the same language as `mesh parquet cat \
            --where`, over the columns of the version read (e.g. "amount >= 10 AND country IN \
            ('DE', 'FR')"); data files and row groups whose statistics rule it out are skipped \
            unread. --limit counts rows after filtering.
            """
    )

    @Argument(help: "The table directory or metadata.json file.")
    var table: String

    @Option(help: "Read this snapshot id.")
    var snapshot: Int64?

    @Option(help: "Read the snapshot this branch or tag points at.")
    var ref: String?

    @Option(name: .customLong("as-of"), help: "Read the snapshot current at this time (ISO-8601, e.g. 2026-01-01T00:00:00Z, or milliseconds since the epoch).")
    var asOf: String?

    @Option(help: "Comma-separated column names to print (default: all).")
    var columns: String?

    @Option(name: .customLong("where"), help: ArgumentHelp("Keep only rows matching this filter expression.", valueName: "expr"))
    var filter: String?

    @Option(help: "Output format.")
    var format: RowFormat = .jsonl

    @Option(help: "Stop after this many rows.")
    var limit: Int?

    func validate() throws {
        if [snapshot != nil, ref != nil, asOf != nil].filter({ $0 }).count > 1 {
            throw ValidationError("use at most one of --snapshot, --ref and --as-of")
        }
        if let limit, limit < 0 { throw ValidationError("--limit must be zero or more") }
        if let asOf, Self.milliseconds(asOf) == nil {
            throw ValidationError("--as-of must be an ISO-8601 time such as 2026-01-01T00:00:00Z or milliseconds since the epoch")
        }
    }

    static func milliseconds(_ text: String) -> Int64? {
        if let ms = Int64(text) { return ms }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = formatter.date(from: text) { return Int64((d.timeIntervalSince1970 * 1000).rounded(.down)) }
        formatter.formatOptions = [.withInternetDateTime]
        if let d = formatter.date(from: text) { return Int64((d.timeIntervalSince1970 * 1000).rounded(.down)) }
        return nil
    }

    func run() throws {
        try Console.reportingErrors {
            let table = try IcebergCommand.openTable(self.table)
            let version: TableScan.Version =
                if let snapshot { .snapshot(snapshot) } else if let ref { .ref(ref) } else if let asOf { .asOf(Self.milliseconds(asOf)!) } else { .current }
            let columns = Formatting.list(columns)
            var predicate: FilterPredicate? = nil
            if let filter {
                // Column names are those of the version read (time travel reads its own schema).
                let schema = try TableScan(table: table, version: version).outputSchema()
                predicate = try FilterPredicate.parse(filter, schema: schema)
            }
            let scan = try TableScan(table: table, version: version, columns: columns, filter: predicate)
            var batches = try scan.batches()
            var printer = RowPrinter(format: format, schema: batches.schema)
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
