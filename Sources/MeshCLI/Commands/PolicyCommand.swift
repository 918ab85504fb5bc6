import ArgumentParser

/// `mesh policy`: work with governance policy bundles.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Evaluate governance policy bundles.",
        subcommands: [PolicyDryRunCommand.self]
    )
}
