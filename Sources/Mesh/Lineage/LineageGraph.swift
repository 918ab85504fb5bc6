import Catalog
import Foundation

/// Which way a lineage walk goes from its starting nodes.
public enum LineageDirection: String, Sendable, Hashable, Codable, CaseIterable {
    /// Towards the inputs: what a node was made from.
    case upstream
    /// Towards the outputs: what was made from a node.
    case downstream
}

/// A piece of the lineage graph around some starting nodes: product versions, training sets
/// and models, joined by `derived`, `built-from` and `trained-on` edges.
public struct LineageGraph: Sendable, Hashable, Codable {
    /// One node with what a reader needs to know about it.
    public struct Node: Sendable, Hashable, Codable {
        /// The node.
        public var node: LineageNode
        /// How it is shown: `payments.transactions@1`, `trainset:loan_risk`, `model:loan_gbm`.
        public var label: String
        /// `published` or `revoked` for a version, `built` for a training set, `registered` for a
        /// model; `missing` when the record is gone.
        public var status: String
        /// The team (or principal) that owns it: the product's owner, the training set's or model's.
        public var owner: String?
        /// Edges from the nearest starting node (0 for a starting node).
        public var depth: Int

        /// Creates a node.
        public init(node: LineageNode, label: String, status: String, owner: String?, depth: Int) {
            self.node = node
            self.label = label
            self.status = status
            self.owner = owner
            self.depth = depth
        }
    }

    /// One edge: `downstream` was made from `upstream`.
    public struct Edge: Sendable, Hashable, Codable {
        /// The input.
        public var upstream: LineageNode
        /// The output.
        public var downstream: LineageNode
        /// `derived`, `built-from`, `trained-on`.
        public var relation: String

        /// Creates an edge.
        public init(upstream: LineageNode, downstream: LineageNode, relation: String) {
            self.upstream = upstream
            self.downstream = downstream
            self.relation = relation
        }
    }

    /// The direction walked.
    public var direction: LineageDirection
    /// The starting nodes.
    public var roots: [LineageNode]
    /// Every node reached, in walk order (breadth first), starting nodes first.
    public var nodes: [Node]
    /// Every edge walked, in walk order.
    public var edges: [Edge]

    /// Creates a graph.
    public init(direction: LineageDirection, roots: [LineageNode], nodes: [Node], edges: [Edge]) {
        self.direction = direction
        self.roots = roots
        self.nodes = nodes
        self.edges = edges
    }

    /// The node record of `node`, if reached.
    public func node(_ node: LineageNode) -> Node? { nodes.first { $0.node == node } }

    /// The edges leaving `node` in the walk's direction.
    func next(_ node: LineageNode) -> [Edge] {
        edges.filter { (direction == .downstream ? $0.upstream : $0.downstream) == node }
    }
}

extension LineageGraph {
    /// Walks the store's lineage edges from `roots` in `direction`, at most `depth` edges deep
    /// (nil: to the end); each node is visited once, so a node reachable twice appears once.
    static func walk(from roots: [LineageNode], direction: LineageDirection, depth: Int?,
                     in t: any CatalogTransaction) throws(CatalogError) -> LineageGraph {
        var nodes: [Node] = []
        var seen: Set<LineageNode> = []
        var edges: [Edge] = []
        var frontier: [LineageNode] = []
        for root in roots where seen.insert(root).inserted {
            nodes.append(try describe(root, depth: 0, in: t))
            frontier.append(root)
        }
        var level = 0
        while !frontier.isEmpty, depth.map({ level < $0 }) ?? true {
            level += 1
            var nextFrontier: [LineageNode] = []
            for node in frontier {
                let found = direction == .downstream ? try t.lineage(downstreamOf: node) : try t.lineage(upstreamOf: node)
                for edge in found {
                    edges.append(Edge(upstream: edge.upstream, downstream: edge.downstream, relation: edge.relation))
                    let other = direction == .downstream ? edge.downstream : edge.upstream
                    if seen.insert(other).inserted {
                        nodes.append(try describe(other, depth: level, in: t))
                        nextFrontier.append(other)
                    }
                }
            }
            frontier = nextFrontier
        }
        return LineageGraph(direction: direction, roots: roots, nodes: nodes, edges: edges)
    }

    /// A node's label, status and owner from its record.
    static func describe(_ node: LineageNode, depth: Int, in t: any CatalogTransaction) throws(CatalogError) -> Node {
        switch node.kind {
        case .productVersion:
            let ref = LineageReference.versionRef(node.key)
            let version = try ref.flatMap { r throws(CatalogError) in try t.version(productID: r.productID, version: r.version) }
            let owner = try ref.flatMap { r throws(CatalogError) in try t.product(r.productID) }?.owner
            return Node(node: node, label: node.key, status: version?.status.rawValue ?? "missing", owner: owner, depth: depth)
        case .trainingSet:
            let record = try t.trainingSet(node.key)
            return Node(node: node, label: "trainset:\(node.key)", status: record == nil ? "missing" : "built", owner: record?.owner, depth: depth)
        case .model:
            let record = try t.model(node.key)
            return Node(node: node, label: "model:\(node.key)", status: record == nil ? "missing" : "registered", owner: record?.owner, depth: depth)
        }
    }
}
