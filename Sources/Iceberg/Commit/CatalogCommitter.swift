/// Owns the pointer from a table to its current metadata file and moves it atomically.
///
/// A catalog (SQLite, PostgreSQL...) implements this with a conditional update; for a bare
/// directory use ``DirectoryCommitter``. `table` identifies the table within the committer.
public protocol CatalogCommitter: Sendable {
    /// The location of the table's current metadata file, or `nil` when the table does not exist.
    func current(table: String) throws(IcebergError) -> String?
    /// Points `table` at `new` if and only if it still points at `expected` (`nil`: the table
    /// does not exist yet). Throws ``IcebergError/Kind/commitConflict`` otherwise, changing nothing.
    func swap(table: String, expected: String?, new: String) throws(IcebergError)
}
