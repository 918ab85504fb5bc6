import Catalog
import Foundation

extension MeshService {
    /// Subscribes `consumer` to a product's events (the feed, and `webhook` when given).
    ///
    /// A webhook gets a new random signing secret; the returned subscription carries it, and it
    /// is never shown again (listings leave it out), so the caller must hand it to the receiver now.
    ///
    /// - Parameters:
    ///   - majorVersion: the contract major version the consumer depends on, if pinned.
    ///   - webhook: an `http://` or `https://` URL that will receive signed POSTs.
    /// - Throws: ``MeshError/Kind/notFound`` for an unknown product, ``MeshError/Kind/invalidInput``
    ///   for a bad name, purpose or URL, ``MeshError/Kind/forbidden`` when `caller` is neither the
    ///   consumer, on the consumer team, nor an administrator, ``MeshError/Kind/conflict`` when
    ///   the consumer already subscribes to the product for this purpose.
    public func subscribe(productID: String, consumer: String, purpose: String, majorVersion: Int? = nil, webhook: String? = nil,
                          by caller: Principal) throws(MeshError) -> Subscription {
        try Names.validate(consumer, field: "consumer")
        try Names.validate(purpose, field: "purpose")
        if let majorVersion, majorVersion < 0 {
            throw MeshError(.invalidInput, "the major version must be 0 or more, not \(majorVersion)", context: "--major")
        }
        let url = try webhook.map { text throws(MeshError) in try Self.validateWebhookURL(text) }
        try requireActsFor(consumer: consumer, caller, to: "subscribe \(consumer)")
        let product = try self.product(productID)
        let time = now()
        let subscription = Subscription(productID: product.id, consumer: consumer, purpose: purpose, majorVersion: majorVersion,
                                        webhookURL: url, webhookSecret: url == nil ? nil : WebhookSigner.generateSecret(), createdAt: time)
        return try write { t throws(CatalogError) in
            if let existing = try t.subscriptions(productID: product.id, consumer: consumer).first(where: { $0.purpose == purpose }) {
                throw CatalogError(.alreadyExists, "\(consumer) already subscribes to \(product.id) for \(purpose) (subscription \(existing.id)); "
                                   + "`mesh unsubscribe \(existing.id)` first to change it", context: product.id)
            }
            let stored = try t.insertSubscription(subscription)
            struct Detail: Encodable { let id: Int64; let consumer: String; let major: Int?; let webhook: String? }
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "subscribe", target: product.id, purpose: purpose, allowed: true,
                                             detail: AuditDetail.json(Detail(id: stored.id, consumer: consumer, major: majorVersion, webhook: url))))
            return stored
        }
    }

    /// Removes subscription `id`; its pending webhook deliveries are then failed, not sent.
    ///
    /// - Throws: ``MeshError/Kind/notFound`` for an unknown id, ``MeshError/Kind/forbidden`` when
    ///   `caller` does not act for the subscribing consumer and is not an administrator.
    @discardableResult
    public func unsubscribe(id: Int64, by caller: Principal) throws(MeshError) -> Subscription {
        let time = now()
        let removed = try write { t throws(CatalogError) -> Result<Subscription, MeshError> in
            guard let subscription = try t.subscriptions(productID: nil, consumer: nil).first(where: { $0.id == id }) else {
                return .failure(MeshError(.notFound, "no subscription \(id); `mesh subscriptions` lists them", context: "subscription \(id)"))
            }
            guard actsFor(consumer: subscription.consumer, caller) else {
                return .failure(MeshError(.forbidden, "\(caller.name) may not remove \(subscription.consumer)'s subscription \(id)", context: caller.name))
            }
            try t.deleteSubscription(id: id)
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "unsubscribe", target: subscription.productID,
                                             purpose: subscription.purpose, allowed: true,
                                             detail: AuditDetail.json(["id": String(id), "consumer": subscription.consumer])))
            return .success(subscription)
        }
        return try removed.get().redacted
    }

    /// Subscriptions by id, only a product's or a consumer's when given; webhook secrets left out.
    public func subscriptions(productID: String? = nil, consumer: String? = nil) throws(MeshError) -> [Subscription] {
        try read { t throws(CatalogError) in try t.subscriptions(productID: productID, consumer: consumer) }.map(\.redacted)
    }

    // MARK: Helpers

    /// True when `caller` may act for `consumer`: it is the consumer, on the consumer team, or an administrator.
    func actsFor(consumer: String, _ caller: Principal) -> Bool {
        caller.roles.contains(.admin) || caller.name == consumer || caller.team == consumer
    }

    /// Throws ``MeshError/Kind/forbidden`` unless ``actsFor(consumer:_:)``.
    func requireActsFor(consumer: String, _ caller: Principal, to action: String) throws(MeshError) {
        guard actsFor(consumer: consumer, caller) else {
            throw MeshError(.forbidden, "\(caller.name) may not \(action): only \(consumer), members of team \(consumer) or an administrator may",
                            context: caller.name)
        }
    }

    /// Checks a webhook URL: absolute `http`/`https` with a host, no credentials, no fragment.
    static func validateWebhookURL(_ text: String) throws(MeshError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(), URL(string: trimmed) != nil else {
            throw MeshError(.invalidInput, "'\(text)' is not a URL; a webhook is an http:// or https:// URL", context: "--webhook")
        }
        guard scheme == "http" || scheme == "https" else {
            throw MeshError(.invalidInput, "webhook URLs must be http:// or https://, not \(scheme)://", context: "--webhook")
        }
        guard let host = components.host, !host.isEmpty else {
            throw MeshError(.invalidInput, "the webhook URL '\(text)' has no host", context: "--webhook")
        }
        guard components.user == nil, components.password == nil else {
            throw MeshError(.invalidInput, "the webhook URL must not carry credentials; receivers authenticate requests by their signature", context: "--webhook")
        }
        guard components.fragment == nil else {
            throw MeshError(.invalidInput, "the webhook URL must not have a #fragment", context: "--webhook")
        }
        guard trimmed.utf8.count <= 2048 else {
            throw MeshError(.invalidInput, "the webhook URL is longer than 2048 bytes", context: "--webhook")
        }
        return trimmed
    }
}

extension Subscription {
    /// The subscription without its webhook secret (for listings).
    var redacted: Subscription {
        var copy = self
        copy.webhookSecret = nil
        return copy
    }
}
