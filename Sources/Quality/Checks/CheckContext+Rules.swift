import Contracts
import Foundation
import Governance

extension CheckContext {
    func missingColumn(_ id: String, _ name: String, _ kind: CheckKind, _ column: String?, _ severity: QualitySeverity,
                       _ expected: String, _ source: String?) -> CheckResult {
        CheckResult(id: id, name: name, kind: kind, object: object, column: column, observed: "column missing", expected: expected,
                    severity: severity, passed: false,
                    message: column.map { "the check reads column '\($0)', which the data does not have" } ?? "the check needs a column (set `arguments.column` or put the rule on a property)",
                    source: source)
    }

    /// An ODCS library rule: measure, convert to percent if asked, compare with the operator.
    func rule(_ scoped: ScopedQualityRule, scan: Int?) -> CheckResult {
        let rule = scoped.rule
        let metric = rule.metric!, condition = rule.condition!, unit = rule.unit!
        let severity = rule.severity ?? .error
        let expected = Format.condition(condition, unit: unit == .percent ? "%" : (metric == .rowCount ? "rows" : ""))
        let id = rule.label, name = rule.name ?? "\(scoped.property ?? scoped.object) \(metric.rawValue)"
        let source = scoped.path.description
        let rows = profile.rowCount
        var count: Int
        var denominator = rows
        var noun: String
        var examples: [String] = []
        switch metric {
        case .rowCount:
            count = rows
            noun = "rows"
        case .nullValues:
            if let property = scoped.property {
                guard let c = profile.column(named: property) else {
                    return missingColumn(id, name, .contractRule, property, severity, expected, source)
                }
                count = c.nullCount
            } else {
                count = profile.columns.reduce(0) { $0 + $1.nullCount }
                denominator = rows * profile.columns.count
            }
            noun = "null values"
        case .missingValues, .invalidValues, .duplicateValues:
            guard let scan else { return missingColumn(id, name, .contractRule, scoped.property, severity, expected, source) }
            count = scans[scan].violations
            examples = scans[scan].examples
            noun = metric == .missingValues ? "missing values" : metric == .invalidValues ? "invalid values" : "duplicate values"
        }
        let value = unit == .percent && metric != .rowCount ? (denominator == 0 ? 0 : Double(count) / Double(denominator) * 100) : Double(count)
        let ok = condition.accepts(value)
        let observed = "\(noun): \(count)" + (metric == .rowCount ? "" : " (\(Format.percent(count, of: denominator)))")
        return CheckResult(id: id, name: name, kind: .contractRule, object: scoped.object, column: scoped.property,
                           observed: observed + Format.examples(examples), observedValue: value, expected: expected,
                           severity: severity, passed: ok,
                           message: "\(metric.rawValue) of \(scoped.property.map { "'\($0)'" } ?? "'\(scoped.object)'") is \(unit == .percent ? Format.number(value) + " %" : Format.number(value)); "
                               + (ok ? "expected \(expected)" : "expected \(expected), so the rule fails") + Format.examples(examples),
                           source: source)
    }

