import Catalog
import Contracts
import Foundation
import Governance
import Iceberg

/// A product's output table as an engine sees it through the Iceberg REST catalog.
///
/// A reference: the server's hot lookups hand out the one kept per catalog state, instead of
/// copying (and reference-counting) every field of the table's metadata on each request.
public final class CatalogTable: Sendable {
    /// The catalog identifier (`DOMAIN.PRODUCT` or `DOMAIN.PRODUCT.TABLE`).
    public let identifier: String
    /// The product it belongs to (`DOMAIN.PRODUCT`).
    public let productID: String
    /// The contract's schema object the table holds.
    public let object: String
    /// The table at its current metadata.
    public let table: Table

    /// Creates the record of a catalog table.
    public init(identifier: String, productID: String, object: String, table: Table) {
        self.identifier = identifier
        self.productID = productID
        self.object = object
        self.table = table
    }
}

extension MeshService {
    /// The namespaces directly under `parent`: every domain at the top (`[DOMAIN]`), and under
    /// a domain its products with several tables (`[DOMAIN, PRODUCT]`), whose tables are named
    /// by schema object.
    ///
    /// - Throws: ``MeshError/Kind/notFound`` for a parent that is not a namespace.
    public func catalogNamespaces(under parent: [String] = []) throws(MeshError) -> [[String]] {
        switch parent.count {
        case 0:
            return try domains().map { [$0.name] }.sorted { $0[0] < $1[0] }
        case 1:
            _ = try domain(parent[0])
            return try products(domain: parent[0]).filter { $0.tables.count > 1 }.map { [parent[0], $0.name] }.sorted { $0[1] < $1[1] }
        default:
            _ = try catalogNamespace(parent)
            return []
        }
    }

    /// Checks that `namespace` exists and returns its properties.
    ///
    /// - Throws: ``MeshError/Kind/notFound`` naming the domain or product that does not exist.
    public func catalogNamespace(_ namespace: [String]) throws(MeshError) -> [String: String] {
        switch namespace.count {
        case 1:
            let domain = try domain(namespace[0])
            return ["owner": domain.owner, "comment": domain.description]
        case 2:
            let product = try product("\(namespace[0]).\(namespace[1])")
            guard product.tables.count > 1 else {
                throw MeshError(.notFound, "\(product.id) has one table, named \(product.id) in namespace \(namespace[0]); it is not a namespace", context: product.id)
            }
            return ["owner": product.owner, "comment": product.description]
        default:
            throw MeshError(.notFound, "namespace \(namespace.joined(separator: ".")) does not exist: namespaces are domains, or DOMAIN.PRODUCT for a product with several tables",
                            context: namespace.joined(separator: "."))
        }
    }

    /// The table names in `namespace`: a domain's single-table products by name, or a
    /// multi-table product's tables by schema object.
    public func catalogTableNames(in namespace: [String]) throws(MeshError) -> [String] {
        _ = try catalogNamespace(namespace)
        if namespace.count == 1 {
            return try products(domain: namespace[0]).filter { $0.tables.count == 1 }.map(\.name).sorted()
        }
        let product = try product("\(namespace[0]).\(namespace[1])")
        let prefix = product.id + "."
        return product.tables.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
    }

    /// Finds the output table an Iceberg identifier (`namespace` + `name`) names.
    ///
    /// - Throws: ``MeshError/Kind/notFound`` naming what does not exist.
    public func catalogTable(namespace: [String], name: String) throws(MeshError) -> CatalogTable {
        let identifier = (namespace + [name]).joined(separator: ".")
        let productID: String
        switch namespace.count {
        case 1: productID = identifier
        case 2: productID = namespace.joined(separator: ".")
        default: throw MeshError(.notFound, "table \(identifier) does not exist", context: identifier)
        }
        let product: Product
        do { product = try self.product(productID) } catch where error.kind == .notFound {
            throw MeshError(.notFound, "table \(identifier) does not exist: no product \(productID)", context: identifier)
        }
        guard product.tables.contains(identifier) else {
            throw MeshError(.notFound, "table \(identifier) does not exist (\(product.id) has \(product.tables.joined(separator: ", ")))", context: identifier)
        }
        let (_, contract) = try self.contract(of: productID)
        let pairs = Self.tableIdentifiers(productID: productID, objects: contract.schema.map(\.name))
        guard let object = pairs.first(where: { $0.identifier == identifier })?.object else {
            throw MeshError(.notFound, "table \(identifier) is not in \(productID)'s current contract", context: identifier)
        }
        return CatalogTable(identifier: identifier, productID: productID, object: object, table: try openTable(identifier))
    }

