import ArgumentParser

/// `mesh principal`: the people and services acting on the mesh.
struct PrincipalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "principal",
        abstract: "Create and list principals.",
        subcommands: [PrincipalCreateCommand.self, PrincipalListCommand.self]
    )
}
