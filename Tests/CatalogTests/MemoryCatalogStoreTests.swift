import Catalog
import Foundation
import Testing

@Suite struct MemoryCatalogStoreTests {
    @Test func aThrowingWriteChangesNothing() throws {
        let store = MemoryCatalogStore()
        try store.write { tx throws(CatalogError) in try tx.insertDomain(Domain(name: "payments", owner: "payments-team", createdAt: Date())) }
        struct Abort: Error {}
        #expect(throws: CatalogError.self) {
            try store.write { tx throws(CatalogError) in
                try tx.insertDomain(Domain(name: "fraud", owner: "fraud-team", createdAt: Date()))
                try tx.insertDomain(Domain(name: "payments", owner: "x", createdAt: Date()))
            }
        }
        let names = try store.read { tx throws(CatalogError) in try tx.domains().map(\.name) }
        #expect(names == ["payments"])
    }
}
