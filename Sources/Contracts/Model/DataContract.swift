/// An ODCS v3 data contract: a typed view over the YAML document that keeps every field it
/// does not interpret, so ``yaml()`` writes back what was read with only the edits applied.
///
/// Parsing is lenient (wrong shapes read as nil/empty); ``ContractLinter`` lists every problem.
public struct DataContract: Sendable, Hashable {
    /// The `description` block.
    public struct Description: Sendable, Hashable {
        /// `purpose`.
        public var purpose: String?
        /// `limitations`.
        public var limitations: String?
        /// `usage`.
        public var usage: String?

        /// Creates a description.
        public init(purpose: String? = nil, limitations: String? = nil, usage: String? = nil) {
            self.purpose = purpose
            self.limitations = limitations
            self.usage = usage
        }

        /// True when every part is empty.
        public var isEmpty: Bool { [purpose, limitations, usage].allSatisfy { ($0 ?? "").isEmpty } }
    }

    /// The ODCS versions Meshwork reads (`apiVersion`).
    public static let supportedAPIVersions = ["v3.1.0", "v3.0.2", "v3.0.1", "v3.0.0"]
    /// The version Meshwork writes for new contracts.
    public static let currentAPIVersion = "v3.1.0"
    /// The custom property naming upstream products (`DOMAIN.PRODUCT` list).
    public static let inputPortsKey = "inputPorts"

    /// `apiVersion` (v3.1.0, v3.0.x).
    public var apiVersion: String?
    /// `kind` (must be `DataContract`).
    public var kind: String?
    /// `id`: the contract's identifier.
    public var id: String?
    /// `name`.
    public var name: String?
    /// `version` (semantic version).
    public var version: String?
    /// `status` (proposed, draft, active, deprecated, retired).
    public var status: String?
    /// `domain`.
    public var domain: String?
    /// `dataProduct`.
    public var dataProduct: String?
    /// `tenant`.
    public var tenant: String?
    /// `description`.
    public var description: Description
    /// `tags`.
    public var tags: [String]
    /// `schema`: the output tables.
    public var schema: [SchemaObject]
    /// `slaProperties`.
    public var slaProperties: [ServiceLevel]
    /// `team`.
    public var team: Team?
    /// `roles`.
    public var roles: [Role]
    /// `support`.
    public var support: [SupportChannel]
    /// `servers`.
    public var servers: [Server]
    /// `authoritativeDefinitions` of the whole contract.
    public var authoritativeDefinitions: [AuthoritativeDefinition]
    /// `customProperties` of the whole contract.
    public var customProperties: [CustomProperty]
    /// The document as it was read: unknown fields live here and are written back.
    public var document: YAMLNode

    /// Reads a contract from YAML text.
    ///
    /// - Throws: ``ContractError`` when the text is not YAML or its root is not a mapping.
    public init(yaml: String) throws {
        let root = try YAMLNode.parse(yaml)
        guard root.entries != nil else {
            throw ContractError(.notAContract, "a data contract must be a YAML mapping, not \(root.shapeName)", line: root.line)
        }
        self.init(document: root)
    }

    /// Reads a contract from a parsed document (lenient).
    public init(document root: YAMLNode) {
        document = root
        apiVersion = root["apiVersion"]?.string
        kind = root["kind"]?.string
        id = root["id"]?.scalarText
        name = root["name"]?.string
        version = root["version"]?.scalarText
        status = root["status"]?.string
        domain = root["domain"]?.string
        dataProduct = root["dataProduct"]?.string
        tenant = root["tenant"]?.string
        let d = root["description"]
        description = Description(purpose: d?["purpose"]?.string ?? d?.string, limitations: d?["limitations"]?.string, usage: d?["usage"]?.string)
        tags = root["tags"]?.strings ?? []
        schema = root["schema"]?.items?.map(SchemaObject.init(node:)) ?? []
        slaProperties = root["slaProperties"]?.items?.map(ServiceLevel.init(node:)) ?? []
        team = root["team"].map(Team.init(node:))
        roles = root["roles"]?.items?.map(Role.init(node:)) ?? []
        support = root["support"]?.items?.map(SupportChannel.init(node:)) ?? []
        servers = root["servers"]?.items?.map(Server.init(node:)) ?? []
        authoritativeDefinitions = .read(root["authoritativeDefinitions"])
        customProperties = .read(root["customProperties"])
    }

