import Columnar
import Contracts
import Foundation
import Governance

/// Everything a planned check is evaluated against once the data pass is over.
struct CheckContext {
    let profile: DatasetProfile
    let schema: Schema
    let scans: [ValueScan]
    let options: QualityOptions
    let object: String
    let eventTimeColumn: String?
    let contract: DataContract

    /// Every result, in plan order (publish-stage policy rules expand to one result per decision).
    func evaluateAll(_ plan: [PlannedCheck]) -> [CheckResult] { plan.flatMap(evaluate) }

    /// The policy's publish-stage rule decisions on this profile, as check results.
    func publicationDecisions() -> [CheckResult] {
        guard let policy = options.policy else { return [] }
        return policy.evaluatePublication(contract, statistics: profile.expressionStatistics).map { d in
            CheckResult(id: d.ruleID, name: d.reason, kind: .policy, object: d.object ?? object, column: d.column,
                        observed: d.value ?? (d.outcome == .pass ? "holds" : "broken"), expected: "rule holds (\(d.bundle))",
                        severity: d.severity, passed: d.outcome == .pass,
                        message: "\(d.ruleID) [\(d.bundle)]: \(d.reason)", source: d.bundle)
        }
    }

    func evaluate(_ check: PlannedCheck) -> [CheckResult] {
        if case .publicationRules = check { return publicationDecisions() }
        return [single(check)]
    }

    func single(_ check: PlannedCheck) -> CheckResult {
        switch check {
        case .decided(let result): return result
        case .column(let property, let source): return column(property, source: source)
        case .extraColumn(let name): return extraColumn(name)
        case .required(let property, let source): return required(property, source: source)
        case .bound(let bound): return self.bound(bound)
        case .rule(let scoped, let scan): return rule(scoped, scan: scan)
        case .statistic(let scoped, let check, let column): return statistic(scoped, check, column: column)
        case .freshness(let sla): return freshness(sla)
        case .constraint(let c, let scan): return constraint(c, scan: scan)
        case .drift(let column): return drift(column)
        case .publicationRules: preconditionFailure("expanded by evaluate(_:)")
        }
    }

