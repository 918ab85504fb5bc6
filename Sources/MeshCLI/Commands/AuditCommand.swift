import ArgumentParser
import Catalog
import Foundation
import Mesh

/// `mesh audit [--product DOMAIN.PRODUCT] [--principal NAME] [--action A] [--since TIME] [--limit N] [--json]`.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit log: who read, published, loaded or changed what, and whether it was allowed.",
        discussion: """
        Every request that reads or changes data is recorded: reads with their purpose and the columns \
        masked, publishes and rejected publishes, Iceberg catalog loads and commits, grants, policies, \
        retention. Entries print oldest first; --limit bounds how many of the newest are shown.

        Administrators and governance read the whole log; a domain's owners read the entries of their \
        products (--product); anyone reads their own (--principal NAME).
        """
    )

    @Option(help: "Only entries about this product (DOMAIN.PRODUCT).")
    var product: String?

    @Option(help: "Only entries of this principal.")
    var principal: String?

    @Option(help: "Only this action (catalog.load, read, publish…), or every action a prefix ending in '.' starts (access.).")
    var action: String?

    @Option(help: "Only entries since then: a date (2026-12-01), a time (2026-12-01T09:00:00Z) or a duration ago (24h, 7d, 30m).")
    var since: String?

    @Option(help: "How many of the newest entries to show.")
    var limit = MeshService.defaultAuditLimit

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the entries as JSON.")
    var json = false

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be zero or more") }
    }

    func run() throws {
        try Console.reportingMeshErrors {
            let start = try since.map { try TimeOption.parse($0, option: "--since", durationsAgo: true) }
            let entries = try options.connect().auditLog(principal: principal, productID: product, action: action, since: start, limit: limit)
            if json { return Console.line(JSON.array(entries.map(Self.json)).rendered()) }
            if entries.isEmpty { return Console.line("No audit entries match.") }
            Console.line("TIME                  PRINCIPAL         ACTION                TARGET                          PURPOSE           ALLOWED")
            for e in entries {
                let cells = [MeshJSON.text(e.time).padded(20), e.principal.padded(16), e.action.padded(20), e.target.padded(30),
                             (e.purpose ?? "-").padded(16), e.allowed ? "yes" : "no"]
                Console.line(cells.joined(separator: "  "))
            }
        }
    }

    static func json(_ e: AuditEntry) -> JSON {
        .object([("id", .int(e.id)), ("time", MeshJSON.date(e.time)), ("principal", .string(e.principal)), ("action", .string(e.action)),
                 ("target", .string(e.target)), ("purpose", .optional(e.purpose)), ("allowed", .bool(e.allowed)), ("detail", MeshJSON.raw(e.detail))])
    }
}
