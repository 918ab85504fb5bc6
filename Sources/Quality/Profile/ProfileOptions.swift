/// Parameters of the statistics a ``DatasetProfiler`` computes.
///
/// Profiles merge only when computed with the same sketch parameters.
public struct ProfileOptions: Sendable, Hashable, Codable {
    /// HyperLogLog index bits (4...16); standard error ≈ `1.04 / sqrt(2^p)`.
    public var distinctPrecision: Int
    /// KLL accuracy parameter (8...65535); at the default 200 the rank error stays below about 1.7 %.
    public var quantileAccuracy: Int
    /// How many most-frequent string values to report.
    public var topK: Int
    /// How many counters the frequent-values summary keeps (at least ``topK``); distinct counts
    /// up to this number are exact.
    public var frequentCapacity: Int
    /// The column whose newest value is the data's event time (for freshness), if any.
    public var eventTimeColumn: String?

    /// Creates options; the defaults suit most tables.
    public init(distinctPrecision: Int = 14, quantileAccuracy: Int = 200, topK: Int = 20,
                frequentCapacity: Int? = nil, eventTimeColumn: String? = nil) {
        self.distinctPrecision = distinctPrecision
        self.quantileAccuracy = quantileAccuracy
        self.topK = topK
        self.frequentCapacity = max(frequentCapacity ?? max(topK * 5, 100), topK)
        self.eventTimeColumn = eventTimeColumn
    }
}
