import ArgumentParser

/// `mesh contract`: work with ODCS data contracts.
struct ContractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract",
        abstract: "Lint, compare and test ODCS data contracts.",
        subcommands: [ContractLintCommand.self, ContractDiffCommand.self, ContractTestCommand.self]
    )
}
