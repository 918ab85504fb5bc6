import ArgumentParser

/// `mesh parquet`: look inside, print and create Parquet files.
struct ParquetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet",
        abstract: "Inspect, print and create Parquet files.",
        subcommands: [ParquetInspectCommand.self, ParquetCatCommand.self, ParquetConvertCommand.self]
    )
}
