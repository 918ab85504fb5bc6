import ArgumentParser

/// `mesh token`: API tokens for the mesh server.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create API tokens for the mesh server.",
        subcommands: [TokenCreateCommand.self]
    )
}
