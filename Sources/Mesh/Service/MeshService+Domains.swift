import Catalog
import Foundation

extension MeshService {
    /// Creates a domain owned by team `owner` (admin only).
    ///
    /// - Throws: ``MeshError/Kind/invalidInput`` for a bad name (naming the field),
    ///   ``MeshError/Kind/conflict`` when the domain exists.
    @discardableResult
    public func createDomain(name: String, owner: String, description: String = "", by caller: Principal) throws(MeshError) -> Domain {
        try Names.validate(name, field: "domain")
        try Names.validate(owner, field: "owner")
        try requireRole(caller, [.admin], to: "create domains")
        let domain = Domain(name: name, owner: owner, description: description, createdAt: now())
        try write { t throws(CatalogError) in
            try t.insertDomain(domain)
            _ = try t.insertAudit(AuditEntry(time: domain.createdAt, principal: caller.name, action: "domain.create", target: "domain:\(name)",
                                             allowed: true, detail: AuditDetail.json(["owner": owner])))
        }
        return domain
    }

    /// Every domain, by name.
    public func domains() throws(MeshError) -> [Domain] {
        try read { t throws(CatalogError) in try t.domains() }
    }

    /// The domain named `name`.
    ///
    /// - Throws: ``MeshError/Kind/notFound`` naming how to create it.
    public func domain(_ name: String) throws(MeshError) -> Domain {
        let found = try lookups.value(.domain, name) { () throws(MeshError) in try read { t throws(CatalogError) in try t.domain(name) } }
        guard let domain = found else {
            throw MeshError(.notFound, "domain '\(name)' does not exist; create it with `mesh domain create \(name) --owner TEAM`", context: name)
        }
        return domain
    }
}
