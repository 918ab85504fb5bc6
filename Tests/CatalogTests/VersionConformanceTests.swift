import Catalog
import Foundation
import Testing

/// Product versions and rejected publishes behave alike in every store.
@Suite("Catalog store conformance: versions and rejections")
struct VersionConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func versionsAreUniquePerProductAndOrdered(_ kind: StoreKind) throws {
        let store = try kind.make()
        try Fixture.seed(store, products: ["payments.transactions", "fraud.scores"])
        let v1 = Fixture.version("payments.transactions", 1), v2 = Fixture.version("payments.transactions", 2, eventTime: Fixture.t(-60))
        let v3 = Fixture.version("payments.transactions", 3)
        try write(store) { tx throws(CatalogError) in
            for v in [v2, v1, v3] { try tx.insertVersion(v) }
            try tx.insertVersion(Fixture.version("fraud.scores", 1))
        }
        let duplicate = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in try tx.insertVersion(Fixture.version("payments.transactions", 2)) }
        }
        #expect(duplicate?.kind == .alreadyExists)
        #expect(duplicate?.context == "payments.transactions@2")

        try read(store) { tx throws(CatalogError) in
            #expect(try tx.versions(productID: "payments.transactions") == [v1, v2, v3])
            #expect(try tx.latestVersion(productID: "payments.transactions") == v3)
            #expect(try tx.version(productID: "payments.transactions", version: 2) == v2)
            #expect(try tx.version(productID: "payments.transactions", version: 4) == nil)
            #expect(try tx.versions(productID: "fraud.scores").map(\.version) == [1])
            #expect(try tx.latestVersion(productID: "customers.profiles") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aVersionIsRevokedByUpdateAndAMissingOneIsNotFound(_ kind: StoreKind) throws {
        let store = try kind.make()
        try Fixture.seed(store, products: ["payments.transactions"])
        try write(store) { tx throws(CatalogError) in
            try tx.insertVersion(Fixture.version("payments.transactions", 1))
            try tx.insertVersion(Fixture.version("payments.transactions", 2))
        }
        var revoked = Fixture.version("payments.transactions", 1)
        revoked.status = .revoked
        revoked.revokedReason = "bad upstream data"
        try write(store) { tx throws(CatalogError) in try tx.updateVersion(revoked) }
        let missing = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in try tx.updateVersion(Fixture.version("payments.transactions", 7)) }
        }
        #expect(missing?.kind == .notFound)
        let (one, two) = try read(store) { tx throws(CatalogError) in
            (try tx.version(productID: "payments.transactions", version: 1), try tx.version(productID: "payments.transactions", version: 2))
        }
        #expect(one == revoked)
        #expect(two == Fixture.version("payments.transactions", 2))
    }

    @Test(arguments: StoreKind.allCases)
    func rejectionsAreKeptPerProductOldestFirst(_ kind: StoreKind) throws {
        let store = try kind.make()
        try Fixture.seed(store, products: ["payments.transactions", "fraud.scores"])
        func rejection(_ product: String, _ reason: String, at seconds: Double) -> RejectedPublish {
            RejectedPublish(productID: product, attemptedAt: Fixture.t(seconds), attemptedBy: "bob", contractVersion: "1.0.0", rowCount: 42,
                            checks: #"[{"check":"range","passed":false}]"#, reason: reason)
        }
        let first = rejection("payments.transactions", "fico_score outside 300-850", at: 50)
        let second = rejection("payments.transactions", "schema drift: column 'amount' missing", at: 20)
        try write(store) { tx throws(CatalogError) in
            try tx.insertRejection(first)
            try tx.insertRejection(rejection("fraud.scores", "empty file", at: 30))
            try tx.insertRejection(second)
        }
        #expect(try read(store) { tx throws(CatalogError) in try tx.rejections(productID: "payments.transactions") } == [first, second])
        #expect(try read(store) { tx throws(CatalogError) in try tx.rejections(productID: "customers.profiles") }.isEmpty)
    }
}
