/// The Meshwork quality extension: checks ODCS can only express in SQL, written as a valid
/// ODCS custom rule (`type: custom`, `engine: meshwork`) whose `implementation` mapping holds
/// a metric, its arguments and one ODCS operator:
///
/// ```yaml
/// quality:
///   - id: amount_p99
///     type: custom
///     engine: meshwork
///     implementation:
///       metric: quantile
///       arguments: { quantile: 0.99 }
///       mustBeLessThan: 50000
/// ```
///
/// See docs/contract-extensions.md for every metric.
public struct MeshworkCheck: Sendable, Hashable {
    /// The `engine` value that marks a Meshwork check.
    public static let engine = "meshwork"

    /// The statistic a check compares.
    public enum Metric: String, Sendable, Hashable, CaseIterable, Codable {
        /// Smallest non-null value of the column.
        case min
        /// Largest non-null value of the column.
        case max
        /// Arithmetic mean of the non-null values.
        case mean
        /// Population standard deviation of the non-null values.
        case stddev
        /// The value at `arguments.quantile` (0–1), approximate.
        case quantile
        /// Approximate number of distinct non-null values.
        case distinctCount
        /// Population stability index against the previous published version.
        case drift
        /// Age of the newest value of a timestamp column at check time, in `unit` (default hours).
        case freshness
    }

    /// The drift measures Meshwork computes.
    public enum DriftMethod: String, Sendable, Hashable, CaseIterable, Codable {
        /// Population stability index over histogram buckets or category frequencies.
        case psi
    }

    /// The statistic compared.
    public var metric: Metric
    /// The pass condition.
    public var condition: QualityCondition
    /// For `quantile`: the rank in 0...1.
    public var quantile: Double?
    /// For `drift`: the measure (default PSI).
    public var driftMethod: DriftMethod?
    /// For `drift`: the number of histogram buckets for numeric columns (default 10).
    public var buckets: Int?
    /// For `freshness`: the unit the operand is in (default hours).
    public var unit: DurationUnit?
    /// For object-level `freshness`/statistics: the column the check reads.
    public var column: String?

    /// Creates a check.
    public init(metric: Metric, condition: QualityCondition, quantile: Double? = nil, driftMethod: DriftMethod? = nil,
                buckets: Int? = nil, unit: DurationUnit? = nil, column: String? = nil) {
        self.metric = metric
        self.condition = condition
        self.quantile = quantile
        self.driftMethod = driftMethod
        self.buckets = buckets
        self.unit = unit
        self.column = column
    }

    /// Reads an `implementation`: a mapping, or a string holding a YAML mapping.
    ///
    /// - Throws: ``ContractError`` (`.invalidValue`) naming the first thing wrong; the linter
    ///   lists all of them with paths.
    public init(implementation: YAMLNode) throws {
        var node = implementation
        if let text = implementation.string { node = try YAMLNode.parse(text) }
        let problems = Self.problems(in: node)
        if let first = problems.first { throw ContractError(.invalidValue, first.message, path: first.path) }
        metric = Metric(rawValue: node["metric"]?.string ?? "")!
        condition = QualityCondition(in: node)!
        let args = node["arguments"]
        quantile = args?["quantile"]?.double
        driftMethod = args?["method"]?.string.flatMap(DriftMethod.init(rawValue:))
        buckets = args?["buckets"]?.int
        unit = node["unit"]?.string.flatMap(DurationUnit.init(name:))
        column = args?["column"]?.string
    }

    /// Freshness bound in seconds (operand × unit), for `freshness` checks.
    public var unitSeconds: Double { (unit ?? .hours).seconds }

    /// The check as an `implementation` mapping.
    public func implementationNode() -> YAMLNode {
        var node = YAMLNode(.mapping([]))
        node.set("metric", string: metric.rawValue)
        var args: [(String, YAMLNode)] = []
        if let quantile { args.append(("quantile", .number(quantile))) }
        if let driftMethod { args.append(("method", .string(driftMethod.rawValue))) }
        if let buckets { args.append(("buckets", .integer(buckets))) }
        if let column { args.append(("column", .string(column))) }
        if !args.isEmpty { node.set("arguments", .mapping(args)) }
        node.set(condition.op.rawValue, condition.yamlValue)
        if let unit { node.set("unit", string: unit.canonicalName) }
        return node
    }

