import Catalog
import Foundation
import Testing

/// Iceberg table pointers and transaction semantics behave alike in every store.
@Suite("Catalog store conformance: table pointers and transactions")
struct TableConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func aPointerMovesOnlyFromTheExpectedLocation(_ kind: StoreKind) throws {
        let store = try kind.make()
        let table = "payments.transactions"
        #expect(try read(store) { tx throws(CatalogError) in try tx.tableMetadataLocation(table) } == nil)
        try write(store) { tx throws(CatalogError) in try tx.swapTableMetadata(table, expected: nil, new: "/w/m0.json") }

        let created = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in try tx.swapTableMetadata(table, expected: nil, new: "/w/other.json") }
        }
        #expect(created?.kind == .conflict)
        #expect(created?.context == table)
        #expect(created?.message.contains("/w/m0.json") == true, "the message names where the table is now")

        try write(store) { tx throws(CatalogError) in try tx.swapTableMetadata(table, expected: "/w/m0.json", new: "/w/m1.json") }
        let stale = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in try tx.swapTableMetadata(table, expected: "/w/m0.json", new: "/w/m2.json") }
        }
        #expect(stale?.kind == .conflict)
        let ghost = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in try tx.swapTableMetadata("payments.ghost", expected: "/w/m0.json", new: "/w/m2.json") }
        }
        #expect(ghost?.kind == .conflict)
        try read(store) { tx throws(CatalogError) in
            #expect(try tx.tableMetadataLocation(table) == "/w/m1.json")
            #expect(try tx.tableMetadataLocation("payments.ghost") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func tablesAreListedByNamespaceAndDropped(_ kind: StoreKind) throws {
        let store = try kind.make()
        let names = ["payments.transactions", "fraud.scores", "payments.refunds.payouts", "payments.refunds.requests", "payments.accounts"]
        try write(store) { tx throws(CatalogError) in
            for name in names { try tx.swapTableMetadata(name, expected: nil, new: "/w/\(name)/v0.json") }
        }
        try read(store) { tx throws(CatalogError) in
            #expect(try tx.tables(namespace: nil) == names.sorted())
            #expect(try tx.tables(namespace: "payments") == ["payments.accounts", "payments.transactions"])
            #expect(try tx.tables(namespace: "payments.refunds") == ["payments.refunds.payouts", "payments.refunds.requests"])
            #expect(try tx.tables(namespace: "marketing").isEmpty)
            #expect(try tx.tableMetadataLocation("payments.refunds.payouts") == "/w/payments.refunds.payouts/v0.json")
        }
        try write(store) { tx throws(CatalogError) in try tx.dropTable("payments.accounts") }
        let missing = catalogError { () throws(CatalogError) in try write(store) { tx throws(CatalogError) in try tx.dropTable("payments.accounts") } }
        #expect(missing?.kind == .notFound)
        try read(store) { tx throws(CatalogError) in
            #expect(try tx.tables(namespace: "payments") == ["payments.transactions"])
            #expect(try tx.tableMetadataLocation("payments.accounts") == nil)
        }
        // A dropped table can be created again.
        try write(store) { tx throws(CatalogError) in try tx.swapTableMetadata("payments.accounts", expected: nil, new: "/w/again.json") }
        #expect(try read(store) { tx throws(CatalogError) in try tx.tableMetadataLocation("payments.accounts") } == "/w/again.json")
    }

    @Test(arguments: StoreKind.allCases)
    func aThrowingWriteChangesNothing(_ kind: StoreKind) throws {
        let store = try kind.make()
        try Fixture.seed(store, products: ["payments.transactions"])
        try write(store) { tx throws(CatalogError) in try tx.swapTableMetadata("payments.transactions", expected: nil, new: "/w/m0.json") }
        let failure = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in
                try tx.setSetting("administrator", "mallory")
                try tx.insertDomain(Fixture.domain("fraud"))
                try tx.insertProduct(Fixture.product("fraud.scores"))
                try tx.insertVersion(Fixture.version("payments.transactions", 1))
                let event = try tx.insertEvent(Fixture.event("publish.accepted", productID: "payments.transactions", at: 1))
                _ = try tx.insertDelivery(Delivery(eventID: event.id, recipient: "ml", role: "consumer", channel: .feed, status: .delivered))
                _ = try tx.insertAudit(AuditEntry(time: Fixture.t(1), principal: "mallory", action: "publish", target: "payments.transactions", allowed: true))
                try tx.index(SearchDocument(kind: .product, key: "fraud.scores", title: "Fraud", body: "scores"))
                try tx.swapTableMetadata("payments.transactions", expected: "/w/m0.json", new: "/w/m1.json")
                try tx.insertDomain(Fixture.domain("payments"))  // duplicate: the whole transaction is undone
            }
        }
        #expect(failure?.kind == .alreadyExists)
        try read(store) { tx throws(CatalogError) in
            #expect(try tx.setting("administrator") == nil)
            #expect(try tx.domains().map(\.name) == ["payments"])
            #expect(try tx.product("fraud.scores") == nil)
            #expect(try tx.versions(productID: "payments.transactions").isEmpty)
            #expect(try tx.events(EventQuery()).isEmpty)
            #expect(try tx.audit(principal: nil, target: nil, limit: nil).isEmpty)
            #expect(try tx.search("scores", limit: 10).isEmpty)
            #expect(try tx.tableMetadataLocation("payments.transactions") == "/w/m0.json")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theBodysOwnErrorPassesThroughUnchanged(_ kind: StoreKind) throws {
        let store = try kind.make()
        let own = CatalogError(.invalid, "publish rejected by the gate", context: "payments.transactions")
        let thrown = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in
                try tx.setSetting("half", "done")
                throw own
            }
        }
        #expect(thrown == own)
        let fromRead = catalogError { () throws(CatalogError) in try read(store) { _ throws(CatalogError) in throw own } }
        #expect(fromRead == own)
        #expect(try read(store) { tx throws(CatalogError) in try tx.setting("half") } == nil)
        // Values come back out of both kinds of transaction.
        #expect(try write(store) { tx throws(CatalogError) in try tx.insertEvent(Fixture.event("x", productID: nil, at: 0)).id } > 0)
        #expect(try read(store) { tx throws(CatalogError) in try tx.events(EventQuery()).count } == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func aReadTransactionCannotWrite(_ kind: StoreKind) throws {
        let store = try kind.make()
        let error = catalogError { () throws(CatalogError) in try read(store) { tx throws(CatalogError) in try tx.setSetting("a", "b") } }
        #expect(error?.kind == .storage)
        #expect(try read(store) { tx throws(CatalogError) in try tx.setting("a") } == nil)
    }
}
