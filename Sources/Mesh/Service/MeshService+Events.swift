import Catalog
import Foundation

/// An event with its deliveries (who got it, on which channel, and how that went).
public struct EventDeliveries: Sendable, Hashable, Codable {
    /// The event.
    public var event: MeshEvent
    /// Its deliveries, by id.
    public var deliveries: [Delivery]

    /// Creates a pairing.
    public init(event: MeshEvent, deliveries: [Delivery]) {
        self.event = event
        self.deliveries = deliveries
    }
}

extension MeshService {
    /// The event feed, oldest first: only events delivered to `consumer` (a consumer, team or
    /// principal name) and about `product` when given, with ids after `after` (to follow a feed).
    public func events(consumer: String? = nil, product: String? = nil, after: Int64? = nil, limit: Int? = nil) throws(MeshError) -> [MeshEvent] {
        if let limit, limit < 0 { throw MeshError(.invalidInput, "the limit must be 0 or more, not \(limit)", context: "--limit") }
        return try read { t throws(CatalogError) in
            try t.events(EventQuery(recipient: consumer, productID: product, afterID: after, limit: limit))
        }
    }

    /// The feed as ``events(consumer:product:after:limit:)`` with each event's deliveries;
    /// only `consumer`'s deliveries when a consumer is given.
    public func eventDeliveries(consumer: String? = nil, product: String? = nil, after: Int64? = nil, limit: Int? = nil) throws(MeshError) -> [EventDeliveries] {
        if let limit, limit < 0 { throw MeshError(.invalidInput, "the limit must be 0 or more, not \(limit)", context: "--limit") }
        return try read { t throws(CatalogError) in
            try t.events(EventQuery(recipient: consumer, productID: product, afterID: after, limit: limit)).map { event throws(CatalogError) in
                EventDeliveries(event: event, deliveries: try t.deliveries(eventID: event.id).filter { consumer == nil || $0.recipient == consumer })
            }
        }
    }

    /// The deliveries of event `id`, by id.
    public func deliveries(eventID: Int64) throws(MeshError) -> [Delivery] {
        try read { t throws(CatalogError) in try t.deliveries(eventID: eventID) }
    }

    /// A webhook dispatcher over this mesh's store.
    public func webhookDispatcher(transport: any WebhookTransport = URLSessionTransport(),
                                  policy: WebhookDispatcher.RetryPolicy = WebhookDispatcher.RetryPolicy()) -> WebhookDispatcher {
        WebhookDispatcher(store: store, transport: transport, policy: policy)
    }

    /// Sends the webhook deliveries due now, spending at most `budget` seconds (the CLI's call
    /// after a command that raised events); retries stay pending for a later pass.
    @discardableResult
    public func sendDueWebhooks(budget: TimeInterval? = 3, transport: any WebhookTransport = URLSessionTransport(),
                                policy: WebhookDispatcher.RetryPolicy = WebhookDispatcher.RetryPolicy()) throws(MeshError) -> WebhookDispatcher.Report {
        try webhookDispatcher(transport: transport, policy: policy).runOnce(now: now(), budget: budget)
    }
}
