import Catalog
import Foundation
import GRDB

extension SQLiteTransaction {
    // MARK: Grants

    func insertGrant(_ grant: Grant) throws(CatalogError) -> Grant {
        var row = grant
        row.id = try run(missingReference: CatalogError(.invalid, "no product '\(grant.productID)' to grant access to", context: grant.productID)) { db in
            try db.executeCached(
                sql: """
                    INSERT INTO grants(product_id, principal, purpose, clearance, granted_by, granted_at, expires_at, request_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [grant.productID, grant.principal, grant.purpose, grant.clearance, grant.grantedBy, Stored.date(grant.grantedAt),
                            grant.expiresAt.map(Stored.date), grant.requestID])
            return db.lastInsertedRowID
        }
        return row
    }

    func deleteGrant(id: Int64) throws(CatalogError) {
        try update("DELETE FROM grants WHERE id = ?", [id], missing: CatalogError(.notFound, "no grant \(id)"))
    }

    func grants(productID: String?, principal: String?) throws(CatalogError) -> [Grant] {
        let filter = conditions(["product_id": productID, "principal": principal])
        return try run { db in
            try db.cachedRows(sql: "SELECT * FROM grants\(filter.sql) ORDER BY id", arguments: filter.arguments).map(Grant.init(row:))
        }
    }

    // MARK: Access requests

    func insertAccessRequest(_ request: AccessRequestRecord) throws(CatalogError) -> AccessRequestRecord {
        var row = request
        row.id = try run(missingReference: CatalogError(.invalid, "no product '\(request.productID)' to request access to", context: request.productID)) { db in
            try db.executeCached(
                sql: """
                    INSERT INTO access_requests(product_id, principal, purpose, justification, status, requested_at, decided_by, decided_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [request.productID, request.principal, request.purpose, request.justification, request.status.rawValue,
                            Stored.date(request.requestedAt), request.decidedBy, request.decidedAt.map(Stored.date), request.expiresAt.map(Stored.date)])
            return db.lastInsertedRowID
        }
        return row
    }

    func updateAccessRequest(_ request: AccessRequestRecord) throws(CatalogError) {
        let missing = CatalogError(.notFound, "no access request \(request.id)")
        let changed = try run(missingReference: CatalogError(.invalid, "no product '\(request.productID)' to request access to", context: request.productID)) { db in
            try db.executeCached(
                sql: """
                    UPDATE access_requests SET product_id = ?, principal = ?, purpose = ?, justification = ?, status = ?, requested_at = ?,
                        decided_by = ?, decided_at = ?, expires_at = ?
                    WHERE id = ?
                    """,
                arguments: [request.productID, request.principal, request.purpose, request.justification, request.status.rawValue,
                            Stored.date(request.requestedAt), request.decidedBy, request.decidedAt.map(Stored.date), request.expiresAt.map(Stored.date),
                            request.id])
            return db.changesCount
        }
        if changed == 0 { throw missing }
    }

    func accessRequest(id: Int64) throws(CatalogError) -> AccessRequestRecord? {
        try run { db in
            try db.cachedRow(sql: "SELECT * FROM access_requests WHERE id = ?", arguments: [id]).map(AccessRequestRecord.init(row:))
        }
    }

    func accessRequests(status: AccessRequestRecord.Status?) throws(CatalogError) -> [AccessRequestRecord] {
        let filter = conditions(["status": status?.rawValue])
        return try run { db in
            try db.cachedRows(sql: "SELECT * FROM access_requests\(filter.sql) ORDER BY id", arguments: filter.arguments)
                .map(AccessRequestRecord.init(row:))
        }
    }

    // MARK: Policies

    func insertPolicy(_ policy: PolicyRecord) throws(CatalogError) {
        try run { db in
            try db.executeCached(sql: "INSERT INTO policies(scope, version, yaml, applied_at, applied_by) VALUES (?, ?, ?, ?, ?)",
                           arguments: [policy.scope, policy.version, policy.yaml, Stored.date(policy.appliedAt), policy.appliedBy])
        }
    }

    func policy(scope: String) throws(CatalogError) -> PolicyRecord? {
        try run { db in
            try db.cachedRow(sql: "SELECT * FROM policies WHERE scope = ? ORDER BY id DESC LIMIT 1", arguments: [scope]).map(PolicyRecord.init(row:))
        }
    }

    func policyHistory(scope: String) throws(CatalogError) -> [PolicyRecord] {
        try run { db in
            try db.cachedRows(sql: "SELECT * FROM policies WHERE scope = ? ORDER BY id", arguments: [scope]).map(PolicyRecord.init(row:))
        }
    }

    // MARK: Lineage

    func insertLineage(_ edge: LineageEdge) throws(CatalogError) {
        try run { db in
            try db.executeCached(
                sql: """
                    INSERT INTO lineage_edges(upstream_kind, upstream_key, downstream_kind, downstream_key, relation, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(upstream_kind, upstream_key, downstream_kind, downstream_key, relation) DO NOTHING
                    """,
                arguments: [edge.upstream.kind.rawValue, edge.upstream.key, edge.downstream.kind.rawValue, edge.downstream.key, edge.relation,
                            Stored.date(edge.createdAt)])
        }
    }

    func lineage(upstreamOf node: LineageNode) throws(CatalogError) -> [LineageEdge] {
        try run { db in
            try db.cachedRows(sql: "SELECT * FROM lineage_edges WHERE downstream_kind = ? AND downstream_key = ? ORDER BY id",
                             arguments: [node.kind.rawValue, node.key]).map(LineageEdge.init(row:))
        }
    }

    func lineage(downstreamOf node: LineageNode) throws(CatalogError) -> [LineageEdge] {
        try run { db in
            try db.cachedRows(sql: "SELECT * FROM lineage_edges WHERE upstream_kind = ? AND upstream_key = ? ORDER BY id",
                             arguments: [node.kind.rawValue, node.key]).map(LineageEdge.init(row:))
        }
    }

    // MARK: Audit

    func insertAudit(_ entry: AuditEntry) throws(CatalogError) -> AuditEntry {
        var row = entry
        row.id = try run { db in
            try db.executeCached(sql: "INSERT INTO audit_log(time, principal, action, target, purpose, allowed, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [Stored.date(entry.time), entry.principal, entry.action, entry.target, entry.purpose, entry.allowed, entry.detail])
            return db.lastInsertedRowID
        }
        return row
    }

    /// Multi-row INSERTs of 64, 16, 4 and 1 rows (a few cached statements), in order.
    func insertAudits(_ entries: [AuditEntry]) throws(CatalogError) {
        var start = 0
        while start < entries.count {
            let rows = [64, 16, 4, 1].first { $0 <= entries.count - start }!
            var arguments: [(any DatabaseValueConvertible)?] = []
            arguments.reserveCapacity(rows * 7)
            for entry in entries[start..<(start + rows)] {
                arguments += [Stored.date(entry.time), entry.principal, entry.action, entry.target, entry.purpose, entry.allowed, entry.detail]
            }
            let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
            try run { db in
                try db.executeCached(sql: "INSERT INTO audit_log(time, principal, action, target, purpose, allowed, detail) VALUES \(values)",
                                     arguments: StatementArguments(arguments))
            }
            start += rows
        }
    }

    func audit(_ query: AuditQuery) throws(CatalogError) -> [AuditEntry] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let principal = query.principal { clauses.append("principal = ?"); arguments += [principal] }
        if let target = query.target { clauses.append("target = ?"); arguments += [target] }
        if let action = query.action {
            if action.hasSuffix(".") {
                // Every action starting with the prefix: the range [prefix, prefix with its final
                // "." raised to "/"), in SQLite's binary (case-sensitive) order.
                clauses.append("action >= ? AND action < ?")
                arguments += [action, String(action.dropLast()) + "/"]
            } else {
                clauses.append("action = ?")
                arguments += [action]
            }
        }
        if let since = query.since { clauses.append("time >= ?"); arguments += [Stored.date(since)] }
        let filter = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        // The newest `limit` entries, returned oldest first; LIMIT -1 is no limit in SQLite.
        arguments += [query.limit.map { max(0, $0) } ?? -1]
        return try run { db in
            try db.cachedRows(sql: "SELECT * FROM (SELECT * FROM audit_log\(filter) ORDER BY id DESC LIMIT ?) ORDER BY id",
                             arguments: arguments).map(AuditEntry.init(row:))
        }
    }
}
