import Catalog
import Foundation

extension MeshService {
    /// Asks the owning domain for access to a product for a purpose.
    ///
    /// Raises `access.requested` to the owning domain's team (and the product's owner), in their
    /// feeds only: other consumers do not see who asks for what.
    ///
    /// - Parameter expires: the expiry asked for, if any (must be in the future).
    /// - Throws: ``MeshError/Kind/notFound`` for an unknown product, ``MeshError/Kind/invalidInput``
    ///   for a bad purpose or a past expiry, ``MeshError/Kind/conflict`` when the caller already
    ///   has a pending request or an active grant for this product and purpose.
    public func requestAccess(productID: String, purpose: String, justification: String = "", expires: Date? = nil,
                              by caller: Principal) throws(MeshError) -> AccessRequestRecord {
        try Names.validate(purpose, field: "purpose")
        let product = try self.product(productID)
        let time = now()
        try requireFuture(expires, time)
        let request = AccessRequestRecord(productID: product.id, principal: caller.name, purpose: purpose, justification: justification,
                                          requestedAt: time, expiresAt: expires)
        return try write { t throws(CatalogError) in
            if let pending = try t.accessRequests(status: .pending).first(where: { $0.productID == product.id && $0.principal == caller.name && $0.purpose == purpose }) {
                throw CatalogError(.alreadyExists, "\(caller.name) already asked for \(product.id) for \(purpose) (request \(pending.id), pending)", context: product.id)
            }
            if let grant = try t.grants(productID: product.id, principal: caller.name).first(where: { $0.purpose == purpose && $0.isActive(at: time) }) {
                throw CatalogError(.alreadyExists, "\(caller.name) already holds grant \(grant.id) on \(product.id) for \(purpose)", context: product.id)
            }
            let stored = try t.insertAccessRequest(request)
            let reason = justification.isEmpty ? "" : ": \(justification)"
            try Self.notify(MeshEvent(time: time, kind: "access.requested", severity: "info", productID: product.id,
                                      message: "\(caller.name) asks for access to \(product.id) for \(purpose)\(reason) (request \(stored.id); `mesh approve \(stored.id)` or `mesh deny \(stored.id) --reason TEXT`)",
                                      detail: AuditDetail.json(RequestDetail(request: stored.id, principal: caller.name, purpose: purpose,
                                                                             justification: justification, expires: expires))),
                            consumer: nil, product: product, in: t)
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "access.request", target: product.id, purpose: purpose,
                                             allowed: true, detail: AuditDetail.json(RequestDetail(request: stored.id, principal: caller.name, purpose: purpose,
                                                                                                   justification: justification, expires: expires))))
            return stored
        }
    }

    /// Approves a pending request and records the grant (the product's domain owners or an administrator).
    ///
    /// - Parameters:
    ///   - clearance: the classification level the grantee may see unmasked (one of the policy
    ///     bundle's levels); nil: the least sensitive level.
    ///   - expires: when the grant ends; nil keeps the expiry asked for, if any.
    /// - Throws: ``MeshError/Kind/notFound`` for an unknown request, ``MeshError/Kind/conflict``
    ///   when it was already decided, ``MeshError/Kind/forbidden`` for other callers,
    ///   ``MeshError/Kind/invalidInput`` for an unknown clearance or a past expiry.
    public func approve(requestID: Int64, clearance: String? = nil, expires: Date? = nil, by caller: Principal) throws(MeshError) -> Grant {
        let request = try pendingRequest(requestID)
        let product = try self.product(request.productID)
        try requireDomainRole(caller, [.owner], in: try domain(product.domain), to: "approve access to \(product.id)")
        let level = try validateClearance(clearance, domain: product.domain)
        let time = now()
        let expiry = expires ?? request.expiresAt
        try requireFuture(expiry, time)
        return try write { t throws(CatalogError) in
            guard var current = try t.accessRequest(id: requestID), current.status == .pending else {
                throw CatalogError(.conflict, "access request \(requestID) was decided meanwhile", context: "request \(requestID)")
            }
            current.status = .approved
            current.decidedBy = caller.name
            current.decidedAt = time
            current.expiresAt = expiry
            try t.updateAccessRequest(current)
            let grant = try t.insertGrant(Grant(productID: product.id, principal: current.principal, purpose: current.purpose, clearance: level,
                                                grantedBy: caller.name, grantedAt: time, expiresAt: expiry, requestID: requestID))
            try Self.notify(MeshEvent(time: time, kind: "access.approved", severity: "info", productID: product.id,
                                      message: "\(caller.name) approved \(current.principal)'s access to \(product.id) for \(current.purpose) (grant \(grant.id)\(Self.untilText(expiry)))",
                                      detail: AuditDetail.json(GrantDetail(grant))),
                            consumer: current.principal, product: product, in: t)
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "access.approve", target: product.id, purpose: current.purpose,
                                             allowed: true, detail: AuditDetail.json(GrantDetail(grant))))
            return grant
        }
    }

    /// Denies a pending request with a reason the requester sees (the product's domain owners or an administrator).
    ///
    /// - Throws: as ``approve(requestID:clearance:expires:by:)``, and ``MeshError/Kind/invalidInput`` for an empty reason.
    @discardableResult
    public func deny(requestID: Int64, reason: String, by caller: Principal) throws(MeshError) -> AccessRequestRecord {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw MeshError(.invalidInput, "say why the request is denied (--reason TEXT)", context: "--reason") }
        let request = try pendingRequest(requestID)
        let product = try self.product(request.productID)
        try requireDomainRole(caller, [.owner], in: try domain(product.domain), to: "deny access to \(product.id)")
        let time = now()
        return try write { t throws(CatalogError) in
            guard var current = try t.accessRequest(id: requestID), current.status == .pending else {
                throw CatalogError(.conflict, "access request \(requestID) was decided meanwhile", context: "request \(requestID)")
            }
            current.status = .denied
            current.decidedBy = caller.name
            current.decidedAt = time
            try t.updateAccessRequest(current)
            let detail = AuditDetail.json(["request": String(requestID), "principal": current.principal, "reason": reason])
            try Self.notify(MeshEvent(time: time, kind: "access.denied", severity: "info", productID: product.id,
                                      message: "\(caller.name) denied \(current.principal)'s access to \(product.id) for \(current.purpose): \(reason)",
                                      detail: detail),
                            consumer: current.principal, product: product, in: t)
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "access.deny", target: product.id, purpose: current.purpose,
                                             allowed: true, detail: detail))
            return current
        }
    }

    /// Grants `principal` (a principal or a team) access to a product for a purpose, without a
    /// request (the product's domain owners or an administrator).
    ///
    /// - Throws: ``MeshError/Kind/notFound`` for an unknown product or grantee,
    ///   ``MeshError/Kind/forbidden`` for other callers, ``MeshError/Kind/invalidInput`` for a
    ///   bad purpose, an unknown clearance or a past expiry.
    public func grant(productID: String, principal: String, purpose: String, clearance: String? = nil, expires: Date? = nil,
                      by caller: Principal) throws(MeshError) -> Grant {
        try Names.validate(principal, field: "principal")
        try Names.validate(purpose, field: "purpose")
        let product = try self.product(productID)
        try requireDomainRole(caller, [.owner], in: try domain(product.domain), to: "grant access to \(product.id)")
        let level = try validateClearance(clearance, domain: product.domain)
        let time = now()
        try requireFuture(expires, time)
        let result = try write { t throws(CatalogError) -> Result<Grant, MeshError> in
            let isPrincipal = try t.principal(principal) != nil
            let isMember = try t.principals().contains { $0.team == principal }
            let ownsDomain = try t.domains().contains { $0.owner == principal }
            let known = isPrincipal || isMember || ownsDomain
            guard known else {
                return .failure(MeshError(.notFound, "no principal or team '\(principal)'; create it with `mesh principal create \(principal) --role consumer`",
                                          context: principal))
            }
            let grant = try t.insertGrant(Grant(productID: product.id, principal: principal, purpose: purpose, clearance: level,
                                                grantedBy: caller.name, grantedAt: time, expiresAt: expires))
            try Self.notify(MeshEvent(time: time, kind: "access.granted", severity: "info", productID: product.id,
                                      message: "\(caller.name) granted \(principal) access to \(product.id) for \(purpose) (grant \(grant.id)\(Self.untilText(expires)))",
                                      detail: AuditDetail.json(GrantDetail(grant))),
                            consumer: principal, product: product, in: t)
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "grant", target: product.id, purpose: purpose, allowed: true,
                                             detail: AuditDetail.json(GrantDetail(grant))))
            return .success(grant)
        }
        return try result.get()
    }

    /// Revokes grant `id` (the product's domain owners or an administrator); the grantee is told.
    @discardableResult
    public func revokeGrant(id: Int64, by caller: Principal) throws(MeshError) -> Grant {
        guard let grant = try read({ t throws(CatalogError) in try t.grants(productID: nil, principal: nil).first { $0.id == id } }) else {
            throw MeshError(.notFound, "no grant \(id); `mesh grants` lists them", context: "grant \(id)")
        }
        let product = try self.product(grant.productID)
        try requireDomainRole(caller, [.owner], in: try domain(product.domain), to: "revoke access to \(product.id)")
        let time = now()
        try write { t throws(CatalogError) in
            try t.deleteGrant(id: id)
            try Self.notify(MeshEvent(time: time, kind: "access.revoked", severity: "warning", productID: product.id,
                                      message: "\(caller.name) revoked \(grant.principal)'s access to \(product.id) for \(grant.purpose) (grant \(id))",
                                      detail: AuditDetail.json(GrantDetail(grant))),
                            consumer: grant.principal, product: product, in: t)
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "grant.revoke", target: product.id, purpose: grant.purpose,
                                             allowed: true, detail: AuditDetail.json(GrantDetail(grant))))
        }
        return grant
    }

    /// Grants by id; only a product's or a principal's when given; expired ones only when asked.
    public func grants(productID: String? = nil, principal: String? = nil, includeExpired: Bool = false) throws(MeshError) -> [Grant] {
        let time = now()
        return try read { t throws(CatalogError) in try t.grants(productID: productID, principal: principal) }
            .filter { includeExpired || $0.isActive(at: time) }
    }

    /// Access requests by id; only those in `status` when given.
    public func accessRequests(status: AccessRequestRecord.Status? = nil) throws(MeshError) -> [AccessRequestRecord] {
        try read { t throws(CatalogError) in try t.accessRequests(status: status) }
    }

    // MARK: Helpers

    private struct RequestDetail: Encodable {
        let request: Int64
        let principal: String
        let purpose: String
        let justification: String
        let expires: Date?
    }

    private struct GrantDetail: Encodable {
        let grant: Int64
        let principal: String
        let purpose: String
        let clearance: String?
        let expires: Date?
        let request: Int64?
        init(_ g: Grant) {
            (grant, principal, purpose, clearance, expires, request) = (g.id, g.principal, g.purpose, g.clearance, g.expiresAt, g.requestID)
        }
    }

    /// The pending request `id`.
    private func pendingRequest(_ id: Int64) throws(MeshError) -> AccessRequestRecord {
        guard let request = try read({ t throws(CatalogError) in try t.accessRequest(id: id) }) else {
            throw MeshError(.notFound, "no access request \(id); `mesh access-requests` lists them", context: "request \(id)")
        }
        guard request.status == .pending else {
            throw MeshError(.conflict, "access request \(id) was already \(request.status.rawValue) by \(request.decidedBy ?? "?")", context: "request \(id)")
        }
        return request
    }

    /// `level` as the policy bundle spells it, or nil; throws when the bundle does not know it.
    private func validateClearance(_ level: String?, domain: String) throws(MeshError) -> String? {
        guard let level else { return nil }
        let bundle = try policyEngine().bundle(forDomain: domain)
        let levels = bundle.classification.levels
        if levels.isEmpty { return level }
        guard let rank = bundle.rank(ofLevel: level) else {
            throw MeshError(.invalidInput, "unknown clearance '\(level)'; the policy bundle's levels are \(levels.joined(separator: ", "))", context: "--clearance")
        }
        return levels[rank]
    }

    private func requireFuture(_ date: Date?, _ now: Date) throws(MeshError) {
        if let date, date <= now {
            throw MeshError(.invalidInput, "the expiry \(Timestamp.iso(date)) is not in the future", context: "--expires")
        }
    }

    private static func untilText(_ expiry: Date?) -> String { expiry.map { ", until \(Timestamp.iso($0))" } ?? "" }

    /// The teams that decide on a product: its owner and its domain's owner.
    static func owners(of product: Product, _ t: any CatalogTransaction) throws(CatalogError) -> [String] {
        var names = [product.owner]
        if let domain = try t.domain(product.domain), domain.owner != product.owner { names.append(domain.owner) }
        return names
    }

    /// Records `event` with feed deliveries to exactly the product's owning teams and `consumer`
    /// (no subscribers, no webhooks): for events that concern only the parties of an access decision.
    static func notify(_ event: MeshEvent, consumer: String?, product: Product, in t: any CatalogTransaction) throws(CatalogError) {
        let stored = try t.insertEvent(event)
        var recipients = try owners(of: product, t).map { (name: $0, role: "producer") }
        if let consumer, !recipients.contains(where: { $0.name == consumer }) { recipients.append((consumer, "consumer")) }
        for recipient in recipients {
            _ = try t.insertDelivery(Delivery(eventID: stored.id, recipient: recipient.name, role: recipient.role, channel: .feed, status: .delivered,
                                              attempts: 1, deliveredAt: event.time))
        }
    }
}
