import ArgumentParser
import Parquet

/// `mesh parquet inspect FILE [--json]`.
struct ParquetInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a Parquet file's schema, row groups, encodings, codecs and statistics."
    )

    @Argument(help: "The Parquet file.")
    var file: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        try Console.reportingErrors {
            let inspection = try ParquetFileReader(path: file).inspect()
            Console.line(json ? inspection.json.rendered() : inspection.text)
        }
    }
}
