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
            let export = try options.connect().exportLineage(since: since)
            let text = export.events.map { $0.jsonLine() + "\n" }.joined()
            if let out {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } else {
                Console.out(text)
            }
            Console.error("exported \(export.events.count) run event(s)" + (export.lastEventID.map { "; last event id \($0)" } ?? ""))
        }
    }
}
