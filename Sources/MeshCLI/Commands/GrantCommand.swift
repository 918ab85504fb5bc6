import ArgumentParser
import Mesh

/// `mesh grant DOMAIN.PRODUCT --to PRINCIPAL --purpose P [--clearance L] [--expires DATE]`.
struct GrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Grant a principal or team read access to a product for a purpose (the product's domain owners).",
        discussion: "Reads for other purposes stay denied; columns above the clearance are masked or dropped by policy."
    )

    @Argument(help: "The product (DOMAIN.PRODUCT).")
    var product: String

    @Option(help: "The principal or team granted.")
    var to: String

    @Option(help: "The purpose the grant covers.")
    var purpose: String

    @Option(help: "The classification level the grantee may see unmasked (default: the least sensitive).")
    var clearance: String?

    @Option(help: ArgumentHelp(ExpiryOption.help, valueName: "date"))
    var expires: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the grant as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let mesh = try options.connect()
            let expiry = try expires.map { try ExpiryOption.parse($0) }
            let g = try mesh.grant(productID: product, principal: to, purpose: purpose, clearance: clearance, expires: expiry)
            if json { return Console.line(MeshJSON.grant(g).rendered()) }
            Console.line("Grant \(g.id): \(g.principal) may read \(g.productID) for \(g.purpose)"
                         + (g.clearance.map { " (clearance \($0))" } ?? "") + (g.expiresAt.map { " until \(MeshJSON.text($0))" } ?? "") + ".")
        }
    }
}
