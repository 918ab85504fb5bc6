import Foundation

/// One entry of the audit log: every publish, read and governance decision.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// Assigned by the store in insertion order (0 before insertion).
    public var id: Int64
    /// When.
    public var time: Date
    /// Who acted.
    public var principal: String
    /// What they did: `publish`, `read`, `register`, `grant`, `policy.apply`...
    public var action: String
    /// What they acted on (a product id, `policy:global`...).
    public var target: String
    /// The purpose declared, for reads.
    public var purpose: String?
    /// Whether it was allowed / succeeded.
    public var allowed: Bool
    /// Structured detail (JSON object text): decisions, columns masked, version...
    public var detail: String

    /// Creates an audit entry.
    public init(id: Int64 = 0, time: Date, principal: String, action: String, target: String, purpose: String? = nil, allowed: Bool, detail: String = "{}") {
        self.id = id
        self.time = time
        self.principal = principal
        self.action = action
        self.target = target
        self.purpose = purpose
        self.allowed = allowed
        self.detail = detail
    }
}

/// A policy bundle applied to the mesh (the global bundle or a domain's tightening).
public struct PolicyRecord: Sendable, Hashable, Codable {
    /// `global` or the domain's name.
    public var scope: String
    /// The bundle's version.
    public var version: String
    /// The bundle's YAML text.
    public var yaml: String
    /// When it was applied.
    public var appliedAt: Date
    /// Who applied it.
    public var appliedBy: String

    /// Creates a policy record.
    public init(scope: String, version: String, yaml: String, appliedAt: Date, appliedBy: String) {
        self.scope = scope
        self.version = version
        self.yaml = yaml
        self.appliedAt = appliedAt
        self.appliedBy = appliedBy
    }
}

/// Which audit entries to read: every filter given must match.
public struct AuditQuery: Sendable, Hashable {
    /// Only this principal's entries.
    public var principal: String?
    /// Only entries about this target (a product id, `policy:global`, `principal:NAME`…).
    public var target: String?
    /// Only this action (`catalog.load`), or, ending in `.`, every action it starts
    /// (`access.` for `access.request`, `access.approve` and `access.deny`).
    public var action: String?
    /// Only entries recorded at or after this time.
    public var since: Date?
    /// At most this many of the newest matching entries (all when nil).
    public var limit: Int?

    /// Creates a query; with no filter it reads every entry.
    public init(principal: String? = nil, target: String? = nil, action: String? = nil, since: Date? = nil, limit: Int? = nil) {
        self.principal = principal
        self.target = target
        self.action = action
        self.since = since
        self.limit = limit
    }

    /// True when `entry` passes every filter (the limit aside).
    public func matches(_ entry: AuditEntry) -> Bool {
        if let principal, entry.principal != principal { return false }
        if let target, entry.target != target { return false }
        if let action {
            if action.hasSuffix(".") ? !entry.action.hasPrefix(action) : entry.action != action { return false }
        }
        if let since, entry.time < since { return false }
        return true
    }
}
