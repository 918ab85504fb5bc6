import Contracts
import Foundation
@testable import Governance

enum GovernanceFixture {
    static let root: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func bundle(_ name: String) throws -> PolicyBundle { try PolicyBundle(yaml: try text(name)) }

    static func contract(_ name: String) throws -> DataContract { try DataContract(yaml: try text("contracts/\(name)")) }

    /// The demo mesh: payments, fraud, customers, recommendations, marketing.
    static func mesh() throws -> [DataContract] {
        try ["payments-transactions", "fraud-risk-scores", "customers-profiles", "recommendations-user-features", "marketing-campaigns-v302"]
            .map { try contract("\($0).odcs.yaml") }
    }

    static func engine() throws -> PolicyEngine {
        try PolicyEngine(global: try bundle("global-policy.yaml"), domains: [try bundle("domain-payments.yaml")])
    }
}
