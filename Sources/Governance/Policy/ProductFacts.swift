import Contracts

/// The facts about a product that custom rules read, as expression values.
///
/// `product` has: `id, domain, name, version, status, tags, team, owners, description,
/// support (count), pii (bool), tables, columns, qualityRules, sla, inputPorts`.
/// Each column: `name, table, type, required, unique, primaryKey, classification, tags, pii,
/// glossaryTerm, purposes, qualityRules (ids)`. `sla` maps each SLA kind to its value in
/// seconds for durations (`latency`, `retention`...) plus `<kind>_days`/`<kind>_hours`.
/// Each quality rule: `id, table, column, type, metric, severity`.
/// At publish time `stats` holds whatever the Quality engine passes.
public enum ProductFacts {
    /// The variables for evaluating rules on `contract` (and optional statistics).
    public static func variables(for contract: DataContract, piiTag: String = "pii",
                                 statistics: [String: ExpressionValue] = [:]) -> [String: ExpressionValue] {
        var columns: [ExpressionValue] = []
        for object in contract.schema {
            for p in object.properties {
                let pii = p.tags.contains { $0.lowercased() == piiTag.lowercased() }
                columns.append(.map([
                    "name": .string(p.name), "table": .string(object.name), "type": .from(p.logicalTypeName),
                    "required": .bool(p.isRequired), "unique": .bool(p.isUnique), "primaryKey": .bool(p.isPrimaryKey),
                    "classification": .from(p.classification), "tags": .strings(p.tags), "pii": .bool(pii),
                    "glossaryTerm": .from(p.glossaryTerm), "purposes": .strings(p.allowedPurposes ?? []),
                    "qualityRules": .strings(p.quality.map(\.label)), "description": .from(p.description),
                ]))
            }
        }
        let rules: [ExpressionValue] = contract.qualityRules.map { scoped in
            .map([
                "id": .from(scoped.rule.id), "table": .string(scoped.object), "column": .from(scoped.property),
                "type": .from(scoped.rule.type?.rawValue), "metric": .from(scoped.rule.metricName ?? scoped.rule.meshworkCheck?.metric.rawValue),
                "severity": .from(scoped.rule.severity?.rawValue),
            ])
        }
        var sla: [String: ExpressionValue] = [:]
        for level in contract.slaProperties {
            guard let kind = level.kind else { continue }
            if let seconds = level.seconds {
                sla[kind.rawValue] = .double(seconds)
                sla["\(kind.rawValue)_hours"] = .double(seconds / 3600)
                sla["\(kind.rawValue)_days"] = .double(seconds / 86_400)
            } else if let text = level.value.scalarText {
                sla[kind.rawValue] = .string(text)
            }
        }
        let anyPII = columns.contains { if case .map(let m) = $0 { return m["pii"] == .bool(true) } else { return false } }
        let product: [String: ExpressionValue] = [
            "id": .from(contract.productID ?? contract.id), "domain": .from(contract.domain), "name": .from(contract.dataProduct),
            "version": .from(contract.version), "status": .from(contract.status), "tags": .strings(contract.tags),
            "team": .from(contract.team?.name), "owners": .strings(contract.team?.owners.map(\.username) ?? []),
            "description": .from(contract.description.purpose), "support": .int(contract.support.count),
            "pii": .bool(anyPII), "tables": .strings(contract.schema.map(\.name)), "columns": .list(columns),
            "qualityRules": .list(rules), "sla": .map(sla), "inputPorts": .strings(contract.inputPorts),
        ]
        return ["product": .map(product), "stats": .map(statistics)]
    }
}