    /// Loads a table for an engine, after the access decision: an engine reads every column
    /// as stored, so only a caller who may see every column of the table unmasked may load it.
    ///
    /// Administrators and the owning team's owners and producers always may. A consumer needs
    /// an active grant for `purpose` under which the policy bundle neither masks nor drops any
    /// column of this table. Every load, allowed or refused, is audited (`catalog.load`).
    ///
    /// The entry is queued and committed in the background with the entries of concurrent loads
    /// (or, with ``catalogLoadAudit`` set to ``AuditTiming/beforeAnswer``, committed before the
    /// call returns or throws its refusal); while the audit log cannot be written, every load
    /// fails with ``MeshError/Kind/storage``.
    ///
    /// - Throws: ``MeshError/Kind/forbidden`` explaining why (no purpose, no grant, or which
    ///   columns would be masked or dropped and that `mesh read` serves the masked view).
    public func loadCatalogTable(namespace: [String], name: String, purpose: String?, by caller: Principal) async throws(MeshError) -> CatalogTable {
        // What a load needs from the catalog, looked up once per catalog state.
        let key = namespace.count == 1 ? namespace[0] + "\u{1F}" + name : (namespace + [name]).joined(separator: "\u{1F}")
        let target = try lookups.value(.catalogLoad, key) { () throws(MeshError) in
            let found = try catalogTable(namespace: namespace, name: name)
            let product = try self.product(found.productID)
            return CatalogLoadTarget(found: found, product: product, domain: try self.domain(product.domain))
        }
        // Read through the reference: copying the records would retain each of their fields.
        let found = target.found
        let privileged = caller.roles.contains(.admin)
            || ((actsFor(target.domain, caller) || caller.name == target.product.owner || caller.team == target.product.owner)
                && !caller.roles.isDisjoint(with: [.owner, .producer]))
        var refusal: MeshError?
        var decision: AccessDecision?
        if !privileged {
            let product = target.product
            if let purpose, !purpose.isEmpty {
                let (_, contract) = try self.contract(of: found.productID)
                let d = try decideAccess(product: product, contract: contract, purpose: purpose, caller: caller)
                decision = d
                let hidden = d.columns.filter { $0.object == found.object && $0.action != .show }
                if !d.allowed {
                    refusal = MeshError(.forbidden, (d.decisions.failures.first?.reason ?? "\(caller.name) may not read \(product.id)")
                                        + "; ask for access with `mesh request-access \(product.id) --purpose \(purpose)`",
                                        context: found.identifier, details: d.decisions.failures.map(\.description))
                } else if !hidden.isEmpty {
                    refusal = MeshError(.forbidden, "\(caller.name) may not load \(found.identifier) through the Iceberg catalog: for purpose \(purpose) it may not see "
                                        + hidden.map { "\($0.column) (\($0.action.rawValue))" }.joined(separator: ", ")
                                        + " unmasked, and an engine reads every column as stored; read the masked view with `mesh read \(product.id) --purpose \(purpose)`",
                                        context: found.identifier, details: hidden.map { "\($0.column): \($0.action.rawValue): \($0.reason)" })
                }
            } else {
                refusal = MeshError(.forbidden, "loading \(found.identifier) needs a declared purpose: send the X-Mesh-Purpose header (pyiceberg: the catalog property header.X-Mesh-Purpose)",
                                    context: found.identifier)
            }
        }
        let detail = privileged ? target.ownerDetail
            : CatalogLoadTarget.detail(table: found.identifier, basis: "grant", denial: refusal?.message,
                                       hidden: decision?.columns.filter { $0.object == found.object && $0.action != .show }.map(\.column) ?? [])
        try await auditBatches.record(AuditEntry(time: now(), principal: caller.name, action: "catalog.load", target: found.productID, purpose: purpose,
                                                 allowed: refusal == nil, detail: detail))
        if let refusal { throw refusal }
        return found
    }
}

/// The catalog records an Iceberg load-table needs, kept per catalog state by
/// ``MeshService/loadCatalogTable(namespace:name:purpose:by:)`` (a reference, so a cache hit
/// copies nothing).
final class CatalogLoadTarget: Sendable {
    let found: CatalogTable
    let product: Product
    let domain: Domain
    /// The audit detail of a load by the owning team or an administrator (the same every time).
    let ownerDetail: String

    init(found: CatalogTable, product: Product, domain: Domain) {
        self.found = found
        self.product = product
        self.domain = domain
        ownerDetail = Self.detail(table: found.identifier, basis: "owner", denial: nil, hidden: [])
    }

    /// The `catalog.load` audit detail.
    static func detail(table: String, basis: String, denial: String?, hidden: [String]) -> String {
        struct Detail: Encodable { let table: String; let basis: String; let denial: String?; let hidden: [String] }
        return AuditDetail.json(Detail(table: table, basis: basis, denial: denial, hidden: hidden))
    }
}
