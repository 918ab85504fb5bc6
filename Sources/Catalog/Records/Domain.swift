import Foundation

/// A business domain that owns data products (payments, fraud, recommendations...).
public struct Domain: Sendable, Hashable, Codable {
    /// The domain's name: lowercase letters, digits, `_` and `-`.
    public var name: String
    /// The team that owns the domain and its products.
    public var owner: String
    /// What the domain covers.
    public var description: String
    /// When the domain was created.
    public var createdAt: Date

    /// Creates a domain record.
    public init(name: String, owner: String, description: String = "", createdAt: Date) {
        self.name = name
        self.owner = owner
        self.description = description
        self.createdAt = createdAt
    }
}

/// A person or service acting on the mesh.
public struct Principal: Sendable, Hashable, Codable {
    /// What a principal may do on the platform.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        /// Runs the platform: everything.
        case admin
        /// Manages policies and the glossary.
        case governance
        /// Owns a domain: manages its products, approves access.
        case owner
        /// Publishes to a domain's products.
        case producer
        /// Reads products it holds a grant for.
        case consumer
    }

    /// The principal's unique name (`alice`, `fraud-team`, `svc-trainer`).
    public var name: String
    /// The principal's roles.
    public var roles: Set<Role>
    /// The team the principal belongs to, if any; owners and producers act for their team's domains.
    public var team: String?
    /// When the principal was created.
    public var createdAt: Date

    /// Creates a principal record.
    public init(name: String, roles: Set<Role>, team: String? = nil, createdAt: Date) {
        self.name = name
        self.roles = roles
        self.team = team
        self.createdAt = createdAt
    }
}
