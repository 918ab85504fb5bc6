import Foundation

/// The population stability index between a baseline and a current distribution.
///
/// `PSI = Σ (current_i − baseline_i) · ln(current_i / baseline_i)` over shared bins: numeric
/// columns use the baseline's equal-depth bins (from its quantile sketch) applied to both
/// profiles; strings and booleans use category frequencies (the union of both frequent-value
/// summaries plus an "other" bucket). Empty bins are floored at ``DriftMeasure/epsilon``.
/// Rules of thumb: below 0.1 stable, 0.1–0.25 a moderate shift, above 0.25 a major shift.
public struct DriftMeasure: Sendable, Hashable, Codable {
    /// The column compared.
    public var column: String
    /// How the bins were formed: `histogram` or `categories`.
    public var method: String
    /// The population stability index.
    public var psi: Double
    /// Bin labels (edges as `≤x`, or category values, plus `other`).
    public var bins: [String]
    /// Baseline fraction per bin.
    public var baseline: [Double]
    /// Current fraction per bin.
    public var current: [Double]

    /// The floor for empty bins, so the index stays finite.
    public static let epsilon = 1e-4

    /// Measures drift of `current` against `baseline` (same column); `nil` when the column has no
    /// comparable distribution (binary, uuid, lists without values) or either side is empty.
    public static func measure(baseline: ColumnProfile, current: ColumnProfile, bins: Int = 10) -> DriftMeasure? {
        if baseline.kind.isNumeric, current.kind.isNumeric {
            let edges = baseline.histogramEdges(bins: bins)
            guard let b = baseline.histogram(edges: edges), let c = current.histogram(edges: edges),
                  b.count > 0, c.count > 0 else { return nil }
            var labels = edges.map { "<=\($0)" }
            labels.append(edges.last.map { ">\($0)" } ?? "all")
            return DriftMeasure(column: current.name, method: "histogram", psi: psi(b.fractions, c.fractions),
                                bins: labels, baseline: b.fractions, current: c.fractions)
        }
        guard let bf = baseline.frequent, let cf = current.frequent, bf.total > 0, cf.total > 0 else { return nil }
        var categories = Set(bf.items.map(\.value))
        categories.formUnion(cf.items.map(\.value))
        let ordered = categories.sorted()
        var b = ordered.map { Double(bf.count(of: $0)) / Double(bf.total) }
        var c = ordered.map { Double(cf.count(of: $0)) / Double(cf.total) }
        b.append(Swift.max(0, 1 - b.reduce(0, +)))
        c.append(Swift.max(0, 1 - c.reduce(0, +)))
        return DriftMeasure(column: current.name, method: "categories", psi: psi(b, c),
                            bins: ordered + ["other"], baseline: b, current: c)
    }

    /// The index for two aligned fraction vectors.
    public static func psi(_ baseline: [Double], _ current: [Double]) -> Double {
        var total = 0.0
        for (b0, c0) in zip(baseline, current) {
            if b0 <= 0 && c0 <= 0 { continue }
            let b = Swift.max(b0, epsilon), c = Swift.max(c0, epsilon)
            total += (c - b) * log(c / b)
        }
        return total
    }
}
