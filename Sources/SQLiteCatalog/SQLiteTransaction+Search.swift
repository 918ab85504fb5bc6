import Catalog
import Foundation
import GRDB

extension SQLiteTransaction {
    // MARK: Search (FTS5)

    func index(_ document: SearchDocument) throws(CatalogError) {
        // The triggers on search_documents keep the FTS5 index (search_index) in step.
        try run { db in
            try db.executeCached(
                sql: """
                    INSERT INTO search_documents(kind, key, title, body) VALUES (?, ?, ?, ?)
                    ON CONFLICT(kind, key) DO UPDATE SET title = excluded.title, body = excluded.body
                    """,
                arguments: [document.kind.rawValue, document.key, document.title, document.body])
        }
    }

    func search(_ text: String, limit: Int) throws(CatalogError) -> [SearchHit] {
        guard limit > 0, let query = Self.matchQuery(text) else { return [] }
        return try run { db in
            let rows = try db.cachedRows(
                sql: """
                    SELECT d.kind, d.key, d.title, d.body,
                           snippet(search_index, 1, '[', ']', '…', 12) AS snippet,
                           bm25(search_index, 2.0, 1.0) AS relevance
                    FROM search_index JOIN search_documents AS d ON d.id = search_index.rowid
                    WHERE search_index MATCH ?
                    ORDER BY relevance, d.key
                    LIMIT ?
                    """,
                arguments: [query, limit])
            return try rows.map { row in
                let document = SearchDocument(
                    kind: try Stored.decode(SearchDocument.Kind.self, raw: try row.value("kind"), column: "search_documents.kind"),
                    key: try row.value("key"), title: try row.value("title"), body: try row.value("body"))
                let relevance: Double = try row.value("relevance")
                return SearchHit(document: document, snippet: try row.value("snippet"), score: -relevance)
            }
        }
    }

    /// The FTS5 query for user `text`: each word (``SearchText/words(_:)``) as a quoted string,
    /// all of them required, the last one a prefix; nil when `text` has no words.
    ///
    /// Quoting makes every FTS5 operator in user input (`OR`, `NOT`, `-`, `*`, `"`, `:`,
    /// parentheses, column filters) plain text.
    static func matchQuery(_ text: String) -> String? {
        let words = SearchText.words(text)
        guard !words.isEmpty else { return nil }
        return words.enumerated().map { index, word in
            let quoted = "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return index == words.count - 1 ? quoted + "*" : quoted
        }.joined(separator: " ")
    }
}
