import Foundation

extension ContractLinter {
    /// Where a quality rule sits, which decides the metrics it may use.
    enum RuleLevel {
        /// Object level, with the table's column names.
        case object(columns: Set<String>)
        /// Property level, with the column's logical type.
        case property(type: LogicalType?)
    }

    static let qualityBaseFields: [String: LintReport.Shape] = [
        "id": .string, "authoritativeDefinitions": .list, "businessImpact": .string, "customProperties": .list,
        "description": .string, "dimension": .string, "method": .string, "name": .string, "schedule": .string,
        "scheduler": .string, "severity": .string, "tags": .stringList, "type": .string, "unit": .string,
    ]

    static let qualityDimensions = ["accuracy", "completeness", "conformity", "consistency", "coverage", "timeliness", "uniqueness"]

    func lintQualityRule(_ rule: YAMLNode, at path: YAMLPath, level: RuleLevel, _ r: inout LintReport) {
        guard rule.entries != nil else {
            r.error("odcs.type", path, "a quality rule must be a mapping, not \(rule.shapeName)")
            return
        }
        let typeName = rule["type"]?.string
        let hasMetric = rule["metric"] != nil || rule["rule"] != nil
        var fields = Self.qualityBaseFields
        var type: QualityRuleType?
        if let typeName {
            type = QualityRuleType(rawValue: typeName)
            if type == nil {
                r.error("odcs.enum", path.appending("type"), "'\(typeName)' is not a quality rule type; use one of: text, library, sql, custom")
            }
        } else if hasMetric {
            type = .library
        } else if rule["type"] == nil {
            r.error("quality.type", path, "a quality rule needs a `metric` (library rule) or a `type` (text, sql, custom)")
        }
        let operatorFields = Dictionary(uniqueKeysWithValues: QualityOperator.allCases.map { ($0.rawValue, LintReport.Shape.any) })
        if type == .library || hasMetric {
            fields.merge(["metric": .string, "rule": .string, "arguments": .mapping]) { a, _ in a }
            fields.merge(operatorFields) { a, _ in a }
        }
        switch type {
        case .sql:
            fields["query"] = .string
            fields.merge(operatorFields) { a, _ in a }
        case .custom:
            fields["engine"] = .string
            fields["implementation"] = .any
        default: break
        }
        r.checkObject(rule, at: path, what: "a \(type?.rawValue ?? "") quality rule".replacingOccurrences(of: "a  ", with: "a "), fields: fields)
        r.checkEnum(rule["dimension"], at: path.appending("dimension"), allowed: Self.qualityDimensions, what: "quality dimension")
        if let s = rule["severity"]?.string, QualitySeverity(rawValue: s) == nil {
            r.error("quality.severity", path.appending("severity"), "'\(s)' is not a severity; use error (blocks publication) or warning (reports only)")
        }
        lintAuthoritativeDefinitions(rule["authoritativeDefinitions"], at: path.appending("authoritativeDefinitions"), &r, allowGlossary: false)
        lintCustomProperties(rule["customProperties"], at: path.appending("customProperties"), &r)
        switch type {
        case .library: lintLibraryRule(rule, at: path, level: level, &r)
        case .sql:
            if rule["query"] == nil { r.error("odcs.required", path.appending("query"), "a sql quality rule is missing required field `query`") }
            let present = QualityOperator.allCases.filter { rule[$0.rawValue] != nil }
            if present.count != 1 {
                for (p, m) in QualityConditionLint.problems(in: rule) { r.error("quality.operator", path.appending(p), "a sql rule \(m)") }
            }
        case .custom: lintCustomRule(rule, at: path, level: level, &r)
        case .text:
            if rule["description"] == nil { r.warning("quality.text", path.appending("description"), "a text quality rule should have a `description`") }
        case nil: break
        }
    }

