extension ChangeCollector {
    /// Compares quality rule lists: rules match by `id`, else by metric (or meshwork metric) and type.
    mutating func compareRules(_ a: [QualityRule], _ b: [QualityRule], at path: YAMLPath, scope: String) {
        var unmatched = Array(a.indices)
        for (j, rule) in b.enumerated() {
            let rulePath = path.appending(j)
            guard let k = unmatched.firstIndex(where: { Self.sameRule(a[$0], rule) }) else {
                if rule.severity == .warning || rule.type == .text {
                    compatible(.qualityRuleLoosened, rulePath, new: rule.label, "non-blocking quality rule '\(rule.label)' added on \(scope)")
                } else {
                    breaking(.qualityRuleTightened, rulePath, new: rule.label, "blocking quality rule '\(rule.label)' added on \(scope): existing data may fail it")
                }
                continue
            }
            let before = a[unmatched.remove(at: k)]
            compareRule(before, rule, at: rulePath, scope: scope)
        }
        for i in unmatched {
            compatible(.qualityRuleLoosened, path.appending(i), old: a[i].label, "quality rule '\(a[i].label)' removed from \(scope)")
        }
    }

    static func sameRule(_ x: QualityRule, _ y: QualityRule) -> Bool {
        if let a = x.id, let b = y.id { return a == b }
        return x.type == y.type && x.metricName == y.metricName && x.meshworkCheck?.metric == y.meshworkCheck?.metric
            && x.query == y.query && x.arguments.properties == y.arguments.properties
    }

    private mutating func compareRule(_ a: QualityRule, _ b: QualityRule, at path: YAMLPath, scope: String) {
        let label = "quality rule '\(b.label)' on \(scope)"
        let conditionA = a.meshworkCheck?.condition ?? a.condition, conditionB = b.meshworkCheck?.condition ?? b.condition
        var tighter = false, looser = false, other = false
        var details: [String] = []
        if conditionA != conditionB {
            details.append("threshold \(conditionA?.description ?? "none") → \(conditionB?.description ?? "none")")
            if let x = conditionA, let y = conditionB {
                if y.isAtLeastAsStrict(as: x) { tighter = true } else if x.isAtLeastAsStrict(as: y) { looser = true } else { other = true }
            } else { other = true }
        }
        if a.severity != b.severity {
            details.append("severity \(a.severity?.rawValue ?? "?") → \(b.severity?.rawValue ?? "?")")
            if b.severity == .error { tighter = true } else { looser = true }
        }
        if a.unit != b.unit || a.metricName != b.metricName || a.query != b.query || a.meshworkCheck?.unit != b.meshworkCheck?.unit
            || a.meshworkCheck?.quantile != b.meshworkCheck?.quantile || a.arguments.pattern != b.arguments.pattern {
            details.append("definition changed")
            other = true
        }
        let oldValid = Set(a.arguments.validValues), newValid = Set(b.arguments.validValues)
        if oldValid != newValid {
            details.append("valid values \(Self.list(oldValid)) → \(Self.list(newValid))")
            if newValid.isSubset(of: oldValid) { tighter = true } else if oldValid.isSubset(of: newValid) { looser = true } else { other = true }
        }
        let oldColumns = Set(a.arguments.properties), newColumns = Set(b.arguments.properties)
        if oldColumns != newColumns {
            details.append("columns [\(a.arguments.properties.joined(separator: ", "))] → [\(b.arguments.properties.joined(separator: ", "))]")
            // Uniqueness over fewer columns is stricter.
            if newColumns.isSubset(of: oldColumns) { tighter = true } else if oldColumns.isSubset(of: newColumns) { looser = true } else { other = true }
        }
        let oldMissing = Set(a.arguments.missingValues), newMissing = Set(b.arguments.missingValues)
        if oldMissing != newMissing {
            details.append("missing values \(Self.list(oldMissing)) → \(Self.list(newMissing))")
            if oldMissing.isSubset(of: newMissing) { tighter = true } else if newMissing.isSubset(of: oldMissing) { looser = true } else { other = true }
        }
        guard !details.isEmpty else {
            if a.description != b.description || a.name != b.name || a.dimension != b.dimension {
                compatible(.documentationChanged, path, "documentation of \(label) changed")
            }
            return
        }
        let text = "\(label): " + details.joined(separator: "; ")
        let old = conditionA?.description, new = conditionB?.description
        if other || (tighter && looser) {
            breaking(.qualityRuleChanged, path, old: old, new: new, text)
        } else if tighter {
            if b.severity == .warning { compatible(.qualityRuleTightened, path, old: old, new: new, text + " (non-blocking)") }
            else { breaking(.qualityRuleTightened, path, old: old, new: new, text) }
        } else {
            compatible(.qualityRuleLoosened, path, old: old, new: new, text)
        }
    }

    private static func list(_ values: Set<ScalarValue>) -> String {
        "[" + values.map(\.description).sorted().joined(separator: ", ") + "]"
    }
}
