import ArgumentParser

/// `mesh policy`: work with governance policy bundles.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Apply and evaluate governance policy bundles.",
        subcommands: [PolicyApplyCommand.self, PolicyDryRunCommand.self]
    )
}
