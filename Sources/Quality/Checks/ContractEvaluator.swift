import Columnar
import Contracts
import Foundation
import Governance

/// Tests data against a contract in one streaming pass: statistics for the profile and the
/// value-level checks (uniqueness, allowed values, patterns, ranges) are computed together, then
/// ``finish()`` evaluates every check — schema match, distribution bounds, freshness, the
/// contract's quality rules (ODCS library metrics and Meshwork statistics), glossary and policy
/// constraints, and drift against the previous version.
///
/// ```swift
/// var evaluator = try ContractEvaluator(contract: contract, schema: schema, options: QualityOptions(baseline: previous))
/// for batch in batches { try evaluator.add(batch) }
/// let report = evaluator.finish()   // report.blocking: an error-severity check failed
/// ```
public struct ContractEvaluator: Sendable {
    /// The contract checked.
    public let contract: DataContract
    /// The `schema[]` object the data is.
    public let object: SchemaObject
    /// The data's schema.
    public let schema: Schema
    /// The run's options.
    public let options: QualityOptions
    /// The event-time column used for freshness, if any.
    public let eventTimeColumn: String?
    var profiler: DatasetProfiler
    var scans: [ValueScan] = []
    var plan: [PlannedCheck] = []

    /// Plans every check of `contract` for data of `schema`.
    ///
    /// - Throws: ``QualityError`` when the contract has no such object or has no schema.
    public init(contract: DataContract, schema: Schema, options: QualityOptions = QualityOptions()) throws(QualityError) {
        let objectName = options.object ?? contract.schema.first?.name
        guard let objectName, let object = contract.object(named: objectName) else {
            let have = contract.schema.map(\.name).joined(separator: ", ")
            throw QualityError(.invalidRule, options.object.map { "the contract has no schema object '\($0)' (have: \(have))" }
                               ?? "the contract declares no schema object to test the data against")
        }
        self.contract = contract
        self.object = object
        self.schema = schema
        self.options = options
        let event = Self.eventTime(contract: contract, object: object, schema: schema, requested: options.eventTimeColumn)
        self.eventTimeColumn = event
        var profileOptions = options.profile
        profileOptions.eventTimeColumn = event
        profiler = try DatasetProfiler(schema: schema, options: profileOptions)
        planChecks()
    }

    /// Adds a batch of the data.
    public mutating func add(_ batch: RecordBatch) throws(QualityError) {
        try profiler.validate(batch)
        scans.withUnsafeMutableBufferPointer { buffer in
            // Each task touches only its own scan (or column profile), never another's.
            nonisolated(unsafe) let scans = buffer
            profiler.parallelUpdate(batch, extraTasks: scans.count) { scans[$0].add(batch) }
        }
    }

    /// The statistics so far.
    public var profile: DatasetProfile { profiler.profile }

    /// Evaluates every planned check on the data added so far.
    public func finish() -> QualityReport {
        let context = CheckContext(profile: profiler.profile, schema: schema, scans: scans, options: options, object: object.name,
                                   eventTimeColumn: eventTimeColumn, contract: contract)
        let results = context.evaluateAll(plan)
        return QualityReport(contract: contract.id, object: object.name, checkedAt: options.now, results: results,
                             profile: profiler.profile)
    }

    /// Tests `batches` against `contract` in one call.
    public static func evaluate(contract: DataContract, batches: some Sequence<RecordBatch>, schema: Schema,
                                options: QualityOptions = QualityOptions()) throws(QualityError) -> QualityReport {
        var evaluator = try ContractEvaluator(contract: contract, schema: schema, options: options)
        for batch in batches { try evaluator.add(batch) }
        return evaluator.finish()
    }

    /// The event-time column: requested, else the latency SLA's element, else the first
    /// timestamp or date property present in the data.
    static func eventTime(contract: DataContract, object: SchemaObject, schema: Schema, requested: String?) -> String? {
        func usable(_ name: String) -> Bool {
            switch schema.field(named: name)?.type {
            case .timestamp?, .date?: true
            default: false
            }
        }
        if let requested { return usable(requested) ? requested : nil }
        if let element = contract.slaProperties.first(.latency)?.element {
            let parts = element.split(separator: ".").map(String.init)
            if let column = parts.last, parts.count == 1 || parts.first == object.name, usable(column) { return column }
        }
        return object.properties.first { ($0.logicalType == .timestamp || $0.logicalType == .date) && usable($0.name) }?.name
    }

    mutating func addScan(_ columns: [String], _ test: ValueTest) -> Int? {
        let indices = columns.compactMap { schema.index(of: $0) }
        guard indices.count == columns.count, !indices.isEmpty else { return nil }
        if case .duplicates = test, let same = scans.firstIndex(where: { scan in
            if case .duplicates = scan.test { return scan.columns == indices }
            return false
        }) {
            return same
        }
        scans.append(ValueScan(columns: indices, test: test))
        return scans.count - 1
    }
}
