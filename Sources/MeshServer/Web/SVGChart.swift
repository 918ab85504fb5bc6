import Foundation

/// A small inline SVG line chart (values over versions), drawn server-side.
struct SVGChart {
    /// The chart's title, shown above the plot.
    var title: String
    /// The x labels (`v1`, `v2`…) and the values; nil values leave a gap.
    var points: [(label: String, value: Double?)]
    /// How a value is printed on the axis and in tooltips.
    var format: (Double) -> String
    /// Whether the y axis starts at zero (counts, rates) rather than at the smallest value.
    var fromZero = true
    var width = 340.0
    var height = 150.0

    static let left = 48.0, right = 10.0, top = 22.0, bottom = 24.0

    /// The plotted coordinates of each non-nil point, in order.
    func coordinates() -> [(x: Double, y: Double, label: String, value: Double)] {
        let values = points.compactMap(\.value)
        guard !values.isEmpty else { return [] }
        let low = fromZero ? min(0, values.min()!) : values.min()!
        var high = values.max()!
        if high == low { high = low + (low == 0 ? 1 : abs(low) * 0.1) }
        let plotWidth = width - Self.left - Self.right, plotHeight = height - Self.top - Self.bottom
        let step = points.count > 1 ? plotWidth / Double(points.count - 1) : 0
        var out: [(Double, Double, String, Double)] = []
        for (i, point) in points.enumerated() {
            guard let value = point.value else { continue }
            let x = Self.left + (points.count > 1 ? Double(i) * step : plotWidth / 2)
            let y = Self.top + plotHeight * (1 - (value - low) / (high - low))
            out.append((x, y, point.label, value))
        }
        return out
    }

    /// The `<svg>` element.
    func svg() -> String {
        let coords = coordinates()
        var s = "<svg class=\"chart\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
        s += "<text x=\"0\" y=\"13\" style=\"font-weight:600;fill:#1d2433\">\(HTML.escape(title))</text>"
        let baseY = height - Self.bottom
        s += "<line class=\"axis\" x1=\"\(Self.left)\" y1=\"\(baseY)\" x2=\"\(width - Self.right)\" y2=\"\(baseY)\"/>"
        s += "<line class=\"axis\" x1=\"\(Self.left)\" y1=\"\(Self.top)\" x2=\"\(Self.left)\" y2=\"\(baseY)\"/>"
        guard !coords.isEmpty else {
            return s + "<text x=\"\(Self.left + 8)\" y=\"\(Self.top + 30)\">no data</text></svg>"
        }
        let values = coords.map(\.value)
        let top = coords.min { $0.y < $1.y }!, bottom = coords.max { $0.y < $1.y }!
        s += "<text x=\"\(Self.left - 4)\" y=\"\(fmt(top.y + 4))\" text-anchor=\"end\">\(HTML.escape(format(values.max()!)))</text>"
        if bottom.y != top.y {
            s += "<text x=\"\(Self.left - 4)\" y=\"\(fmt(bottom.y + 4))\" text-anchor=\"end\">\(HTML.escape(format(values.min()!)))</text>"
        }
        s += "<polyline class=\"chart-line\" points=\"" + coords.map { "\(fmt($0.x)),\(fmt($0.y))" }.joined(separator: " ") + "\"/>"
        let every = max(1, coords.count / 8)
        for (i, c) in coords.enumerated() {
            s += "<circle class=\"chart-dot\" cx=\"\(fmt(c.x))\" cy=\"\(fmt(c.y))\" r=\"3\"><title>\(HTML.escape(c.label)): \(HTML.escape(format(c.value)))</title></circle>"
            if i % every == 0 || i == coords.count - 1 {
                s += "<text x=\"\(fmt(c.x))\" y=\"\(fmt(baseY + 15))\" text-anchor=\"middle\">\(HTML.escape(c.label))</text>"
            }
        }
        return s + "</svg>"
    }

    func fmt(_ v: Double) -> String { String(format: "%.1f", v) }
}
