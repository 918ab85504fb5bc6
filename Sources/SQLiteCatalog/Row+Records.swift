import Catalog
import Foundation
import GRDB

// Each record type built from a row of its table (columns as in the v1 schema).

extension Row {
    /// The value of a non-null column.
    func value<V: DatabaseValueConvertible>(_ column: String) throws -> V { try decode(V.self, forColumn: column) }

    /// The date in a REAL column.
    func date(_ column: String) throws -> Date { Stored.date(try decode(Double.self, forColumn: column)) }

    /// The date in a nullable REAL column.
    func optionalDate(_ column: String) throws -> Date? { try decode(Double?.self, forColumn: column).map(Stored.date) }
}

extension Domain {
    init(row: Row) throws {
        self.init(name: try row.value("name"), owner: try row.value("owner"), description: try row.value("description"),
                  createdAt: try row.date("created_at"))
    }
}

extension Principal {
    init(row: Row) throws {
        let roles = try Stored.decode([String].self, json: try row.value("roles"), column: "principals.roles")
        var set: Set<Role> = []
        for role in roles { set.insert(try Stored.decode(Role.self, raw: role, column: "principals.roles")) }
        self.init(name: try row.value("name"), roles: set, team: try row.value("team"), createdAt: try row.date("created_at"))
    }
}

extension TokenRecord {
    init(row: Row) throws {
        self.init(hash: try row.value("hash"), principal: try row.value("principal"), createdAt: try row.date("created_at"),
                  expiresAt: try row.optionalDate("expires_at"))
    }
}

extension Product {
    init(row: Row) throws {
        self.init(
            id: try row.value("id"), domain: try row.value("domain"), name: try row.value("name"), description: try row.value("description"),
            owner: try row.value("owner"), status: try row.value("status"),
            tags: try Stored.decode([String].self, json: try row.value("tags"), column: "products.tags"),
            tables: try Stored.decode([String].self, json: try row.value("tables"), column: "products.tables"),
            contractVersion: try row.value("contract_version"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}

extension ContractRecord {
    init(row: Row) throws {
        self.init(productID: try row.value("product_id"), version: try row.value("version"), yaml: try row.value("yaml"),
                  registeredAt: try row.date("registered_at"), registeredBy: try row.value("registered_by"))
    }
}

extension ProductVersion {
    init(row: Row) throws {
        self.init(
            productID: try row.value("product_id"), version: try row.value("version"), tag: try row.value("tag"),
            snapshots: try Stored.decode([String: Int64].self, json: try row.value("snapshots"), column: "product_versions.snapshots"),
            rowCount: try row.value("row_count"), addedRows: try row.value("added_rows"), mode: try row.value("mode"),
            contractVersion: try row.value("contract_version"), publishedAt: try row.date("published_at"),
            publishedBy: try row.value("published_by"), newestEventTime: try row.optionalDate("newest_event_time"),
            statistics: try row.value("statistics"), checks: try row.value("checks"),
            inputs: try Stored.decode([VersionRef].self, json: try row.value("inputs"), column: "product_versions.inputs"),
            status: try Stored.decode(Status.self, raw: try row.value("status"), column: "product_versions.status"),
            revokedReason: try row.value("revoked_reason"))
    }
}

extension RejectedPublish {
    init(row: Row) throws {
        self.init(productID: try row.value("product_id"), attemptedAt: try row.date("attempted_at"), attemptedBy: try row.value("attempted_by"),
                  contractVersion: try row.value("contract_version"), rowCount: try row.value("row_count"), checks: try row.value("checks"),
                  reason: try row.value("reason"))
    }
}

extension Subscription {
    init(row: Row) throws {
        self.init(id: try row.value("id"), productID: try row.value("product_id"), consumer: try row.value("consumer"),
                  purpose: try row.value("purpose"), majorVersion: try row.value("major_version"), webhookURL: try row.value("webhook_url"),
                  webhookSecret: try row.value("webhook_secret"), createdAt: try row.date("created_at"))
    }
}

extension MeshEvent {
    init(row: Row) throws {
        self.init(id: try row.value("id"), time: try row.date("time"), kind: try row.value("kind"), severity: try row.value("severity"),
                  productID: try row.value("product_id"), version: try row.value("version"), message: try row.value("message"),
                  detail: try row.value("detail"))
    }
}

extension Delivery {
    init(row: Row) throws {
        self.init(
            id: try row.value("id"), eventID: try row.value("event_id"), recipient: try row.value("recipient"), role: try row.value("role"),
            channel: try Stored.decode(Channel.self, raw: try row.value("channel"), column: "deliveries.channel"),
            url: try row.value("url"), subscriptionID: try row.value("subscription_id"),
            status: try Stored.decode(Status.self, raw: try row.value("status"), column: "deliveries.status"),
            attempts: try row.value("attempts"), lastError: try row.value("last_error"),
            nextAttemptAt: try row.optionalDate("next_attempt_at"), deliveredAt: try row.optionalDate("delivered_at"))
    }
}

extension Grant {
    init(row: Row) throws {
        self.init(id: try row.value("id"), productID: try row.value("product_id"), principal: try row.value("principal"),
                  purpose: try row.value("purpose"), clearance: try row.value("clearance"), grantedBy: try row.value("granted_by"),
                  grantedAt: try row.date("granted_at"), expiresAt: try row.optionalDate("expires_at"), requestID: try row.value("request_id"))
    }
}

extension AccessRequestRecord {
    init(row: Row) throws {
        self.init(
            id: try row.value("id"), productID: try row.value("product_id"), principal: try row.value("principal"),
            purpose: try row.value("purpose"), justification: try row.value("justification"),
            status: try Stored.decode(Status.self, raw: try row.value("status"), column: "access_requests.status"),
            requestedAt: try row.date("requested_at"), decidedBy: try row.value("decided_by"), decidedAt: try row.optionalDate("decided_at"),
            expiresAt: try row.optionalDate("expires_at"))
    }
}

extension PolicyRecord {
    init(row: Row) throws {
        self.init(scope: try row.value("scope"), version: try row.value("version"), yaml: try row.value("yaml"),
                  appliedAt: try row.date("applied_at"), appliedBy: try row.value("applied_by"))
    }
}

extension LineageEdge {
    init(row: Row) throws {
        self.init(
            upstream: LineageNode(kind: try Stored.decode(LineageNode.Kind.self, raw: try row.value("upstream_kind"), column: "lineage_edges.upstream_kind"),
                                  key: try row.value("upstream_key")),
            downstream: LineageNode(kind: try Stored.decode(LineageNode.Kind.self, raw: try row.value("downstream_kind"), column: "lineage_edges.downstream_kind"),
                                    key: try row.value("downstream_key")),
            relation: try row.value("relation"), createdAt: try row.date("created_at"))
    }
}

extension AuditEntry {
    init(row: Row) throws {
        self.init(id: try row.value("id"), time: try row.date("time"), principal: try row.value("principal"), action: try row.value("action"),
                  target: try row.value("target"), purpose: try row.value("purpose"), allowed: try row.value("allowed"),
                  detail: try row.value("detail"))
    }
}
