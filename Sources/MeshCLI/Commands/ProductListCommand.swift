import ArgumentParser
import Mesh

/// `mesh product list [--domain NAME] [--json]`.
struct ProductListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the products, or one domain's.")

    @Option(help: "Only this domain's products.")
    var domain: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the products as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let service = try options.connect()
            let products = try service.products(domain: domain)
            if json { return Console.line(JSON.array(products.map(MeshJSON.product)).rendered()) }
            if products.isEmpty { return Console.line("No products yet; register one with `mesh product register CONTRACT.yaml`.") }
            let width = products.map(\.id.count).max() ?? 0
            for p in products {
                let latest = try service.versions(p.id).last.map { "v\($0.version)" } ?? "unpublished"
                Console.line(p.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(p.status)  contract \(p.contractVersion)  \(latest)  \(p.description)")
            }
        }
    }
}
