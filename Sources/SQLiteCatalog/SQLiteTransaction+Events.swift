import Catalog
import Foundation
import GRDB

extension SQLiteTransaction {
    // MARK: Subscriptions

    func insertSubscription(_ subscription: Subscription) throws(CatalogError) -> Subscription {
        var row = subscription
        row.id = try run(missingReference: CatalogError(.invalid, "no product '\(subscription.productID)' to subscribe to", context: subscription.productID)) { db in
            try db.executeCached(
                sql: """
                    INSERT INTO subscriptions(product_id, consumer, purpose, major_version, webhook_url, webhook_secret, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [subscription.productID, subscription.consumer, subscription.purpose, subscription.majorVersion,
                            subscription.webhookURL, subscription.webhookSecret, Stored.date(subscription.createdAt)])
            return db.lastInsertedRowID
        }
        return row
    }

    func deleteSubscription(id: Int64) throws(CatalogError) {
        try update("DELETE FROM subscriptions WHERE id = ?", [id], missing: CatalogError(.notFound, "no subscription \(id)"))
    }

    func subscriptions(productID: String?, consumer: String?) throws(CatalogError) -> [Subscription] {
        let filter = conditions(["product_id": productID, "consumer": consumer])
        return try run { db in
            try db.cachedRows(sql: "SELECT * FROM subscriptions\(filter.sql) ORDER BY id", arguments: filter.arguments).map(Subscription.init(row:))
        }
    }

    // MARK: Events

    func insertEvent(_ event: MeshEvent) throws(CatalogError) -> MeshEvent {
        var row = event
        row.id = try run { db in
            try db.executeCached(
                sql: "INSERT INTO events(time, kind, severity, product_id, version, message, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [Stored.date(event.time), event.kind, event.severity, event.productID, event.version, event.message, event.detail])
            return db.lastInsertedRowID
        }
        return row
    }

    func events(_ query: EventQuery) throws(CatalogError) -> [MeshEvent] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let recipient = query.recipient {
            conditions.append("id IN (SELECT event_id FROM deliveries WHERE recipient = ?)")
            arguments += [recipient]
        }
        if let productID = query.productID {
            conditions.append("product_id = ?")
            arguments += [productID]
        }
        if let afterID = query.afterID {
            conditions.append("id > ?")
            arguments += [afterID]
        }
        var sql = "SELECT * FROM events"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY id"
        if let limit = query.limit {
            sql += " LIMIT ?"
            arguments += [max(0, limit)]
        }
        return try run { db in try db.cachedRows(sql: sql, arguments: arguments).map(MeshEvent.init(row:)) }
    }

    // MARK: Deliveries

    func insertDelivery(_ delivery: Delivery) throws(CatalogError) -> Delivery {
        var row = delivery
        row.id = try run(missingReference: CatalogError(.invalid, "no event \(delivery.eventID) to deliver", context: delivery.recipient)) { db in
            try db.executeCached(
                sql: """
                    INSERT INTO deliveries(event_id, recipient, role, channel, url, subscription_id, status, attempts, last_error,
                        next_attempt_at, delivered_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [delivery.eventID, delivery.recipient, delivery.role, delivery.channel.rawValue, delivery.url, delivery.subscriptionID,
                            delivery.status.rawValue, delivery.attempts, delivery.lastError, delivery.nextAttemptAt.map(Stored.date),
                            delivery.deliveredAt.map(Stored.date)])
            return db.lastInsertedRowID
        }
        return row
    }

    func updateDelivery(_ delivery: Delivery) throws(CatalogError) {
        let missing = CatalogError(.notFound, "no delivery \(delivery.id)")
        let changed = try run(missingReference: CatalogError(.invalid, "no event \(delivery.eventID) to deliver", context: delivery.recipient)) { db in
            try db.executeCached(
                sql: """
                    UPDATE deliveries SET event_id = ?, recipient = ?, role = ?, channel = ?, url = ?, subscription_id = ?, status = ?,
                        attempts = ?, last_error = ?, next_attempt_at = ?, delivered_at = ?
                    WHERE id = ?
                    """,
                arguments: [delivery.eventID, delivery.recipient, delivery.role, delivery.channel.rawValue, delivery.url, delivery.subscriptionID,
                            delivery.status.rawValue, delivery.attempts, delivery.lastError, delivery.nextAttemptAt.map(Stored.date),
                            delivery.deliveredAt.map(Stored.date), delivery.id])
            return db.changesCount
        }
        if changed == 0 { throw missing }
    }

    func deliveries(eventID: Int64) throws(CatalogError) -> [Delivery] {
        try run { db in
            try db.cachedRows(sql: "SELECT * FROM deliveries WHERE event_id = ? ORDER BY id", arguments: [eventID]).map(Delivery.init(row:))
        }
    }

    func dueDeliveries(at date: Date) throws(CatalogError) -> [Delivery] {
        try run { db in
            try db.cachedRows(
                sql: """
                    SELECT * FROM deliveries
                    WHERE channel = 'webhook' AND status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                    ORDER BY id
                    """,
                arguments: [Stored.date(date)]
            ).map(Delivery.init(row:))
        }
    }
}