    /// Every problem of an implementation mapping, with paths relative to `implementation`.
    static func problems(in node: YAMLNode) -> [(path: YAMLPath, message: String)] {
        var out: [(YAMLPath, String)] = []
        guard node.entries != nil else {
            return [(.root, "a meshwork implementation must be a mapping with `metric` and one operator, not \(node.shapeName)")]
        }
        let metricNames = Metric.allCases.map(\.rawValue).joined(separator: ", ")
        let metric = node["metric"]?.string.flatMap(Metric.init(rawValue:))
        if node["metric"] == nil {
            out.append((YAMLPath("metric"), "missing `metric`; one of \(metricNames)"))
        } else if metric == nil {
            out.append((YAMLPath("metric"), "unknown meshwork metric '\(node["metric"]?.scalarText ?? "")'; one of \(metricNames)"))
        }
        for (path, message) in QualityConditionLint.problems(in: node) { out.append((path, message)) }
        let args = node["arguments"]
        if let args, args.entries == nil {
            out.append((YAMLPath("arguments"), "`arguments` must be a mapping"))
        }
        switch metric {
        case .quantile:
            if let q = args?["quantile"] {
                if let v = q.double, v >= 0, v <= 1 {} else {
                    out.append((YAMLPath("arguments.quantile"), "`quantile` must be a number between 0 and 1"))
                }
            } else {
                out.append((YAMLPath("arguments"), "the quantile metric needs `arguments.quantile` (0–1)"))
            }
        case .drift:
            if let m = args?["method"], m.string.flatMap(DriftMethod.init(rawValue:)) == nil {
                out.append((YAMLPath("arguments.method"), "unknown drift method '\(m.scalarText ?? "")'; supported: psi"))
            }
            if let b = args?["buckets"], (b.int ?? 0) < 2 {
                out.append((YAMLPath("arguments.buckets"), "`buckets` must be an integer of at least 2"))
            }
        case .freshness:
            if let u = node["unit"], u.string.flatMap(DurationUnit.init(name:)) == nil {
                out.append((YAMLPath("unit"), "unknown duration unit '\(u.scalarText ?? "")'; use s, m, h, d (or seconds, minutes, hours, days)"))
            }
        default: break
        }
        if let c = args?["column"], c.string == nil {
            out.append((YAMLPath("arguments.column"), "`column` must be a property name"))
        }
        return out
    }
}

/// Shared operator checks for library rules and meshwork implementations.
enum QualityConditionLint {
    /// Problems with the operator keys of `node` (none, several, non-numeric, bad range).
    static func problems(in node: YAMLNode) -> [(YAMLPath, String)] {
        let present = QualityOperator.allCases.filter { node[$0.rawValue] != nil }
        if present.isEmpty {
            let names = QualityOperator.allCases.map(\.rawValue).joined(separator: ", ")
            return [(.root, "needs exactly one operator (\(names))")]
        }
        if present.count > 1 {
            return [(YAMLPath(present[1].rawValue), "has several operators (\(present.map(\.rawValue).joined(separator: ", "))); ODCS allows exactly one per rule")]
        }
        let op = present[0]
        let path = YAMLPath(op.rawValue)
        guard let operand = node[op.rawValue] else { return [] }
        if op.takesRange {
            guard let items = operand.items, items.count == 2, items.allSatisfy({ $0.double != nil }) else {
                return [(path, "`\(op.rawValue)` must be a list of two numbers [low, high], not \(operand.shapeName)")]
            }
            let a = items[0].double!, b = items[1].double!
            if a >= b { return [(path, "`\(op.rawValue)` range [\(items[0].scalarText!), \(items[1].scalarText!)] must have low < high")] }
        } else if operand.double == nil {
            return [(path, "`\(op.rawValue)` must be a number, not \(operand.shapeName)")]
        }
        return []
    }
}
