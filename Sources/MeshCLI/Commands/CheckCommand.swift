import ArgumentParser
import Foundation
import Mesh

/// `mesh check [DOMAIN.PRODUCT] [--json]`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check products' freshness against their contracts' latency SLAs now, and alert on breaches.",
        discussion: """
        A product's data is as old as the newest event time of its latest version (or that version's publish time when \
        the contract names no event-time column). A product older than its SLA raises a freshness.breach alert to its \
        producer and every subscriber (feed and webhook) once per breach: later checks while it stays stale do not alert \
        again, and a check that finds it fresh again records freshness.recovered.

        Exit status: 0 when every checked product is fresh or has nothing to check (no SLA, nothing published); \
        1 when any is stale, so a scheduler can act on it.
        """
    )

    @Argument(help: "Only this product (DOMAIN.PRODUCT); default: every product.")
    var product: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the results as JSON.")
    var json = false

    func run() throws {
        var stale = false
        try Console.reportingMeshErrors {
            let service = try options.connect()
            let results = try service.check(productID: product)
            stale = results.contains { $0.freshness.isBreach }
            if json {
                Console.line(JSON.array(results.map(MeshJSON.freshness)).rendered())
            } else if results.isEmpty {
                Console.line("No products to check.")
            } else {
                for r in results { Console.line(Self.describe(r)) }
            }
            if let local = service as? LocalMesh { WebhookSending.afterCommand(local.service, quiet: json) }
        }
        if stale { throw ExitCode(1) }
    }

    static func describe(_ r: FreshnessCheck) -> String {
        let f = r.freshness
        var line = "\(f.productID.padded(30))  \(f.status.rawValue.uppercased().padded(11))  \(f.message)"
        if let event = r.raised {
            line += "\n    alert \(event.kind) (#\(event.id)) sent to the producer and subscribers"
        } else if f.isBreach, let since = r.breachAlertedAt {
            line += "\n    still in breach; alerted \(MeshJSON.text(since))"
        }
        return line
    }
}
