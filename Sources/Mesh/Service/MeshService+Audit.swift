import Catalog
import Foundation

/// When the audit entry of an Iceberg load-table is committed, relative to the answer.
public enum AuditTiming: String, Sendable, CaseIterable {
    /// The answer goes out once the entry is queued; a background writer commits the queue in
    /// batches within milliseconds. A load is refused while the log cannot be written, and a
    /// stopping server commits the queue before it exits; a process killed outright loses the
    /// entries of its last few milliseconds. The default.
    case background
    /// The answer goes out only once the entry is committed (`mesh serve --strict-audit`).
    case beforeAnswer = "before-answer"
}

extension MeshService {
    /// The newest entries a read of the audit log returns when no limit is given.
    public static let defaultAuditLimit = 100

    /// When Iceberg load-table audit entries are committed (every copy of this service shares it).
    public var catalogLoadAudit: AuditTiming {
        get { auditBatches.mode == .commitBeforeAnswer ? .beforeAnswer : .background }
        nonmutating set { auditBatches.mode = newValue == .beforeAnswer ? .commitBeforeAnswer : .background }
    }

    /// Waits until every audit entry this process has queued is committed; the server calls it
    /// when it stops, and before it answers a read of the audit log.
    ///
    /// - Throws: ``MeshError/Kind/storage`` when the audit log cannot be written.
    public func flushAudit() async throws(MeshError) {
        try await auditBatches.flush()
    }

    /// The newest `limit` audit entries (oldest first), only those of `principal`, of the
    /// product `productID`, of `action` (exact, or ending in `.` a prefix: `access.`) and recorded
    /// at or after `since`, when given.
    ///
    /// Administrators and governance read the whole log; a domain's owners read the entries of
    /// its products (`productID` required); anyone reads their own entries (`principal` set to
    /// their name). Entries this process has queued but not committed are not included: call
    /// ``flushAudit()`` first.
    ///
    /// - Throws: ``MeshError/Kind/forbidden`` for any other read, ``MeshError/Kind/notFound``
    ///   for an unknown product, ``MeshError/Kind/invalidInput`` for a negative limit.
    public func auditLog(principal: String? = nil, productID: String? = nil, action: String? = nil, since: Date? = nil, limit: Int? = nil,
                         by caller: Principal) throws(MeshError) -> [AuditEntry] {
        if let limit, limit < 0 { throw MeshError(.invalidInput, "the limit must be zero or more, not \(limit)", context: "limit") }
        let product = try productID.map { id throws(MeshError) in try self.product(id) }
        if !caller.roles.contains(.admin), !caller.roles.contains(.governance) {
            if let product {
                if principal != caller.name {
                    try requireDomainRole(caller, [.owner], in: try domain(product.domain), to: "read the audit log of \(product.id)")
                }
            } else if principal != caller.name {
                throw MeshError(.forbidden, "\(caller.name) may not read the whole audit log: it needs the admin or governance role; "
                                + "a domain's owners may read their products' entries (--product DOMAIN.PRODUCT), and anyone their own (--principal \(caller.name))",
                                context: caller.name)
            }
        }
        return try read { t throws(CatalogError) in
            try t.audit(AuditQuery(principal: principal, target: productID, action: action, since: since, limit: limit ?? Self.defaultAuditLimit))
        }
    }
}
