import ArgumentParser
import Mesh

/// `mesh model list [--trainset NAME] [--json]`.
struct ModelListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List registered models, by name.")

    @Option(help: ArgumentHelp("Only models trained on this training set.", valueName: "name"))
    var trainset: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the models as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let models = try options.connect().models(trainingSet: trainset)
            if json { return Console.line(JSON.array(models.map(MeshJSON.model)).rendered()) }
            if models.isEmpty { return Console.line("No model is registered; register one with `mesh model register NAME --trainset NAME`.") }
            Console.line("MODEL                 TRAINING SET          OWNER               REGISTERED            METRICS")
            for m in models {
                Console.line([m.name.padded(20), m.trainingSet.padded(20), m.owner.padded(18), MeshJSON.text(m.registeredAt).padded(20), m.metrics]
                    .joined(separator: "  "))
            }
        }
    }
}
