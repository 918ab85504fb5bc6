import Contracts
import Foundation

extension PolicyBundle {
    /// Evaluates the bundle on a contract at registration (statically, on its metadata): every
    /// rule gives at least one decision, passes included, so the outcome is explainable.
    public func evaluate(_ contract: DataContract) -> [PolicyDecision] {
        var e = Evaluation(bundle: self, contract: contract)
        e.metadata()
        e.naming()
        e.classification()
        e.requiredChecks()
        e.glossaryBindings()
        e.customRules(stage: .registration, statistics: [:])
        return e.decisions
    }

    /// Evaluates the `stage: publish` custom rules on the statistics of a version being
    /// published. `statistics` becomes the `stats` variable; the Quality engine decides its
    /// shape (docs/governance.md lists the recommended one).
    public func evaluatePublication(_ contract: DataContract, statistics: [String: ExpressionValue]) -> [PolicyDecision] {
        var e = Evaluation(bundle: self, contract: contract)
        e.customRules(stage: .publish, statistics: statistics)
        return e.decisions
    }
}

/// One run of a bundle over one contract.
struct Evaluation {
    let bundle: PolicyBundle
    let contract: DataContract
    var decisions: [PolicyDecision] = []

    var product: String { contract.productID ?? contract.id ?? "(unnamed)" }

    mutating func record(_ rule: String, _ outcome: PolicyDecision.Outcome, object: String? = nil, column: String? = nil,
                         value: String? = nil, severity: QualitySeverity = .error, _ reason: String) {
        decisions.append(PolicyDecision(ruleID: rule, bundle: bundle.reference, product: product, object: object, column: column,
                                        value: value, outcome: outcome, severity: severity, reason: reason))
    }

    var columns: [(object: String, property: SchemaProperty)] {
        contract.schema.flatMap { o in o.properties.map { (o.name, $0) } }
    }

    func isPII(_ p: SchemaProperty) -> Bool { p.tags.contains { $0.lowercased() == bundle.classification.piiTag.lowercased() } }

    mutating func metadata() {
        let m = bundle.requiredMetadata
        if m.owner {
            let team = contract.team?.name, owners = contract.team?.owners.map(\.username) ?? []
            // ODCS v3.0 writes the team as a bare member list, which has no name.
            let legacyList = contract.team?.source.items != nil
            if (legacyList || !(team ?? "").isEmpty), !owners.isEmpty {
                record("metadata.owner", .pass, value: "\(team ?? "team"): \(owners.joined(separator: ", "))", "owned by \(owners.joined(separator: ", "))")
            } else {
                record("metadata.owner", .fail, value: team, "a product needs `team.name` and a member with role owner")
            }
        }
        if m.description {
            let d = contract.description.purpose ?? ""
            record("metadata.description", d.isEmpty ? .fail : .pass, value: d.isEmpty ? nil : String(d.prefix(60)),
                   d.isEmpty ? "a product needs `description.purpose`" : "describes its purpose")
        }
        if m.supportChannel {
            let channels = contract.support.map(\.channel)
            record("metadata.support", channels.isEmpty ? .fail : .pass, value: channels.joined(separator: ", "),
                   channels.isEmpty ? "a product needs at least one `support` channel" : "has a support channel")
        }
    }

