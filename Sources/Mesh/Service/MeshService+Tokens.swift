import Catalog
import Crypto
import Foundation

/// A newly created API token: the secret (shown once) and what the catalog stores.
public struct IssuedToken: Sendable, Hashable, Codable {
    /// The secret: `mesh_` and 32 random bytes in base64url; never stored.
    public let token: String
    /// The stored record (the token's SHA-256, the principal, the times).
    public let record: TokenRecord
}

extension MeshService {
    /// The prefix every API token starts with (so a leaked token is recognisable).
    public static let tokenPrefix = "mesh_"

    /// Creates an API token for `name`, storing only its SHA-256.
    ///
    /// Administrators may create tokens for anyone; any other principal only for itself. With
    /// `roles` and a principal that does not exist yet, an administrator creates the principal
    /// with those roles first (`mesh token create bob --role consumer`).
    ///
    /// - Throws: ``MeshError/Kind/notFound`` for an unknown principal without `roles`,
    ///   ``MeshError/Kind/forbidden`` when a non-administrator asks for another principal's token.
    public func createToken(for name: String, roles: Set<Principal.Role> = [], expires: Date? = nil, by caller: Principal) throws(MeshError) -> IssuedToken {
        try Names.validate(name, field: "principal")
        let isAdmin = caller.roles.contains(.admin)
        guard isAdmin || caller.name == name else {
            throw MeshError(.forbidden, "\(caller.name) may not create a token for \(name): only administrators create tokens for other principals", context: name)
        }
        if try read({ t throws(CatalogError) in try t.principal(name) }) == nil {
            guard !roles.isEmpty else {
                throw MeshError(.notFound, "unknown principal '\(name)'; create it with `mesh principal create \(name) --role ROLE` or give --role", context: name)
            }
            try createPrincipal(name: name, roles: roles, by: caller)
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = Self.tokenPrefix + Self.base64URL(bytes)
        let time = now()
        let record = TokenRecord(hash: Self.tokenHash(token), principal: name, createdAt: time, expiresAt: expires)
        try write { t throws(CatalogError) in
            try t.insertToken(record)
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "token.create", target: "principal:\(name)", allowed: true))
        }
        return IssuedToken(token: token, record: record)
    }

    /// The principal a bearer token authenticates.
    ///
    /// - Throws: ``MeshError/Kind/unauthenticated`` for a malformed, unknown or expired token,
    ///   or one whose principal no longer exists.
    public func authenticate(token: String) throws(MeshError) -> Principal {
        guard token.hasPrefix(Self.tokenPrefix), token.count > Self.tokenPrefix.count else {
            throw MeshError(.unauthenticated, "the bearer token is not a mesh token (they start with \(Self.tokenPrefix)); create one with `mesh token create PRINCIPAL`")
        }
        struct Found: Sendable { let record: TokenRecord?; let principal: Principal? }
        // Cached by the token itself, so a known token costs no hashing; the store holds only its hash.
        let found = try lookups.value(.token, token) { () throws(MeshError) in
            let hash = Self.tokenHash(token)
            return try read { t throws(CatalogError) in
                let record = try t.token(hash: hash)
                return Found(record: record, principal: try record.map { r throws(CatalogError) in try t.principal(r.principal) } ?? nil)
            }
        }
        guard let record = found.record else {
            throw MeshError(.unauthenticated, "the bearer token is not known to this mesh; create one with `mesh token create PRINCIPAL`")
        }
        if let expires = record.expiresAt, expires <= now() {
            throw MeshError(.unauthenticated, "the bearer token expired at \(Timestamp.iso(expires)); create a new one with `mesh token create \(record.principal)`")
        }
        guard let principal = found.principal else {
            throw MeshError(.unauthenticated, "the token's principal '\(record.principal)' no longer exists")
        }
        return principal
    }

    /// The stored form of a token: lowercase hex SHA-256 of its UTF-8 bytes.
    public static func tokenHash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Base64url without padding (RFC 4648 §5).
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
