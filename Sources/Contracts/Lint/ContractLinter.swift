import Foundation

/// Checks a contract against the ODCS v3 JSON schema's rules and Meshwork's own, listing every
/// problem with its YAML path and line.
///
/// ODCS rules (`odcs.*`): required fields, field types, unknown fields (ODCS forbids them;
/// extensions go in `customProperties`), enums (`apiVersion`, `kind`, `logicalType`,
/// `dimension`, server `type`), quality rule shapes. Mesh rules (`mesh.*`, `quality.*`,
/// `sla.*`, `glossary.*`): a product needs `domain`, `dataProduct`, a semantic `version` and at
/// least one table with columns; names are unique; quality rules are evaluable; SLAs have units.
public struct ContractLinter: Sendable {
    /// Creates a linter.
    public init() {}

    /// Lints YAML text; a parse failure is reported as a single problem.
    public func lint(yaml: String) -> [LintProblem] {
        do {
            let root = try YAMLNode.parse(yaml)
            return lint(document: root)
        } catch let error as ContractError {
            return [LintProblem(.error, rule: "yaml.syntax", path: .root, line: error.line, message: error.message)]
        } catch {
            return [LintProblem(.error, rule: "yaml.syntax", path: .root, line: nil, message: "\(error)")]
        }
    }

    /// Lints a contract (its current node tree, so in-memory edits are checked too).
    public func lint(_ contract: DataContract) -> [LintProblem] { lint(document: contract.node()) }

    /// Lints a parsed document.
    public func lint(document root: YAMLNode) -> [LintProblem] {
        var report = LintReport(root: root)
        guard report.checkObject(root, at: .root, what: "a data contract", fields: Self.topLevelFields,
                                 required: ["apiVersion", "kind", "id", "version", "status"]) else {
            return report.problems
        }
        lintFundamentals(root, &report)
        lintSchema(root, &report)
        lintServiceLevels(root, &report)
        lintTeamAndSupport(root, &report)
        return report.problems.sorted()
    }

    static let topLevelFields: [String: LintReport.Shape] = [
        "version": .string, "kind": .string, "apiVersion": .string, "id": .string, "name": .string,
        "tenant": .string, "tags": .stringList, "status": .string, "servers": .list, "dataProduct": .string,
        "description": .mapping, "domain": .string, "schema": .list, "support": .list, "price": .mapping,
        "team": .any, "roles": .list, "slaDefaultElement": .string, "slaProperties": .list,
        "authoritativeDefinitions": .list, "customProperties": .list, "contractCreatedTs": .string,
    ]

