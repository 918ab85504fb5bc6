import Contracts

extension PolicyBundle {
    /// The effective bundle for a domain: this (global) bundle with a domain bundle's additions.
    ///
    /// A domain may add rules, terms and naming patterns and tighten thresholds; it may never
    /// weaken or drop a global rule.
    ///
    /// - Throws: ``GovernanceError`` `.weakensGlobalRule` naming the global rule the domain
    ///   would break, or `.conflictingDefinition` when it redefines a global glossary term.
    public func applying(_ domain: PolicyBundle) throws -> PolicyBundle {
        guard case .global = scope else {
            throw GovernanceError(.invalidValue, "\(reference) is not a global bundle; domain bundles apply to the global one")
        }
        guard case .domain(let domainName) = domain.scope else {
            throw GovernanceError(.invalidValue, "\(domain.reference) is not a domain bundle (scope: domain)")
        }
        var weakenings: [GovernanceError] = []
        func weakens(_ rule: String, _ message: String) {
            weakenings.append(GovernanceError(.weakensGlobalRule,
                "domain policy \(domain.reference) (\(domainName)) would weaken global rule \(rule) of \(reference): \(message)", rule: rule))
        }
        var merged = self
        merged.name = "\(name)+\(domain.name)"
        merged.version = "\(version)+\(domain.version)"
        merged.scope = .domain(domainName)

        // Required metadata: a domain can require more, never less.
        let g = requiredMetadata, d = domain.requiredMetadata
        merged.requiredMetadata = RequiredMetadata(owner: g.owner || d.owner, description: g.description || d.description,
                                                   supportChannel: g.supportChannel || d.supportChannel)
        // Naming: domain patterns apply in addition to the global ones.
        merged.naming.product += domain.naming.product
        merged.naming.table += domain.naming.table
        merged.naming.column += domain.naming.column

        // Classification.
        let gc = classification, dc = domain.classification
        if !dc.levels.isEmpty {
            let unknown = dc.levels.filter { rank(ofLevel: $0) == nil && !gc.levels.isEmpty }
            if !unknown.isEmpty { weakens("classification.levels", "levels \(unknown.joined(separator: ", ")) are not global levels (\(gc.levels.joined(separator: ", ")))") }
            else if gc.levels.isEmpty { merged.classification.levels = dc.levels }
            else { merged.classification.levels = gc.levels.filter { l in dc.levels.contains { $0.lowercased() == l.lowercased() } } }
        }
        if dc.piiTag != gc.piiTag { weakens("classification.piiTag", "the PII tag '\(gc.piiTag)' cannot be renamed to '\(dc.piiTag)'") }
        if let dl = dc.piiMinimumLevel {
            if let gl = gc.piiMinimumLevel, let gr = rank(ofLevel: gl) {
                guard let dr = rank(ofLevel: dl) else {
                    weakens("classification.pii-level", "'\(dl)' is not a global classification level")
                    return try throwFirst(weakenings, merged)
                }
                if dr < gr { weakens("classification.pii-level", "PII must be at least \(gl); \(dl) is less sensitive") }
                else { merged.classification.piiMinimumLevel = dl }
            } else {
                merged.classification.piiMinimumLevel = dl
            }
        }
        merged.classification.piiRequiresPurposes = gc.piiRequiresPurposes || dc.piiRequiresPurposes
        merged.classification.requireClassification = gc.requireClassification || dc.requireClassification
        merged.classification.piiMaximumRetentionDays = try tighter(gc.piiMaximumRetentionDays, dc.piiMaximumRetentionDays, smallerIsTighter: true,
                                                                    rule: "classification.pii-retention", unit: "days", weakens)

        // Required checks.
        let gr = requiredChecks, dr = domain.requiredChecks
        merged.requiredChecks.freshnessSLA = gr.freshnessSLA || dr.freshnessSLA
        merged.requiredChecks.primaryKeyNullCheck = gr.primaryKeyNullCheck || dr.primaryKeyNullCheck
        merged.requiredChecks.rowCountCheck = gr.rowCountCheck || dr.rowCountCheck
        merged.requiredChecks.maximumLatencyHours = try tighter(gr.maximumLatencyHours, dr.maximumLatencyHours, smallerIsTighter: true,
                                                                rule: "checks.max-latency", unit: "hours", weakens)

        // Explicit `false` in a domain for something the global bundle requires is a weakening attempt.
        for (flag, rule, domainValue, globalValue) in [
            ("requiredMetadata.owner", "metadata.owner", domain.explicitFalse.contains("requiredMetadata.owner"), g.owner),
            ("requiredMetadata.description", "metadata.description", domain.explicitFalse.contains("requiredMetadata.description"), g.description),
            ("requiredMetadata.supportChannel", "metadata.support", domain.explicitFalse.contains("requiredMetadata.supportChannel"), g.supportChannel),
            ("classification.piiRequiresPurposes", "classification.pii-purposes", domain.explicitFalse.contains("classification.piiRequiresPurposes"), gc.piiRequiresPurposes),
            ("classification.requireClassification", "classification.required", domain.explicitFalse.contains("classification.requireClassification"), gc.requireClassification),
            ("requiredChecks.freshnessSLA", "checks.freshness-sla", domain.explicitFalse.contains("requiredChecks.freshnessSLA"), gr.freshnessSLA),
            ("requiredChecks.primaryKeyNullCheck", "checks.primary-key-null", domain.explicitFalse.contains("requiredChecks.primaryKeyNullCheck"), gr.primaryKeyNullCheck),
            ("requiredChecks.rowCountCheck", "checks.row-count", domain.explicitFalse.contains("requiredChecks.rowCountCheck"), gr.rowCountCheck),
        ] where domainValue && globalValue {
            weakens(rule, "`\(flag): false` switches off a check the global bundle requires")
        }

        // Glossary: one definition per term.
        for term in domain.glossary {
            if let existing = self.term(term.id) {
                if !existing.hasSameDefinition(as: term) {
                    throw GovernanceError(.conflictingDefinition,
                        "domain policy \(domain.reference) redefines glossary term '\(term.id)' differently from \(reference): \(Glossary.difference(existing, term))",
                        rule: "glossary.\(term.id)")
                }
            } else {
                merged.glossary.append(term)
            }
        }
        // Custom rules: add only; the same id would replace a global rule.
        for rule in domain.rules {
            if rules.contains(where: { $0.id == rule.id }) {
                weakens("rule.\(rule.id)", "a domain rule cannot replace the global rule with the same id")
            } else {
                merged.rules.append(rule)
            }
        }
        // Access: masking may only get stricter.
        for (level, action) in domain.access.belowClearance {
            let global = access.belowClearance[level] ?? .drop
            if action < global { weakens("access.belowClearance.\(level)", "\(level) columns must be at least '\(global.rawValue)', not '\(action.rawValue)'") }
            else { merged.access.belowClearance[level] = action }
        }
        if domain.access.purposeNotAllowed < access.purposeNotAllowed {
            weakens("access.purposeNotAllowed", "PII read for a purpose it does not allow must be at least '\(access.purposeNotAllowed.rawValue)'")
        } else {
            merged.access.purposeNotAllowed = domain.access.purposeNotAllowed
        }
        return try throwFirst(weakenings, merged)
    }

    private func throwFirst(_ errors: [GovernanceError], _ merged: PolicyBundle) throws -> PolicyBundle {
        if let first = errors.first {
            if errors.count == 1 { throw first }
            throw GovernanceError(.weakensGlobalRule, errors.map(\.message).joined(separator: "; "), rule: first.rule)
        }
        return merged
    }

    private func tighter(_ global: Double?, _ domain: Double?, smallerIsTighter: Bool, rule: String, unit: String,
                         _ weakens: (String, String) -> Void) throws -> Double? {
        guard let domain else { return global }
        guard let global else { return domain }
        let ok = smallerIsTighter ? domain <= global : domain >= global
        if !ok {
            weakens(rule, "the global limit is \(Evaluation.format(global)) \(unit); \(Evaluation.format(domain)) \(unit) is looser")
            return global
        }
        return domain
    }
}
