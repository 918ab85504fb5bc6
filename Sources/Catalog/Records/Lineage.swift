import Foundation

/// A node of the lineage graph.
public struct LineageNode: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What the node is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A product version, key `DOMAIN.PRODUCT@N`.
        case productVersion
        /// A training set build, key its name.
        case trainingSet
        /// A registered model, key its name.
        case model
    }

    /// What the node is.
    public var kind: Kind
    /// The node's key within its kind.
    public var key: String

    /// Creates a node.
    public init(kind: Kind, key: String) {
        self.kind = kind
        self.key = key
    }

    /// The node for a product version.
    public static func version(_ ref: VersionRef) -> LineageNode { LineageNode(kind: .productVersion, key: ref.description) }

    public var description: String { "\(kind.rawValue):\(key)" }
}

/// A directed lineage edge: `downstream` was made from `upstream`.
public struct LineageEdge: Sendable, Hashable, Codable {
    /// The input.
    public var upstream: LineageNode
    /// The output.
    public var downstream: LineageNode
    /// How (`derived`, `trained-on`, `built-from`).
    public var relation: String
    /// When the edge was recorded.
    public var createdAt: Date

    /// Creates an edge.
    public init(upstream: LineageNode, downstream: LineageNode, relation: String, createdAt: Date) {
        self.upstream = upstream
        self.downstream = downstream
        self.relation = relation
        self.createdAt = createdAt
    }
}
