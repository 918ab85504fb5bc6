import ArgumentParser
import Foundation
import Mesh

/// `mesh retention [DOMAIN.PRODUCT] [--dry-run] [--json]`.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Expire product versions older than their contracts' retention SLAs.",
        discussion: """
        A contract's retention SLA (slaProperties: property: retention, value: 365, unit: d) bounds how long a \
        version stays readable. Every version published before now minus the retention expires, except the \
        latest: its tag and its snapshot are removed from the product's tables, with the data files no remaining \
        version lists, and the catalog marks it expired (the record stays, for lineage). \
        Reading it, deriving from it (--from) or replaying a training set built on it then fails, naming it. \
        The product's producer and subscribers get a version.expired event; the owner of each training set \
        that can no longer be replayed gets an upstream.expired warning. `mesh serve` applies retention hourly.

        Without a product, every product whose domain you own is checked (every product for an administrator). \
        Products whose contracts declare no retention are reported and left alone.
        """
    )

    @Argument(help: "Only this product (DOMAIN.PRODUCT); default: every product your domains own.")
    var product: String?

    @Flag(help: "Report what would expire; change nothing.")
    var dryRun = false

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the results as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let service = try options.connect()
            let outcomes = try service.applyRetention(productID: product, dryRun: dryRun)
            if json {
                Console.line(JSON.array(outcomes.map(Self.json)).rendered())
            } else if outcomes.isEmpty {
                Console.line("No products to apply retention to.")
            } else {
                for outcome in outcomes { Console.line(Self.describe(outcome)) }
            }
            if let local = service as? LocalMesh { WebhookSending.afterCommand(local.service, quiet: json) }
        }
    }

    static func versions(_ numbers: [Int]) -> String { numbers.isEmpty ? "none" : numbers.map { "v\($0)" }.joined(separator: ", ") }

    static func describe(_ o: RetentionOutcome) -> String {
        guard let seconds = o.retentionSeconds, let cutoff = o.cutoff else {
            return "\(o.productID.padded(30))  no retention SLA in the contract; nothing expires"
        }
        let verb = o.dryRun ? "would expire" : "expired"
        var line = "\(o.productID.padded(30))  \(MeshService.describeRetention(seconds)) retention: versions published before \(MeshJSON.text(cutoff)) expire"
        line += o.expired.isEmpty ? "\n    nothing to expire; kept \(versions(o.kept))" : "\n    \(verb) \(versions(o.expired)); kept \(versions(o.kept))"
        if !o.deletedFiles.isEmpty { line += "\n    deleted \(o.deletedFiles.count) file(s) no kept version needs" }
        if !o.unreplayable.isEmpty {
            line += "\n    training sets that can no longer be replayed: \(o.unreplayable.joined(separator: ", "))" + (o.dryRun ? "" : " (their owners were alerted)")
        }
        return line
    }

    static func json(_ o: RetentionOutcome) -> JSON {
        .object([
            ("product", .string(o.productID)), ("retention_seconds", o.retentionSeconds.map(JSON.double) ?? .null), ("cutoff", MeshJSON.date(o.cutoff)),
            ("expired", .array(o.expired.map { .int(Int64($0)) })), ("kept", .array(o.kept.map { .int(Int64($0)) })),
            ("deleted_files", MeshJSON.strings(o.deletedFiles)), ("unreplayable_training_sets", MeshJSON.strings(o.unreplayable)), ("dry_run", .bool(o.dryRun)),
        ])
    }
}
