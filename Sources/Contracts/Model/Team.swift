/// The `team` block: who owns the contract. ODCS 3.1 writes an object with `members`;
/// the 3.0 list-of-members form is read too and written back in the form it came in.
public struct Team: Sendable, Hashable {
    /// One `members` entry.
    public struct Member: Sendable, Hashable {
        /// `username` (required by ODCS).
        public var username: String
        /// `name`.
        public var name: String?
        /// `role` (owner, data steward...).
        public var role: String?
        /// The entry as it was read.
        public var source: YAMLNode

        /// Creates a member.
        public init(username: String, name: String? = nil, role: String? = nil) {
            self.username = username
            self.name = name
            self.role = role
            source = YAMLNode(.mapping([]))
        }

        /// Reads an entry (lenient).
        public init(node: YAMLNode) {
            source = node
            username = node["username"]?.string ?? ""
            name = node["name"]?.string
            role = node["role"]?.string
        }

        /// The entry as YAML.
        public func node() -> YAMLNode {
            var node = source
            node.set("username", requiredString: username)
            node.set("name", string: name)
            node.set("role", string: role)
            return node
        }
    }

    /// `name`: the owning team.
    public var name: String?
    /// `description`.
    public var description: String?
    /// `members`.
    public var members: [Member]
    /// The block as it was read.
    public var source: YAMLNode

    /// Creates a team.
    public init(name: String?, description: String? = nil, members: [Member] = []) {
        self.name = name
        self.description = description
        self.members = members
        source = YAMLNode(.mapping([]))
    }

    /// Reads a `team` value (object or deprecated list).
    public init(node: YAMLNode) {
        source = node
        if let items = node.items {
            name = nil
            description = nil
            members = items.map(Member.init(node:))
        } else {
            name = node["name"]?.string
            description = node["description"]?.string
            members = node["members"]?.items?.map(Member.init(node:)) ?? []
        }
    }

    /// Members whose role names them an owner (`owner`, `dataOwner`, `productOwner`...).
    public var owners: [Member] { members.filter { $0.role?.lowercased().contains("owner") == true } }

    /// The block as YAML, in the form it was read.
    public func node() -> YAMLNode {
        if source.items != nil { return .sequence(members.map { $0.node() }) }
        var node = source
        node.set("name", string: name)
        node.set("description", string: description)
        node.set("members", list: members.map { $0.node() })
        return node
    }
}

/// A `roles` entry: an access role consumers can request.
public struct Role: Sendable, Hashable {
    /// `role`: the IAM role name.
    public var role: String
    /// `access` (read, write).
    public var access: String?
    /// `description`.
    public var description: String?
    /// `firstLevelApprovers`.
    public var firstLevelApprovers: String?
    /// `secondLevelApprovers`.
    public var secondLevelApprovers: String?
    /// The entry as it was read.
    public var source: YAMLNode

    /// Reads an entry (lenient).
    public init(node: YAMLNode) {
        source = node
        role = node["role"]?.string ?? ""
        access = node["access"]?.string
        description = node["description"]?.string
        firstLevelApprovers = node["firstLevelApprovers"]?.string
        secondLevelApprovers = node["secondLevelApprovers"]?.string
    }

    /// The entry as YAML.
    public func node() -> YAMLNode {
        var node = source
        node.set("role", requiredString: role)
        node.set("access", string: access)
        node.set("description", string: description)
        node.set("firstLevelApprovers", string: firstLevelApprovers)
        node.set("secondLevelApprovers", string: secondLevelApprovers)
        return node
    }
}

/// A `support` entry: where consumers get help.
public struct SupportChannel: Sendable, Hashable {
    /// `channel` (required by ODCS).
    public var channel: String
    /// `url`.
    public var url: String?
    /// `tool` (slack, email, teams...).
    public var tool: String?
    /// `scope` (interactive, announcements, issues...).
    public var scope: String?
    /// The entry as it was read.
    public var source: YAMLNode

    /// Reads an entry (lenient).
    public init(node: YAMLNode) {
        source = node
        channel = node["channel"]?.string ?? ""
        url = node["url"]?.string
        tool = node["tool"]?.string
        scope = node["scope"]?.string
    }

    /// The entry as YAML.
    public func node() -> YAMLNode {
        var node = source
        node.set("channel", requiredString: channel)
        node.set("url", string: url)
        node.set("tool", string: tool)
        node.set("scope", string: scope)
        return node
    }
}

/// A `servers` entry: where the data is served. Type-specific keys (host, location...) stay in
/// ``source``.
public struct Server: Sendable, Hashable {
    /// `server`: its identifier.
    public var server: String
    /// `type` (s3, postgres, local, custom...).
    public var type: String
    /// `environment` (prod, dev...).
    public var environment: String?
    /// `description`.
    public var description: String?
    /// The entry as it was read.
    public var source: YAMLNode

    /// Reads an entry (lenient).
    public init(node: YAMLNode) {
        source = node
        server = node["server"]?.string ?? ""
        type = node["type"]?.string ?? ""
        environment = node["environment"]?.string
        description = node["description"]?.string
    }

    /// The entry as YAML.
    public func node() -> YAMLNode {
        var node = source
        node.set("server", requiredString: server)
        node.set("type", requiredString: type)
        node.set("environment", string: environment)
        node.set("description", string: description)
        return node
    }
}
