import ArgumentParser
import Catalog
import Foundation
import Mesh
import MeshRemote

/// `mesh events [--consumer NAME] [--product P] [--after ID] [--limit N] [--deliveries] [--follow] [--json]`.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Show the event feed: rejected publishes, breaking changes, freshness breaches, access decisions.",
        discussion: """
        Without --consumer, every event of the mesh; with it, the events delivered to that consumer, team or principal. \
        Due webhooks are sent first. --follow keeps printing new events as they are recorded, until interrupted (or \
        for --for seconds): on a mesh directory it polls every --interval seconds and sends webhook retries when they \
        fall due; with --server it follows the server's event stream (polling when --product or --deliveries is given). With --json, events are a JSON \
        array, or one JSON object per line when following.
        """
    )

    @Option(help: "Only events delivered to this consumer, team or principal.")
    var consumer: String?

    @Option(help: "Only events about this product (DOMAIN.PRODUCT).")
    var product: String?

    @Option(help: "Only events with an id greater than this.")
    var after: Int64?

    @Option(help: "At most this many events (the oldest first).")
    var limit: Int?

    @Flag(help: "Show each event's deliveries: recipient, channel, status, attempts, last error.")
    var deliveries = false

    @Flag(help: "Keep printing new events, sending webhooks as they fall due, until interrupted.")
    var follow = false

    @Option(help: ArgumentHelp("With --follow: seconds between polls.", valueName: "seconds"))
    var interval: Double = 2

    @Option(name: .customLong("for"), help: ArgumentHelp("With --follow: stop after this many seconds.", valueName: "seconds"))
    var duration: Double?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the events as JSON.")
    var json = false

    func validate() throws {
        if interval <= 0 { throw ValidationError("--interval must be positive") }
        if let duration, duration < 0 { throw ValidationError("--for must be 0 or more") }
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        try Console.reportingMeshErrors {
            let service = try options.connect()
            if let product { _ = try service.product(product) }
            // Against a server, the server sends webhooks in the background.
            let local = (service as? LocalMesh)?.service
            if let local { WebhookSending.afterCommand(local) }
            var last = after
            let first = try fetch(service, after: last, limit: limit)
            if json && !follow {
                Console.line(JSON.array(first.map(render)).rendered())
            } else {
                if first.isEmpty && !follow { Console.line("No events" + (consumer.map { " for \($0)" } ?? "") + " yet.") }
                first.forEach(print)
            }
            last = first.last?.event.id ?? last
            guard follow else { return }
            // Against a server, follow its event stream: events arrive as they are recorded.
            // (Deliveries and a product filter are not in the stream: those poll.)
            if let remote = service as? RemoteMesh, !deliveries, product == nil {
                try remote.followEvents(consumer: consumer, after: last, for: duration) { event in
                    print(EventDeliveries(event: event, deliveries: []))
                }
                return
            }
            let deadline = duration.map { Date().addingTimeInterval($0) }
            while deadline.map({ Date() < $0 }) ?? true {
                Thread.sleep(forTimeInterval: min(interval, deadline.map { max(0, $0.timeIntervalSinceNow) } ?? interval))
                if let local { WebhookSending.afterCommand(local) }
                let new = try fetch(service, after: last, limit: nil)
                new.forEach(print)
                last = new.last?.event.id ?? last
            }
        }
    }

    func fetch(_ service: any MeshOperations, after: Int64?, limit: Int?) throws(MeshError) -> [EventDeliveries] {
        try service.eventDeliveries(consumer: consumer, product: product, after: after, limit: limit)
    }

    func render(_ e: EventDeliveries) -> JSON { deliveries ? MeshJSON.eventWithDeliveries(e) : MeshJSON.event(e.event) }

    func print(_ e: EventDeliveries) {
        if json { return Console.line(MeshJSON.line(render(e))) }
        let event = e.event
        let subject = event.productID.map { p in " " + p + (event.version.map { "@\($0)" } ?? "") } ?? ""
        Console.line("#\(event.id)  \(MeshJSON.text(event.time))  \(event.severity.padded(7))  \(event.kind)\(subject)")
        Console.line("    \(event.message)")
        guard deliveries else { return }
        for d in e.deliveries { Console.line("    → " + Self.describe(d)) }
    }

    static func describe(_ d: Delivery) -> String {
        let channel = d.channel == .webhook ? "webhook \(d.url ?? "?")" : "feed"
        let attempts = "\(d.attempts) attempt\(d.attempts == 1 ? "" : "s")"
        let state: String
        switch d.status {
        case .delivered: state = d.channel == .feed ? "delivered" : "delivered (\(attempts))"
        case .pending: state = "pending (\(attempts)" + (d.nextAttemptAt.map { ", next \(MeshJSON.text($0))" } ?? "") + ")"
        case .failed: state = "failed (\(attempts))"
        }
        return "\(d.recipient) (\(d.role)) via \(channel): \(state)" + (d.lastError.map { ", last error: \($0)" } ?? "")
    }
}
