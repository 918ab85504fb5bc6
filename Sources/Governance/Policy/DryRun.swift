import Contracts
import Foundation

/// What adopting a proposed bundle would change for the registered products.
public struct DryRunReport: Sendable, Hashable, Codable {
    /// The current global bundle (`name@version`), nil when there is none.
    public var current: String?
    /// The proposed global bundle.
    public var proposed: String
    /// How many products were evaluated.
    public var productCount: Int
    /// Failures the proposal introduces.
    public var newlyFailing: [PolicyDecision]
    /// Failures the proposal removes.
    public var newlyPassing: [PolicyDecision]
    /// Failures under both.
    public var stillFailing: [PolicyDecision]

    /// True when the proposal breaks no product that passed before (blocking failures only).
    public var isSafe: Bool { !newlyFailing.contains { $0.blocks } }

    /// A report a person can read.
    public func text() -> String {
        var lines = ["Dry run of \(proposed) against \(productCount) product(s)" + (current.map { " (current: \($0))" } ?? "") + ":"]
        func section(_ title: String, _ items: [PolicyDecision]) {
            guard !items.isEmpty else { return }
            lines.append("\(title) (\(items.count)):")
            lines += items.map { "  \($0.description)" }
        }
        section("Newly failing", newlyFailing)
        section("Newly passing", newlyPassing)
        section("Still failing", stillFailing)
        if newlyFailing.isEmpty && stillFailing.isEmpty { lines.append("  every product passes") }
        lines.append(isSafe ? "Verdict: safe to adopt" : "Verdict: \(newlyFailing.filter(\.blocks).count) blocking failure(s) would be introduced")
        return lines.joined(separator: "\n")
    }

    /// The report as pretty-printed JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

extension PolicyEngine {
    /// Evaluates a proposed engine against every contract and lists what newly fails (and
    /// passes) compared with the current one (or with no policy at all).
    public static func dryRun(current: PolicyEngine?, proposed: PolicyEngine, contracts: [DataContract]) -> DryRunReport {
        var newlyFailing: [PolicyDecision] = [], newlyPassing: [PolicyDecision] = [], stillFailing: [PolicyDecision] = []
        for contract in contracts {
            let before = current.map { $0.evaluate(contract).failures } ?? []
            let after = proposed.evaluate(contract).failures
            let beforeKeys = Set(before.map(\.key)), afterKeys = Set(after.map(\.key))
            newlyFailing += after.filter { !beforeKeys.contains($0.key) }
            stillFailing += after.filter { beforeKeys.contains($0.key) }
            newlyPassing += before.filter { !afterKeys.contains($0.key) }
        }
        let glossaryAfter = proposed.glossaryConflicts(contracts)
        let glossaryBefore = Set((current?.glossaryConflicts(contracts) ?? []).map(\.key))
        newlyFailing += glossaryAfter.filter { !glossaryBefore.contains($0.key) }
        return DryRunReport(current: current?.global.reference, proposed: proposed.global.reference, productCount: contracts.count,
                            newlyFailing: newlyFailing, newlyPassing: newlyPassing, stillFailing: stillFailing)
    }

    /// A dry run of a proposed global bundle (keeping the domain bundles) against this engine.
    /// A domain bundle the proposal would turn into a weakening (or glossary conflict) is
    /// reported as a newly failing `policy.domain` decision and left out of the proposed engine.
    ///
    /// - Throws: ``GovernanceError`` when the proposal's own glossary is inconsistent.
    public func dryRun(_ proposedGlobal: PolicyBundle, domains: [PolicyBundle] = [], contracts: [DataContract]) throws -> DryRunReport {
        try PolicyEngine.dryRun(current: self, proposedGlobal: proposedGlobal, domains: domains, contracts: contracts)
    }

    /// A dry run of a proposed global bundle with domain bundles against `current` (nil: no
    /// policy in force, so every failure is new). Domain bundles the proposal invalidates are
    /// reported as newly failing `policy.domain` decisions.
    public static func dryRun(current: PolicyEngine?, proposedGlobal: PolicyBundle, domains: [PolicyBundle] = [],
                              contracts: [DataContract]) throws -> DryRunReport {
        var kept: [PolicyBundle] = []
        var domainFailures: [PolicyDecision] = []
        for domain in domains {
            do {
                _ = try proposedGlobal.applying(domain)
                kept.append(domain)
            } catch let error as GovernanceError {
                let name: String
                if case .domain(let d) = domain.scope { name = d } else { name = domain.name }
                domainFailures.append(PolicyDecision(ruleID: error.rule ?? "policy.domain", bundle: domain.reference, product: "domain:\(name)",
                                                     value: domain.reference, outcome: .fail, reason: error.message))
            }
        }
        var report = PolicyEngine.dryRun(current: current, proposed: try PolicyEngine(global: proposedGlobal, domains: kept), contracts: contracts)
        report.newlyFailing = domainFailures + report.newlyFailing
        return report
    }
}
