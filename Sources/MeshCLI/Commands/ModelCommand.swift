import ArgumentParser

/// `mesh model`: register, list and show models trained on training sets.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Register, list and show models trained on the mesh's training sets.",
        subcommands: [ModelRegisterCommand.self, ModelListCommand.self, ModelShowCommand.self]
    )
}
