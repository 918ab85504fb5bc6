/// The ODCS library metrics Meshwork evaluates.
public enum QualityMetric: String, Sendable, Hashable, CaseIterable, Codable {
    /// Count (or percent) of nulls in a column.
    case nullValues
    /// Count of values listed as missing in `arguments.missingValues` (nulls, `''`, `N/A`...).
    case missingValues
    /// Count of values outside `arguments.validValues` or not matching `arguments.pattern`.
    case invalidValues
    /// Count of repeated values in a column, or of repeated `arguments.properties` tuples at object level.
    case duplicateValues
    /// Number of rows in the object (object level).
    case rowCount
}

/// The unit a library metric is counted in.
public enum QualityUnit: String, Sendable, Hashable, CaseIterable, Codable {
    /// An absolute number of rows (the ODCS default).
    case rows
    /// A percentage of the rows, 0–100.
    case percent
}

/// What a failing rule does: an error blocks (publication fails), a warning only reports.
public enum QualitySeverity: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// The rule reports its failure but does not block.
    case warning
    /// The rule blocks: the default when a rule has no `severity`.
    case error

    /// The severity of a rule that does not name one.
    public static let `default` = QualitySeverity.error

    public static func < (lhs: QualitySeverity, rhs: QualitySeverity) -> Bool { lhs == .warning && rhs == .error }
}

/// The kind of an ODCS quality rule (`type`).
public enum QualityRuleType: String, Sendable, Hashable, CaseIterable, Codable {
    /// Human-readable only.
    case text
    /// An ODCS library metric (`metric` + operator): the default.
    case library
    /// A SQL query compared with an operator.
    case sql
    /// An engine-specific check (`engine` + `implementation`); `engine: meshwork` is ours.
    case custom
}

/// Arguments of a library metric.
public struct QualityArguments: Sendable, Hashable {
    /// `missingValues`: values that count as missing (may include null).
    public var missingValues: [ScalarValue]
    /// `validValues`: the allowed values for `invalidValues`.
    public var validValues: [ScalarValue]
    /// `pattern`: a regular expression valid values match, for `invalidValues`.
    public var pattern: String?
    /// `properties`: the columns of an object-level `duplicateValues`.
    public var properties: [String]

    /// Reads the `arguments` mapping (missing keys give empty values).
    public init(node: YAMLNode?) {
        missingValues = node?["missingValues"]?.items?.compactMap(ScalarValue.init(node:)) ?? []
        validValues = node?["validValues"]?.items?.compactMap(ScalarValue.init(node:)) ?? []
        pattern = node?["pattern"]?.string
        properties = node?["properties"]?.strings ?? []
    }

    /// Creates arguments.
    public init(missingValues: [ScalarValue] = [], validValues: [ScalarValue] = [], pattern: String? = nil, properties: [String] = []) {
        self.missingValues = missingValues
        self.validValues = validValues
        self.pattern = pattern
        self.properties = properties
    }
}

/// One entry of a `quality[]` list, at object or property level.
///
/// The view is lenient: fields of the wrong shape read as nil and ``ContractLinter`` reports
/// them. Unknown keys are kept in ``source`` and written back.
public struct QualityRule: Sendable, Hashable {
    /// Stable identifier (`id`).
    public var id: String?
    /// Short name (`name`).
    public var name: String?
    /// Human description (`description`).
    public var description: String?
    /// `type` as written; nil when absent (then `library` if a metric is given).
    public var typeName: String?
    /// The metric name from `metric`, or from the deprecated `rule` key.
    public var metricName: String?
    /// The metric's `arguments`.
    public var arguments: QualityArguments
    /// The pass condition (exactly one operator), if readable.
    public var condition: QualityCondition?
    /// `unit` as written; nil means rows.
    public var unitName: String?
    /// `severity` as written; nil means ``QualitySeverity/default``.
    public var severityName: String?
    /// `dimension` (accuracy, completeness...).
    public var dimension: String?
    /// `query` of a SQL rule.
    public var query: String?
    /// `engine` of a custom rule.
    public var engine: String?
    /// `implementation` of a custom rule (a string or a mapping).
    public var implementation: YAMLNode?
    /// The entry as it was read.
    public var source: YAMLNode

