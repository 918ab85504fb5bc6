import ArgumentParser
import Mesh

/// `mesh grants [--product P] [--principal NAME] [--all] [--json]`.
struct GrantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grants", abstract: "List the grants in force.")

    @Option(help: "Only this product's (DOMAIN.PRODUCT).")
    var product: String?

    @Option(help: "Only this principal's or team's.")
    var principal: String?

    @Flag(help: "Include expired grants.")
    var all = false

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the grants as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let list = try options.connect().grants(productID: product, principal: principal, includeExpired: all)
            if json { return Console.line(JSON.array(list.map(MeshJSON.grant)).rendered()) }
            if list.isEmpty { return Console.line("No grants; `mesh grant` or `mesh approve` records one.") }
            Console.line("ID    PRODUCT                         PRINCIPAL         PURPOSE           CLEARANCE     EXPIRES               BY")
            for g in list {
                let cells = [String(g.id).padded(4), g.productID.padded(30), g.principal.padded(16), g.purpose.padded(16), (g.clearance ?? "-").padded(12),
                             (g.expiresAt.map(MeshJSON.text) ?? "never").padded(20), g.grantedBy + (g.requestID.map { " (request \($0))" } ?? "")]
                Console.line(cells.joined(separator: "  "))
            }
        }
    }
}
