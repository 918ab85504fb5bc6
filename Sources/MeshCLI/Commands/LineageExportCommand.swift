import ArgumentParser
import Foundation
import Mesh

/// `mesh lineage export [--since ID] [--out FILE]`.
struct LineageExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export publishes, derivations and training-set builds as OpenLineage run events (JSON lines).",
        discussion: """
            One COMPLETE RunEvent (OpenLineage spec 2-0-2) per accepted publish and training-set build, oldest first, \
            with the contract's columns, the Iceberg snapshot id and the profile's metrics as facets. Datasets are in \
            namespace meshwork://MESH. Pass the last exported event id (printed on standard error) as --since to \
            export only newer runs; run ids are stable, so exporting twice is harmless.
            """
    )

    @Option(help: "Export only runs recorded after this mesh event id.")
    var since: Int64?

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @OptionGroup var options: MeshOptions

    func run() throws {
        try Console.reportingMeshErrors {
            let runs = try options.open().openLineageEvents(since: since)
            let text = runs.map { $0.event.jsonLine() + "\n" }.joined()
            if let out {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } else {
                Console.out(text)
            }
            Console.error("exported \(runs.count) run event(s)" + (runs.last.map { "; last event id \($0.eventID)" } ?? ""))
        }
    }
}
