import Foundation

/// Permission for a principal to read a product for a purpose.
public struct Grant: Sendable, Hashable, Codable {
    /// Assigned by the store (0 before insertion).
    public var id: Int64
    /// The product id.
    public var productID: String
    /// The principal (or team) granted.
    public var principal: String
    /// The purpose the grant covers.
    public var purpose: String
    /// The classification level the grantee may see unmasked (`internal`, `confidential`...);
    /// nil: the least sensitive level of the policy bundle.
    public var clearance: String?
    /// Who granted it.
    public var grantedBy: String
    /// When.
    public var grantedAt: Date
    /// When it stops counting, if ever.
    public var expiresAt: Date?
    /// The access request it answered, if any.
    public var requestID: Int64?

    /// Creates a grant record.
    public init(id: Int64 = 0, productID: String, principal: String, purpose: String, clearance: String? = nil, grantedBy: String, grantedAt: Date,
                expiresAt: Date? = nil, requestID: Int64? = nil) {
        self.id = id
        self.productID = productID
        self.principal = principal
        self.purpose = purpose
        self.clearance = clearance
        self.grantedBy = grantedBy
        self.grantedAt = grantedAt
        self.expiresAt = expiresAt
        self.requestID = requestID
    }

    /// Whether the grant is in force at `date`.
    public func isActive(at date: Date) -> Bool { expiresAt.map { date < $0 } ?? true }
}

/// A consumer's request for access, awaiting the owning domain's decision.
public struct AccessRequestRecord: Sendable, Hashable, Codable {
    /// Where a request stands.
    public enum Status: String, Sendable, Hashable, Codable {
        case pending
        case approved
        case denied
    }

    /// Assigned by the store (0 before insertion).
    public var id: Int64
    /// The product id.
    public var productID: String
    /// Who asks.
    public var principal: String
    /// For what purpose.
    public var purpose: String
    /// Why, in the requester's words.
    public var justification: String
    /// Where it stands.
    public var status: Status
    /// When it was made.
    public var requestedAt: Date
    /// Who decided.
    public var decidedBy: String?
    /// When.
    public var decidedAt: Date?
    /// The expiry asked for or granted.
    public var expiresAt: Date?

    /// Creates a request record.
    public init(id: Int64 = 0, productID: String, principal: String, purpose: String, justification: String, status: Status = .pending,
                requestedAt: Date, decidedBy: String? = nil, decidedAt: Date? = nil, expiresAt: Date? = nil) {
        self.id = id
        self.productID = productID
        self.principal = principal
        self.purpose = purpose
        self.justification = justification
        self.status = status
        self.requestedAt = requestedAt
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.expiresAt = expiresAt
    }
}

/// An API token, stored as a hash only.
public struct TokenRecord: Sendable, Hashable, Codable {
    /// The token's hash (hex SHA-256); the token itself is shown once and never stored.
    public var hash: String
    /// The principal it authenticates.
    public var principal: String
    /// When it was created.
    public var createdAt: Date
    /// When it stops working, if ever.
    public var expiresAt: Date?

    /// Creates a token record.
    public init(hash: String, principal: String, createdAt: Date, expiresAt: Date? = nil) {
        self.hash = hash
        self.principal = principal
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
