import Catalog
import Contracts
import Foundation
import Governance
import Iceberg

/// An allowed read: the version read, the access decision, and the rows to stream.
public struct ProductRead {
    /// The version being read.
    public let version: ProductVersion
    /// The output table read (`DOMAIN.PRODUCT[.TABLE]`).
    public let table: String
    /// Why the read was allowed: the policy decision for a consumer; nil for the product's
    /// owning team and administrators, who read without a grant and unmasked.
    public let decision: AccessDecision?
    /// The masked, projected, filtered rows.
    public var reader: ProductReader
}

extension MeshService {
    /// Opens a version of a product for reading, after the access decision.
    ///
    /// Who may read: administrators and the owning team's owners and producers (the principal
    /// or its team is the domain's or the product's owner) read every column unmasked without a
    /// grant — they publish the data. Everyone else needs an active grant for the product and
    /// `purpose`: the global bundle (with the domain's) decides with
    /// `PolicyBundle.decideAccess`, which masks or drops columns above the grant's clearance and
    /// personal data whose allowed purposes do not include `purpose`. Every read, allowed or
    /// denied, is audited with its decision.
    ///
    /// - Throws: ``MeshError/Kind/forbidden`` naming the missing grant or purpose;
    ///   ``MeshError/Kind/notFound`` for a version that does not exist (listing those that do).
    public func read(productID: String, at spec: VersionSpec = .latest, table: String? = nil, columns: [String]? = nil, filter: String? = nil,
                     limit: Int? = nil, purpose: String? = nil, by caller: Principal) throws(MeshError) -> ProductRead {
        let product = try self.product(productID)
        let domain = try self.domain(product.domain)
        let version = try resolveVersion(productID, spec)
        try requireNotExpired(version, for: "reading")
        let (_, contract) = try self.contract(of: productID)
        let target = try Self.outputTable(productID: productID, contract: contract, named: table)
        let privileged = caller.roles.contains(.admin)
            || ((actsFor(domain, caller) || caller.name == product.owner || caller.team == product.owner) && !caller.roles.isDisjoint(with: [.owner, .producer]))

        var decision: AccessDecision?
        var access: [ColumnAccess] = []
        if !privileged {
            guard let purpose, !purpose.isEmpty else {
                let purposes = try grants(of: caller, on: productID).map(\.purpose)
                let reason = "reading \(productID) needs a declared purpose (--purpose)"
                    + (purposes.isEmpty ? "; \(caller.name) holds no grant for it" : "; \(caller.name)'s grants allow \(Set(purposes).sorted().joined(separator: ", "))")
                try auditRead(productID: productID, version: version, table: target.identifier, purpose: nil, caller: caller, decision: nil,
                              denial: reason, columns: columns)
                throw MeshError(.forbidden, reason, context: productID)
            }
            let d = try decideAccess(product: product, contract: contract, purpose: purpose, caller: caller)
            if !d.allowed {
                try auditRead(productID: productID, version: version, table: target.identifier, purpose: purpose, caller: caller, decision: d,
                              denial: d.decisions.failures.first?.reason, columns: columns)
                let failed = d.decisions.failures
                var message = failed.first?.reason ?? "\(caller.name) may not read \(productID)"
                if failed.contains(where: { $0.ruleID == "access.grant" || $0.ruleID == "access.purpose" }) {
                    message += "; ask for access with `mesh request-access \(productID) --purpose \(purpose)`"
                }
                throw MeshError(.forbidden, message, context: productID, details: failed.map(\.description))
            }
            decision = d
            access = d.columns.filter { $0.object == target.object }
        }
        guard let snapshotID = version.snapshots[target.identifier] else {
            try auditRead(productID: productID, version: version, table: target.identifier, purpose: purpose, caller: caller, decision: decision,
                          denial: nil, columns: columns)
            throw MeshError(.notFound, "table \(target.identifier) holds no data in version \(version.version) of \(productID)", context: productID)
        }
        let icebergTable = try openTable(target.identifier)
        if !privileged {
            // Columns the contract no longer declares (a removed PII column, say) have no
            // classification to decide on: consumers never see them.
            let declared = Set(contract.object(named: target.object)?.properties.map(\.name) ?? [])
            let metadata = icebergTable.metadata
            let schema = metadata.snapshot(id: snapshotID)?.schemaID.flatMap { metadata.schema(id: $0) } ?? metadata.currentSchema
            for field in schema?.fields ?? [] where !declared.contains(field.name) {
                access.append(try Self.withheld(object: target.object, column: field.name))
            }
        }
        try auditRead(productID: productID, version: version, table: target.identifier, purpose: purpose, caller: caller, decision: decision,
                      denial: nil, columns: columns)
        let reader = try ProductReader.open(ReadRequest(snapshotID: snapshotID, columns: columns, filter: filter, limit: limit, access: access), table: icebergTable)
        return ProductRead(version: version, table: target.identifier, decision: decision, reader: reader)
    }

