import ArgumentParser

/// `mesh trainset`: build and replay training sets from mesh products.
struct TrainsetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainset",
        abstract: "Build, replay and list training sets: point-in-time joins across products at pinned versions.",
        subcommands: [TrainsetBuildCommand.self, TrainsetReplayCommand.self, TrainsetListCommand.self]
    )
}
