import Catalog
import Foundation
import Testing
@testable import Mesh

/// `lineage(of:direction:depth:)` over the demo mesh's derived versions, a training set and a model.
@Suite struct LineageGraphTests {
    static func labels(_ graph: LineageGraph) -> [String] { graph.nodes.map(\.label) }

    @Test func derivedVersionsAreLinkedBothWays() throws {
        let fixture = try LineageFixture.make(withTrainingSet: false)
        defer { fixture.remove() }
        let down = try fixture.mesh.lineage(of: LineageReference(parsing: "payments.transactions@1"), direction: .downstream)
        #expect(Self.labels(down) == ["payments.transactions@1", "fraud.risk_scores@1"])
        #expect(down.edges == [LineageGraph.Edge(upstream: .version(VersionRef(productID: "payments.transactions", version: 1)),
                                                 downstream: .version(VersionRef(productID: "fraud.risk_scores", version: 1)), relation: "derived")])
        #expect(down.node(.version(VersionRef(productID: "fraud.risk_scores", version: 1)))?.owner == "fraud-ml")

        let up = try fixture.mesh.lineage(of: LineageReference(parsing: "recommendations.merchant_affinity@1"), direction: .upstream)
        #expect(Self.labels(up) == ["recommendations.merchant_affinity@1", "payments.transactions@2"])

        // Without a version every version of the product starts the walk.
        let all = try fixture.mesh.lineage(of: LineageReference(parsing: "payments.transactions"), direction: .downstream)
        #expect(all.roots.count == 2)
        #expect(Set(Self.labels(all)) == ["payments.transactions@1", "payments.transactions@2", "fraud.risk_scores@1", "recommendations.merchant_affinity@1"])
        // A source product has nothing upstream.
        let source = try fixture.mesh.lineage(of: LineageReference(parsing: "payments.transactions@2"), direction: .upstream)
        #expect(source.edges.isEmpty)
        #expect(source.textLines() == ["payments.transactions@2 [published, payments-data]"])
    }

    @Test func depthLimitsTheWalkThroughTrainingSetsAndModels() throws {
        let fixture = try LineageFixture.make()
        defer { fixture.remove() }
        try fixture.mesh.registerModel(name: "fraud_gbm", trainingSet: LineageFixture.trainingSet, metrics: #"{"auc": 0.93}"#, by: fixture.caller("mia"))
        let start = try LineageReference(parsing: "payments.transactions@1")
        let expected = ["payments.transactions@1", "fraud.risk_scores@1", "trainset:fraud_training", "model:fraud_gbm"]
        for depth in 0...3 {
            let graph = try fixture.mesh.lineage(of: start, direction: .downstream, depth: depth)
            #expect(Self.labels(graph) == Array(expected.prefix(depth + 1)), "depth \(depth)")
            #expect(graph.edges.count == depth)
            #expect(graph.nodes.map(\.depth) == Array(0...depth))
        }
        let full = try fixture.mesh.lineage(of: start, direction: .downstream)
        #expect(full.edges.map(\.relation) == ["derived", "built-from", "trained-on"])
        #expect(full.textLines() == [
            "payments.transactions@1 [published, payments-data]",
            "└─ derived → fraud.risk_scores@1 [published, fraud-ml]",
            "   └─ built-from → trainset:fraud_training [built, risk-ml]",
            "      └─ trained-on → model:fraud_gbm [registered, risk-ml]",
        ])
        let fromModel = try fixture.mesh.lineage(of: LineageReference(parsing: "model:fraud_gbm"), direction: .upstream)
        #expect(Self.labels(fromModel) == expected.reversed())
        let oneUp = try fixture.mesh.lineage(of: .trainingSet(LineageFixture.trainingSet), direction: .upstream, depth: 1)
        #expect(Self.labels(oneUp) == ["trainset:fraud_training", "fraud.risk_scores@1"])
    }

    @Test func missingNodesAndBadReferencesAreErrors() throws {
        let mesh = try MeshService.inMemory()
        #expect(throws: MeshError.self) { try LineageReference(parsing: "transactions") }
        #expect(throws: MeshError.self) { try LineageReference(parsing: "model:Bad/Name") }
        #expect(try LineageReference(parsing: "trainset:loan") == .trainingSet("loan"))
        #expect(try LineageReference(parsing: "a.b@3") == .product("a.b", version: .number(3)))
        for reference in ["model:nope", "trainset:nope", "payments.transactions@1"] {
            do {
                _ = try mesh.lineage(of: LineageReference(parsing: reference), direction: .upstream)
                Issue.record("\(reference) should not be found")
            } catch {
                #expect(error.kind == .notFound, "\(reference): \(error)")
            }
        }
        #expect(throws: MeshError.self) { try mesh.lineage(of: .model("x"), direction: .upstream, depth: -1) }
    }

    @Test func dotOutputIsAGraphvizDigraph() throws {
        let a = LineageNode.version(VersionRef(productID: "payments.transactions", version: 1))
        let b = LineageNode(kind: .trainingSet, key: "loan \"risk\"")
        let c = LineageNode(kind: .model, key: "gbm")
        let graph = LineageGraph(direction: .downstream, roots: [a], nodes: [
            .init(node: a, label: "payments.transactions@1", status: "revoked", owner: "payments-data", depth: 0),
            .init(node: b, label: "trainset:loan \"risk\"", status: "built", owner: nil, depth: 1),
            .init(node: c, label: "model:gbm", status: "registered", owner: "risk-ml", depth: 2),
        ], edges: [.init(upstream: a, downstream: b, relation: "built-from"), .init(upstream: b, downstream: c, relation: "trained-on")])
        let dot = graph.dot()
        #expect(dot.hasPrefix("digraph lineage {\n"))
        #expect(dot.hasSuffix("}\n"))
        #expect(dot.contains(##""productVersion:payments.transactions@1" [label="payments.transactions@1\nrevoked, payments-data", style=filled, fillcolor="#f4cccc", penwidth=2];"##))
        #expect(dot.contains(#""trainingSet:loan \"risk\"" [label="trainset:loan \"risk\"\nbuilt", shape=folder];"#))
        #expect(dot.contains(#""trainingSet:loan \"risk\"" -> "model:gbm" [label="trained-on"];"#))
        #expect(DotSyntax.isBalanced(dot))
        if let dotTool = DotSyntax.graphviz() {
            let svg = try DotSyntax.render(dot, with: dotTool)
            #expect(svg.contains("<svg"))
        }
    }
}

/// A minimal check of Graphviz output: quotes and braces balance, every statement ends with `;`.
enum DotSyntax {
    static func isBalanced(_ dot: String) -> Bool {
        var depth = 0, inQuote = false, escaped = false
        for c in dot {
            if escaped { escaped = false; continue }
            if inQuote {
                if c == "\\" { escaped = true } else if c == "\"" { inQuote = false }
                continue
            }
            switch c {
            case "\"": inQuote = true
            case "{", "[": depth += 1
            case "}", "]": depth -= 1; if depth < 0 { return false }
            default: break
            }
        }
        let statements = dot.split(separator: "\n").dropFirst().dropLast()
        return depth == 0 && !inQuote && statements.allSatisfy { $0.hasSuffix(";") }
    }

    /// The `dot` executable, if Graphviz is installed.
    static func graphviz() -> String? {
        for path in ["/usr/bin/dot", "/usr/local/bin/dot"] where FileManager.default.isExecutableFile(atPath: path) { return path }
        return nil
    }

    static func render(_ dot: String, with tool: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(dot.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