    private func lintFundamentals(_ root: YAMLNode, _ r: inout LintReport) {
        r.checkEnum(root["apiVersion"], at: YAMLPath("apiVersion"), allowed: DataContract.supportedAPIVersions,
                    what: "apiVersion for Meshwork (ODCS v3)")
        r.checkEnum(root["kind"], at: YAMLPath("kind"), allowed: ["DataContract"], what: "kind")
        if let status = root["status"]?.string, LifecycleStatus(name: status) == nil {
            r.error("mesh.status", YAMLPath("status"),
                    "'\(status)' is not a lifecycle status; use one of: \(LifecycleStatus.acceptedNames.joined(separator: ", "))")
        }
        if let id = root["id"]?.string, id.trimmingCharacters(in: .whitespaces).isEmpty {
            r.error("odcs.required", YAMLPath("id"), "`id` must not be empty")
        }
        if let v = root["version"]?.string, SemanticVersion(v) == nil {
            r.error("mesh.version", YAMLPath("version"), "'\(v)' is not a semantic version (MAJOR.MINOR.PATCH)")
        }
        for key in ["domain", "dataProduct"] {
            if root[key] == nil {
                r.error("mesh.required", YAMLPath(key), "a data product contract needs `\(key)` (the product id is DOMAIN.PRODUCT)")
            } else if let s = root[key]?.string, s.trimmingCharacters(in: .whitespaces).isEmpty {
                r.error("mesh.required", YAMLPath(key), "`\(key)` must not be empty")
            }
        }
        if root["slaDefaultElement"] != nil {
            r.warning("odcs.deprecated", YAMLPath("slaDefaultElement"), "`slaDefaultElement` is deprecated since ODCS v3.1.0; set `element` on each SLA property")
        }
        if let d = root["description"], d.entries != nil {
            r.checkObject(d, at: YAMLPath("description"), what: "the contract description",
                          fields: ["usage": .string, "purpose": .string, "limitations": .string,
                                   "authoritativeDefinitions": .list, "customProperties": .list])
            lintAuthoritativeDefinitions(d["authoritativeDefinitions"], at: YAMLPath("description.authoritativeDefinitions"), &r, allowGlossary: false)
            lintCustomProperties(d["customProperties"], at: YAMLPath("description.customProperties"), &r)
        }
        lintAuthoritativeDefinitions(root["authoritativeDefinitions"], at: YAMLPath("authoritativeDefinitions"), &r, allowGlossary: false)
        lintCustomProperties(root["customProperties"], at: YAMLPath("customProperties"), &r)
        if let ports = root["customProperties"]?.items?.first(where: { $0["property"]?.string == DataContract.inputPortsKey }) {
            let index = root["customProperties"]!.items!.firstIndex(of: ports)!
            let path = YAMLPath("customProperties").appending(index).appending("value")
            if let ids = ports["value"]?.strings {
                for (i, id) in ids.enumerated() where !Self.isProductID(id) {
                    r.error("mesh.inputPort", path.appending(i), "input port '\(id)' is not a product id DOMAIN.PRODUCT")
                }
            } else {
                r.error("mesh.inputPort", path, "`inputPorts` must be a list of product ids (DOMAIN.PRODUCT)")
            }
        }
        if let price = root["price"] {
            r.checkObject(price, at: YAMLPath("price"), what: "price",
                          fields: ["id": .string, "priceAmount": .number, "priceCurrency": .string, "priceUnit": .string])
        }
    }

    static func isProductID(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && !$0.contains(" ") }
    }

    func lintAuthoritativeDefinitions(_ node: YAMLNode?, at path: YAMLPath, _ r: inout LintReport, allowGlossary: Bool) {
        r.forEachItem(of: node, at: path) { r, item, p in
            guard r.checkObject(item, at: p, what: "an authoritative definition",
                                fields: ["id": .string, "url": .string, "type": .string, "description": .string],
                                required: ["url", "type"]) else { return }
            guard let url = item["url"]?.string, url.hasPrefix(AuthoritativeDefinition.glossaryScheme) else { return }
            let term = url.dropFirst(AuthoritativeDefinition.glossaryScheme.count).trimmingCharacters(in: .whitespaces)
            if !allowGlossary {
                r.error("glossary.binding", p.appending("url"), "glossary terms bind to columns only; move this link to a property")
            } else if term.isEmpty {
                r.error("glossary.binding", p.appending("url"), "a glossary binding must name a term: glossary:<term-id>")
            } else if term.range(of: "^[A-Za-z0-9_.-]+$", options: .regularExpression) == nil {
                r.error("glossary.binding", p.appending("url"), "glossary term id '\(term)' may hold only letters, digits, '_', '-' and '.'")
            }
            if let type = item["type"]?.string, type != AuthoritativeDefinition.glossaryTermType {
                if type == "businessDefinition" {
                    r.warning("glossary.binding", p.appending("type"),
                              "use type `glossaryTerm` for glossary bindings: tools such as datacontract-cli try to download `businessDefinition` links")
                } else {
                    r.error("glossary.binding", p.appending("type"), "a glossary binding must have type `glossaryTerm` (or `businessDefinition`), not '\(type)'")
                }
            }
        }
    }

    func lintCustomProperties(_ node: YAMLNode?, at path: YAMLPath, _ r: inout LintReport) {
        var names = Set<String>()
        r.forEachItem(of: node, at: path) { r, item, p in
            guard r.checkObject(item, at: p, what: "a custom property",
                                fields: ["id": .string, "property": .string, "value": .any, "description": .string],
                                required: ["property"]) else { return }
            if r.legacy, item["description"] != nil { r.newerField("description", at: p.appending("description")) }
            if item["value"] == nil { r.error("odcs.required", p.appending("value"), "a custom property is missing required field `value`") }
            if let name = item["property"]?.string, !names.insert(name).inserted {
                r.error("mesh.uniqueName", p.appending("property"), "custom property '\(name)' is defined twice")
            }
        }
    }
}