    mutating func naming() {
        func check(_ rule: String, _ patterns: [String], _ items: [(String?, String?, String)], what: String) {
            guard !patterns.isEmpty else { return }
            var failed = false
            for (object, column, name) in items {
                for pattern in patterns where !Self.matches(name, pattern) {
                    record(rule, .fail, object: object, column: column, value: name, "\(what) '\(name)' does not match \(pattern)")
                    failed = true
                }
            }
            if !failed { record(rule, .pass, value: "\(items.count) name(s)", "every \(what) name matches \(patterns.joined(separator: " and "))") }
        }
        let n = bundle.naming
        check("naming.product", n.product, [contract.domain, contract.dataProduct].compactMap { $0 }.map { (nil, nil, $0) }, what: "domain/product")
        check("naming.table", n.table, contract.schema.map { ($0.name, nil, $0.name) }, what: "table")
        check("naming.column", n.column, columns.map { ($0.object, $0.property.name, $0.property.name) }, what: "column")
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return false }
        return re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    mutating func classification() {
        let c = bundle.classification
        for (object, p) in columns {
            if let level = p.classification {
                if !c.levels.isEmpty, bundle.rank(ofLevel: level) == nil {
                    record("classification.levels", .fail, object: object, column: p.name, value: level,
                           "'\(level)' is not a classification level; use one of \(c.levels.joined(separator: ", "))")
                }
            } else if c.requireClassification {
                record("classification.required", .fail, object: object, column: p.name, "every column needs a classification")
            }
            guard isPII(p) else { continue }
            if let minimum = c.piiMinimumLevel, let minRank = bundle.rank(ofLevel: minimum) {
                let rank = p.classification.flatMap { bundle.rank(ofLevel: $0) }
                if let rank, rank >= minRank {
                    record("classification.pii-level", .pass, object: object, column: p.name, value: p.classification, "PII column classified \(p.classification!) (at least \(minimum))")
                } else {
                    record("classification.pii-level", .fail, object: object, column: p.name, value: p.classification ?? "none",
                           "a column tagged \(c.piiTag) must be classified \(minimum) or higher")
                }
            }
            if c.piiRequiresPurposes {
                let purposes = p.allowedPurposes ?? []
                record("classification.pii-purposes", purposes.isEmpty ? .fail : .pass, object: object, column: p.name,
                       value: purposes.isEmpty ? "none" : purposes.joined(separator: ", "),
                       purposes.isEmpty ? "a column tagged \(c.piiTag) must list its allowed purposes (customProperties: allowedPurposes)"
                                        : "allowed purposes declared")
            }
        }
        if let maxDays = c.piiMaximumRetentionDays, columns.contains(where: { isPII($0.property) }) {
            let retention = contract.slaProperties.first(.retention)?.seconds.map { $0 / 86_400 }
            switch retention {
            case nil:
                record("classification.pii-retention", .fail, value: "none", "a product with personal data must declare a retention SLA of at most \(Self.format(maxDays)) days")
            case let days? where days > maxDays:
                record("classification.pii-retention", .fail, value: "\(Self.format(days)) days", "retention \(Self.format(days)) days exceeds the \(Self.format(maxDays))-day limit for personal data")
            case let days?:
                record("classification.pii-retention", .pass, value: "\(Self.format(days)) days", "retention within \(Self.format(maxDays)) days")
            }
        }
    }

    static func format(_ d: Double) -> String { d.rounded() == d ? String(Int(d)) : String(format: "%.2f", d) }

    mutating func requiredChecks() {
        let r = bundle.requiredChecks
        let latency = contract.slaProperties.first(.latency)
        if r.freshnessSLA {
            record("checks.freshness-sla", latency == nil ? .fail : .pass, value: latency.map { "\($0.value.scalarText ?? "") \($0.unitName ?? "d")" },
                   latency == nil ? "a product must declare a freshness (latency) SLA" : "declares a freshness SLA")
        }
        if let maxHours = r.maximumLatencyHours, let latency {
            let hours = (latency.seconds ?? .infinity) / 3600
            record("checks.max-latency", hours <= maxHours ? .pass : .fail, value: "\(Self.format(hours)) h",
                   hours <= maxHours ? "freshness within \(Self.format(maxHours)) h" : "freshness SLA \(Self.format(hours)) h is longer than the \(Self.format(maxHours)) h limit")
        }
        if r.primaryKeyNullCheck {
            for object in contract.schema {
                for p in object.primaryKey {
                    let ok = p.quality.contains { rule in
                        rule.metric == .nullValues && rule.severity == .error && (rule.condition?.isAtLeastAsStrict(as: .mustBe(0)) ?? false)
                    }
                    record("checks.primary-key-null", ok ? .pass : .fail, object: object.name, column: p.name,
                           ok ? "primary key has a blocking null check" : "primary key column needs a nullValues rule with mustBe: 0 (severity error)")
                }
            }
        }
        if r.rowCountCheck {
            for object in contract.schema {
                let ok = object.quality.contains { $0.metric == .rowCount }
                record("checks.row-count", ok ? .pass : .fail, object: object.name, ok ? "table has a rowCount rule" : "table needs a rowCount rule")
            }
        }
    }

