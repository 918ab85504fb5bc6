import GRDB

// The catalog runs the same few statements over and over: each is compiled once per connection
// (with its triggers and FTS5 programs) and reused from GRDB's statement cache.
extension Database {
    /// Runs one statement, compiled once per connection.
    func executeCached(sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// Every row of a query compiled once per connection.
    func cachedRows(sql: String, arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }

    /// The first row of a query compiled once per connection.
    func cachedRow(sql: String, arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    /// The first column of the first row of a query compiled once per connection, as text.
    func cachedString(sql: String, arguments: StatementArguments = []) throws -> String? {
        try String.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}