    /// Reads a rule entry.
    public init(node: YAMLNode) {
        source = node
        id = node["id"]?.string
        name = node["name"]?.string
        description = node["description"]?.string
        typeName = node["type"]?.string
        metricName = node["metric"]?.string ?? node["rule"]?.string
        arguments = QualityArguments(node: node["arguments"])
        condition = QualityCondition(in: node)
        unitName = node["unit"]?.string
        severityName = node["severity"]?.string
        dimension = node["dimension"]?.string
        query = node["query"]?.string
        engine = node["engine"]?.string
        implementation = node["implementation"]
    }

    /// A library rule, for building contracts in code.
    public init(id: String? = nil, metric: QualityMetric, condition: QualityCondition,
                unit: QualityUnit? = nil, severity: QualitySeverity? = nil, arguments: QualityArguments = QualityArguments()) {
        self.init(node: YAMLNode(.mapping([])))
        self.id = id
        self.metricName = metric.rawValue
        self.condition = condition
        self.unitName = unit?.rawValue
        self.severityName = severity?.rawValue
        self.arguments = arguments
    }

    /// The rule type (`library` when `type` is absent); nil for a type ODCS does not define.
    public var type: QualityRuleType? {
        guard let typeName else { return .library }
        return QualityRuleType(rawValue: typeName)
    }

    /// The library metric, when it is one Meshwork knows.
    public var metric: QualityMetric? { metricName.flatMap(QualityMetric.init(rawValue:)) }

    /// The unit (rows when absent); nil for an unknown unit.
    public var unit: QualityUnit? {
        guard let unitName else { return .rows }
        return QualityUnit(rawValue: unitName)
    }

    /// The severity (``QualitySeverity/default`` when absent); nil for an unknown value.
    public var severity: QualitySeverity? {
        guard let severityName else { return .default }
        return QualitySeverity(rawValue: severityName)
    }

    /// True for `type: custom` with `engine: meshwork`.
    public var isMeshwork: Bool { type == .custom && engine == MeshworkCheck.engine }

    /// The Meshwork extension check, when this is one and its implementation reads cleanly.
    public var meshworkCheck: MeshworkCheck? {
        guard isMeshwork, let implementation else { return nil }
        return try? MeshworkCheck(implementation: implementation)
    }

    /// A short label for reports: the id, else the name, else the metric or type.
    public var label: String { id ?? name ?? metricName ?? meshworkCheck?.metric.rawValue ?? typeName ?? "rule" }

    /// The rule as YAML (unknown keys kept).
    public func node() -> YAMLNode {
        var node = source
        node.set("id", string: id)
        node.set("name", string: name)
        node.set("description", string: description)
        node.set("type", string: typeName)
        if source["rule"] != nil, source["metric"] == nil {
            node.set("rule", string: metricName)
        } else {
            node.set("metric", string: metricName)
        }
        var args = node["arguments"] ?? YAMLNode(.mapping([]))
        if !arguments.missingValues.isEmpty || args["missingValues"] != nil {
            args.set("missingValues", .sequence(arguments.missingValues.map(\.node)))
        }
        if !arguments.validValues.isEmpty || args["validValues"] != nil {
            args.set("validValues", .sequence(arguments.validValues.map(\.node)))
        }
        args.set("pattern", string: arguments.pattern)
        if !arguments.properties.isEmpty || args["properties"] != nil {
            args.set("properties", strings: arguments.properties)
        }
        node.set("arguments", (args.entries?.isEmpty ?? true) && node["arguments"] == nil ? nil : args)
        if let condition {
            for op in QualityOperator.allCases where op != condition.op { node.set(op.rawValue, nil) }
            if QualityCondition(in: source) != condition { node.set(condition.op.rawValue, condition.yamlValue) }
        }
        node.set("unit", string: unitName)
        node.set("severity", string: severityName)
        node.set("dimension", string: dimension)
        node.set("query", string: query)
        node.set("engine", string: engine)
        node.set("implementation", implementation)
        return node
    }
}
