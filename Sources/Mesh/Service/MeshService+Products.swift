import Catalog
import Contracts
import Foundation
import Governance

/// The outcome of registering a contract.
public struct Registration: Sendable, Hashable, Codable {
    /// The product as stored.
    public var product: Product
    /// True on the product's first registration.
    public var created: Bool
    /// True when the same contract was already registered (nothing changed).
    public var unchanged: Bool
    /// The changes from the previous contract (empty on creation).
    public var changes: [ContractChange]
    /// Whether any change is breaking (accepted because the major version was bumped).
    public var breaking: Bool
    /// Non-blocking policy failures and lint warnings, one line each.
    public var warnings: [String]
}

extension MeshService {
    /// Registers a product's contract: creates the product and its tables, or updates them.
    ///
    /// In order: lint (every error rejects, each listed with its path and line); the product's
    /// names; its domain must exist and the caller must own it; governance against the bundles
    /// in force (each failed blocking decision listed); the evolution check against the previous
    /// contract (a breaking change needs a major version bump); the tables' schemas (created, or
    /// evolved: columns added, widened, made optional). Then, in one catalog write: the product,
    /// the contract version, the search entry, the `contract.breaking` / `product.deprecated`
    /// events, and the audit entry.
    public func registerProduct(contractYAML yaml: String, source: String = "contract", by caller: Principal) throws(MeshError) -> Registration {
        let problems = ContractLinter().lint(yaml: yaml)
        if !problems.errors.isEmpty {
            throw MeshError(.invalidInput, "the contract has \(problems.errors.count) error(s); fix them and register again", context: source,
                            details: problems.errors.map { "\(source): \($0.description)" })
        }
        let contract: DataContract
        do { contract = try DataContract(yaml: yaml) } catch { throw MeshError(.invalidInput, "\(error)", context: source) }
        try Names.validate(contract.domain ?? "", field: "domain")
        try Names.validate(contract.dataProduct ?? "", field: "dataProduct")
        for (i, object) in contract.schema.enumerated() { try Names.validate(object.name, field: "schema[\(i)].name") }
        guard let version = contract.version, !version.isEmpty else {
            throw MeshError(.invalidInput, "the contract has no version", context: "\(source): version")
        }
        guard !contract.schema.isEmpty else {
            throw MeshError(.invalidInput, "the contract declares no schema object (output table)", context: "\(source): schema")
        }
        // Registrations and publishes of one product take turns: a publish sees one contract and
        // its table schema, and two registrations cannot both evolve from the same contract.
        do {
            return try publishLocks.withLock(contract.productID!, timeout: Self.publishLockTimeout) { () throws(MeshError) -> Registration in
                try register(contract, yaml: yaml, warnings: problems.warnings.map { "\(source): \($0.description)" }, source: source, by: caller)
            }
        } catch where error.kind == .rejected {
            // A registration refused by policy or by the evolution check is a governance decision:
            // it is audited with its reasons (nothing else is written).
            struct Detail: Encodable { let version: String?; let source: String; let reason: String; let details: [String] }
            let detail = Detail(version: contract.version, source: source, reason: error.message, details: error.details)
            let time = now()
            try? write { t throws(CatalogError) in
                _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "product.register", target: contract.productID!, allowed: false,
                                                 detail: AuditDetail.json(detail)))
            }
            throw error
        }
    }

    /// The part of ``registerProduct(contractYAML:source:by:)`` that runs under the product's lock.
    private func register(_ contract: DataContract, yaml: String, warnings lintWarnings: [String], source: String,
                          by caller: Principal) throws(MeshError) -> Registration {
        let version = contract.version ?? ""
        let productID = contract.productID!
        let domain = try self.domain(contract.domain!)
        try requireDomainRole(caller, [.owner], in: domain, to: "register products in domain \(domain.name)")

        // Governance.
        let engine = try policyEngine()
        let others = try read { t throws(CatalogError) in try registeredContracts(t) }.filter { $0.productID != productID }
        let decisions = engine.evaluate(contract) + engine.glossaryConflicts(others + [contract]).filter { $0.product == productID }
        if decisions.blocks {
            let reference = engine.bundle(forDomain: contract.domain).reference
            throw MeshError(.rejected, "contract \(productID) \(version) is rejected by policy \(reference): \(decisions.filter(\.blocks).count) failed decision(s)",
                            context: source, details: decisions.filter(\.blocks).map(\.description))
        }
        var warnings = lintWarnings
        warnings += decisions.failures.filter { !$0.blocks }.map { "policy \($0.description)" }

        // Evolution.
        let (existing, previousRecord) = try read { t throws(CatalogError) in
            (try t.product(productID), try t.contract(productID: productID, version: nil))
        }
        var diff: ContractDiff?
        if let previousRecord {
            let old: DataContract
            do { old = try DataContract(yaml: previousRecord.yaml) } catch {
                throw MeshError(.storage, "the registered contract \(previousRecord.version) no longer parses: \(error)", context: productID)
            }
            let d = ContractDiff(old: old, new: contract)
            if previousRecord.yaml == yaml || (d.changes.isEmpty && old.version == contract.version) {
                if let existing {
                    try applyTablePlans(try planTables(productID: productID, contract: contract), productID: productID)
                    return Registration(product: existing, created: false, unchanged: true, changes: [], breaking: false, warnings: warnings)
                }
            } else if !d.isAccepted {
                throw MeshError(.rejected, "contract \(productID) cannot go from \(old.version ?? "?") to \(version)", context: source,
                                details: d.rejectionReasons + d.breakingChanges.map { "breaking: \($0.description)" })
            }
            if old.schema.count != contract.schema.count, min(old.schema.count, contract.schema.count) == 1 {
                throw MeshError(.rejected, "a product cannot change between one table and several (its tables are named differently); register a new product",
                                context: source)
            }
            diff = d
        }

        // Tables: everything is checked before anything is written.
        let plans = try planTables(productID: productID, contract: contract)
        try applyTablePlans(plans, productID: productID)

        let time = now()
        let product = Product(
            id: productID, domain: domain.name, name: contract.dataProduct!,
            description: contract.description.purpose ?? contract.name ?? "", owner: contract.team?.name ?? domain.owner,
            status: contract.status ?? "active", tags: contract.tags, tables: plans.map(\.identifier), contractVersion: version,
            createdAt: existing?.createdAt ?? time, updatedAt: time)
        let breaking = diff?.isBreaking ?? false
        let deprecated = contract.lifecycle == .deprecated && diff?.old.lifecycle != .deprecated
        let document = Self.searchDocument(product: product, contract: contract, glossary: engine.bundle(forDomain: contract.domain))
        try write { t throws(CatalogError) in
            if existing == nil { try t.insertProduct(product) } else { try t.updateProduct(product) }
            try t.insertContract(ContractRecord(productID: productID, version: version, yaml: yaml, registeredAt: time, registeredBy: caller.name))
            try t.index(document)
            if let diff, breaking {
                struct Detail: Encodable { let from: String?; let to: String?; let changes: [String] }
                try EventRouter.raise(MeshEvent(
                    time: time, kind: "contract.breaking", severity: "warning", productID: productID,
                    message: "the contract of \(productID) changed incompatibly from \(diff.old.version ?? "?") to \(version): \(diff.breakingChanges.count) breaking change(s)",
                    detail: AuditDetail.json(Detail(from: diff.old.version, to: version, changes: diff.breakingChanges.map(\.description)))), in: t)
            }
            if deprecated {
                try EventRouter.raise(MeshEvent(time: time, kind: "product.deprecated", severity: "warning", productID: productID,
                                                message: "\(productID) is deprecated as of contract \(version)", detail: AuditDetail.json(["version": version])), in: t)
            }
            struct Detail: Encodable { let version: String; let created: Bool; let breaking: Bool; let changes: Int }
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "product.register", target: productID, allowed: true,
                                             detail: AuditDetail.json(Detail(version: version, created: existing == nil, breaking: breaking,
                                                                             changes: diff?.changes.count ?? 0))))
        }
        return Registration(product: product, created: existing == nil, unchanged: false, changes: diff?.changes ?? [], breaking: breaking, warnings: warnings)
    }

    /// Every product, by id; only `domain`'s when given.
    public func products(domain: String? = nil) throws(MeshError) -> [Product] {
        try read { t throws(CatalogError) in try t.products(domain: domain) }
    }

    /// The product `id` (`DOMAIN.PRODUCT`).
    ///
    /// - Throws: ``MeshError/Kind/notFound`` naming the product.
    public func product(_ id: String) throws(MeshError) -> Product {
        _ = try Names.product(id)
        let found = try lookups.value(.product, id) { () throws(MeshError) in try read { t throws(CatalogError) in try t.product(id) } }
        guard let product = found else {
            throw MeshError(.notFound, "no product '\(id)'; register its contract with `mesh product register CONTRACT.yaml`", context: id)
        }
        return product
    }

    /// The contract in force for a product (or the given version of it).
    public func contract(of productID: String, version: String? = nil) throws(MeshError) -> (record: ContractRecord, contract: DataContract) {
        let found = try lookups.value(.contract, productID + "@" + (version ?? "")) { () throws(MeshError) in
            try read { t throws(CatalogError) in try t.contract(productID: productID, version: version) }
        }
        guard let record = found else {
            throw MeshError(.notFound, "no contract\(version.map { " version \($0)" } ?? "") registered for '\(productID)'", context: productID)
        }
        let contract = try parsed.contract(yaml: record.yaml) { yaml throws(MeshError) in
            do { return try DataContract(yaml: yaml) } catch {
                throw MeshError(.storage, "the registered contract \(record.version) no longer parses: \(error)", context: productID)
            }
        }
        return (record, contract)
    }

    /// The search entry of a product: its description, tags, columns and their descriptions,
    /// and the glossary terms its columns bind (with their definitions).
    static func searchDocument(product: Product, contract: DataContract, glossary bundle: PolicyBundle) -> SearchDocument {
        var lines: [String] = []
        for text in [contract.name, contract.description.purpose, contract.description.usage, contract.description.limitations] {
            if let text, !text.isEmpty { lines.append(text) }
        }
        if !contract.tags.isEmpty { lines.append("tags: " + contract.tags.joined(separator: ", ")) }
        for object in contract.schema {
            lines.append("table \(object.name)" + (object.description.map { ": \($0)" } ?? ""))
            for p in object.properties {
                var line = "column \(p.name)"
                if let d = p.description { line += ": \(d)" }
                if !p.tags.isEmpty { line += " [\(p.tags.joined(separator: ", "))]" }
                if let term = p.glossaryTerm {
                    line += " glossary \(term)"
                    if let definition = bundle.term(term)?.definition { line += ": \(definition)" }
                }
                lines.append(line)
            }
        }
        return SearchDocument(kind: .product, key: product.id, title: product.id + (contract.name.map { " — \($0)" } ?? ""), body: lines.joined(separator: "\n"))
    }
}