    mutating func glossaryBindings() {
        for (object, p) in columns {
            guard let termID = p.glossaryTerm else { continue }
            let rule = "glossary.\(termID)"
            guard let term = bundle.term(termID) else {
                record("glossary.unknown-term", .fail, object: object, column: p.name, value: termID,
                       "column is bound to '\(termID)', which the glossary does not define")
                continue
            }
            var problems: [String] = []
            if let type = term.type, let actual = p.logicalType {
                let compatible = actual == type || (type == .number && actual == .integer) || (type == .timestamp && actual == .date)
                if !compatible { problems.append("type \(actual.rawValue) does not fit the term's type \(type.rawValue)") }
            }
            if let min = term.minimum, let declared = p.option("minimum"), declared < min {
                problems.append("declares minimum \(Self.format(declared)) below the term's \(Self.format(min))")
            }
            if let max = term.maximum, let declared = p.option("maximum"), declared > max {
                problems.append("declares maximum \(Self.format(declared)) above the term's \(Self.format(max))")
            }
            if !term.allowedValues.isEmpty {
                let allowed = Set(term.allowedValues.compactMap(\.text))
                for rule in p.quality where rule.metric == .invalidValues {
                    let extra = rule.arguments.validValues.compactMap(\.text).filter { !allowed.contains($0) }
                    if !extra.isEmpty { problems.append("lists valid values \(extra.joined(separator: ", ")) the term does not allow") }
                }
            }
            if problems.isEmpty {
                record(rule, .pass, object: object, column: p.name, value: termID, "conforms to glossary term \(termID) (\(Self.summary(term)))")
            } else {
                for problem in problems {
                    record(rule, .fail, object: object, column: p.name, value: termID, "bound to glossary term \(termID) but \(problem)")
                }
            }
        }
    }

    static func summary(_ t: GlossaryTerm) -> String {
        var parts: [String] = []
        if let type = t.type { parts.append(type.rawValue) }
        if t.minimum != nil || t.maximum != nil { parts.append("\(t.minimum.map(format) ?? "-∞")–\(t.maximum.map(format) ?? "∞")") }
        if !t.allowedValues.isEmpty { parts.append("one of \(t.allowedValues.map(\.description).joined(separator: ", "))") }
        if let unit = t.unit { parts.append(unit) }
        return parts.isEmpty ? t.definition : parts.joined(separator: ", ")
    }

    mutating func customRules(stage: PolicyBundle.Rule.Stage, statistics: [String: ExpressionValue]) {
        let rules = bundle.rules.filter { $0.stage == stage }
        guard !rules.isEmpty else { return }
        let variables = ProductFacts.variables(for: contract, piiTag: bundle.classification.piiTag, statistics: statistics)
        for rule in rules {
            do {
                if let when = rule.when, try !when.isTrue(variables) { continue }
                let ok = try rule.require.isTrue(variables)
                record("rule.\(rule.id)", ok ? .pass : .fail, value: rule.require.source, severity: rule.severity,
                       ok ? rule.description : "\(rule.description): `\(rule.require.source)` is false")
            } catch {
                record("rule.\(rule.id)", .fail, value: rule.require.source, severity: rule.severity, "rule could not be evaluated: \(error)")
            }
        }
    }
}