    /// A `drop` decision for a table column the contract does not declare.
    ///
    /// Governance's `ColumnAccess` has no public memberwise initializer; it is `Codable`, and
    /// decoding is its public way to be built outside Governance.
    static func withheld(object: String, column: String) throws(MeshError) -> ColumnAccess {
        struct Encoded: Encodable { let object: String; let column: String; let action: String; let ruleID: String; let reason: String }
        let encoded = Encoded(object: object, column: column, action: PolicyBundle.Access.Action.drop.rawValue, ruleID: "access.undeclared",
                              reason: "the contract in force does not declare \(column)")
        do { return try JSONDecoder().decode(ColumnAccess.self, from: try JSONEncoder().encode(encoded)) } catch {
            throw MeshError(.storage, "cannot build the access decision for \(column): \(error)", context: column)
        }
    }

    /// The caller's active grants on a product (made to it or to its team).
    func grants(of caller: Principal, on productID: String) throws(MeshError) -> [Grant] {
        let time = now()
        return try lookups.value(.grants, productID) { () throws(MeshError) in
            try read { t throws(CatalogError) in try t.grants(productID: productID, principal: nil) }
        }
            .filter { ($0.principal == caller.name || $0.principal == caller.team) && $0.isActive(at: time) }
    }

    /// The policy decision for a consumer's read for `purpose`, from the caller's active grants
    /// as Governance grants (a grant without a clearance clears the least sensitive level).
    func decideAccess(product: Product, contract: DataContract, purpose: String, caller: Principal) throws(MeshError) -> AccessDecision {
        let engine = try policyEngine()
        let bundle = engine.bundle(forDomain: product.domain)
        let least = bundle.classification.levels.first ?? "unclassified"
        let mapped = try grants(of: caller, on: product.id).map {
            AccessGrant(principal: caller.name, products: [product.id], purposes: [$0.purpose], clearance: $0.clearance ?? least)
        }
        return engine.decideAccess(AccessRequest(principal: caller.name, purpose: purpose, grants: mapped), to: contract)
    }

    /// Audits one read with its decision.
    private func auditRead(productID: String, version: ProductVersion, table: String, purpose: String?, caller: Principal,
                           decision: AccessDecision?, denial: String?, columns: [String]?) throws(MeshError) {
        struct Detail: Encodable {
            let version: Int; let table: String; let basis: String; let denial: String?; let columns: [String]?
            let masked: [String]; let dropped: [String]; let decisions: [String]
        }
        let detail = Detail(version: version.version, table: table, basis: decision == nil && denial == nil ? "owner" : "grant", denial: denial, columns: columns,
                            masked: decision?.columns.filter { $0.action == .mask }.map { "\($0.object).\($0.column)" } ?? [],
                            dropped: decision?.columns.filter { $0.action == .drop }.map { "\($0.object).\($0.column)" } ?? [],
                            decisions: decision?.decisions.map(\.description) ?? [])
        let time = now()
        try write { t throws(CatalogError) in
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "read", target: productID, purpose: purpose,
                                             allowed: denial == nil && (decision?.allowed ?? true), detail: AuditDetail.json(detail)))
        }
    }
}
