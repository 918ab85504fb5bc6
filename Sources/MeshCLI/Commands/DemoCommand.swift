import ArgumentParser
import Foundation
import Mesh

/// `mesh demo [DIR]`: build the sample mesh and narrate it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a sample data mesh end to end and tell what happened.",
        discussion: """
            Creates four domains (customers, payments, fraud, recommendations) with ODCS contracts \
            under a global policy bundle with a glossary, subscribes consumers, and publishes \
            deterministic generated data. Then a publish with schema drift and one with fico_score \
            values outside the glossary's 300-850 range are rejected, their alerts reach the \
            producer and every subscribed consumer, and a consumer from another domain reads with \
            personal data masked. Then a training set joins three products from three domains \
            point-in-time, a model is registered on it, newer versions are published, a replay \
            reproduces the set exactly, and revoking an input version alerts the model's owner; \
            the specs are left in DIR/trainsets/. DIR (default ./mesh-demo) must be new, empty, or an earlier demo \
            mesh, which is replaced; the contracts, policy and input files are written inside it \
            for you to explore with the other commands (`--mesh DIR` or `export MESH_DIR=DIR`).
            """
    )

    @Argument(help: "The directory to build the demo mesh in.")
    var directory = "mesh-demo"

    func run() throws {
        try Console.reportingMeshErrors {
            try MeshDemo(directory: directory) { Console.line($0) }.run()
        }
    }
}
