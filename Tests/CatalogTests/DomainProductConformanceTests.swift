import Catalog
import Foundation
import Testing

/// Settings, domains, principals, tokens, products and contracts behave alike in every store.
@Suite("Catalog store conformance: settings, domains, principals, products, contracts")
struct DomainProductConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func settingsAreSetAndReplaced(_ kind: StoreKind) throws {
        let store = try kind.make()
        #expect(try read(store) { tx throws(CatalogError) in try tx.setting("administrator") } == nil)
        try write(store) { tx throws(CatalogError) in
            try tx.setSetting("administrator", "root")
            try tx.setSetting("created-at", "2026-11-22")
        }
        try write(store) { tx throws(CatalogError) in try tx.setSetting("administrator", "alice") }
        #expect(try read(store) { tx throws(CatalogError) in try tx.setting("administrator") } == "alice")
        #expect(try read(store) { tx throws(CatalogError) in try tx.setting("created-at") } == "2026-11-22")
    }

    @Test(arguments: StoreKind.allCases)
    func domainsAreUniqueUpdatableAndSortedByName(_ kind: StoreKind) throws {
        let store = try kind.make()
        try write(store) { tx throws(CatalogError) in
            for name in ["payments", "customers", "fraud"] { try tx.insertDomain(Fixture.domain(name)) }
        }
        let duplicate = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in try tx.insertDomain(Fixture.domain("fraud", owner: "someone-else")) }
        }
        #expect(duplicate?.kind == .alreadyExists)
        #expect(duplicate?.message.contains("fraud") == true)

        var fraud = Fixture.domain("fraud")
        fraud.owner = "risk-team"
        fraud.description = "Fraud detection"
        try write(store) { tx throws(CatalogError) in try tx.updateDomain(fraud) }
        let missing = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in try tx.updateDomain(Fixture.domain("marketing")) }
        }
        #expect(missing?.kind == .notFound)

        let (all, one, none) = try read(store) { tx throws(CatalogError) in (try tx.domains(), try tx.domain("fraud"), try tx.domain("marketing")) }
        #expect(all.map(\.name) == ["customers", "fraud", "payments"])
        #expect(one == fraud)
        #expect(none == nil)
        #expect(all[0] == Fixture.domain("customers"), "a record reads back equal, dates exactly")
    }

    @Test(arguments: StoreKind.allCases)
    func principalsAreSavedReplacedAndSorted(_ kind: StoreKind) throws {
        let store = try kind.make()
        let bob = Principal(name: "bob", roles: [.consumer], createdAt: Fixture.t(5))
        var alice = Principal(name: "alice", roles: [.owner, .producer], team: "payments-team", createdAt: Fixture.t(4))
        try write(store) { tx throws(CatalogError) in
            try tx.savePrincipal(bob)
            try tx.savePrincipal(alice)
        }
        alice.roles = [.admin, .governance, .consumer]
        alice.team = nil
        try write(store) { tx throws(CatalogError) in try tx.savePrincipal(alice) }
        let (all, one, none) = try read(store) { tx throws(CatalogError) in
            (try tx.principals(), try tx.principal("alice"), try tx.principal("carol"))
        }
        #expect(all == [alice, bob])
        #expect(one == alice)
        #expect(none == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func tokensAreFoundByHashAndUnique(_ kind: StoreKind) throws {
        let store = try kind.make()
        let token = TokenRecord(hash: String(repeating: "ab", count: 32), principal: "alice", createdAt: Fixture.t(1), expiresAt: Fixture.t(86_400))
        let forever = TokenRecord(hash: String(repeating: "cd", count: 32), principal: "svc-trainer", createdAt: Fixture.t(2))
        try write(store) { tx throws(CatalogError) in
            try tx.insertToken(token)
            try tx.insertToken(forever)
        }
        let duplicate = catalogError { () throws(CatalogError) in try write(store) { tx throws(CatalogError) in try tx.insertToken(token) } }
        #expect(duplicate?.kind == .alreadyExists)
        #expect(try read(store) { tx throws(CatalogError) in try tx.token(hash: token.hash) } == token)
        #expect(try read(store) { tx throws(CatalogError) in try tx.token(hash: forever.hash) } == forever)
        #expect(try read(store) { tx throws(CatalogError) in try tx.token(hash: "00") } == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func productsAreUniqueUpdatableAndListedByDomain(_ kind: StoreKind) throws {
        let store = try kind.make()
        try Fixture.seed(store, products: ["payments.transactions", "fraud.scores", "payments.refunds"])
        let duplicate = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in try tx.insertProduct(Fixture.product("fraud.scores")) }
        }
        #expect(duplicate?.kind == .alreadyExists)
        #expect(duplicate?.context == "fraud.scores")

        var refunds = Fixture.product("payments.refunds", tags: [])
        refunds.status = "deprecated"
        refunds.tables = ["payments.refunds.requests", "payments.refunds.payouts"]
        refunds.contractVersion = "2.0.0"
        try write(store) { tx throws(CatalogError) in try tx.updateProduct(refunds) }
        let missing = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in try tx.updateProduct(Fixture.product("payments.chargebacks")) }
        }
        #expect(missing?.kind == .notFound)

        let (all, payments, none, one) = try read(store) { tx throws(CatalogError) in
            (try tx.products(domain: nil), try tx.products(domain: "payments"), try tx.products(domain: "marketing"), try tx.product("payments.refunds"))
        }
        #expect(all.map(\.id) == ["fraud.scores", "payments.refunds", "payments.transactions"])
        #expect(payments.map(\.id) == ["payments.refunds", "payments.transactions"])
        #expect(none.isEmpty)
        #expect(one == refunds)
        #expect(all.last == Fixture.product("payments.transactions"))
        #expect(try read(store) { tx throws(CatalogError) in try tx.product("payments.nothing") } == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func contractVersionsAreUniquePerProductAndNewestRegisteredWins(_ kind: StoreKind) throws {
        let store = try kind.make()
        try Fixture.seed(store, products: ["payments.transactions", "fraud.scores"])
        func contract(_ product: String, _ version: String, at seconds: Double) -> ContractRecord {
            ContractRecord(productID: product, version: version, yaml: "version: \(version)\n", registeredAt: Fixture.t(seconds), registeredBy: "alice")
        }
        // Registered out of semantic-version order: "newest" means most recently registered.
        let registered = [contract("payments.transactions", "1.0.0", at: 1), contract("payments.transactions", "1.1.0", at: 2),
                          contract("payments.transactions", "1.0.1", at: 3)]
        try write(store) { tx throws(CatalogError) in
            for c in registered { try tx.insertContract(c) }
            try tx.insertContract(contract("fraud.scores", "1.0.0", at: 4))
        }
        let duplicate = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in try tx.insertContract(contract("payments.transactions", "1.1.0", at: 9)) }
        }
        #expect(duplicate?.kind == .alreadyExists)
        #expect(duplicate?.message.contains("1.1.0") == true)

        try read(store) { tx throws(CatalogError) in
            #expect(try tx.contracts(productID: "payments.transactions") == registered)
            #expect(try tx.contract(productID: "payments.transactions", version: nil) == registered[2])
            #expect(try tx.contract(productID: "payments.transactions", version: "1.1.0") == registered[1])
            #expect(try tx.contract(productID: "payments.transactions", version: "9.9.9") == nil)
            #expect(try tx.contract(productID: "fraud.scores", version: nil)?.version == "1.0.0")
            #expect(try tx.contracts(productID: "customers.profiles").isEmpty)
        }
    }
}
