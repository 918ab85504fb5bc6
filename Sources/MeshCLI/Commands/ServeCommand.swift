import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Mesh
import MeshServer
import ServiceLifecycle

/// `mesh serve [--host H] [--port N] [--max-upload BYTES] [--freshness-interval S] [--webhook-interval S] [--retention-interval S]
/// [--metrics-public] [--strict-audit] [--mesh DIR]`:
/// runs the mesh server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the mesh over HTTP: the Iceberg REST catalog, the JSON API, events, metrics and the web catalog.",
        discussion: """
            Every API route needs `Authorization: Bearer TOKEN` (create tokens with \
            `mesh token create`); GET /health and the web catalog's public pages do not. Engines \
            connect to http://HOST:PORT as an Iceberg REST catalog; a consumer declares its purpose \
            with the X-Mesh-Purpose header. The server also sends due webhooks, checks freshness on \
            a schedule (breaches raise alerts), expires versions past their retention SLAs, streams events at /v1/events/stream and exposes \
            Prometheus metrics at /metrics; the JSON API (what \
            `mesh --server URL` uses) is under /api/v1. SIGINT or SIGTERM stops accepting requests, lets the \
            ones in flight (publishes) finish, then stops the background work. See docs/server.md.
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

    @Option(help: ArgumentHelp("Seconds between freshness checks of every product.", valueName: "seconds"))
    var freshnessInterval = 60

    @Option(help: ArgumentHelp("Seconds between passes sending due webhook deliveries.", valueName: "seconds"))
    var webhookInterval = 2

    @Option(help: ArgumentHelp("Seconds between passes expiring versions older than their contracts' retention SLAs (`mesh retention`).",
                               valueName: "seconds"))
    var retentionInterval = 3600

    @Flag(help: "Serve /metrics without a token (for a Prometheus scraper on a private network).")
    var metricsPublic = false

    @Flag(help: ArgumentHelp("Answer an Iceberg load-table only once its audit entry is committed (default: the entry is queued and committed within milliseconds).",
                             discussion: "Costs a thread hop and a transaction per group of concurrent loads, about a quarter of the load-table throughput."))
    var strictAudit = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard freshnessInterval >= 1 else { throw ValidationError("--freshness-interval must be at least 1 second") }
        guard webhookInterval >= 1 else { throw ValidationError("--webhook-interval must be at least 1 second") }
        guard retentionInterval >= 1 else { throw ValidationError("--retention-interval must be at least 1 second") }
        guard maxUpload > 0 else { throw ValidationError("--max-upload must be a positive number of bytes") }
    }

    func run() async throws {
        var service: MeshService?
        try Console.reportingMeshErrors {
            let variable = ProcessInfo.processInfo.environment["MESH_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            service = try MeshService.open(directory: mesh ?? variable ?? "mesh")
        }
        guard let service else { throw ExitCode.failure }
        service.catalogLoadAudit = strictAudit ? .beforeAnswer : .background
        let metrics = ServerMetrics()
        let configuration = MeshApplication.Configuration(maxUploadBytes: maxUpload, publicMetrics: metricsPublic)
        let app = MeshApplication.build(service: service, host: host, port: port, configuration: configuration, metrics: metrics) { [host] bound in
            Console.line("Serving the mesh at http://\(host):\(bound) (Ctrl-C to stop)")
        }
        let background = BackgroundWork(service: service, metrics: metrics, webhookInterval: .seconds(webhookInterval),
                                        freshnessInterval: .seconds(freshnessInterval), retentionInterval: .seconds(retentionInterval))
        // The HTTP server first: on SIGINT/SIGTERM it stops taking requests and finishes the ones
        // in flight, then the background work stops after its current pass.
        let group = ServiceGroup(configuration: .init(services: [.init(service: app), .init(service: background)],
                                                      gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: Logger(label: "meshwork.serve")))
        var stopped: (any Error)?
        do { try await group.run() } catch { stopped = error }
        // Commit the audit entries of the last loads before the process ends, however it stops.
        do {
            try await service.flushAudit()
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
        if let stopped { throw stopped }
    }
}
