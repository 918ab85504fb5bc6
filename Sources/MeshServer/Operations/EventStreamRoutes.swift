import Catalog
import Foundation
import Hummingbird
import Mesh
import ServiceLifecycle

/// `GET /v1/events/stream?consumer=NAME&after=ID&timeout=SECONDS`: server-sent events of a
/// consumer's feed (`timeout` closes the stream after that long, for clients that reconnect
/// on a schedule).
///
/// Each event is sent as `id: N`, `event: KIND`, `data: JSON` (the ``MeshEvent``); a reconnecting
/// client's `Last-Event-ID` (or `after`) resumes after that event. New events are picked up
/// within a quarter of a second, a `: keep-alive` comment goes out every 15 seconds, and the
/// stream ends when the client goes away or the server shuts down gracefully.
///
/// A principal follows its own feed (its name or its team; the default is its team); admin and
/// governance may follow any consumer's feed, or every event with `consumer` omitted.
public struct EventStreamRoutes: Sendable {
    /// The mesh whose events are streamed.
    public let service: MeshService
    /// How often the catalog is asked for new events.
    public var pollInterval: Duration = .milliseconds(250)
    /// How often an idle stream sends a comment to keep proxies from closing it.
    public var keepAliveInterval: Duration = .seconds(15)

    /// Creates the route.
    public init(service: MeshService) { self.service = service }

    /// Adds the route to `router`.
    public func add(to router: Router<MeshRequestContext>) {
        router.get("v1/events/stream") { request, context in try self.stream(request, context) }
    }

    func stream(_ request: Request, _ context: MeshRequestContext) throws -> Response {
        let caller = try context.caller()
        let everything = !caller.roles.isDisjoint(with: [.admin, .governance])
        let requested = request.uri.queryParameters.get("consumer")
        let consumer: String?
        if let requested {
            guard everything || requested == caller.name || requested == caller.team else {
                throw MeshError(.forbidden, "\(caller.name) may follow only its own feed (\(([caller.team].compactMap { $0 } + [caller.name]).joined(separator: " or "))), not \(requested)'s",
                                context: "consumer")
            }
            consumer = requested
        } else {
            consumer = everything ? nil : (caller.team ?? caller.name)
        }
        var resume: Int64?
        if let text = request.headers.first(where: { $0.name.canonicalName == "last-event-id" })?.value ?? request.uri.queryParameters.get("after") {
            guard let id = Int64(text), id >= 0 else { throw MeshError(.invalidInput, "after / Last-Event-ID must be an event number, not '\(text)'", context: "after") }
            resume = id
        }
        let after = resume
        var deadline: ContinuousClock.Instant?
        if let text = request.uri.queryParameters.get("timeout") {
            guard let seconds = Double(text), seconds > 0, seconds <= 86_400 else {
                throw MeshError(.invalidInput, "timeout must be a number of seconds in (0, 86400], not '\(text)'", context: "timeout")
            }
            deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        }
        let end = deadline
        let (service, poll, keepAlive) = (self.service, pollInterval, keepAliveInterval)
        let body = ResponseBody { writer in
            var last = after
            if last == nil {
                // A new follower starts at the newest event, like `mesh events --follow`.
                last = try await Offload.run { () throws(MeshError) -> Int64 in try service.events(consumer: consumer).last?.id ?? 0 }
            }
            var idle = ContinuousClock.now
            try await writer.write(ByteBuffer(string: ": following \(consumer ?? "every feed") after event \(last ?? 0)\n\n"))
            while !Task.isCancelled && !Task.isShuttingDownGracefully && end.map({ ContinuousClock.now < $0 }) ?? true {
                let since = last
                let events = try await Offload.run { () throws(MeshError) -> [MeshEvent] in try service.events(consumer: consumer, after: since, limit: 200) }
                for event in events {
                    try await writer.write(ByteBuffer(string: Self.frame(event)))
                    last = event.id
                    idle = ContinuousClock.now
                }
                if ContinuousClock.now - idle >= keepAlive {
                    try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    idle = ContinuousClock.now
                }
                try? await Task.sleep(for: poll)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }

    /// One event as an SSE frame.
    static func frame(_ event: MeshEvent) -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(event)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "id: \(event.id)\nevent: \(event.kind)\ndata: \(json)\n\n"
    }
}
