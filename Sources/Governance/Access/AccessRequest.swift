import Contracts

/// Permission for a principal to read products for some purposes, up to a clearance level.
public struct AccessGrant: Sendable, Hashable, Codable {
    /// The principal (user, service or group name) the grant is for.
    public var principal: String
    /// Products covered: `*`, `DOMAIN.*` or `DOMAIN.PRODUCT`.
    public var products: [String]
    /// Purposes the grant allows; empty means any purpose.
    public var purposes: [String]
    /// The most sensitive classification level the principal may see in clear.
    public var clearance: String

    /// Creates a grant.
    public init(principal: String, products: [String], purposes: [String] = [], clearance: String) {
        self.principal = principal
        self.products = products
        self.purposes = purposes
        self.clearance = clearance
    }

    /// True when the grant covers the product id.
    public func covers(product id: String) -> Bool {
        products.contains { pattern in
            if pattern == "*" || pattern == id { return true }
            if pattern.hasSuffix(".*") { return id.hasPrefix(String(pattern.dropLast(1))) }
            return false
        }
    }
}

/// A read (or materialisation) request to decide.
public struct AccessRequest: Sendable, Hashable, Codable {
    /// Who reads.
    public var principal: String
    /// Why (`fraud-detection`, `personalisation`...).
    public var purpose: String
    /// The grants the principal holds.
    public var grants: [AccessGrant]

    /// Creates a request.
    public init(principal: String, purpose: String, grants: [AccessGrant]) {
        self.principal = principal
        self.purpose = purpose
        self.grants = grants
    }
}

/// What a reader gets of one column.
public struct ColumnAccess: Sendable, Hashable, Codable {
    /// The table.
    public var object: String
    /// The column.
    public var column: String
    /// Show, mask or drop.
    public var action: PolicyBundle.Access.Action
    /// The rule that decided.
    public var ruleID: String
    /// Why.
    public var reason: String
}

/// The decision on an access request: allowed or not, and per column what is shown.
public struct AccessDecision: Sendable, Hashable, Codable {
    /// The product id.
    public var product: String
    /// The principal.
    public var principal: String
    /// The purpose.
    public var purpose: String
    /// True when the read may proceed (with the column actions applied).
    public var allowed: Bool
    /// The explained decisions that led here.
    public var decisions: [PolicyDecision]
    /// Per column: show, mask or drop.
    public var columns: [ColumnAccess]
}
