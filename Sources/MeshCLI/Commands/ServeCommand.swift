import ArgumentParser
import Foundation
import Hummingbird
import Mesh
import MeshServer

/// `mesh serve [--host H] [--port N] [--max-upload BYTES] [--mesh DIR]`: runs the mesh server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the mesh over HTTP: the Iceberg REST catalog under /v1, and /health.",
        discussion: """
            Every route but GET /health needs `Authorization: Bearer TOKEN` (create tokens with \
            `mesh token create`). Engines connect to http://HOST:PORT as an Iceberg REST catalog; \
            a consumer declares its purpose with the X-Mesh-Purpose header. The JSON API (what \
            `mesh --server URL` uses) is under /api/v1. SIGINT or SIGTERM \
            stops the server after the requests in flight. See docs/server.md.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, printed at start).")
    var port = 8181

    @Option(name: .customLong("max-upload"), help: ArgumentHelp("The most bytes one publish upload may hold (413 past it).", valueName: "bytes"))
    var maxUpload: Int64 = 10 << 30

    @Option(name: .customLong("mesh"), help: ArgumentHelp("The mesh directory (default: $MESH_DIR, else ./mesh).", valueName: "dir"))
    var mesh: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxUpload > 0 else { throw ValidationError("--max-upload must be a positive number of bytes") }
    }

    func run() async throws {
        var service: MeshService?
        try Console.reportingMeshErrors {
            let variable = ProcessInfo.processInfo.environment["MESH_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            service = try MeshService.open(directory: mesh ?? variable ?? "mesh")
        }
        guard let service else { throw ExitCode.failure }
        let configuration = MeshApplication.Configuration(maxUploadBytes: maxUpload)
        let app = MeshApplication.build(service: service, host: host, port: port, configuration: configuration) { [host] bound in
            Console.line("Serving the mesh at http://\(host):\(bound) (Ctrl-C to stop)")
        }
        try await app.runService()
    }
}
