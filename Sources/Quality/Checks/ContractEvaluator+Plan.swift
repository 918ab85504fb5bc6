import Columnar
import Contracts
import Foundation
import Governance

/// One check decided at planning time or evaluated at ``ContractEvaluator/finish()``.
enum PlannedCheck: Sendable {
    /// Already decided (a rule that cannot be evaluated, an invalid pattern...).
    case decided(CheckResult)
    /// A contract property must be a data column of a compatible type.
    case column(SchemaProperty, source: String)
    /// A data column the contract does not declare.
    case extraColumn(String)
    /// A required property must hold no nulls.
    case required(SchemaProperty, source: String)
    /// A zero-violation value scan (uniqueness, ranges, lengths, patterns from the schema).
    case bound(Bound)
    /// An ODCS library rule; `scan` holds the count for value-level metrics.
    case rule(ScopedQualityRule, scan: Int?)
    /// A Meshwork statistics rule.
    case statistic(ScopedQualityRule, MeshworkCheck, column: String?)
    /// The latency SLA.
    case freshness(ServiceLevel)
    /// A glossary or policy constraint.
    case constraint(ColumnConstraint, scan: Int?)
    /// Automatic drift of one column against the baseline.
    case drift(String)
    /// The policy's `stage: publish` rules on the profile.
    case publicationRules
}

/// A check that passes when its value scan finds no violation.
struct Bound: Sendable {
    var id: String
    var name: String
    var kind: CheckKind
    var column: String
    var expected: String
    /// What a violation is, in plural (`values below the minimum 0`).
    var violation: String
    var scan: Int
    var source: String
}

extension ContractEvaluator {
    mutating func planChecks() {
        let objectIndex = contract.schema.firstIndex { $0.name == object.name } ?? 0
        let objectPath = YAMLPath.root.appending("schema").appending(objectIndex)
        let present = Set(schema.names)
        for (j, property) in object.properties.enumerated() {
            plan.append(.column(property, source: objectPath.appending("properties").appending(j).description))
        }
        for field in schema.fields where object.property(named: field.name) == nil {
            plan.append(.extraColumn(field.name))
        }
        let primaryKey = object.primaryKey
        for (j, property) in object.properties.enumerated() where present.contains(property.name) {
            planBounds(property, source: objectPath.appending("properties").appending(j).description, soleKey: primaryKey.count == 1)
        }
        if primaryKey.count > 1, let scan = addScan(primaryKey.map(\.name), .duplicates) {
            let names = primaryKey.map(\.name).joined(separator: ", ")
            plan.append(.bound(Bound(id: "primaryKey", name: "primary key (\(names)) is unique", kind: .uniqueness,
                                     column: names, expected: "no repeated key", violation: "repeated keys",
                                     scan: scan, source: objectPath.description)))
        }
        if let latency = contract.slaProperties.first(.latency) { plan.append(.freshness(latency)) }
        for scoped in contract.qualityRules where scoped.object == object.name { planRule(scoped) }
        let constraints = options.constraints + (options.policy?.constraints(for: contract) ?? [])
        var seenIDs: [String: Int] = [:]
        for constraint in constraints where constraint.object == object.name {
            let key = "\(constraint.ruleID)|\(constraint.column)"
            seenIDs[key, default: 0] += 1
            planConstraint(constraint, occurrence: seenIDs[key]!)
        }
        if options.policy != nil { plan.append(.publicationRules) }
        if let baseline = options.baseline {
            let excluded = Set(object.properties.filter { $0.isPrimaryKey || $0.isUnique }.map(\.name) + [eventTimeColumn].compactMap { $0 })
            for field in schema.fields where baseline.column(named: field.name) != nil {
                if let only = options.drift.columns { if !only.contains(field.name) { continue } }
                else if excluded.contains(field.name) { continue }
                plan.append(.drift(field.name))
            }
        }
    }

