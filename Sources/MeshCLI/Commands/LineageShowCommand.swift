import ArgumentParser
import Catalog
import Mesh

/// The formats `mesh lineage` prints.
enum LineageFormat: String, ExpressibleByArgument, CaseIterable {
    case text, dot, json
}

/// `mesh lineage DOMAIN.PRODUCT[@VERSION]|trainset:NAME|model:NAME --upstream|--downstream`.
struct LineageShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the lineage graph of a product version, training set or model.",
        discussion: """
            Edges are recorded automatically: a derived version ← the versions named with `mesh publish --from`, \
            a training set ← the versions it read, a model ← its training set. Without @VERSION every version of \
            the product is a starting node. `--format dot` prints a Graphviz digraph (render with `dot -Tsvg`).
            """
    )

    @Argument(help: ArgumentHelp("DOMAIN.PRODUCT[@VERSION], trainset:NAME or model:NAME.", valueName: "node"))
    var node: String

    @Flag(help: "Walk towards the inputs (the default).")
    var upstream = false

    @Flag(help: "Walk towards what was made from the node.")
    var downstream = false

    @Option(help: "Follow at most this many edges (default: all).")
    var depth: Int?

    @Option(help: "Output format: text (an indented tree), dot (Graphviz) or json.")
    var format: LineageFormat = .text

    @OptionGroup var options: MeshOptions

    func validate() throws {
        if upstream && downstream { throw ValidationError("choose one of --upstream and --downstream") }
        if let depth, depth < 0 { throw ValidationError("--depth must be zero or more") }
    }

    func run() throws {
        try Console.reportingMeshErrors {
            let reference = try LineageReference(parsing: node)
            let graph = try options.connect().lineage(of: reference, direction: downstream ? .downstream : .upstream, depth: depth)
            switch format {
            case .dot: Console.out(graph.dot())
            case .json: Console.line(MeshJSON.lineage(graph).rendered())
            case .text:
                for line in graph.textLines() { Console.line(line) }
                if graph.edges.isEmpty { Console.line("(no \(graph.direction.rawValue) lineage recorded)") }
            }
        }
    }
}

extension MeshJSON {
    static func lineageNode(_ n: LineageGraph.Node) -> JSON {
        .object([("id", .string(n.node.description)), ("kind", .string(n.node.kind.rawValue)), ("key", .string(n.node.key)),
                 ("label", .string(n.label)), ("status", .string(n.status)), ("owner", .optional(n.owner)), ("depth", .int(Int64(n.depth)))])
    }

    static func lineage(_ g: LineageGraph) -> JSON {
        .object([
            ("direction", .string(g.direction.rawValue)), ("roots", strings(g.roots.map(\.description))),
            ("nodes", .array(g.nodes.map(lineageNode))),
            ("edges", .array(g.edges.map { .object([("upstream", .string($0.upstream.description)), ("downstream", .string($0.downstream.description)),
                                                    ("relation", .string($0.relation))]) })),
        ])
    }
}
