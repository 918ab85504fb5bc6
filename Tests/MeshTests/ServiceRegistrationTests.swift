import Catalog
import Foundation
import Iceberg
import Mesh
import Testing

/// `registerProduct`: lint, domain, governance, evolution, tables, events, search.
@Suite struct ServiceRegistrationTests {
    @Test func registrationCreatesProductTableAndSearchEntry() throws {
        let (service, _) = try ServiceMesh.mesh()
        let product = try service.product("payments.transactions")
        #expect(product.tables == ["payments.transactions"])
        #expect(product.owner == "payments-team")
        #expect(product.contractVersion == "1.0.0")
        let pointer = try service.store.read { t throws(CatalogError) in try t.tableMetadataLocation("payments.transactions") }
        #expect(pointer != nil)
        let table = try Table.load(name: "payments/transactions", store: service.warehouse, committer: StoreCommitter(store: service.store))
        #expect(table.metadata.currentSchema?.fields.map(\.name) == ["txn_id", "customer_id", "amount", "currency", "event_time"])
        #expect(table.metadata.currentSchema?.fields.map(\.type) == [.string, .string, .double, .string, .timestamptz])
        #expect(table.metadata.currentSchema?.fields.first?.doc == "Transaction id.")
        // Searchable by a column description and by the definition of a bound glossary term.
        #expect(try service.search("charged").map(\.document.key) == ["payments.transactions"])
        #expect(try service.search("ISO 4217").map(\.document.key).contains("payments.transactions"))
        #expect(try service.search("fico").map(\.document.key) == ["fico_score"])
        let audit = try service.store.read { t throws(CatalogError) in try t.audit(principal: nil, target: "payments.transactions", limit: nil) }
        #expect(audit.map(\.action) == ["product.register"])
    }

