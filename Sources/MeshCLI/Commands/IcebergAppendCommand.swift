import ArgumentParser
import Columnar
import Foundation
import Iceberg

/// `mesh iceberg append TABLE_DIR FILE... [--format csv|jsonl|parquet] [--branch NAME]`.
struct IcebergAppendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append the rows of CSV, JSON-lines or Parquet files to an Iceberg table as one snapshot.",
        discussion: """
            TABLE_DIR is a table directory committed by mesh (it holds metadata/commit-*.pointer \
            files). Input columns are matched to the table's current schema by name and \
            converted to its types (text is parsed as `mesh parquet convert --schema` does; \
            Parquet int32, float and timestamp columns are widened exactly); optional columns \
            an input lacks are null. All files are committed atomically as one snapshot: when \
            another writer commits first the append is retried on the new state; on any error \
            the table is unchanged. The inputs' rows are held in memory until written.
            """
    )

    @Argument(help: "The table directory.")
    var table: String

    @Argument(help: "Input files (.csv, .tsv, .jsonl, .ndjson or .parquet).")
    var files: [String]

    @Option(help: "Input format when the extension does not say: csv, jsonl or parquet.")
    var format: InputFormat?

    @Option(help: "Commit to this branch instead of main.")
    var branch: String = "main"

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one input file") }
    }

    func run() throws {
        try Console.reportingErrors {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: self.table, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandError("\(self.table) is not a table directory")
            }
            let store = try LocalFileStore(root: URL(fileURLWithPath: self.table).standardizedFileURL.path)
            var table: Table
            do {
                table = try Table.load(store: store)
            } catch let error as IcebergError where error.kind == .notFound {
                throw CommandError("\(self.table) is not an Iceberg table committed by mesh (no metadata/commit-*.pointer); appends need one")
            }
            guard let schema = try table.metadata.currentSchema?.columnarSchema() else {
                throw CommandError("\(self.table) has no current schema")
            }
            var batches: [RecordBatch] = []
            for file in files {
                batches += try TableInput(path: file, format: format, schema: schema).batches()
            }
            let snapshot = try table.append(batches, branch: branch)
            let rows = batches.reduce(0) { $0 + $1.count }
            Console.line("appended \(rows) rows from \(files.count) file\(files.count == 1 ? "" : "s") as snapshot \(snapshot.snapshotID) (sequence \(snapshot.sequenceNumber)) on \(branch)")
        }
    }
}
