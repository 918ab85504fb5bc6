import Catalog
import Foundation
import Testing

/// Full-text search behaves alike in every store: all words, prefix on the last, ranking,
/// snippets, and user text that looks like query syntax.
@Suite("Catalog store conformance: search")
struct SearchConformanceTests {
    static let documents = [
        SearchDocument(kind: .product, key: "fraud.scores", title: "Fraud scores",
                       body: "Fraud fraud fraud: model scores for card fraud, one row per transaction"),
        SearchDocument(kind: .product, key: "payments.transactions", title: "Card transactions",
                       body: "Every card payment with amount, merchant, currency and a fraud flag computed nightly by the risk team"),
        SearchDocument(kind: .glossaryTerm, key: "fico_score", title: "FICO score",
                       body: "A credit bureau fico_score between 300 and 850; higher means less risk"),
        SearchDocument(kind: .product, key: "customers.profiles", title: "Customer profiles",
                       body: "Names, e-mail addresses and the customer's fico score, refreshed daily"),
        // Unrelated entries, so that the words above are rare in the corpus, as in a real mesh.
        SearchDocument(kind: .product, key: "marketing.campaigns", title: "Campaigns", body: "Email campaigns with opens and clicks per week"),
        SearchDocument(kind: .product, key: "recommendations.items", title: "Item embeddings", body: "Vectors for every catalog item"),
        SearchDocument(kind: .product, key: "inventory.stock", title: "Stock levels", body: "Units on hand per warehouse, hourly"),
        SearchDocument(kind: .glossaryTerm, key: "email", title: "Email address", body: "A personal contact point; PII"),
    ]

    private func indexed(_ kind: StoreKind) throws -> any CatalogStore {
        let store = try kind.make()
        try write(store) { tx throws(CatalogError) in
            for document in Self.documents { try tx.index(document) }
        }
        return store
    }

    private func keys(_ store: any CatalogStore, _ text: String, limit: Int = 10) throws -> [String] {
        try read(store) { tx throws(CatalogError) in try tx.search(text, limit: limit) }.map(\.document.key)
    }

    @Test(arguments: StoreKind.allCases)
    func theDenserMatchRanksFirstAndScoresDescend(_ kind: StoreKind) throws {
        let store = try indexed(kind)
        let hits = try read(store) { tx throws(CatalogError) in try tx.search("fraud", limit: 10) }
        #expect(hits.map(\.document.key) == ["fraud.scores", "payments.transactions"])
        #expect(hits[0].score > hits[1].score)
        #expect(hits[0].document == Self.documents[0])
        #expect(hits[0].snippet.contains("[") && hits[0].snippet.contains("]"))
        #expect(hits[1].snippet.lowercased().contains("[fraud]"))
        #expect(try keys(store, "fraud", limit: 1) == ["fraud.scores"])
        #expect(try keys(store, "fraud", limit: 0).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func everyWordMustMatchAndTheLastIsAPrefix(_ kind: StoreKind) throws {
        let store = try indexed(kind)
        #expect(try keys(store, "fra") == ["fraud.scores", "payments.transactions"])
        #expect(try keys(store, "CARD merch") == ["payments.transactions"])
        #expect(try keys(store, "card fraud") == ["fraud.scores", "payments.transactions"])
        #expect(try keys(store, "merch card").isEmpty, "only the last word is a prefix")
        #expect(try keys(store, "fraud zebra").isEmpty)
        #expect(try keys(store, "").isEmpty)
        #expect(try keys(store, "  ...  ").isEmpty)
        #expect(Set(try keys(store, "fico score")) == ["fico_score", "customers.profiles"])
    }

    @Test(arguments: StoreKind.allCases)
    func userTextThatLooksLikeQuerySyntaxIsPlainWords(_ kind: StoreKind) throws {
        let store = try indexed(kind)
        // `_` splits words, like the indexed text: fico_score is "fico" and "score".
        #expect(Set(try keys(store, "fico_score")) == ["fico_score", "customers.profiles"])
        #expect(try keys(store, "fraud OR merchant") == [], "OR is a word, not an operator")
        #expect(try keys(store, "\"fraud") == ["fraud.scores", "payments.transactions"])
        #expect(try keys(store, "fraud\"") == ["fraud.scores", "payments.transactions"])
        #expect(try keys(store, "fraud*") == ["fraud.scores", "payments.transactions"])
        #expect(try keys(store, "-fraud") == ["fraud.scores", "payments.transactions"])
        #expect(try keys(store, "card -merchant") == ["payments.transactions"], "- does not negate")
        #expect(try keys(store, "NOT merchant") == [])
        #expect(try keys(store, "title:card") == [], "no column filters: 'title' is a word")
        #expect(try keys(store, "(fraud) AND (card") == ["payments.transactions"], "AND is a word the entry must hold")
        #expect(try keys(store, "'; DROP TABLE products; --").isEmpty)
        #expect(try keys(store, "NEAR(fraud card)") == [])
        #expect(try keys(store, "^card:") == (try keys(store, "card")))
        #expect(try keys(store, "card").count == 2)
        #expect(try keys(store, "fraud") == ["fraud.scores", "payments.transactions"], "the index is intact")
    }

    @Test(arguments: StoreKind.allCases)
    func reindexingReplacesAnEntryByKindAndKey(_ kind: StoreKind) throws {
        let store = try indexed(kind)
        let replaced = SearchDocument(kind: .product, key: "fraud.scores", title: "Risk scores", body: "Model outputs per transaction")
        // A glossary term with the same key is a different entry.
        let term = SearchDocument(kind: .glossaryTerm, key: "fraud.scores", title: "Fraud score", body: "A probability of fraud")
        try write(store) { tx throws(CatalogError) in
            try tx.index(replaced)
            try tx.index(term)
        }
        #expect(try keys(store, "fraud") == ["fraud.scores", "payments.transactions"])
        let hits = try read(store) { tx throws(CatalogError) in try tx.search("fraud", limit: 10) }
        #expect(hits[0].document == term)
        let outputs = try read(store) { tx throws(CatalogError) in try tx.search("outputs", limit: 10) }
        #expect(outputs.map(\.document) == [replaced])
    }
}
