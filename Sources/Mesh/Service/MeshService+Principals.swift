import Catalog
import Foundation

extension MeshService {
    /// The name of this mesh's local administrator (recorded at initialisation).
    public func administratorName() throws(MeshError) -> String {
        try read { t throws(CatalogError) in try t.setting("administrator") } ?? Self.administrator
    }

    /// The principal a command acts as: `explicit` (`--as`), else `$MESH_PRINCIPAL`, else the
    /// local administrator.
    ///
    /// - Throws: ``MeshError/Kind/unauthenticated`` when the principal is not known to the mesh.
    public func resolveCaller(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(MeshError) -> Principal {
        let name: String
        let source: String
        if let explicit, !explicit.isEmpty {
            (name, source) = (explicit, "--as")
        } else if let variable = environment[Self.principalVariable], !variable.isEmpty {
            (name, source) = (variable, "$\(Self.principalVariable)")
        } else {
            (name, source) = (try administratorName(), "the local administrator")
        }
        guard let principal = try read({ t throws(CatalogError) in try t.principal(name) }) else {
            throw MeshError(.unauthenticated, "unknown principal '\(name)' (from \(source)); create it with `mesh principal create \(name) --role ROLE`", context: name)
        }
        return principal
    }

    /// Adds a principal (admin only).
    ///
    /// - Throws: ``MeshError/Kind/conflict`` when the name is taken, ``MeshError/Kind/invalidInput``
    ///   for a bad name, ``MeshError/Kind/forbidden`` when `caller` is not an administrator.
    @discardableResult
    public func createPrincipal(name: String, roles: Set<Principal.Role>, team: String? = nil, by caller: Principal) throws(MeshError) -> Principal {
        try Names.validate(name, field: "principal")
        if let team { try Names.validate(team, field: "team") }
        try requireRole(caller, [.admin], to: "create principals")
        let principal = Principal(name: name, roles: roles, team: team, createdAt: now())
        try write { t throws(CatalogError) in
            if try t.principal(name) != nil {
                throw CatalogError(.alreadyExists, "principal '\(name)' already exists", context: name)
            }
            try t.savePrincipal(principal)
            _ = try t.insertAudit(AuditEntry(time: principal.createdAt, principal: caller.name, action: "principal.create", target: "principal:\(name)",
                                             allowed: true, detail: AuditDetail.json(["roles": principal.roles.map(\.rawValue).sorted().joined(separator: ","),
                                                                                      "team": team ?? ""])))
        }
        return principal
    }

    /// Every principal, by name.
    public func principals() throws(MeshError) -> [Principal] {
        try read { t throws(CatalogError) in try t.principals() }
    }

    // MARK: Authorization

    /// Throws ``MeshError/Kind/forbidden`` unless `caller` holds one of `roles` (admin always passes).
    func requireRole(_ caller: Principal, _ roles: Set<Principal.Role>, to action: String) throws(MeshError) {
        guard caller.roles.contains(.admin) || !caller.roles.isDisjoint(with: roles) else {
            let needed = roles.union([.admin]).map(\.rawValue).sorted().joined(separator: " or ")
            throw MeshError(.forbidden, "\(caller.name) may not \(action): it needs the \(needed) role", context: caller.name)
        }
    }

    /// True when `caller` acts for `domain`'s owning team (its name or its team is the owner).
    func actsFor(_ domain: Domain, _ caller: Principal) -> Bool {
        caller.name == domain.owner || caller.team == domain.owner
    }

    /// Throws ``MeshError/Kind/forbidden`` unless `caller` is an administrator or holds one of
    /// `roles` on `domain`'s owning team.
    func requireDomainRole(_ caller: Principal, _ roles: Set<Principal.Role>, in domain: Domain, to action: String) throws(MeshError) {
        if caller.roles.contains(.admin) { return }
        guard actsFor(domain, caller), !caller.roles.isDisjoint(with: roles) else {
            let needed = roles.map(\.rawValue).sorted().joined(separator: " or ")
            throw MeshError(.forbidden, "\(caller.name) may not \(action): it needs the \(needed) role on team \(domain.owner), which owns domain \(domain.name)",
                            context: caller.name)
        }
    }
}
