import Catalog

/// Records mesh events and who must receive them.
///
/// An event about a product reaches the producing domain's owning team and every consumer
/// subscribed to the product: always in their event feed (delivered on recording), and by
/// webhook where a subscription names one (recorded as pending; a ``WebhookDispatcher`` sends
/// it after the transaction commits, so a rolled-back change never alerts anyone).
public enum EventRouter {
    /// Records `event` and its deliveries inside `transaction`; returns the stored event.
    ///
    /// - Parameter extraRecipients: further feed recipients (a requester, a model's owner...).
    @discardableResult
    public static func raise(_ event: MeshEvent, extraRecipients: [String] = [], in transaction: any CatalogTransaction) throws(CatalogError) -> MeshEvent {
        let stored = try transaction.insertEvent(event)
        var feedRecipients: [(name: String, role: String)] = []
        var seen: Set<String> = []
        func addFeed(_ name: String, _ role: String) {
            if seen.insert(name).inserted { feedRecipients.append((name, role)) }
        }
        var subscriptions: [Subscription] = []
        if let productID = event.productID {
            if let product = try transaction.product(productID) {
                addFeed(product.owner, "producer")
                if let domain = try transaction.domain(product.domain), domain.owner != product.owner { addFeed(domain.owner, "producer") }
            }
            subscriptions = try transaction.subscriptions(productID: productID, consumer: nil)
            for subscription in subscriptions { addFeed(subscription.consumer, "consumer") }
        }
        for name in extraRecipients { addFeed(name, "recipient") }
        for recipient in feedRecipients {
            _ = try transaction.insertDelivery(Delivery(eventID: stored.id, recipient: recipient.name, role: recipient.role, channel: .feed,
                                                        status: .delivered, attempts: 1, deliveredAt: event.time))
        }
        for subscription in subscriptions {
            guard let url = subscription.webhookURL else { continue }
            _ = try transaction.insertDelivery(Delivery(eventID: stored.id, recipient: subscription.consumer, role: "consumer", channel: .webhook, url: url,
                                                        subscriptionID: subscription.id, status: .pending, nextAttemptAt: event.time))
        }
        return stored
    }
}
