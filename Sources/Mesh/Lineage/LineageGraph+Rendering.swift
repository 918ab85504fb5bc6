import Catalog

extension LineageGraph {
    /// The graph as an indented tree, one line per node, from each starting node in the walk's
    /// direction: `└─ derived → fraud.risk_scores@1 [published, fraud-ml]`. A node reached a
    /// second time is shown once more with `(see above)` instead of its subtree again.
    public func textLines() -> [String] {
        var lines: [String] = []
        var expanded: Set<LineageNode> = []
        let arrow = direction == .downstream ? "→" : "←"
        func describe(_ node: LineageNode) -> String {
            guard let n = self.node(node) else { return node.description }
            return "\(n.label) [\(n.status)\(n.owner.map { ", \($0)" } ?? "")]"
        }
        func render(_ node: LineageNode, prefix: String, connector: String, relation: String?) {
            let head = relation.map { "\($0) \(arrow) " } ?? ""
            let children = next(node)
            let repeated = !expanded.insert(node).inserted
            lines.append(prefix + connector + head + describe(node) + (repeated && !children.isEmpty ? " (see above)" : ""))
            guard !repeated else { return }
            let childPrefix = prefix + (connector == "├─ " ? "│  " : connector.isEmpty ? "" : "   ")
            for (i, edge) in children.enumerated() {
                let child = direction == .downstream ? edge.downstream : edge.upstream
                render(child, prefix: childPrefix, connector: i == children.count - 1 ? "└─ " : "├─ ", relation: edge.relation)
            }
        }
        for root in roots { render(root, prefix: "", connector: "", relation: nil) }
        return lines
    }

    /// The graph as a Graphviz `digraph`, edges pointing from input to output, revoked versions
    /// filled red, training sets and models in their own shapes.
    public func dot() -> String {
        var out = "digraph lineage {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n"
        for n in nodes {
            var attributes = ["label=\(Self.quoted(n.label + "\n" + n.status + (n.owner.map { ", \($0)" } ?? "")))"]
            switch n.node.kind {
            case .productVersion: break
            case .trainingSet: attributes.append("shape=folder")
            case .model: attributes.append("shape=ellipse")
            }
            if n.status == ProductVersion.Status.revoked.rawValue { attributes.append("style=filled, fillcolor=\"#f4cccc\"") }
            if roots.contains(n.node) { attributes.append("penwidth=2") }
            out += "  \(Self.quoted(n.node.description)) [\(attributes.joined(separator: ", "))];\n"
        }
        for e in edges {
            out += "  \(Self.quoted(e.upstream.description)) -> \(Self.quoted(e.downstream.description)) [label=\(Self.quoted(e.relation))];\n"
        }
        return out + "}\n"
    }

    /// A Graphviz double-quoted string (`"` and `\` escaped, newlines as `\n`).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for c in text {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}
