import ArgumentParser
import Foundation
import Mesh

/// `mesh trainset build SPEC.yaml [--name NAME] [--json]`.
struct TrainsetBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a training set from a spec: every input read for the spec's purpose, joined point in time, split, checked for leakage.",
        discussion: """
            Inputs are read at the spec's pinned versions (else their latest), through the access \
            policy for the spec's purpose (a denied input fails the build). The output is an \
            Iceberg table `_trainsets.NAME` with one tag per split, and the build's manifest \
            (spec hash, input versions and snapshots, policy decisions, rows per split, content \
            hash) is recorded for `mesh trainset replay`. See docs/training-sets.md.
            """
    )

    @Argument(help: "The training-set spec (YAML).")
    var spec: String

    @Option(help: "The training set's name (default: the spec's name).")
    var name: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the result as JSON (the manifest).")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            guard let text = try? String(contentsOfFile: spec, encoding: .utf8) else {
                throw MeshError(.invalidInput, "cannot read the spec file", context: spec)
            }
            let service = try options.connect()
            let result = try service.buildTrainingSet(specYAML: text, name: name)
            if json { return Console.line(result.record.manifest) }
            Console.line("Built training set \(result.record.name) → table \(result.record.table)")
            for split in result.manifest.splits { Console.line("  split \(split.name): \(split.rows) row(s)") }
            Console.line("  inputs: " + result.record.inputs.map(\.description).joined(separator: ", "))
            Console.line("  content hash: \(result.record.contentHash)")
            Console.line("Replay it later with `mesh trainset replay \(result.record.name)`.")
        }
    }
}
