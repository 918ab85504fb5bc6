import Foundation

/// A consumer's subscription to a product's events.
public struct Subscription: Sendable, Hashable, Codable {
    /// Assigned by the store (0 before insertion).
    public var id: Int64
    /// The product id.
    public var productID: String
    /// The subscribing consumer (principal or team name).
    public var consumer: String
    /// What the consumer uses the product for (`training`, `analytics`...).
    public var purpose: String
    /// The contract major version the consumer depends on, if pinned.
    public var majorVersion: Int?
    /// Where to POST events, besides the feed.
    public var webhookURL: String?
    /// The secret that signs webhook bodies (HMAC-SHA256).
    public var webhookSecret: String?
    /// When the subscription was made.
    public var createdAt: Date

    /// Creates a subscription record.
    public init(id: Int64 = 0, productID: String, consumer: String, purpose: String, majorVersion: Int? = nil,
                webhookURL: String? = nil, webhookSecret: String? = nil, createdAt: Date) {
        self.id = id
        self.productID = productID
        self.consumer = consumer
        self.purpose = purpose
        self.majorVersion = majorVersion
        self.webhookURL = webhookURL
        self.webhookSecret = webhookSecret
        self.createdAt = createdAt
    }
}
