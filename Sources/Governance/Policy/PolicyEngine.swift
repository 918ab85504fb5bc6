import Contracts

/// The governance engine: the global bundle plus each domain's, applied to products at
/// registration (``evaluate(_:)``), publication (``constraints(for:)``) and reading
/// (``decideAccess(_:to:)``), and a dry run of a proposed bundle (``dryRun(current:proposed:contracts:)``).
public struct PolicyEngine: Sendable {
    /// The global bundle.
    public let global: PolicyBundle
    /// The effective bundle per domain (global with the domain's additions).
    public let effective: [String: PolicyBundle]

    /// Creates an engine.
    ///
    /// - Throws: ``GovernanceError`` when a domain bundle weakens a global rule, two domain
    ///   bundles target the same domain, or glossaries define a term differently.
    public init(global: PolicyBundle, domains: [PolicyBundle] = []) throws {
        self.global = global
        var effective: [String: PolicyBundle] = [:]
        for bundle in domains {
            guard case .domain(let name) = bundle.scope else {
                throw GovernanceError(.invalidValue, "\(bundle.reference) is not a domain bundle")
            }
            guard effective[name] == nil else {
                throw GovernanceError(.invalidValue, "two bundles are given for domain \(name)")
            }
            effective[name] = try global.applying(bundle)
        }
        _ = try Glossary.merge([global] + domains)
        self.effective = effective
    }

    /// The bundle that governs a domain's products.
    public func bundle(forDomain domain: String?) -> PolicyBundle {
        domain.flatMap { effective[$0] } ?? global
    }

    /// Registration-time decisions for a contract.
    public func evaluate(_ contract: DataContract) -> [PolicyDecision] {
        bundle(forDomain: contract.domain).evaluate(contract)
    }

    /// Publish-time custom rules evaluated on a version's statistics.
    public func evaluatePublication(_ contract: DataContract, statistics: [String: ExpressionValue]) -> [PolicyDecision] {
        bundle(forDomain: contract.domain).evaluatePublication(contract, statistics: statistics)
    }

    /// Publish-time constraints for the Quality engine.
    public func constraints(for contract: DataContract) -> [ColumnConstraint] {
        bundle(forDomain: contract.domain).constraints(for: contract)
    }

    /// Read-time access and masking decision.
    public func decideAccess(_ request: AccessRequest, to contract: DataContract) -> AccessDecision {
        bundle(forDomain: contract.domain).decideAccess(request, to: contract)
    }

    /// Checks that products binding the same glossary term agree with its single definition
    /// and with each other: the same term bound with different logical types is reported.
    public func glossaryConflicts(_ contracts: [DataContract]) -> [PolicyDecision] {
        var byTerm: [String: [(String, String, String)]] = [:]
        for contract in contracts {
            for object in contract.schema {
                for p in object.properties {
                    guard let term = p.glossaryTerm else { continue }
                    byTerm[term, default: []].append((contract.productID ?? contract.id ?? "?", "\(object.name).\(p.name)", p.logicalTypeName ?? "unspecified"))
                }
            }
        }
        var out: [PolicyDecision] = []
        for (term, uses) in byTerm.sorted(by: { $0.key < $1.key }) where Set(uses.map(\.2)).count > 1 {
            let detail = uses.map { "\($0.0)/\($0.1) as \($0.2)" }.joined(separator: ", ")
            for use in uses {
                out.append(PolicyDecision(ruleID: "glossary.\(term)", bundle: global.reference, product: use.0, object: String(use.1.split(separator: ".")[0]),
                                          column: String(use.1.split(separator: ".").dropFirst().joined(separator: ".")), value: use.2, outcome: .fail,
                                          reason: "products bind glossary term \(term) with different types: \(detail)"))
            }
        }
        return out
    }
}
