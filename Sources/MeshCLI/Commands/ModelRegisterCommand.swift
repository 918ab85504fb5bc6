import ArgumentParser
import Catalog
import Mesh

/// `mesh model register NAME --trainset NAME [--metrics JSON]`.
struct ModelRegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register a model trained on a training set.",
        discussion: """
            The model is owned by the caller's team, which is alerted when a product version the training set read \
            is revoked. Metrics are a JSON object of numbers, or of numbers per split: '{"auc": 0.91}' or \
            '{"test": {"auc": 0.91}}'.
            """
    )

    @Argument(help: "The model's name.")
    var name: String

    @Option(help: ArgumentHelp("The training set it was trained on.", valueName: "name"))
    var trainset: String

    @Option(help: ArgumentHelp("Its evaluation metrics as a JSON object.", valueName: "json"))
    var metrics: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the model as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let mesh = try options.connect()
            let model = try mesh.registerModel(name: name, trainingSet: trainset, metrics: metrics)
            if json { return Console.line(MeshJSON.model(model).rendered()) }
            Console.line("registered model \(model.name) (owner \(model.owner)), trained on trainset:\(model.trainingSet)")
        }
    }
}

extension MeshJSON {
    static func model(_ m: ModelRecord) -> JSON {
        .object([("name", .string(m.name)), ("training_set", .string(m.trainingSet)), ("metrics", raw(m.metrics)), ("owner", .string(m.owner)),
                 ("registered_at", date(m.registeredAt)), ("registered_by", .string(m.registeredBy))])
    }
}
