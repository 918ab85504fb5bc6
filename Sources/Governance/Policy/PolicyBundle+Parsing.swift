import Contracts
import Foundation

extension PolicyBundle {
    /// The `apiVersion` a bundle declares.
    public static let apiVersion = "meshwork/v1"

    /// Reads a bundle from YAML.
    ///
    /// - Throws: ``GovernanceError`` naming the path and line of the first problem.
    public init(yaml: String) throws {
        let root: YAMLNode
        do { root = try YAMLNode.parse(yaml) } catch let e as ContractError {
            throw GovernanceError(.malformedBundle, e.message, line: e.line)
        }
        let r = BundleReader(root: root)
        try r.require(root.entries != nil, .root, "a policy bundle must be a YAML mapping")
        try r.require(root["kind"]?.string == "PolicyBundle", YAMLPath("kind"), "`kind` must be PolicyBundle")
        try r.require(root["apiVersion"]?.string == Self.apiVersion, YAMLPath("apiVersion"), "`apiVersion` must be \(Self.apiVersion)")
        let name = try r.string("name", required: true)!
        let version = try r.string("version", required: true)!
        try r.require(SemanticVersion(version) != nil, YAMLPath("version"), "'\(version)' is not a semantic version")
        let scope: Scope
        switch try r.string("scope") ?? "global" {
        case "global": scope = .global
        case "domain":
            let domain = try r.string("domain")
            try r.require(domain != nil, YAMLPath("domain"), "a domain bundle needs `domain`")
            scope = .domain(domain!)
        case let other: throw r.error(YAMLPath("scope"), "scope '\(other)' must be global or domain")
        }
        self.init(name: name, version: version, scope: scope)
        description = try r.string("description")
        try r.checkKeys(.root, ["apiVersion", "kind", "name", "version", "scope", "domain", "description", "requiredMetadata",
                                "naming", "classification", "requiredChecks", "glossary", "rules", "access"])

        for flag in ["requiredMetadata.owner", "requiredMetadata.description", "requiredMetadata.supportChannel",
                     "classification.piiRequiresPurposes", "classification.requireClassification",
                     "requiredChecks.freshnessSLA", "requiredChecks.primaryKeyNullCheck", "requiredChecks.rowCountCheck"]
        where root[path: YAMLPath(flag)]?.bool == false {
            explicitFalse.insert(flag)
        }
        let meta = YAMLPath("requiredMetadata")
        try r.checkKeys(meta, ["owner", "description", "supportChannel"])
        requiredMetadata = RequiredMetadata(owner: try r.bool(meta.appending("owner")) ?? false,
                                            description: try r.bool(meta.appending("description")) ?? false,
                                            supportChannel: try r.bool(meta.appending("supportChannel")) ?? false)

        let naming = YAMLPath("naming")
        try r.checkKeys(naming, ["product", "table", "column"])
        self.naming = Naming(product: try r.patterns(naming.appending("product")),
                             table: try r.patterns(naming.appending("table")),
                             column: try r.patterns(naming.appending("column")))

        let cls = YAMLPath("classification")
        try r.checkKeys(cls, ["levels", "piiTag", "piiMinimumLevel", "piiRequiresPurposes", "piiMaximumRetentionDays", "requireClassification"])
        classification.levels = try r.strings(cls.appending("levels")) ?? []
        classification.piiTag = try r.string(cls.appending("piiTag")) ?? "pii"
        classification.piiMinimumLevel = try r.string(cls.appending("piiMinimumLevel"))
        classification.piiRequiresPurposes = try r.bool(cls.appending("piiRequiresPurposes")) ?? false
        classification.piiMaximumRetentionDays = try r.number(cls.appending("piiMaximumRetentionDays"))
        classification.requireClassification = try r.bool(cls.appending("requireClassification")) ?? false
        if let level = classification.piiMinimumLevel, !classification.levels.isEmpty {
            try r.require(rank(ofLevel: level) != nil, cls.appending("piiMinimumLevel"), "'\(level)' is not one of the classification levels")
        }

        let checks = YAMLPath("requiredChecks")
        try r.checkKeys(checks, ["freshnessSLA", "maximumLatencyHours", "primaryKeyNullCheck", "rowCountCheck"])
        requiredChecks.freshnessSLA = try r.bool(checks.appending("freshnessSLA")) ?? false
        requiredChecks.maximumLatencyHours = try r.number(checks.appending("maximumLatencyHours"))
        requiredChecks.primaryKeyNullCheck = try r.bool(checks.appending("primaryKeyNullCheck")) ?? false
        requiredChecks.rowCountCheck = try r.bool(checks.appending("rowCountCheck")) ?? false

        for (i, node) in (root["glossary"]?.items ?? []).enumerated() {
            glossary.append(try r.term(node, at: YAMLPath("glossary").appending(i)))
        }
        var termIDs = Set<String>()
        for (i, term) in glossary.enumerated() where !termIDs.insert(term.id).inserted {
            throw r.error(YAMLPath("glossary").appending(i).appending("id"), "glossary term '\(term.id)' is defined twice")
        }
        var ruleIDs = Set<String>()
        for (i, node) in (root["rules"]?.items ?? []).enumerated() {
            let rule = try r.rule(node, at: YAMLPath("rules").appending(i))
            try r.require(ruleIDs.insert(rule.id).inserted, YAMLPath("rules").appending(i).appending("id"), "rule '\(rule.id)' is defined twice")
            rules.append(rule)
        }

        let access = YAMLPath("access")
        try r.checkKeys(access, ["belowClearance", "purposeNotAllowed"])
        if let map = root[path: access.appending("belowClearance")] {
            for entry in map.entries ?? [] {
                let p = access.appending("belowClearance").appending(entry.key)
                guard let action = entry.value.string.flatMap(Access.Action.init(rawValue:)) else {
                    throw r.error(p, "the action must be show, mask or drop")
                }
                self.access.belowClearance[entry.key] = action
            }
        }
        if let text = try r.string(access.appending("purposeNotAllowed")) {
            guard let action = Access.Action(rawValue: text) else { throw r.error(access.appending("purposeNotAllowed"), "the action must be show, mask or drop") }
            self.access.purposeNotAllowed = action
        }
    }
}