    mutating func planBounds(_ p: SchemaProperty, source: String, soleKey: Bool) {
        let name = p.name
        if p.isRequired { plan.append(.required(p, source: source)) }
        if p.isUnique || (p.isPrimaryKey && soleKey), let scan = addScan([name], .duplicates) {
            plan.append(.bound(Bound(id: "unique.\(name)", name: "\(name) is unique", kind: .uniqueness, column: name,
                                     expected: "no repeated value", violation: "repeated values", scan: scan, source: source)))
        }
        guard let options = p.logicalTypeOptions else { return }
        switch p.logicalType {
        case .integer?, .number?:
            var lo = p.option("minimum"), hi = p.option("maximum")
            var exLo = options["exclusiveMinimum"]?.bool ?? false, exHi = options["exclusiveMaximum"]?.bool ?? false
            if let v = options["exclusiveMinimum"]?.double, options["exclusiveMinimum"]?.bool == nil { lo = v; exLo = true }
            if let v = options["exclusiveMaximum"]?.double, options["exclusiveMaximum"]?.bool == nil { hi = v; exHi = true }
            if lo != nil || hi != nil, let scan = addScan([name], .outside(minimum: lo, maximum: hi, exclusiveMinimum: exLo, exclusiveMaximum: exHi)) {
                let expected = Self.intervalText(lo, hi, exLo, exHi)
                plan.append(.bound(Bound(id: "range.\(name)", name: "\(name) within \(expected)", kind: .range, column: name,
                                         expected: expected, violation: "values outside \(expected)", scan: scan, source: source + ".logicalTypeOptions")))
            }
        case .date?, .timestamp?:
            let lo = options["minimum"]?.string.flatMap { Self.instant($0, for: schema.field(named: name)?.type) }
            let hi = options["maximum"]?.string.flatMap { Self.instant($0, for: schema.field(named: name)?.type) }
            if lo != nil || hi != nil, let scan = addScan([name], .outside(minimum: lo, maximum: hi, exclusiveMinimum: false, exclusiveMaximum: false)) {
                let expected = "[\(options["minimum"]?.scalarText ?? "-inf"), \(options["maximum"]?.scalarText ?? "inf")]"
                plan.append(.bound(Bound(id: "range.\(name)", name: "\(name) within \(expected)", kind: .range, column: name,
                                         expected: expected, violation: "values outside \(expected)", scan: scan, source: source + ".logicalTypeOptions")))
            }
        case .string?:
            let lo = options["minLength"]?.int, hi = options["maxLength"]?.int
            if lo != nil || hi != nil, let scan = addScan([name], .lengthOutside(minimum: lo, maximum: hi)) {
                let expected = "length \(lo.map(String.init) ?? "0")…\(hi.map(String.init) ?? "∞")"
                plan.append(.bound(Bound(id: "length.\(name)", name: "\(name) \(expected)", kind: .range, column: name,
                                         expected: expected, violation: "values with a length outside \(expected)", scan: scan, source: source + ".logicalTypeOptions")))
            }
            if let pattern = options["pattern"]?.string {
                planPattern(pattern, id: "pattern.\(name)", column: name, kind: .pattern, severity: .error, source: source + ".logicalTypeOptions.pattern")
            }
        default: break
        }
    }

    mutating func planPattern(_ pattern: String, id: String, column: String, kind: CheckKind, severity: QualitySeverity, source: String) {
        do {
            let regex = try NSRegularExpression(pattern: pattern)
            if let scan = addScan([column], .invalid(allowed: nil, pattern: regex)) {
                plan.append(.bound(Bound(id: id, name: "\(column) matches /\(pattern)/", kind: kind, column: column,
                                         expected: "every value matches /\(pattern)/", violation: "values not matching /\(pattern)/",
                                         scan: scan, source: source)))
            }
        } catch {
            plan.append(.decided(CheckResult(id: id, name: "\(column) matches /\(pattern)/", kind: kind, object: object.name, column: column,
                                             observed: "invalid pattern", expected: "a valid regular expression", severity: severity,
                                             passed: false, message: "the pattern /\(pattern)/ is not a valid regular expression: \(error.localizedDescription)",
                                             source: source)))
        }
    }

