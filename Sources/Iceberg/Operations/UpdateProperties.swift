extension Table {
    /// Sets and removes table properties in one commit (e.g. ``deleteMetadataAfterCommitProperty``).
    ///
    /// A key both set and removed is an error; removing a key that is not set is not.
    public mutating func updateProperties(set: [String: String] = [:], remove: Set<String> = []) throws(IcebergError) {
        if let both = remove.first(where: { set[$0] != nil }) {
            throw IcebergError(.invalidOperation, "property '\(both)' is both set and removed", context: both)
        }
        try commit { (base: TableMetadata) throws(IcebergError) -> CommitAttempt in
            var next = base
            for key in remove { next.properties[key] = nil }
            for (key, value) in set { next.properties[key] = value }
            return CommitAttempt(metadata: next)
        }
    }
}
