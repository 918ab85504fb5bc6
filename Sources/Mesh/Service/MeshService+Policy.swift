import Catalog
import Contracts
import Foundation
import Governance

/// The outcome of `mesh policy apply`: what the bundle would change for the registered
/// products, and whether it was stored.
public struct PolicyApplication: Sendable, Hashable, Codable {
    /// `global` or the domain the bundle is for.
    public var scope: String
    /// The bundle's `name@version`.
    public var bundle: String
    /// Every registered contract assessed with the proposed bundle, compared with the bundles in force.
    public var report: DryRunReport
    /// False for a dry run.
    public var applied: Bool
}

/// A glossary term in force, where it is defined and which columns bind it.
public struct GlossaryEntry: Sendable, Hashable, Codable {
    /// The term.
    public var term: GlossaryTerm
    /// The bundle defining it (`name@version`).
    public var bundle: String
    /// The columns bound to it: `DOMAIN.PRODUCT/TABLE.COLUMN`.
    public var bindings: [String]
}

extension MeshService {
    /// The global bundle in force when none has been applied: no requirements.
    static let emptyGlobalBundle = PolicyBundle(name: "meshwork-default", version: "0.0.0", scope: .global)

    /// The bundles in force: the global one (nil when none was applied) and every domain's.
    func bundlesInForce(_ t: any CatalogTransaction) throws(CatalogError) -> (global: PolicyBundle?, domains: [PolicyBundle]) {
        try parseBundles(try policyRecordsInForce(t))
    }

    /// The stored records of the bundles in force: the global one (nil when none was applied)
    /// and every domain's, by domain name.
    func policyRecordsInForce(_ t: any CatalogTransaction) throws(CatalogError) -> (global: PolicyRecord?, domains: [PolicyRecord]) {
        let global = try t.policy(scope: "global")
        var domains: [PolicyRecord] = []
        for domain in try t.domains() {
            if let record = try t.policy(scope: domain.name) { domains.append(record) }
        }
        return (global, domains)
    }

    /// `records` parsed (each bundle text parsed once per process, see ``ParsedRecordCache``).
    func parseBundles(_ records: (global: PolicyRecord?, domains: [PolicyRecord])) throws(CatalogError) -> (global: PolicyBundle?, domains: [PolicyBundle]) {
        func parse(_ record: PolicyRecord) throws(CatalogError) -> PolicyBundle {
            try parsed.bundle(yaml: record.yaml) { yaml throws(CatalogError) in
                do { return try PolicyBundle(yaml: yaml) } catch {
                    throw CatalogError(.storage, "the stored policy bundle \(record.scope)@\(record.version) no longer parses: \(error)", context: "policy:\(record.scope)")
                }
            }
        }
        let global = try records.global.map { r throws(CatalogError) in try parse(r) }
        var domains: [PolicyBundle] = []
        for record in records.domains { domains.append(try parse(record)) }
        return (global, domains)
    }

    /// The governance engine of the bundles in force (an empty global bundle when none was
    /// applied), rebuilt only when the bundles in force changed.
    public func policyEngine() throws(MeshError) -> PolicyEngine {
        try lookups.value(.policyEngine, "") { () throws(MeshError) in try buildPolicyEngine() }
    }

    /// The engine of the bundles stored now (reusing the last one built from the same texts).
    private func buildPolicyEngine() throws(MeshError) -> PolicyEngine {
        let records = try read { t throws(CatalogError) in try policyRecordsInForce(t) }
        let key = ([records.global].compactMap { $0 } + records.domains).map { "\($0.scope)\u{1F}\($0.yaml)" }
        return try parsed.engine(key: key) { () throws(MeshError) in
            let (global, domains): (PolicyBundle?, [PolicyBundle])
            do throws(CatalogError) { (global, domains) = try parseBundles(records) } catch { throw MeshError(error) }
            do { return try PolicyEngine(global: global ?? Self.emptyGlobalBundle, domains: domains) } catch {
                throw MeshError(.storage, "the policy bundles in force are inconsistent: \(error)", context: "policy")
            }
        }
    }

    /// The newest registered contract of every product.
    func registeredContracts(_ t: any CatalogTransaction) throws(CatalogError) -> [DataContract] {
        var out: [DataContract] = []
        for product in try t.products(domain: nil) {
            guard let record = try t.contract(productID: product.id, version: nil), let contract = parsed.contractIfValid(yaml: record.yaml) else { continue }
            out.append(contract)
        }
        return out
    }

