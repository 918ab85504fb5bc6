import ArgumentParser
import Mesh

/// `mesh domain create NAME --owner TEAM [--description TEXT]`.
struct DomainCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a domain owned by a team (administrators only).",
        discussion: "Names are lowercase letters, digits, '_' and '-'."
    )

    @Argument(help: "The domain's name.")
    var name: String

    @Option(help: "The team that owns the domain and its products.")
    var owner: String

    @Option(help: "What the domain covers.")
    var description: String = ""

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the domain as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let mesh = try options.connect()
            let domain = try mesh.createDomain(name: name, owner: owner, description: description)
            Console.line(json ? MeshJSON.domain(domain).rendered() : "Created domain \(domain.name) (owner: \(domain.owner)).")
        }
    }
}
