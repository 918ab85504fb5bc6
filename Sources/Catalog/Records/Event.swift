import Foundation

/// Something that happened to a product that its producer and consumers must hear about.
public struct MeshEvent: Sendable, Hashable, Codable {
    /// Assigned by the store in insertion order (0 before insertion).
    public var id: Int64
    /// When it happened.
    public var time: Date
    /// What happened: `publish.accepted`, `publish.rejected`, `contract.breaking`,
    /// `freshness.breach`, `product.deprecated`, `version.revoked`, `access.requested`...
    public var kind: String
    /// `info`, `warning` or `error`.
    public var severity: String
    /// The product concerned, if any.
    public var productID: String?
    /// The version concerned, if any.
    public var version: Int?
    /// One line a person can act on.
    public var message: String
    /// Structured detail (JSON object text), e.g. the failed checks.
    public var detail: String

    /// Creates an event.
    public init(id: Int64 = 0, time: Date, kind: String, severity: String, productID: String?, version: Int? = nil, message: String, detail: String = "{}") {
        self.id = id
        self.time = time
        self.kind = kind
        self.severity = severity
        self.productID = productID
        self.version = version
        self.message = message
        self.detail = detail
    }
}

/// One recipient's copy of an event, on one channel.
public struct Delivery: Sendable, Hashable, Codable {
    /// How the event reaches the recipient.
    public enum Channel: String, Sendable, Hashable, Codable {
        /// The recipient's event feed (`mesh events`); delivered on insertion.
        case feed
        /// An HTTP POST to the subscription's webhook.
        case webhook
    }

    /// Where a delivery stands.
    public enum Status: String, Sendable, Hashable, Codable {
        case pending
        case delivered
        /// Retries exhausted.
        case failed
    }

    /// Assigned by the store (0 before insertion).
    public var id: Int64
    /// The event delivered.
    public var eventID: Int64
    /// The recipient: a consumer name or a domain's owning team.
    public var recipient: String
    /// Why the recipient gets it: `producer` or `consumer`.
    public var role: String
    /// The channel.
    public var channel: Channel
    /// The webhook URL for webhook deliveries.
    public var url: String?
    /// The subscription that asked for it, if any.
    public var subscriptionID: Int64?
    /// Where the delivery stands.
    public var status: Status
    /// Attempts made so far.
    public var attempts: Int
    /// The last failure (HTTP status or transport error), if any.
    public var lastError: String?
    /// When the next attempt is due, for pending webhook deliveries.
    public var nextAttemptAt: Date?
    /// When it was delivered.
    public var deliveredAt: Date?

    /// Creates a delivery record.
    public init(id: Int64 = 0, eventID: Int64, recipient: String, role: String, channel: Channel, url: String? = nil,
                subscriptionID: Int64? = nil, status: Status, attempts: Int = 0, lastError: String? = nil,
                nextAttemptAt: Date? = nil, deliveredAt: Date? = nil) {
        self.id = id
        self.eventID = eventID
        self.recipient = recipient
        self.role = role
        self.channel = channel
        self.url = url
        self.subscriptionID = subscriptionID
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
    }
}

/// Which events to list.
public struct EventQuery: Sendable, Hashable {
    /// Only events delivered to this recipient (on any channel).
    public var recipient: String?
    /// Only events about this product.
    public var productID: String?
    /// Only events with an id greater than this (for following a feed).
    public var afterID: Int64?
    /// At most this many, oldest first.
    public var limit: Int?

    /// Creates a query; every criterion is optional.
    public init(recipient: String? = nil, productID: String? = nil, afterID: Int64? = nil, limit: Int? = nil) {
        self.recipient = recipient
        self.productID = productID
        self.afterID = afterID
        self.limit = limit
    }
}