    /// Applies a global or domain policy bundle (governance or admin only).
    ///
    /// Every registered contract is assessed with the proposed bundle and compared with the
    /// bundles in force (the returned report). A domain bundle may only tighten the global one;
    /// a global bundle may not turn an existing domain bundle into a weakening. With `dryRun`
    /// nothing is stored. Otherwise the bundle is stored (the newest per scope is in force), its
    /// glossary indexed for search, and the application audited.
    ///
    /// - Throws: ``MeshError/Kind/invalidInput`` for a malformed bundle (naming `source`),
    ///   ``MeshError/Kind/rejected`` listing the weakened rules, ``MeshError/Kind/notFound`` for
    ///   a domain bundle of an unknown domain.
    public func applyPolicy(yaml: String, source: String, dryRun: Bool = false, by caller: Principal) throws(MeshError) -> PolicyApplication {
        try requireRole(caller, [.governance], to: "apply policy bundles")
        let bundle: PolicyBundle
        do { bundle = try PolicyBundle(yaml: yaml) } catch {
            throw MeshError(.invalidInput, "\(error)", context: source)
        }
        let (current, domains, contracts) = try read { t throws(CatalogError) in
            let (g, d) = try bundlesInForce(t)
            return (g, d, try registeredContracts(t))
        }
        let currentEngine: PolicyEngine
        do { currentEngine = try PolicyEngine(global: current ?? Self.emptyGlobalBundle, domains: domains) } catch {
            throw MeshError(.storage, "the policy bundles in force are inconsistent: \(error)", context: "policy")
        }
        let scope: String
        let report: DryRunReport
        switch bundle.scope {
        case .global:
            scope = "global"
            do { report = try PolicyEngine.dryRun(current: currentEngine, proposedGlobal: bundle, domains: domains, contracts: contracts) } catch {
                throw MeshError(.rejected, "\(bundle.reference) is inconsistent: \(error)", context: source)
            }
            let invalidated = report.newlyFailing.filter { $0.product.hasPrefix("domain:") }
            if !invalidated.isEmpty {
                throw MeshError(.rejected, "\(bundle.reference) would make \(invalidated.count) domain bundle(s) weaken the global policy; change those first",
                                context: source, details: invalidated.map(\.description))
            }
        case .domain(let name):
            scope = name
            _ = try domain(name)
            let others = domains.filter { if case .domain(let d) = $0.scope { return d != name } else { return true } }
            let proposed: PolicyEngine
            do { proposed = try PolicyEngine(global: current ?? Self.emptyGlobalBundle, domains: others + [bundle]) } catch let error as GovernanceError {
                throw MeshError(.rejected, "domain bundle \(bundle.reference) may only tighten the global policy", context: source, details: [error.message])
            } catch {
                throw MeshError(.rejected, "\(error)", context: source)
            }
            report = PolicyEngine.dryRun(current: currentEngine, proposed: proposed, contracts: contracts.filter { $0.domain == name })
        }
        let application = PolicyApplication(scope: scope, bundle: bundle.reference, report: report, applied: !dryRun)
        guard !dryRun else { return application }
        let time = now()
        let glossary = bundle.glossary
        try write { t throws(CatalogError) in
            try t.insertPolicy(PolicyRecord(scope: scope, version: bundle.version, yaml: yaml, appliedAt: time, appliedBy: caller.name))
            for term in glossary { try t.index(Self.searchDocument(term)) }
            struct Detail: Encodable { let bundle: String; let newlyFailing: [String]; let products: Int }
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "policy.apply", target: "policy:\(scope)", allowed: true,
                                             detail: AuditDetail.json(Detail(bundle: bundle.reference, newlyFailing: report.newlyFailing.map(\.description),
                                                                             products: report.productCount))))
        }
        return application
    }

    /// The search entry of a glossary term.
    static func searchDocument(_ term: GlossaryTerm) -> SearchDocument {
        var body = [term.definition]
        if let name = term.name { body.append(name) }
        if let unit = term.unit { body.append("unit \(unit)") }
        if let owner = term.owner { body.append("owner \(owner)") }
        return SearchDocument(kind: .glossaryTerm, key: term.id, title: term.name.map { "\(term.id) (\($0))" } ?? term.id, body: body.joined(separator: "\n"))
    }

    /// Every glossary term of the bundles in force, with where it is defined and the columns bound to it.
    public func glossary() throws(MeshError) -> [GlossaryEntry] {
        let (global, domains, contracts) = try read { t throws(CatalogError) in
            let (g, d) = try bundlesInForce(t)
            return (g, d, try registeredContracts(t))
        }
        var bindings: [String: [String]] = [:]
        for contract in contracts {
            for object in contract.schema {
                for p in object.properties {
                    guard let term = p.glossaryTerm else { continue }
                    bindings[term, default: []].append("\(contract.productID ?? contract.id ?? "?")/\(object.name).\(p.name)")
                }
            }
        }
        var entries: [GlossaryEntry] = []
        var seen: Set<String> = []
        for bundle in (global.map { [$0] } ?? []) + domains {
            for term in bundle.glossary where seen.insert(term.id).inserted {
                entries.append(GlossaryEntry(term: term, bundle: bundle.reference, bindings: (bindings[term.id] ?? []).sorted()))
            }
        }
        return entries.sorted { $0.term.id < $1.term.id }
    }

    /// One glossary term in force.
    ///
    /// - Throws: ``MeshError/Kind/notFound`` listing the terms that exist.
    public func glossaryTerm(_ id: String) throws(MeshError) -> GlossaryEntry {
        let all = try glossary()
        guard let entry = all.first(where: { $0.term.id == id }) else {
            let known = all.map(\.term.id)
            throw MeshError(.notFound, "no glossary term '\(id)'" + (known.isEmpty ? "; no policy bundle with a glossary is applied" : " (terms: \(known.joined(separator: ", ")))"),
                            context: id)
        }
        return entry
    }
}
