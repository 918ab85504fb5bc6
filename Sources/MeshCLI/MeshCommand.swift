import ArgumentParser

/// The `mesh` command: the root holds configuration only; each subcommand is its own type.
@main
struct MeshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mesh",
        abstract: "Meshwork: a data mesh for AI training pipelines.",
        subcommands: [ParquetCommand.self, IcebergCommand.self, ContractCommand.self, PolicyCommand.self]
    )
}
