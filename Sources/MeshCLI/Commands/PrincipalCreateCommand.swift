import ArgumentParser
import Catalog
import Mesh

extension Principal.Role: ExpressibleByArgument {}

/// `mesh principal create NAME --role ROLE... [--team TEAM]`.
struct PrincipalCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a principal (administrators only).",
        discussion: """
            Roles: admin (everything), governance (policies and the glossary), owner (manages its \
            team's domains and products, approves access), producer (publishes to its team's \
            products), consumer (reads products it holds a grant for).
            """
    )

    @Argument(help: "The principal's name.")
    var name: String

    @Option(help: ArgumentHelp("A role (repeatable): admin, governance, owner, producer, consumer.", valueName: "role"))
    var role: [Principal.Role] = []

    @Option(help: "The team the principal acts for (a domain's owner team).")
    var team: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the principal as JSON.")
    var json = false

    func validate() throws {
        if role.isEmpty { throw ValidationError("give at least one --role (admin, governance, owner, producer, consumer)") }
    }

    func run() throws {
        try Console.reportingMeshErrors {
            let mesh = try options.connect()
            let p = try mesh.createPrincipal(name: name, roles: Set(role), team: team)
            Console.line(json ? MeshJSON.principal(p).rendered()
                : "Created principal \(p.name) (roles: \(p.roles.map(\.rawValue).sorted().joined(separator: ", "))\(p.team.map { "; team: \($0)" } ?? "")).")
        }
    }
}
