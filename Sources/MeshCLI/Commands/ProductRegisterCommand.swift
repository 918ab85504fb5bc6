import ArgumentParser
import Mesh

/// `mesh product register CONTRACT.yaml [--json]`.
struct ProductRegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register a product's ODCS contract: create the product and its tables, or update them.",
        discussion: """
            The contract is linted, checked against the policy bundles in force, and compared with \
            the product's previous contract: a breaking change needs a major version bump, and \
            subscribers are alerted to it. The product's id is DOMAIN.PRODUCT from the contract's \
            domain and dataProduct; its domain must exist and the caller must own it.
            """
    )

    @Argument(help: "The contract (ODCS v3 YAML).")
    var contract: String

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let yaml = try CommandSupport.read(contract)
            let service = try options.connect()
            // Alerts this command raised (a rejection, a breaking change) go out by webhook before it ends.
            defer { if let local = service as? LocalMesh { WebhookSending.afterCommand(local.service, quiet: json) } }
            let r = try service.registerProduct(contractYAML: yaml, source: contract)
            if json {
                return Console.line(JSON.object([
                    ("product", MeshJSON.product(r.product)), ("created", .bool(r.created)), ("unchanged", .bool(r.unchanged)),
                    ("breaking", .bool(r.breaking)), ("changes", MeshJSON.strings(r.changes.map(\.description))), ("warnings", MeshJSON.strings(r.warnings)),
                ]).rendered())
            }
            for w in r.warnings { Console.line("warning: \(w)") }
            if r.unchanged {
                Console.line("\(r.product.id): contract \(r.product.contractVersion) is already registered; nothing changed.")
            } else if r.created {
                Console.line("Registered \(r.product.id) (contract \(r.product.contractVersion); tables: \(r.product.tables.joined(separator: ", "))).")
            } else {
                Console.line("Updated \(r.product.id) to contract \(r.product.contractVersion): \(r.changes.count) change(s)\(r.breaking ? ", breaking (subscribers alerted)" : "").")
                for c in r.changes { Console.line("  \(c.description)") }
            }
        }
    }
}
