/// A histogram of a numeric column: bin edges and the fraction of values in each bin.
///
/// Bins are `(-inf, edges[0]]`, `(edges[0], edges[1]]`, …, `(edges.last, +inf)`, so two
/// profiles can be binned on the same edges (the baseline's) and compared.
public struct Histogram: Sendable, Hashable, Codable {
    /// The inner bin boundaries, strictly increasing.
    public var edges: [Double]
    /// The fraction of values in each of the `edges.count + 1` bins; sums to 1 (or 0 when empty).
    public var fractions: [Double]
    /// The number of values binned.
    public var count: Int

    /// Creates a histogram from its parts.
    public init(edges: [Double], fractions: [Double], count: Int) {
        self.edges = edges
        self.fractions = fractions
        self.count = count
    }
}

extension ColumnProfile {
    /// Equal-depth bin edges from the quantile sketch: the `i/bins` quantiles for `i` in
    /// `1..<bins`, duplicates and the maximum removed (so discrete columns get one bin per value).
    public func histogramEdges(bins: Int = 10) -> [Double] {
        guard let view = quantiles?.sortedView(), bins > 1 else { return [] }
        var edges: [Double] = []
        for i in 1..<bins {
            // An edge at the maximum would leave an always-empty last bin.
            if let q = view.quantile(Double(i) / Double(bins)), q < view.max, edges.last.map({ q > $0 }) ?? true { edges.append(q) }
        }
        return edges
    }

    /// The histogram of the numeric reading on `edges` (derived from the quantile sketch).
    public func histogram(edges: [Double]) -> Histogram? {
        guard let sketch = quantiles else { return nil }
        guard sketch.count > 0 else { return Histogram(edges: edges, fractions: Array(repeating: 0, count: edges.count + 1), count: 0) }
        let view = sketch.sortedView()
        var fractions: [Double] = []
        var previous = 0.0
        for edge in edges {
            let cumulative = view.cumulativeFraction(edge)
            fractions.append(Swift.max(0, cumulative - previous))
            previous = Swift.max(previous, cumulative)
        }
        fractions.append(Swift.max(0, 1 - previous))
        return Histogram(edges: edges, fractions: fractions, count: sketch.count)
    }

    /// An equal-depth histogram with about `bins` bins.
    public func histogram(bins: Int = 10) -> Histogram? { histogram(edges: histogramEdges(bins: bins)) }
}