    mutating func planRule(_ scoped: ScopedQualityRule) {
        let rule = scoped.rule
        let severity = rule.severity ?? .error
        func decided(_ observed: String, _ message: String, skipped: Bool) -> PlannedCheck {
            .decided(CheckResult(id: rule.label, name: rule.name ?? rule.label, kind: rule.isMeshwork ? .statistic : .contractRule,
                                 object: scoped.object, column: scoped.property, observed: observed, expected: "—",
                                 severity: severity, passed: skipped, skipped: skipped, message: message, source: scoped.path.description))
        }
        switch rule.type {
        case .text?:
            return
        case .sql?:
            plan.append(decided("not evaluated", "SQL rules need a SQL engine; Meshwork evaluates library metrics and `engine: meshwork` rules", skipped: true))
        case .custom?:
            guard rule.isMeshwork else {
                plan.append(decided("not evaluated", "custom rules for engine '\(rule.engine ?? "?")' are not evaluated by Meshwork", skipped: true))
                return
            }
            guard let check = rule.meshworkCheck else {
                plan.append(decided("unreadable", "the meshwork implementation cannot be read; run `mesh contract lint` for details", skipped: false))
                return
            }
            plan.append(.statistic(scoped, check, column: check.column ?? scoped.property))
        case .library?:
            guard let metric = rule.metric else {
                plan.append(decided("unknown metric", "unknown library metric '\(rule.metricName ?? "")'; use nullValues, missingValues, invalidValues, duplicateValues or rowCount", skipped: false))
                return
            }
            guard rule.condition != nil else {
                plan.append(decided("no operator", "the rule needs exactly one operator (mustBe, mustBeLessThan, ...) with a numeric operand", skipped: false))
                return
            }
            guard rule.unit != nil else {
                plan.append(decided("unknown unit", "unknown unit '\(rule.unitName ?? "")'; use rows or percent", skipped: false))
                return
            }
            switch metric {
            case .nullValues, .rowCount:
                plan.append(.rule(scoped, scan: nil))
            case .missingValues:
                let missing = rule.arguments.missingValues.isEmpty ? [ScalarValue.null] : rule.arguments.missingValues
                plan.append(.rule(scoped, scan: scoped.property.flatMap { addScan([$0], .isIn(ValueSet(missing))) }))
            case .invalidValues:
                let args = rule.arguments
                var regex: NSRegularExpression?
                if let pattern = args.pattern {
                    do { regex = try NSRegularExpression(pattern: pattern) } catch {
                        plan.append(decided("invalid pattern", "the pattern /\(pattern)/ is not a valid regular expression", skipped: false))
                        return
                    }
                }
                guard regex != nil || !args.validValues.isEmpty else {
                    plan.append(decided("no definition", "invalidValues needs `arguments.validValues` or `arguments.pattern`", skipped: false))
                    return
                }
                let allowed = args.validValues.isEmpty ? nil : ValueSet(args.validValues)
                plan.append(.rule(scoped, scan: scoped.property.flatMap { addScan([$0], .invalid(allowed: allowed, pattern: regex)) }))
            case .duplicateValues:
                let columns = scoped.property.map { [$0] } ?? (rule.arguments.properties.isEmpty ? schema.names : rule.arguments.properties)
                plan.append(.rule(scoped, scan: addScan(columns, .duplicates)))
            }
        case nil:
            plan.append(decided("unknown type", "unknown rule type '\(rule.typeName ?? "")'; use library, custom, sql or text", skipped: false))
        }
    }

    mutating func planConstraint(_ c0: ColumnConstraint, occurrence: Int) {
        var c = c0
        // A term with a range and a value list yields two constraints under one rule id.
        if occurrence > 1 { c.ruleID += "#\(occurrence)" }
        let column = c.column
        var scan: Int?
        switch c.requirement {
        case .range(let lo, let hi): scan = addScan([column], .outside(minimum: lo, maximum: hi, exclusiveMinimum: false, exclusiveMaximum: false))
        case .allowedValues(let values): scan = addScan([column], .invalid(allowed: ValueSet(values), pattern: nil))
        case .pattern(let pattern):
            guard let regex = try? NSRegularExpression(pattern: pattern) else {
                plan.append(.decided(CheckResult(id: c.ruleID, name: c.ruleID, kind: Self.kind(of: c), object: c.object, column: column,
                                                 observed: "invalid pattern", expected: "a valid regular expression", severity: c.severity,
                                                 passed: false, message: "the pattern /\(pattern)/ of \(c.ruleID) is not a valid regular expression",
                                                 source: c.ruleID)))
                return
            }
            scan = addScan([column], .invalid(allowed: nil, pattern: regex))
        case .unique: scan = addScan([column], .duplicates)
        case .maximumNullPercent: scan = nil
        }
        plan.append(.constraint(c, scan: scan))
    }

    static func kind(of c: ColumnConstraint) -> CheckKind { c.ruleID.hasPrefix("glossary") ? .glossary : .policy }

    static func intervalText(_ lo: Double?, _ hi: Double?, _ exLo: Bool, _ exHi: Bool) -> String {
        (exLo ? "(" : "[") + (lo.map(Format.number) ?? "-inf") + ", " + (hi.map(Format.number) ?? "inf") + (exHi ? ")" : "]")
    }

    /// An ISO-8601 date or date-time as the column's numeric reading (days, or units since epoch).
    static func instant(_ text: String, for type: DataType?) -> Double? {
        let full = ISO8601DateFormatter()
        let dateOnly = ISO8601DateFormatter()
        dateOnly.formatOptions = [.withFullDate]
        guard let date = full.date(from: text) ?? dateOnly.date(from: text) else { return nil }
        let seconds = date.timeIntervalSince1970
        switch type {
        case .date?: return (seconds / 86_400).rounded(.down)
        case .timestamp(let unit, _)?: return seconds * Double(unit.perSecond)
        default: return nil
        }
    }
}
