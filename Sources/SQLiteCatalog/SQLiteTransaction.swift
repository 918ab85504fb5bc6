import Catalog
import Foundation
import GRDB

/// A ``CatalogTransaction`` over one GRDB connection, valid only inside the store's `read` or
/// `write` call that created it.
final class SQLiteTransaction: CatalogTransaction {
    let db: Database
    /// The database path, for error context.
    let location: String

    init(db: Database, location: String) {
        self.db = db
        self.location = location
    }

    /// Runs `work`, translating database failures into ``CatalogError``s.
    ///
    /// `duplicate` names the error for a unique-key violation, `missingReference` the one for a
    /// foreign-key violation; other failures are translated generically.
    func run<T>(duplicate: @autoclosure () -> CatalogError? = nil, missingReference: @autoclosure () -> CatalogError? = nil,
                _ work: (Database) throws -> T) throws(CatalogError) -> T {
        do {
            return try work(db)
        } catch let error as CatalogError {
            throw error
        } catch let error as DatabaseError {
            switch error.extendedResultCode {
            case .SQLITE_CONSTRAINT_PRIMARYKEY, .SQLITE_CONSTRAINT_UNIQUE:
                if let mapped = duplicate() { throw mapped }
            case .SQLITE_CONSTRAINT_FOREIGNKEY:
                if let mapped = missingReference() { throw mapped }
            default:
                break
            }
            throw SQLiteCatalogStore.catalogError(error, location: location)
        } catch {
            throw CatalogError(.storage, "the catalog holds a value this release cannot read: \(error)", context: location)
        }
    }

    /// Runs an update of the row(s) keyed as in `sql`; throws `missing` when none matched.
    func update(_ sql: String, _ arguments: StatementArguments, missing: CatalogError) throws(CatalogError) {
        let changed = try run { db in
            try db.executeCached(sql: sql, arguments: arguments)
            return db.changesCount
        }
        if changed == 0 { throw missing }
    }

    /// ` WHERE a = ? AND b = ?` over the filters that are set (empty when none), and their values.
    func conditions(_ filters: KeyValuePairs<String, (any DatabaseValueConvertible)?>) -> (sql: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        for case let (column, value?) in filters {
            clauses.append("\(column) = ?")
            arguments += [value]
        }
        return (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "), arguments)
    }

    // MARK: Settings

    func setting(_ key: String) throws(CatalogError) -> String? {
        try run { db in try db.cachedString(sql: "SELECT value FROM settings WHERE key = ?", arguments: [key]) }
    }

    func setSetting(_ key: String, _ value: String) throws(CatalogError) {
        try run { db in
            try db.executeCached(sql: "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }

    // MARK: Domains and principals

    func insertDomain(_ domain: Domain) throws(CatalogError) {
        try run(duplicate: CatalogError(.alreadyExists, "domain '\(domain.name)' already exists", context: domain.name)) { db in
            try db.executeCached(sql: "INSERT INTO domains(name, owner, description, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [domain.name, domain.owner, domain.description, Stored.date(domain.createdAt)])
        }
    }

    func updateDomain(_ domain: Domain) throws(CatalogError) {
        try update("UPDATE domains SET owner = ?, description = ?, created_at = ? WHERE name = ?",
                   [domain.owner, domain.description, Stored.date(domain.createdAt), domain.name],
                   missing: CatalogError(.notFound, "no domain '\(domain.name)'", context: domain.name))
    }

    func domain(_ name: String) throws(CatalogError) -> Domain? {
        try run { db in try db.cachedRow(sql: "SELECT * FROM domains WHERE name = ?", arguments: [name]).map(Domain.init(row:)) }
    }

    func domains() throws(CatalogError) -> [Domain] {
        try run { db in try db.cachedRows(sql: "SELECT * FROM domains ORDER BY name").map(Domain.init(row:)) }
    }

    func savePrincipal(_ principal: Principal) throws(CatalogError) {
        let roles = try Stored.json(principal.roles.map(\.rawValue).sorted())
        try run { db in
            try db.executeCached(
                sql: """
                    INSERT INTO principals(name, roles, team, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET roles = excluded.roles, team = excluded.team, created_at = excluded.created_at
                    """,
                arguments: [principal.name, roles, principal.team, Stored.date(principal.createdAt)])
        }
    }

    func principal(_ name: String) throws(CatalogError) -> Principal? {
        try run { db in try db.cachedRow(sql: "SELECT * FROM principals WHERE name = ?", arguments: [name]).map(Principal.init(row:)) }
    }

    func principals() throws(CatalogError) -> [Principal] {
        try run { db in try db.cachedRows(sql: "SELECT * FROM principals ORDER BY name").map(Principal.init(row:)) }
    }

    func insertToken(_ token: TokenRecord) throws(CatalogError) {
        try run(duplicate: CatalogError(.alreadyExists, "token already exists", context: token.principal)) { db in
            try db.executeCached(sql: "INSERT INTO tokens(hash, principal, created_at, expires_at) VALUES (?, ?, ?, ?)",
                           arguments: [token.hash, token.principal, Stored.date(token.createdAt), token.expiresAt.map(Stored.date)])
        }
    }

    func token(hash: String) throws(CatalogError) -> TokenRecord? {
        try run { db in try db.cachedRow(sql: "SELECT * FROM tokens WHERE hash = ?", arguments: [hash]).map(TokenRecord.init(row:)) }
    }
}
