import Columnar
import Foundation

/// The statistics of a whole data set (a batch, a file, a version): one ``ColumnProfile`` per
/// column, mergeable and `Codable` so it can be stored with every version.
public struct DatasetProfile: Sendable, Equatable, Codable {
    /// The sketch parameters used; profiles merge only when these agree.
    public let options: ProfileOptions
    /// The number of rows.
    public internal(set) var rowCount: Int
    /// One profile per column, in schema order.
    public internal(set) var columns: [ColumnProfile]

    /// Creates an empty profile for `schema`.
    public init(schema: Schema, options: ProfileOptions = ProfileOptions()) throws(QualityError) {
        if let event = options.eventTimeColumn {
            guard let field = schema.field(named: event) else {
                throw QualityError(.unknownColumn, "the event-time column '\(event)' is not in the data (have: \(schema.names.joined(separator: ", ")))", column: event)
            }
            switch field.type {
            case .timestamp, .date: break
            default:
                throw QualityError(.invalidParameter, "the event-time column must be a timestamp or date, but it is \(field.type)", column: event)
            }
        }
        self.options = options
        self.rowCount = 0
        var columns: [ColumnProfile] = []
        for field in schema.fields {
            columns.append(try ColumnProfile(name: field.name, type: field.type, options: options))
        }
        self.columns = columns
    }

    /// The profile of the column called `name`.
    public func column(named name: String) -> ColumnProfile? { columns.first { $0.name == name } }

    /// The ``ProfileOptions/topK`` most frequent values of a string or boolean column.
    public func topValues(of name: String) -> [FrequentValues.Item] {
        column(named: name)?.frequent?.top(options.topK) ?? []
    }

    /// The newest event time: the maximum of ``ProfileOptions/eventTimeColumn``, if set and present.
    public var newestEventTime: Date? {
        guard let name = options.eventTimeColumn else { return nil }
        return column(named: name)?.newestInstant
    }

    /// Folds in the profile of other rows of the same data set (another batch, file or version).
    public mutating func merge(_ other: DatasetProfile) throws(QualityError) {
        guard other.options.distinctPrecision == options.distinctPrecision,
              other.options.quantileAccuracy == options.quantileAccuracy,
              other.options.frequentCapacity == options.frequentCapacity else {
            throw QualityError(.incompatibleMerge, "profiles were computed with different sketch parameters")
        }
        guard other.columns.map(\.name) == columns.map(\.name) else {
            throw QualityError(.incompatibleMerge, "profiles have different columns: [\(columns.map(\.name).joined(separator: ", "))] vs [\(other.columns.map(\.name).joined(separator: ", "))]")
        }
        for i in columns.indices { try columns[i].merge(other.columns[i]) }
        rowCount += other.rowCount
    }

    /// Stable JSON: sorted keys, no insignificant whitespace.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// Decodes a profile written by ``jsonData()``.
    public static func decode(json: Data) throws(QualityError) -> DatasetProfile {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return try decoder.decode(DatasetProfile.self, from: json) } catch {
            throw QualityError(.corruptProfile, "stored profile cannot be read: \(error)")
        }
    }
}

/// Computes a ``DatasetProfile`` in one streaming pass over record batches.
///
/// ```swift
/// var profiler = try DatasetProfiler(schema: schema, options: ProfileOptions(eventTimeColumn: "ts"))
/// for batch in batches { try profiler.add(batch) }
/// let profile = profiler.profile
/// ```
public struct DatasetProfiler: Sendable {
    /// The schema every batch must have.
    public let schema: Schema
    /// The profile so far.
    public internal(set) var profile: DatasetProfile

    /// Creates a profiler for batches of `schema`.
    public init(schema: Schema, options: ProfileOptions = ProfileOptions()) throws(QualityError) {
        self.schema = schema
        self.profile = try DatasetProfile(schema: schema, options: options)
    }

    /// Adds the rows of `batch` (its column names and types must match the schema).
    ///
    /// Large batches are profiled column by column on all cores.
    public mutating func add(_ batch: RecordBatch) throws(QualityError) {
        try validate(batch)
        parallelUpdate(batch, extraTasks: 0) { _ in }
    }

    func validate(_ batch: RecordBatch) throws(QualityError) {
        guard batch.schema.fields.count == schema.fields.count else {
            throw QualityError(.schemaMismatch, "batch has \(batch.schema.fields.count) columns, the profiler expects \(schema.fields.count)")
        }
        for (a, b) in zip(batch.schema.fields, schema.fields) where a.name != b.name || a.type != b.type {
            throw QualityError(.schemaMismatch, "batch column '\(a.name)' (\(a.type)) does not match '\(b.name)' (\(b.type))", column: a.name)
        }
    }

    /// Updates every column profile with `batch` and runs `extra(0..<extraTasks)` alongside,
    /// spreading the tasks over the cores when the batch is large enough to be worth it.
    mutating func parallelUpdate(_ batch: RecordBatch, extraTasks: Int, _ extra: @Sendable (Int) -> Void) {
        let columns = batch.columns
        let tasks = columns.count + extraTasks
        if batch.count < 16_384 || tasks < 2 {
            for i in columns.indices { profile.columns[i].update(columns[i]) }
            for j in 0..<extraTasks { extra(j) }
        } else {
            profile.columns.withUnsafeMutableBufferPointer { buffer in
                // Each task writes only its own element, so the tasks never share mutable state.
                nonisolated(unsafe) let profiles = buffer
                DispatchQueue.concurrentPerform(iterations: tasks) { task in
                    if task < columns.count { profiles[task].update(columns[task]) } else { extra(task - columns.count) }
                }
            }
        }
        profile.rowCount += batch.count
    }

    /// The profile of `batches` in one call.
    public static func profile(_ batches: some Sequence<RecordBatch>, schema: Schema,
                               options: ProfileOptions = ProfileOptions()) throws(QualityError) -> DatasetProfile {
        var profiler = try DatasetProfiler(schema: schema, options: options)
        for batch in batches { try profiler.add(batch) }
        return profiler.profile
    }
}
