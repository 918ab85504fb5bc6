import ArgumentParser

/// `mesh version`: act on one version of a product.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Act on one published version of a product (see `mesh versions` to list them).",
        subcommands: [VersionRevokeCommand.self]
    )
}
