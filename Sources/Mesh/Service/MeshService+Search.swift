import Catalog

extension MeshService {
    /// Full-text search over products (descriptions, columns, tags, glossary terms) and glossary
    /// terms: every word must match (the last as a prefix); best first.
    public func search(_ text: String, limit: Int = 20) throws(MeshError) -> [SearchHit] {
        guard !SearchText.words(text).isEmpty else {
            throw MeshError(.invalidInput, "give at least one word to search for", context: "search")
        }
        return try read { t throws(CatalogError) in try t.search(text, limit: limit) }
    }
}
