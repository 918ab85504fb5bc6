import ArgumentParser
import Mesh

/// `mesh model show NAME [--json]`.
struct ModelShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a model, its training set and that set's inputs.")

    @Argument(help: "The model's name.")
    var name: String

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the model as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let service = try options.connect()
            let model = try service.model(name)
            let upstream = try service.lineage(of: .model(name), direction: .upstream, depth: nil)
            if json {
                guard case .object(var pairs) = MeshJSON.model(model) else { return }
                pairs.append(("lineage", MeshJSON.lineage(upstream)))
                return Console.line(JSON.object(pairs).rendered())
            }
            Console.line("model \(model.name)")
            Console.line("  owner:         \(model.owner)")
            Console.line("  registered:    \(MeshJSON.text(model.registeredAt)) by \(model.registeredBy)")
            Console.line("  training set:  \(model.trainingSet)")
            Console.line("  metrics:       \(model.metrics)")
            Console.line("  trained on (upstream lineage):")
            for line in upstream.textLines() { Console.line("    " + line) }
        }
    }
}
