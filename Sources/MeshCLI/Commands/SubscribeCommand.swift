import ArgumentParser
import Mesh

/// `mesh subscribe DOMAIN.PRODUCT --consumer NAME --purpose P [--major N] [--webhook URL]`.
struct SubscribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribe",
        abstract: "Subscribe a consumer to a product's alerts (event feed, and optionally a webhook).",
        discussion: """
        Rejected publishes, breaking contract changes, freshness breaches and deprecations of the product reach the \
        consumer's feed (`mesh events --consumer NAME`) and, with --webhook, a signed JSON POST (see docs/alerts.md). \
        A webhook subscription prints its signing secret once: give it to the receiver now, it is not shown again.
        """
    )

    @Argument(help: "The product (DOMAIN.PRODUCT).")
    var product: String

    @Option(help: "The subscribing consumer (a principal or team name).")
    var consumer: String

    @Option(help: "What the consumer uses the product for (training, analytics...).")
    var purpose: String

    @Option(help: "The contract major version the consumer depends on.")
    var major: Int?

    @Option(help: "An http:// or https:// URL to POST signed events to.")
    var webhook: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the subscription as JSON (with the webhook secret, once).")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let mesh = try options.connect()
            let s = try mesh.subscribe(productID: product, consumer: consumer, purpose: purpose, majorVersion: major, webhook: webhook)
            if json {
                guard case .object(var pairs) = MeshJSON.subscription(s) else { return }
                pairs.append(("webhook_secret", .optional(s.webhookSecret)))
                return Console.line(JSON.object(pairs).rendered())
            }
            Console.line("Subscription \(s.id): \(s.consumer) follows \(s.productID) for \(s.purpose)" + (s.majorVersion.map { " (major \($0))" } ?? "") + ".")
            if let url = s.webhookURL, let secret = s.webhookSecret {
                Console.line("Webhook: \(url)")
                Console.line("Signing secret (shown once; verify X-Mesh-Signature with it): \(secret)")
            }
        }
    }
}
