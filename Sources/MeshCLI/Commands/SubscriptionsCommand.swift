import ArgumentParser
import Mesh

/// `mesh subscriptions [--product P] [--consumer NAME] [--json]`.
struct SubscriptionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscriptions",
        abstract: "List subscriptions (webhook secrets are never shown again)."
    )

    @Option(help: "Only this product's (DOMAIN.PRODUCT).")
    var product: String?

    @Option(help: "Only this consumer's.")
    var consumer: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the subscriptions as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let list = try options.connect().subscriptions(productID: product, consumer: consumer)
            if json { return Console.line(JSON.array(list.map(MeshJSON.subscription)).rendered()) }
            if list.isEmpty { return Console.line("No subscriptions; add one with `mesh subscribe PRODUCT --consumer NAME --purpose P`.") }
            Console.line("ID    PRODUCT                         CONSUMER          PURPOSE           MAJOR  WEBHOOK")
            for s in list {
                let cells = [String(s.id).padded(4), s.productID.padded(30), s.consumer.padded(16), s.purpose.padded(16),
                             (s.majorVersion.map(String.init) ?? "-").padded(5), s.webhookURL ?? "-"]
                Console.line(cells.joined(separator: "  "))
            }
        }
    }
}