    @Test func registeringTheSameContractTwiceChangesNothing() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let again = try service.registerProduct(contractYAML: try ServiceMesh.contract(), by: admin)
        #expect(again.unchanged)
        #expect(try service.contract(of: "payments.transactions").record.version == "1.0.0")
    }

    @Test func contractForAMissingDomainIsRejected() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let yaml = try ServiceMesh.contract { $0.replacingOccurrences(of: "domain: payments", with: "domain: lending") }
        let error = expectMeshError(.notFound) { try service.registerProduct(contractYAML: yaml, by: admin) }
        #expect(error?.message.contains("domain 'lending' does not exist") == true)
        #expect(try service.products().map(\.id) == ["payments.transactions"])
    }

    @Test func lintErrorsAreListedWithPathAndLine() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let yaml = try ServiceMesh.contract { $0.replacingOccurrences(of: "logicalType: number", with: "logicalType: numbr") }
        let error = expectMeshError(.invalidInput) { try service.registerProduct(contractYAML: yaml, source: "bad.yaml", by: admin) }
        #expect(error?.details.isEmpty == false)
        #expect(error?.details.allSatisfy { $0.hasPrefix("bad.yaml: error: ") && $0.contains("(line ") } == true)
    }

    @Test func unsafeNamesInTheContractAreRejected() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let yaml = try ServiceMesh.contract { $0.replacingOccurrences(of: "dataProduct: transactions", with: "dataProduct: ../../etc") }
        let error = expectMeshError(.invalidInput) { try service.registerProduct(contractYAML: yaml, by: admin) }
        #expect(error?.message.contains("dataProduct") == true, "\(String(describing: error)) \(error?.details ?? [])")
    }

    @Test func policyViolationsRejectWithEachDecision() throws {
        let (service, admin) = try ServiceMesh.mesh()
        // PII below the minimum level and no freshness SLA.
        let yaml = try ServiceMesh.contract(version: "1.0.1") {
            $0.replacingOccurrences(of: "classification: confidential", with: "classification: internal")
                .replacingOccurrences(of: "slaProperties:\n  - property: latency\n    value: 24\n    unit: h\n    element: transactions.event_time\n", with: "")
        }
        let error = expectMeshError(.rejected) { try service.registerProduct(contractYAML: yaml, by: admin) }
        #expect(error?.details.count ?? 0 >= 2)
        #expect(error?.details.contains { $0.contains("classification.pii-level") } == true)
        #expect(error?.details.contains { $0.contains("freshness") } == true)
        #expect(try service.contract(of: "payments.transactions").record.version == "1.0.0")
        // The refusal is a governance decision on record, with its reasons.
        let refused = try service.store.read { t throws(CatalogError) in try t.audit(principal: nil, target: "payments.transactions", limit: nil) }
            .filter { $0.action == "product.register" && !$0.allowed }
        #expect(refused.count == 1)
        #expect(refused.first?.detail.contains("classification.pii-level") == true, "\(refused)")
        #expect(refused.first?.detail.contains("1.0.1") == true)
    }

    @Test func breakingChangeWithoutMajorBumpIsRejected() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let yaml = try ServiceMesh.contract(version: "1.1.0") { $0.replacingOccurrences(of: "name: amount", with: "name: amount_eur") }
        let error = expectMeshError(.rejected) { try service.registerProduct(contractYAML: yaml, by: admin) }
        #expect(error?.details.contains { $0.contains("major") } == true)
        #expect(try service.product("payments.transactions").contractVersion == "1.0.0")
        #expect(try service.store.read { t throws(CatalogError) in try t.events(EventQuery()) }.isEmpty)
    }

    @Test func acceptedBreakingChangeAlertsProducerAndSubscribers() throws {
        let (service, admin) = try ServiceMesh.mesh()
        _ = try service.store.write { t throws(CatalogError) in
            try t.insertSubscription(Subscription(productID: "payments.transactions", consumer: "fraud-ml", purpose: "fraud-detection", createdAt: Date()))
        }
        let yaml = try ServiceMesh.contract(version: "2.0.0") { $0.replacingOccurrences(of: "name: currency\n", with: "name: currency_code\n") }
        let registration = try service.registerProduct(contractYAML: yaml, by: admin)
        #expect(registration.breaking)
        let events = try service.store.read { t throws(CatalogError) in try t.events(EventQuery(productID: "payments.transactions")) }
        #expect(events.map(\.kind) == ["contract.breaking"])
        let recipients = try service.store.read { t throws(CatalogError) in try t.deliveries(eventID: events[0].id) }.map(\.recipient)
        #expect(Set(recipients) == ["payments-team", "fraud-ml"])
        // The table gained the new column; the old one stays for old versions.
        let table = try Table.load(name: "payments/transactions", store: service.warehouse, committer: StoreCommitter(store: service.store))
        #expect(table.metadata.currentSchema?.fields.map(\.name).contains("currency_code") == true)
    }

    @Test func compatibleEvolutionWidensAndAddsColumns() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let yaml = try ServiceMesh.contract(version: "1.1.0") {
            $0.replacingOccurrences(of: "slaProperties:", with: """
                      - name: channel
                        logicalType: string
                        description: Card present or online.
                        classification: public
                slaProperties:
                """)
        }
        let registration = try service.registerProduct(contractYAML: yaml, by: admin)
        #expect(!registration.breaking)
        #expect(registration.changes.contains { $0.kind == .columnAdded })
        let table = try Table.load(name: "payments/transactions", store: service.warehouse, committer: StoreCommitter(store: service.store))
        #expect(table.metadata.currentSchema?.fields.last?.name == "channel")
        #expect(table.metadata.schemas.count == 2)
        #expect(try service.store.read { t throws(CatalogError) in try t.contracts(productID: "payments.transactions") }.map(\.version) == ["1.0.0", "1.1.0"])
    }

    @Test func deprecationRaisesAnEvent() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let yaml = try ServiceMesh.contract(version: "1.0.1") { $0.replacingOccurrences(of: "status: active", with: "status: deprecated") }
        _ = try service.registerProduct(contractYAML: yaml, by: admin)
        let events = try service.store.read { t throws(CatalogError) in try t.events(EventQuery(productID: "payments.transactions")) }
        #expect(events.map(\.kind) == ["product.deprecated"])
        #expect(try service.product("payments.transactions").status == "deprecated")
    }

    @Test func onlyTheOwningTeamRegisters() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let outsider = try service.createPrincipal(name: "olga", roles: [.owner], team: "fraud-team", by: admin)
        let owner = try service.createPrincipal(name: "paula", roles: [.owner], team: "payments-team", by: admin)
        let yaml = try ServiceMesh.contract(version: "1.0.1") { $0.replacingOccurrences(of: "Settled card", with: "All settled card") }
        expectMeshError(.forbidden) { try service.registerProduct(contractYAML: yaml, by: outsider) }
        #expect(try service.registerProduct(contractYAML: yaml, by: owner).product.contractVersion == "1.0.1")
    }
}
