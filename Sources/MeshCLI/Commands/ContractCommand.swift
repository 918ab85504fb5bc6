import ArgumentParser

/// `mesh contract`: work with ODCS data contracts.
struct ContractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract",
        abstract: "Work with ODCS v3 data contracts.",
        subcommands: [ContractTestCommand.self]
    )
}
