import ArgumentParser
import Mesh

/// `mesh request-access DOMAIN.PRODUCT --purpose P [--reason TEXT] [--expires DATE]`.
struct RequestAccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request-access",
        abstract: "Ask the owning domain for access to a product for a purpose.",
        discussion: "The domain's owning team sees the request in its feed and answers with `mesh approve ID` or `mesh deny ID --reason TEXT`; you hear back in your feed (`mesh events --consumer YOU`)."
    )

    @Argument(help: "The product (DOMAIN.PRODUCT).")
    var product: String

    @Option(help: "What the data will be used for (training, analytics...).")
    var purpose: String

    @Option(help: "Why you need it, for the owners.")
    var reason: String = ""

    @Option(help: ArgumentHelp(ExpiryOption.help, valueName: "date"))
    var expires: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the request as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let mesh = try options.connect()
            let expiry = try expires.map { try ExpiryOption.parse($0) }
            let r = try mesh.requestAccess(productID: product, purpose: purpose, justification: reason, expires: expiry)
            if json { return Console.line(MeshJSON.accessRequest(r).rendered()) }
            Console.line("Access request \(r.id): \(r.principal) asks for \(r.productID) for \(r.purpose); waiting for the owning domain.")
        }
    }
}
