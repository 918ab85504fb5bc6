/// Count, mean and sum of squared deviations of a stream of doubles (Welford), mergeable with
/// Chan et al.'s parallel formula so any split of the input gives the same figures up to
/// floating-point rounding.
public struct Moments: Sendable, Equatable, Codable {
    /// The number of values.
    public private(set) var count: Int = 0
    /// The arithmetic mean (0 when empty).
    public private(set) var mean: Double = 0
    /// The sum of squared deviations from the mean.
    public private(set) var m2: Double = 0

    /// Creates empty moments.
    public init() {}

    /// Creates moments from their parts.
    public init(count: Int, mean: Double, m2: Double) {
        self.count = count
        self.mean = mean
        self.m2 = m2
    }

    /// Records one value.
    public mutating func insert(_ value: Double) {
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        m2 += delta * (value - mean)
    }

    /// Records many values: the batch's own mean and squared deviations (two tight passes),
    /// then one Chan merge.
    public mutating func insert(contentsOf values: UnsafeBufferPointer<Double>) {
        guard !values.isEmpty else { return }
        var sum = 0.0
        for v in values { sum += v }
        let batchMean = sum / Double(values.count)
        var squares = 0.0
        for v in values {
            let d = v - batchMean
            squares += d * d
        }
        merge(Moments(count: values.count, mean: batchMean, m2: squares))
    }

    /// Folds `other` in (Chan's parallel update).
    public mutating func merge(_ other: Moments) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let n = Double(count + other.count)
        let delta = other.mean - mean
        mean += delta * Double(other.count) / n
        m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / n
        count += other.count
    }

    /// The population variance (divides by `count`); `nil` when empty.
    public var variance: Double? { count > 0 ? m2 / Double(count) : nil }

    /// The sample variance (divides by `count - 1`); `nil` with fewer than two values.
    public var sampleVariance: Double? { count > 1 ? m2 / Double(count - 1) : nil }

    /// The population standard deviation; `nil` when empty.
    public var standardDeviation: Double? { variance.map { $0.squareRoot() } }

    /// The sample standard deviation; `nil` with fewer than two values.
    public var sampleStandardDeviation: Double? { sampleVariance.map { $0.squareRoot() } }
}