    /// A new, minimal contract (for building in code).
    public init(id: String, domain: String, dataProduct: String, version: String, schema: [SchemaObject]) {
        self.init(document: YAMLNode(.mapping([])))
        apiVersion = Self.currentAPIVersion
        kind = "DataContract"
        self.id = id
        self.domain = domain
        self.dataProduct = dataProduct
        self.version = version
        status = "draft"
        self.schema = schema
    }

    /// The product id `DOMAIN.PRODUCT`, when both are given.
    public var productID: String? {
        guard let domain, !domain.isEmpty, let dataProduct, !dataProduct.isEmpty else { return nil }
        return "\(domain).\(dataProduct)"
    }

    /// The parsed `version`, when it is a semantic version.
    public var semanticVersion: SemanticVersion? { version.flatMap(SemanticVersion.init) }

    /// The lifecycle status, when `status` is one Meshwork knows.
    public var lifecycle: LifecycleStatus? { status.flatMap(LifecycleStatus.init(name:)) }

    /// The output table named `name`.
    public func object(named name: String) -> SchemaObject? { schema.first { $0.name == name } }

    /// The upstream products (`customProperties[inputPorts]`).
    public var inputPorts: [String] {
        guard let value = customProperties[property: Self.inputPortsKey] else { return [] }
        return value.strings ?? value.string.map { [$0] } ?? []
    }

    /// Every quality rule with where it sits, object-level rules first within each object.
    public var qualityRules: [ScopedQualityRule] {
        var out: [ScopedQualityRule] = []
        for (i, object) in schema.enumerated() {
            let objectPath = YAMLPath.root.appending("schema").appending(i)
            for (k, rule) in object.quality.enumerated() {
                out.append(ScopedQualityRule(object: object.name, property: nil, rule: rule,
                                             path: objectPath.appending("quality").appending(k)))
            }
            for (j, property) in object.properties.enumerated() {
                for (k, rule) in property.quality.enumerated() {
                    out.append(ScopedQualityRule(object: object.name, property: property.name, rule: rule,
                                                 path: objectPath.appending("properties").appending(j).appending("quality").appending(k)))
                }
            }
        }
        return out
    }

    /// The contract as a YAML node: the original document with the typed fields written over it.
    public func node() -> YAMLNode {
        var node = document
        node.set("apiVersion", string: apiVersion)
        node.set("kind", string: kind)
        node.set("id", keepingScalar: id)
        node.set("name", string: name)
        node.set("version", keepingScalar: version)
        node.set("status", string: status)
        node.set("domain", string: domain)
        node.set("dataProduct", string: dataProduct)
        node.set("tenant", string: tenant)
        if document["description"]?.string != nil, description.limitations == nil, description.usage == nil {
            node.set("description", string: description.purpose)
        } else {
            var d = document["description"] ?? YAMLNode(.mapping([]))
            d.set("purpose", string: description.purpose)
            d.set("limitations", string: description.limitations)
            d.set("usage", string: description.usage)
            node.set("description", (d.entries?.isEmpty ?? true) && document["description"] == nil ? nil : d)
        }
        if !tags.isEmpty || document["tags"] != nil { node.set("tags", strings: tags) }
        node.set("servers", list: servers.map { $0.node() })
        node.set("schema", list: schema.map { $0.node() })
        node.set("slaProperties", list: slaProperties.map { $0.node() })
        node.set("team", team?.node())
        node.set("roles", list: roles.map { $0.node() })
        node.set("support", list: support.map { $0.node() })
        node.set("authoritativeDefinitions", list: authoritativeDefinitions.map { $0.node() })
        node.set("customProperties", list: customProperties.map { $0.node() })
        return node
    }

    /// The contract as YAML text.
    public func yaml() throws -> String { try node().yaml() }
}

/// A quality rule with the table and column it applies to.
public struct ScopedQualityRule: Sendable, Hashable {
    /// The `schema[]` object name.
    public var object: String
    /// The property name, nil for an object-level rule.
    public var property: String?
    /// The rule.
    public var rule: QualityRule
    /// Where the rule sits in the document (`schema[0].properties[1].quality[0]`).
    public var path: YAMLPath

    /// Creates a scoped rule.
    public init(object: String, property: String?, rule: QualityRule, path: YAMLPath) {
        self.object = object
        self.property = property
        self.rule = rule
        self.path = path
    }
}

extension YAMLNode {
    /// Sets a scalar that may have been written as a number (`version: 1.0` stays as written when unchanged).
    mutating func set(_ key: String, keepingScalar value: String?) {
        if let existing = self[key], existing.scalarText == value, value != nil { return }
        set(key, string: value)
    }
}
