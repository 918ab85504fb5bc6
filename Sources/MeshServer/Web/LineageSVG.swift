import Catalog
import Foundation
import Mesh

/// A lineage graph drawn as SVG: the product version in the middle, its upstream to the left
/// and its downstream to the right, one column per step; boxes link to their pages.
struct LineageSVG {
    /// One placed box.
    struct Box {
        var node: LineageGraph.Node
        var column: Int
        var row: Int
    }

    let root: LineageNode
    let boxes: [LineageNode: Box]
    let edges: [LineageGraph.Edge]

    static let boxWidth = 250.0, boxHeight = 40.0, columnGap = 70.0, rowGap = 18.0, margin = 12.0

    /// Lays out the union of `upstream` and `downstream` (walked from the same root).
    init(root: LineageNode, upstream: LineageGraph, downstream: LineageGraph) {
        self.root = root
        var columnOf: [LineageNode: (LineageGraph.Node, Int)] = [:]
        for node in upstream.nodes { columnOf[node.node] = (node, -node.depth) }
        for node in downstream.nodes where columnOf[node.node] == nil || node.depth == 0 { columnOf[node.node] = (node, node.depth) }
        var rows: [Int: Int] = [:]
        var boxes: [LineageNode: Box] = [:]
        // Stable order: by column, then label.
        for (node, entry) in columnOf.sorted(by: { ($0.value.1, $0.value.0.label) < ($1.value.1, $1.value.0.label) }) {
            let row = rows[entry.1, default: 0]
            rows[entry.1] = row + 1
            boxes[node] = Box(node: entry.0, column: entry.1, row: row)
        }
        self.boxes = boxes
        var seen: Set<String> = []
        edges = (upstream.edges + downstream.edges).filter { seen.insert("\($0.upstream)→\($0.downstream)") .inserted }
    }

    var minColumn: Int { boxes.values.map(\.column).min() ?? 0 }
    var maxColumn: Int { boxes.values.map(\.column).max() ?? 0 }
    var maxRows: Int { Dictionary(grouping: boxes.values, by: \.column).values.map(\.count).max() ?? 1 }

    /// The top-left corner of a box.
    func origin(_ box: Box) -> (x: Double, y: Double) {
        (Self.margin + Double(box.column - minColumn) * (Self.boxWidth + Self.columnGap),
         Self.margin + Double(box.row) * (Self.boxHeight + Self.rowGap))
    }

    /// The page a node links to, if it has one.
    static func link(_ node: LineageNode) -> String? {
        guard node.kind == .productVersion, let at = node.key.lastIndex(of: "@") else { return nil }
        return "/products/" + HTML.url(String(node.key[..<at]))
    }

    /// The `<svg>` element.
    func svg() -> String {
        let columns = maxColumn - minColumn + 1
        let width = Self.margin * 2 + Double(columns) * Self.boxWidth + Double(columns - 1) * Self.columnGap
        let height = Self.margin * 2 + Double(maxRows) * Self.boxHeight + Double(maxRows - 1) * Self.rowGap
        var s = "<svg class=\"lineage\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"lineage graph\">"
        s += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#9aa8bf\"/></marker></defs>"
        for edge in edges {
            guard let from = boxes[edge.upstream], let to = boxes[edge.downstream] else { continue }
            let a = origin(from), b = origin(to)
            let x1 = a.x + Self.boxWidth, y1 = a.y + Self.boxHeight / 2, x2 = b.x, y2 = b.y + Self.boxHeight / 2
            let mid = (x1 + x2) / 2
            s += "<path class=\"edge\" marker-end=\"url(#arrow)\" d=\"M\(f(x1)),\(f(y1)) C\(f(mid)),\(f(y1)) \(f(mid)),\(f(y2)) \(f(x2)),\(f(y2))\"><title>\(HTML.escape(edge.relation))</title></path>"
        }
        for box in boxes.values.sorted(by: { ($0.column, $0.row) < ($1.column, $1.row) }) {
            let o = origin(box)
            var classes = "node"
            if box.node.node == root { classes += " root" }
            if box.node.status == "revoked" { classes += " revoked" }
            let kind = switch box.node.node.kind {
            case .productVersion: "product version"
            case .trainingSet: "training set"
            case .model: "model"
            }
            var inner = "<rect x=\"\(f(o.x))\" y=\"\(f(o.y))\" width=\"\(f(Self.boxWidth))\" height=\"\(f(Self.boxHeight))\"/>"
            inner += "<text x=\"\(f(o.x + 8))\" y=\"\(f(o.y + 16))\">\(HTML.escape(Self.clip(box.node.label, 34)))</text>"
            let detail = Self.clip("\(kind) · \(box.node.status)" + (box.node.owner.map { " · \($0)" } ?? ""), 36)
            inner += "<text x=\"\(f(o.x + 8))\" y=\"\(f(o.y + 31))\" style=\"fill:#5d6b82;font-size:10px\">\(HTML.escape(detail))</text>"
            inner += "<title>\(HTML.escape(box.node.label))</title>"
            if let link = Self.link(box.node.node) {
                s += "<a href=\"\(link)\"><g class=\"\(classes)\">\(inner)</g></a>"
            } else {
                s += "<g class=\"\(classes)\">\(inner)</g>"
            }
        }
        return s + "</svg>"
    }

    static func clip(_ text: String, _ length: Int) -> String { text.count <= length ? text : String(text.prefix(length - 1)) + "…" }
    func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
