import ArgumentParser
import Catalog
import Mesh

/// `mesh token create PRINCIPAL [--role ROLE]...`: prints a new API token once.
struct TokenCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an API token for a principal and print it (once).",
        discussion: """
            Administrators create tokens for anyone; other principals only for themselves. With \
            --role, an administrator creates the principal first when it does not exist. The \
            token (mesh_ and 43 base64url characters) is printed on standard output and never \
            again: the mesh stores only its SHA-256. Send it as `Authorization: Bearer TOKEN`.
            """
    )

    @Argument(help: "The principal the token authenticates.")
    var principal: String

    @Option(help: ArgumentHelp("A role for a principal created on the way (repeatable): admin, governance, owner, producer, consumer.", valueName: "role"))
    var role: [Principal.Role] = []

    @Option(help: "The team of a principal created on the way.")
    var team: String?

    @OptionGroup var options: MeshOptions

    func run() throws {
        try Console.reportingMeshErrors {
            let service = try options.connect()
            if let team, !role.isEmpty, try service.principals().first(where: { $0.name == principal }) == nil {
                _ = try service.createPrincipal(name: principal, roles: Set(role), team: team)
            }
            let issued = try service.createToken(for: principal, roles: Set(role), expires: nil)
            Console.line(issued.token)
            Console.error("Token for \(principal) created; it is shown only now.")
        }
    }
}
