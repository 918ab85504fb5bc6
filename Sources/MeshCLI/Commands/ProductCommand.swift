import ArgumentParser

/// `mesh product`: register and list data products.
struct ProductCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "product",
        abstract: "Register and list data products.",
        subcommands: [ProductRegisterCommand.self, ProductListCommand.self]
    )
}