/// Typed reads from a bundle document with path/line errors.
struct BundleReader {
    let root: YAMLNode

    func error(_ path: YAMLPath, _ message: String) -> GovernanceError {
        var p = path
        var line: Int?
        while line == nil {
            line = root[path: p]?.line
            if p.isRoot { break }
            p = p.parent
        }
        return GovernanceError(.invalidValue, message, path: path, line: line)
    }

    func require(_ condition: Bool, _ path: YAMLPath, _ message: String) throws {
        if !condition { throw error(path, message) }
    }

    func checkKeys(_ path: YAMLPath, _ allowed: [String]) throws {
        guard let node = root[path: path] else { return }
        guard let entries = node.entries else { throw error(path, "must be a mapping") }
        for entry in entries where !allowed.contains(entry.key) {
            throw error(path.appending(entry.key), "unknown field `\(entry.key)`; expected one of \(allowed.joined(separator: ", "))")
        }
    }

    func string(_ key: String, required: Bool = false) throws -> String? {
        try string(YAMLPath(key), required: required)
    }

    func string(_ path: YAMLPath, required: Bool = false) throws -> String? {
        guard let node = root[path: path] else {
            if required, case .key(let key)? = path.components.last { throw error(path, "missing required field `\(key)`") }
            return nil
        }
        guard let text = node.scalarText, node.scalarKind != .boolean else { throw error(path, "must be a string") }
        return text
    }

    func bool(_ path: YAMLPath) throws -> Bool? {
        guard let node = root[path: path] else { return nil }
        guard let b = node.bool else { throw error(path, "must be true or false") }
        return b
    }

    func number(_ path: YAMLPath) throws -> Double? {
        guard let node = root[path: path] else { return nil }
        guard let n = node.double, n >= 0 else { throw error(path, "must be a non-negative number") }
        return n
    }

