import ArgumentParser

/// `mesh lineage`: show the lineage graph of a node, or export it as OpenLineage events.
struct LineageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Show what a product version, training set or model was made from, or what was made from it.",
        subcommands: [LineageShowCommand.self, LineageExportCommand.self],
        defaultSubcommand: LineageShowCommand.self
    )
}