    /// A Meshwork statistics rule, evaluated on the profile (and the baseline for drift).
    func statistic(_ scoped: ScopedQualityRule, _ check: MeshworkCheck, column: String?) -> CheckResult {
        let rule = scoped.rule
        let severity = rule.severity ?? .error
        let unitName = check.metric == .freshness ? (check.unit ?? .hours).rawValue : ""
        let expected = Format.condition(check.condition, unit: unitName)
        let id = rule.label, name = rule.name ?? "\(column ?? scoped.object) \(check.metric.rawValue)"
        let source = scoped.path.description
        guard let column, let c = profile.column(named: column) else {
            return missingColumn(id, name, .statistic, column, severity, expected, source)
        }
        var value: Double?
        var described: String
        switch check.metric {
        case .min: value = c.minimum?.doubleValue; described = "min " + (c.minimum?.text ?? "none")
        case .max: value = c.maximum?.doubleValue; described = "max " + (c.maximum?.text ?? "none")
        case .mean: value = c.mean; described = "mean " + (value.map(Format.number) ?? "none")
        case .stddev: value = c.standardDeviation; described = "stddev " + (value.map(Format.number) ?? "none")
        case .quantile:
            let q = check.quantile ?? 0.5
            value = c.quantile(q)
            described = "p\(Format.number(q * 100)) ≈ " + (value.map(Format.number) ?? "none")
        case .distinctCount: value = Double(c.distinctCount); described = "≈ \(c.distinctCount) distinct values"
        case .drift:
            guard let base = options.baseline?.column(named: column) else {
                return CheckResult(id: id, name: name, kind: .drift, object: scoped.object, column: column, observed: "no previous version",
                                   expected: expected, severity: severity, passed: true, skipped: true,
                                   message: "drift of '\(column)' needs the previous version's profile; this is the first version", source: source)
            }
            let measure = DriftMeasure.measure(baseline: base, current: c, bins: check.buckets ?? options.drift.buckets)
            value = measure?.psi
            described = "PSI " + (value.map(Format.number) ?? "not comparable")
        case .freshness:
            if let newest = c.newestInstant {
                value = options.now.timeIntervalSince(newest) / check.unitSeconds
                described = "age \(Self.duration(options.now.timeIntervalSince(newest)))"
            } else {
                described = "no date/timestamp values"
            }
        }
        guard let value else {
            return CheckResult(id: id, name: name, kind: check.metric == .drift ? .drift : .statistic, object: scoped.object, column: column,
                               observed: described, expected: expected, severity: severity, passed: false,
                               message: "\(check.metric.rawValue) of '\(column)' cannot be computed (\(described)); the rule fails", source: source)
        }
        let ok = check.condition.accepts(value)
        return CheckResult(id: id, name: name, kind: check.metric == .drift ? .drift : .statistic, object: scoped.object, column: column,
                           observed: described, observedValue: value, expected: expected, severity: severity, passed: ok,
                           message: "\(check.metric.rawValue) of '\(column)': \(described); expected \(expected)" + (ok ? "" : ", so the rule fails"),
                           source: source)
    }

    /// A glossary or policy constraint on one column.
    func constraint(_ c: ColumnConstraint, scan: Int?) -> CheckResult {
        let kind = ContractEvaluator.kind(of: c)
        let expected: String
        switch c.requirement {
        case .range(let lo, let hi): expected = "every value in " + ContractEvaluator.intervalText(lo, hi, false, false)
        case .allowedValues(let values): expected = "every value in " + ValueSet(values).display
        case .pattern(let p): expected = "every value matches /\(p)/"
        case .maximumNullPercent(let p): expected = "≤ \(Format.number(p)) % nulls"
        case .unique: expected = "no repeated value"
        }
        let name = "\(c.column): \(c.reason)"
        guard let column = profile.column(named: c.column) else {
            return missingColumn(c.ruleID, name, kind, c.column, c.severity, expected, c.ruleID)
        }
        if case .maximumNullPercent(let limit) = c.requirement {
            let percent = column.nullFraction * 100
            let ok = percent <= limit
            return CheckResult(id: c.ruleID, name: name, kind: kind, object: c.object, column: c.column,
                               observed: "\(column.nullCount) nulls (\(Format.percent(column.nullCount, of: column.count)))", observedValue: percent,
                               expected: expected, severity: c.severity, passed: ok,
                               message: "'\(c.column)' is \(Format.number(percent)) % null; \(c.ruleID) (\(c.reason)) allows at most \(Format.number(limit)) %",
                               source: c.ruleID)
        }
        guard let scan else { return missingColumn(c.ruleID, name, kind, c.column, c.severity, expected, c.ruleID) }
        let s = scans[scan]
        var observed = "\(s.violations) of \(s.checked) values fail" + Format.examples(s.examples)
        if case .range = c.requirement, let lo = column.minimum?.text, let hi = column.maximum?.text {
            observed += "; data ranges \(lo)…\(hi)"
        }
        let ok = s.violations == 0
        return CheckResult(id: c.ruleID, name: name, kind: kind, object: c.object, column: c.column,
                           observed: observed, observedValue: Double(s.violations), expected: expected, severity: c.severity, passed: ok,
                           message: ok ? "'\(c.column)' conforms to \(c.ruleID) (\(c.reason))"
                               : "'\(c.column)' violates \(c.ruleID) (\(c.reason)): \(s.violations) of \(s.checked) values break “\(expected)”" + Format.examples(s.examples),
                           source: c.ruleID)
    }
}
