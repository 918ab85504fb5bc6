import ArgumentParser
import Catalog
import Mesh

/// `mesh version revoke DOMAIN.PRODUCT@VERSION --reason TEXT`.
struct VersionRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Mark a version bad and alert everything derived from it.",
        discussion: """
            Only the product's domain owners (or an administrator) may revoke. Every downstream derived product \
            version, training set and model is listed, and their producers, subscribers and owners get an event. \
            A revoked version stays readable, with a warning, for the investigation.
            """
    )

    @Argument(help: ArgumentHelp("The version: DOMAIN.PRODUCT@VERSION.", valueName: "version"))
    var version: String

    @Option(help: "Why the version is bad (shown in every alert).")
    var reason: String

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the revocation as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let service = try options.connect()
            let revocation = try service.revokeVersion(version, reason: reason)
            if json {
                return Console.line(JSON.object([
                    ("version", MeshJSON.version(revocation.version)),
                    ("impact", .array(revocation.impact.map(MeshJSON.lineageNode))),
                    ("alerts", .array(revocation.alerts.map { .object([("event", MeshJSON.event($0.event)), ("recipients", MeshJSON.strings($0.recipients))]) })),
                ]).rendered())
            }
            Console.line("revoked \(revocation.version.ref): \(reason)")
            if revocation.impact.isEmpty {
                Console.line("nothing downstream was derived from it")
            } else {
                Console.line("downstream (\(revocation.impact.count)):")
                for line in revocation.graph.textLines().dropFirst() { Console.line("  " + line) }
            }
            Console.line("alerted:")
            for alert in revocation.alerts {
                Console.line("  \(alert.event.kind) \(alert.subject): \(alert.recipients.joined(separator: ", "))")
            }
        }
    }
}