    func column(_ p: SchemaProperty, source: String) -> CheckResult {
        let declared = [p.logicalTypeName, p.physicalType.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        let expected = declared.isEmpty ? "present" : declared
        guard let columnProfile = profile.column(named: p.name) else {
            return CheckResult(id: "schema.\(p.name)", name: "column \(p.name) is present", kind: .schema, object: object, column: p.name,
                               observed: "missing", expected: expected, severity: .error, passed: false,
                               message: "the contract declares column '\(p.name)' but the data has no such column", source: source)
        }
        let type = schema.field(named: p.name)?.type
        let problem = type.flatMap { SchemaMatch.problem(p, $0, columnProfile) }
        return CheckResult(id: "schema.\(p.name)", name: "column \(p.name) has a compatible type", kind: .schema, object: object, column: p.name,
                           observed: columnProfile.type, expected: expected, severity: .error, passed: problem == nil,
                           message: problem.map { "column '\(p.name)': \($0)" } ?? "column '\(p.name)' is \(columnProfile.type), compatible with \(expected)",
                           source: source)
    }

    func extraColumn(_ name: String) -> CheckResult {
        CheckResult(id: "schema.\(name)", name: "column \(name) is declared", kind: .schema, object: object, column: name,
                    observed: profile.column(named: name)?.type ?? "present", expected: "not in the data (undeclared)", severity: .warning,
                    passed: false, message: "the data has column '\(name)', which the contract does not declare; add it to the contract or drop it")
    }

    func required(_ p: SchemaProperty, source: String) -> CheckResult {
        let c = profile.column(named: p.name)!
        return CheckResult(id: "required.\(p.name)", name: "\(p.name) has no nulls", kind: .nullRate, object: object, column: p.name,
                           observed: "\(c.nullCount) nulls (\(Format.percent(c.nullCount, of: c.count)))", observedValue: Double(c.nullCount),
                           expected: "0 nulls (required)", severity: .error, passed: c.nullCount == 0,
                           message: c.nullCount == 0 ? "'\(p.name)' is required and has no nulls"
                               : "'\(p.name)' is required but \(c.nullCount) of \(c.count) rows are null", source: source)
    }

    func bound(_ b: Bound) -> CheckResult {
        let scan = scans[b.scan]
        return CheckResult(id: b.id, name: b.name, kind: b.kind, object: object, column: b.column,
                           observed: "\(b.violation): \(scan.violations)" + Format.examples(scan.examples), observedValue: Double(scan.violations),
                           expected: b.expected, severity: .error, passed: scan.violations == 0,
                           message: scan.violations == 0 ? "all \(scan.checked) values of '\(b.column)' pass: \(b.expected)"
                               : "\(scan.violations) of \(scan.checked) values of '\(b.column)' fail (\(b.violation))" + Format.examples(scan.examples),
                           source: b.source)
    }

    func freshness(_ sla: ServiceLevel) -> CheckResult {
        let name = "data is fresher than the latency SLA"
        guard let limit = sla.seconds else {
            return CheckResult(id: "freshness", name: name, kind: .freshness, object: object, column: eventTimeColumn,
                               observed: "unreadable SLA", expected: "latency \(sla.value.scalarText ?? "?") \(sla.unitName ?? "")",
                               severity: .error, passed: false, message: "the latency SLA needs a numeric value and a duration unit")
        }
        let expected = "age ≤ \(Format.number(sla.number ?? 0)) \(sla.unitName ?? "d")"
        let newest: Date?
        let basis: String
        if let eventTimeColumn {
            newest = profile.newestEventTime
            basis = "newest \(eventTimeColumn)"
        } else {
            newest = options.lastPublished
            basis = "last publish"
        }
        guard let newest else {
            return CheckResult(id: "freshness", name: name, kind: .freshness, object: object, column: eventTimeColumn,
                               observed: eventTimeColumn == nil ? "no event-time column and no publish time" : "no event time (column empty)",
                               expected: expected, severity: .error, passed: eventTimeColumn == nil, skipped: eventTimeColumn == nil,
                               message: eventTimeColumn == nil ? "freshness needs an event-time column or the last publish time; not evaluated"
                                   : "'\(eventTimeColumn!)' has no values, so the data's age is unknown")
        }
        let age = options.now.timeIntervalSince(newest)
        if age < -Self.futureTolerance {
            // Event times ahead of the clock make the age meaningless: report it, without blocking.
            return CheckResult(id: "freshness", name: name, kind: .freshness, object: object, column: eventTimeColumn,
                               observed: "\(basis) \(ISO8601DateFormatter().string(from: newest)), \(Self.duration(-age)) in the future",
                               observedValue: age, expected: expected, severity: .warning, passed: false,
                               message: "the \(basis) is \(Self.duration(-age)) in the future of \(ISO8601DateFormatter().string(from: options.now)); check the clock or the timestamps",
                               source: "slaProperties[latency]")
        }
        let ok = age <= limit
        return CheckResult(id: "freshness", name: name, kind: .freshness, object: object, column: eventTimeColumn,
                           observed: "\(basis) \(ISO8601DateFormatter().string(from: newest)), age \(Self.duration(age))", observedValue: age,
                           expected: expected, severity: .error, passed: ok,
                           message: ok ? "the data is \(Self.duration(age)) old, within the \(Self.duration(limit)) SLA"
                               : "the data is \(Self.duration(age)) old (\(basis)), beyond the \(Self.duration(limit)) latency SLA",
                           source: "slaProperties[latency]")
    }

    /// How far ahead of `now` event times may be (clock skew) before freshness flags them.
    static let futureTolerance: Double = 300

    static func duration(_ seconds: Double) -> String {
        let s = abs(seconds)
        let sign = seconds < 0 ? "-" : ""
        if s < 120 { return sign + Format.number(s.rounded()) + " s" }
        if s < 7_200 { return sign + Format.number((s / 60 * 10).rounded() / 10) + " min" }
        if s < 172_800 { return sign + Format.number((s / 3_600 * 10).rounded() / 10) + " h" }
        return sign + Format.number((s / 86_400 * 10).rounded() / 10) + " d"
    }

    func drift(_ column: String) -> CheckResult {
        let thresholds = options.drift
        let expected = "PSI < \(Format.number(thresholds.warn)) (warn), < \(Format.number(thresholds.fail)) (fail)"
        guard let base = options.baseline?.column(named: column), let current = profile.column(named: column),
              let measure = DriftMeasure.measure(baseline: base, current: current, bins: thresholds.buckets) else {
            return CheckResult(id: "drift.\(column)", name: "\(column) distribution is stable", kind: .drift, object: object, column: column,
                               observed: "not comparable", expected: expected, severity: .warning, passed: true, skipped: true,
                               message: "'\(column)' has no comparable distribution in both versions (empty, or not numeric/categorical)")
        }
        let minimum = thresholds.minimumValues ?? DriftThresholds.defaultMinimumValues
        if base.valueCount < minimum || current.valueCount < minimum {
            return CheckResult(id: "drift.\(column)", name: "\(column) distribution is stable", kind: .drift, object: object, column: column,
                               observed: "\(current.valueCount) value(s) vs \(base.valueCount) before", expected: expected, severity: .warning,
                               passed: true, skipped: true,
                               message: "'\(column)' has too few values to compare distributions (\(current.valueCount) now, \(base.valueCount) before; at least \(minimum) on each side)")
        }
        let psi = measure.psi
        let severity: QualitySeverity = psi >= thresholds.fail ? .error : .warning
        let ok = psi < thresholds.warn
        let level = psi >= thresholds.fail ? "a major shift" : psi >= thresholds.warn ? "a moderate shift" : "stable"
        return CheckResult(id: "drift.\(column)", name: "\(column) distribution is stable", kind: .drift, object: object, column: column,
                           observed: "PSI \(Format.number(psi)) (\(measure.method))", observedValue: psi, expected: expected,
                           severity: severity, passed: ok,
                           message: "'\(column)' against the previous version: PSI \(Format.number(psi)), \(level)")
    }
}
