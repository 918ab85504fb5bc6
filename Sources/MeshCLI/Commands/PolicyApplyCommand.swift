import ArgumentParser
import Governance
import Mesh

/// `mesh policy apply BUNDLE.yaml [--dry-run] [--json]`.
struct PolicyApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a global or domain policy bundle to the mesh (governance or administrators).",
        discussion: """
            Every registered contract is assessed with the proposed bundle and compared with the \
            bundles in force; the report lists what newly fails and passes. A domain bundle \
            (scope: domain) may only tighten the global one. With --dry-run nothing is stored.
            """
    )

    @Argument(help: "The policy bundle (YAML).")
    var bundle: String

    @Flag(help: "Report what the bundle would change without applying it.")
    var dryRun = false

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let yaml = try CommandSupport.read(bundle)
            let service = try options.connect()
            let result = try service.applyPolicy(yaml: yaml, source: bundle, dryRun: dryRun)
            if json {
                Console.line(JSON.object([("scope", .string(result.scope)), ("bundle", .string(result.bundle)), ("applied", .bool(result.applied)),
                                          ("report", .raw(try result.report.json()))]).rendered())
            } else {
                Console.line(result.report.text())
                Console.line(result.applied ? "Applied \(result.bundle) (\(result.scope))." : "Dry run: \(result.bundle) (\(result.scope)) was not applied.")
            }
        }
    }
}
