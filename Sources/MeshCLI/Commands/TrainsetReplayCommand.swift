import ArgumentParser
import Mesh

/// `mesh trainset replay NAME [--json]`.
struct TrainsetReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild a training set from its pinned input versions and verify its content hash.",
        discussion: "Exits 1 when the rebuilt content differs; fails naming the input version when one is no longer available (expired)."
    )

    @Argument(help: "The training set's name.")
    var name: String

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        var matches = true
        try Console.reportingMeshErrors {
            let service = try options.connect()
            let replay = try service.replayTrainingSet(name: name)
            matches = replay.matches
            if json {
                return Console.line(JSON.object([
                    ("name", .string(replay.name)), ("matches", .bool(replay.matches)),
                    ("expectedHash", .string(replay.expectedHash)), ("actualHash", .string(replay.actualHash)),
                    ("inputs", .array(replay.inputs.map { .string($0.description) })),
                ]).rendered())
            }
            Console.line("Replayed \(replay.name) from " + replay.inputs.map(\.description).joined(separator: ", "))
            Console.line(replay.matches ? "  content hash matches: \(replay.actualHash)"
                                        : "  content hash DIFFERS: recorded \(replay.expectedHash), rebuilt \(replay.actualHash)")
        }
        if !matches { throw ExitCode(1) }
    }
}