    private func lintLibraryRule(_ rule: YAMLNode, at path: YAMLPath, level: RuleLevel, _ r: inout LintReport) {
        let metricNode = rule["metric"] ?? rule["rule"]
        let metricKey = rule["metric"] != nil ? "metric" : "rule"
        if r.legacy {
            if rule["metric"] != nil { r.error("odcs.version", path.appending("metric"), "ODCS v3.0.x library rules name their metric with `rule`; write `rule:` or set apiVersion: v3.1.0") }
            if rule["arguments"] != nil { r.newerField("arguments", at: path.appending("arguments")) }
        } else if rule["metric"] == nil, rule["rule"] != nil {
            r.warning("odcs.deprecated", path.appending("rule"), "`rule` is deprecated since ODCS v3.1.0; write `metric`")
        }
        guard let metricNode else {
            r.error("odcs.required", path.appending("metric"), "a library quality rule is missing required field `metric`")
            return
        }
        let metric = metricNode.string.flatMap(QualityMetric.init(rawValue:))
        if metric == nil, let name = metricNode.string {
            r.error("odcs.enum", path.appending(metricKey),
                    "'\(name)' is not an ODCS library metric; use one of: \(QualityMetric.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for (p, m) in QualityConditionLint.problems(in: rule) {
            r.error("quality.operator", path.appending(p), "a library rule \(m)")
        }
        let unit = rule["unit"]?.string
        if let unit, QualityUnit(rawValue: unit) == nil {
            r.error("quality.unit", path.appending("unit"), "'\(unit)' is not a unit for library metrics; use rows or percent")
        }
        if unit == QualityUnit.percent.rawValue, let condition = QualityCondition(in: rule),
           condition.operands.contains(where: { $0 < 0 || $0 > 100 }) {
            r.error("quality.unit", path.appending(condition.op.rawValue), "a percent threshold must lie between 0 and 100")
        }
        if let condition = QualityCondition(in: rule), condition.operands.contains(where: { $0 < 0 }) {
            r.warning("quality.operator", path.appending(condition.op.rawValue), "metric values are counts or percentages and never negative")
        }
        let args = rule["arguments"]
        let argsPath = path.appending("arguments")
        switch metric {
        case .missingValues:
            if let list = args?["missingValues"] {
                if list.items == nil || list.items!.contains(where: { $0.scalarKind == nil }) {
                    r.error("quality.arguments", argsPath.appending("missingValues"), "`missingValues` must be a list of values")
                }
            } else {
                r.error("quality.arguments", argsPath, "missingValues needs `arguments.missingValues`: the values that count as missing (e.g. [null, '', 'N/A'])")
            }
        case .invalidValues:
            let valid = args?["validValues"], pattern = args?["pattern"]
            if valid == nil, pattern == nil {
                r.error("quality.arguments", argsPath, "invalidValues needs `arguments.validValues` (a list) or `arguments.pattern` (a regular expression)")
            }
            if let valid, valid.items == nil || valid.items!.isEmpty || valid.items!.contains(where: { $0.scalarKind == nil }) {
                r.error("quality.arguments", argsPath.appending("validValues"), "`validValues` must be a non-empty list of values")
            }
            if let pattern {
                if let text = pattern.string {
                    if (try? NSRegularExpression(pattern: text)) == nil {
                        r.error("quality.arguments", argsPath.appending("pattern"), "'\(text)' is not a valid regular expression")
                    }
                } else {
                    r.error("quality.arguments", argsPath.appending("pattern"), "`pattern` must be a string")
                }
            }
        case .duplicateValues:
            if case .object(let columns) = level {
                guard let props = args?["properties"]?.strings, !props.isEmpty else {
                    r.error("quality.arguments", argsPath, "an object-level duplicateValues needs `arguments.properties`: the columns that must be unique together")
                    break
                }
                for (i, name) in props.enumerated() where !columns.contains(name) {
                    r.error("quality.arguments", argsPath.appending("properties").appending(i), "'\(name)' is not a property of this table")
                }
            }
        default: break
        }
        switch (metric, level) {
        case (.rowCount, .property):
            r.error("quality.level", path.appending(metricKey), "rowCount is an object-level metric; move it to the table's `quality`")
        case (.nullValues, .object), (.missingValues, .object), (.invalidValues, .object):
            r.error("quality.level", path.appending(metricKey), "\(metric!.rawValue) is a property-level metric; move it to a column's `quality`")
        default: break
        }
        if metric == .rowCount, unit == QualityUnit.percent.rawValue {
            r.error("quality.unit", path.appending("unit"), "rowCount counts rows; unit percent does not apply")
        }
    }

    private func lintCustomRule(_ rule: YAMLNode, at path: YAMLPath, level: RuleLevel, _ r: inout LintReport) {
        if rule["engine"] == nil { r.error("odcs.required", path.appending("engine"), "a custom quality rule is missing required field `engine`") }
        guard let implementation = rule["implementation"] else {
            r.error("odcs.required", path.appending("implementation"), "a custom quality rule is missing required field `implementation`")
            return
        }
        if implementation.string == nil, implementation.entries == nil {
            r.error("odcs.type", path.appending("implementation"), "`implementation` must be a string or a mapping, not \(implementation.shapeName)")
            return
        }
        guard rule["engine"]?.string == MeshworkCheck.engine else { return }
        let implPath = path.appending("implementation")
        var node = implementation
        if let text = implementation.string {
            guard let parsed = try? YAMLNode.parse(text) else {
                r.error("meshwork.implementation", implPath, "the meshwork implementation string is not valid YAML")
                return
            }
            node = parsed
        }
        let problems = MeshworkCheck.problems(in: node)
        for (p, message) in problems {
            r.error("meshwork.implementation", YAMLPath(components: implPath.components + p.components), message)
        }
        guard problems.isEmpty, let check = try? MeshworkCheck(implementation: node) else { return }
        switch level {
        case .object(let columns):
            if let column = check.column {
                if !columns.contains(column) {
                    r.error("meshwork.implementation", implPath.appending("arguments").appending("column"), "'\(column)' is not a property of this table")
                }
            } else {
                r.error("meshwork.implementation", implPath.appending("arguments"),
                        "an object-level meshwork \(check.metric.rawValue) check needs `arguments.column`")
            }
        case .property(let type):
            let numericOnly: Set<MeshworkCheck.Metric> = [.mean, .stddev, .quantile]
            if numericOnly.contains(check.metric), let type, type != .integer, type != .number {
                r.error("meshwork.implementation", implPath.appending("metric"), "\(check.metric.rawValue) needs a numeric column, not \(type.rawValue)")
            }
            if check.metric == .freshness, let type, type != .timestamp, type != .date {
                r.error("meshwork.implementation", implPath.appending("metric"), "freshness needs a timestamp or date column, not \(type.rawValue)")
            }
        }
        if check.metric == .drift, check.condition.operands.contains(where: { $0 < 0 }) {
            r.error("meshwork.implementation", implPath.appending(check.condition.op.rawValue), "PSI is never negative; use a threshold ≥ 0")
        }
    }
}
