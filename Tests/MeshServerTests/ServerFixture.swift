import Catalog
import Foundation
import Mesh
import TestSupport

/// An embedded mesh with one published product, principals of every kind, and a token each.
///
/// Domain `payments` (team payments-team) holds `payments.transactions` (v1: rows 0..<100,
/// v2: rows 100..<200, see ``row(_:)``). `paula` owns the domain; `carl` holds a grant for `fraud-detection` at
/// `confidential` (every column unmasked); `dana` holds a grant for `analytics` (customer_id,
/// personal data allowed only for fraud-detection, would be masked); `erin` holds no grant.
struct ServerFixture {
    let root: URL
    let service: MeshService
    let tokens: [String: String]

    static let policy = """
        apiVersion: meshwork/v1
        kind: PolicyBundle
        name: server-tests
        version: 1.0.0
        scope: global
        description: Rules for the server tests.
        classification:
          levels: [public, internal, confidential, restricted]
          piiTag: pii
          piiMinimumLevel: confidential
          piiRequiresPurposes: true
        access:
          belowClearance:
            internal: mask
            confidential: mask
            restricted: drop
          purposeNotAllowed: mask
        """

    static let contract = """
        apiVersion: v3.1.0
        kind: DataContract
        id: payments-transactions
        name: Card transactions
        version: 1.0.0
        status: active
        domain: payments
        dataProduct: transactions
        description:
          purpose: Settled card transactions, for fraud models.
        schema:
          - name: transactions
            physicalType: table
            description: One row per settled transaction.
            properties:
              - name: txn_id
                logicalType: string
                required: true
                unique: true
                description: Transaction id.
                classification: internal
              - name: customer_id
                logicalType: string
                required: true
                description: The paying customer.
                classification: confidential
                tags: [pii]
                customProperties:
                  - property: allowedPurposes
                    value: [fraud-detection]
              - name: amount
                logicalType: number
                required: true
                description: Amount in the merchant currency.
                classification: public
                quality:
                  - id: amount_not_negative
                    type: custom
                    engine: meshwork
                    implementation:
                      metric: min
                      mustBeGreaterOrEqualTo: 0
        team:
          name: payments-team
          members:
            - username: paula
              role: owner
        """

    /// Row `i` of the product: every version draws from the same distribution, so the drift
    /// checks pass (`pyiceberg` appends generate rows the same way).
    static func row(_ i: Int) -> (txnID: String, customerID: String, amount: Double) {
        ("t" + String(1000 + i), "c\(i % 7)", Double(i % 50) + 0.25)
    }

    /// Rows `range` as CSV.
    static func csv(_ range: Range<Int>) -> String {
        "txn_id,customer_id,amount\n" + range.map { let r = row($0); return "\(r.txnID),\(r.customerID),\(r.amount)\n" }.joined()
    }

    /// Builds the mesh in a new temporary directory.
    static func make() throws -> ServerFixture {
        let root = Interop.temporaryDirectory("meshwork-server")
        let dir = root.appendingPathComponent("mesh").path
        let service = try MeshService.initialize(directory: dir)
        let admin = try service.resolveCaller(MeshService.administrator, environment: [:])
        _ = try service.applyPolicy(yaml: policy, source: "policy.yaml", by: admin)
        try service.createPrincipal(name: "paula", roles: [.owner, .producer], team: "payments-team", by: admin)
        for name in ["carl", "dana", "erin"] { try service.createPrincipal(name: name, roles: [.consumer], by: admin) }
        try service.createDomain(name: "payments", owner: "payments-team", description: "Card payments", by: admin)
        let paula = try service.resolveCaller("paula", environment: [:])
        _ = try service.registerProduct(contractYAML: contract, by: paula)
        for (i, range) in [0..<100, 100..<200].enumerated() {
            let file = root.appendingPathComponent("rows\(i).csv")
            try csv(range).write(to: file, atomically: true, encoding: .utf8)
            do {
                try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: file.path)], by: paula)
            } catch {
                throw FixtureFailure(description: "\(error): \(error.details.joined(separator: "; "))")
            }
        }
        _ = try service.grant(productID: "payments.transactions", principal: "carl", purpose: "fraud-detection", clearance: "confidential", by: paula)
        _ = try service.grant(productID: "payments.transactions", principal: "dana", purpose: "analytics", clearance: "confidential", by: paula)
        var tokens: [String: String] = [:]
        for name in ["admin", "paula", "carl", "dana", "erin"] {
            tokens[name] = try service.createToken(for: name, by: admin).token
        }
        return ServerFixture(root: root, service: service, tokens: tokens)
    }

    /// `Authorization: Bearer …` for `name`.
    func bearer(_ name: String) -> String { "Bearer \(tokens[name]!)" }

    /// Removes the temporary directory.
    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// A fixture step that failed, with the mesh error's details.
struct FixtureFailure: Error, CustomStringConvertible {
    let description: String
}
