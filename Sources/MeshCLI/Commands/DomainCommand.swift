import ArgumentParser

/// `mesh domain`: the business domains that own products.
struct DomainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domain",
        abstract: "Create and list domains.",
        subcommands: [DomainCreateCommand.self, DomainListCommand.self]
    )
}
