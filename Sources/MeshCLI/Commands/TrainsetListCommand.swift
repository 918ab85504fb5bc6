import ArgumentParser
import Mesh

/// `mesh trainset list [--json]`.
struct TrainsetListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the training sets built on the mesh, by name.")

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the training sets as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let sets = try options.connect().trainingSets()
            if json {
                return Console.line(JSON.array(sets.map { t in
                    JSON.object([("name", .string(t.name)), ("table", .string(t.table)), ("contentHash", .string(t.contentHash)),
                                 ("inputs", .array(t.inputs.map { .string($0.description) })), ("builtBy", .string(t.builtBy)),
                                 ("builtAt", .string(MeshJSON.text(t.builtAt)))])
                }).rendered())
            }
            if sets.isEmpty { return Console.line("No training set yet; build one with `mesh trainset build SPEC.yaml`.") }
            for t in sets {
                Console.line("\(t.name)  \(t.table)  built \(MeshJSON.text(t.builtAt)) by \(t.builtBy)  inputs: " + t.inputs.map(\.description).joined(separator: ", "))
            }
        }
    }
}