    func strings(_ path: YAMLPath) throws -> [String]? {
        guard let node = root[path: path] else { return nil }
        guard let list = node.strings else { throw error(path, "must be a list of strings") }
        return list
    }

    /// A pattern or list of patterns, each a valid regular expression.
    func patterns(_ path: YAMLPath) throws -> [String] {
        guard let node = root[path: path] else { return [] }
        let list = node.string.map { [$0] } ?? node.strings
        guard let list else { throw error(path, "must be a regular expression or a list of them") }
        for pattern in list where (try? NSRegularExpression(pattern: pattern)) == nil {
            throw error(path, "'\(pattern)' is not a valid regular expression")
        }
        return list
    }

    func term(_ node: YAMLNode, at path: YAMLPath) throws -> GlossaryTerm {
        try checkKeys(path, ["id", "name", "definition", "type", "unit", "minimum", "maximum", "allowedValues", "pattern", "owner"])
        guard let id = try string(path.appending("id"), required: true), !id.isEmpty else { throw error(path, "a term needs an `id`") }
        guard let definition = try string(path.appending("definition")), !definition.isEmpty else {
            throw error(path.appending("definition"), "glossary term '\(id)' needs a `definition`")
        }
        var type: LogicalType?
        if let t = try string(path.appending("type")) {
            type = LogicalType(rawValue: t)
            try require(type != nil, path.appending("type"), "'\(t)' is not a logical type")
        }
        let minimum = node["minimum"].flatMap(\.double), maximum = node["maximum"].flatMap(\.double)
        try require(node["minimum"] == nil || minimum != nil, path.appending("minimum"), "must be a number")
        try require(node["maximum"] == nil || maximum != nil, path.appending("maximum"), "must be a number")
        if let minimum, let maximum { try require(minimum <= maximum, path.appending("minimum"), "minimum \(minimum) is above maximum \(maximum)") }
        let pattern = try string(path.appending("pattern"))
        if let pattern { try require((try? NSRegularExpression(pattern: pattern)) != nil, path.appending("pattern"), "'\(pattern)' is not a valid regular expression") }
        var values: [ScalarValue] = []
        if let list = node["allowedValues"] {
            guard let items = list.items else { throw error(path.appending("allowedValues"), "must be a list") }
            values = items.compactMap(ScalarValue.init(node:))
        }
        return GlossaryTerm(id: id, name: try string(path.appending("name")), definition: definition, type: type,
                            unit: try string(path.appending("unit")), minimum: minimum, maximum: maximum,
                            allowedValues: values, pattern: pattern, owner: try string(path.appending("owner")))
    }

    func rule(_ node: YAMLNode, at path: YAMLPath) throws -> PolicyBundle.Rule {
        try checkKeys(path, ["id", "description", "when", "require", "severity", "stage"])
        guard let id = try string(path.appending("id"), required: true) else { throw error(path, "a rule needs an `id`") }
        guard let requireText = try string(path.appending("require")) else { throw error(path.appending("require"), "rule '\(id)' needs `require`: an expression that must hold") }
        func parse(_ text: String, _ key: String) throws -> Expression {
            do { return try Expression(text) } catch let e as GovernanceError {
                throw error(path.appending(key), "rule '\(id)': \(e.message)")
            }
        }
        var severity = QualitySeverity.error
        if let s = try string(path.appending("severity")) {
            guard let parsed = QualitySeverity(rawValue: s) else { throw error(path.appending("severity"), "severity must be error or warning") }
            severity = parsed
        }
        var stage = PolicyBundle.Rule.Stage.registration
        if let s = try string(path.appending("stage")) {
            guard let parsed = PolicyBundle.Rule.Stage(rawValue: s) else { throw error(path.appending("stage"), "stage must be registration or publish") }
            stage = parsed
        }
        return PolicyBundle.Rule(id: id, description: try string(path.appending("description")) ?? id,
                                 when: try string(path.appending("when")).map { try parse($0, "when") },
                                 require: try parse(requireText, "require"), severity: severity, stage: stage)
    }
}
