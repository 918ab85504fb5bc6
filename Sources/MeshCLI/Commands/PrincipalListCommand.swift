import ArgumentParser
import Mesh

/// `mesh principal list`.
struct PrincipalListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the principals.")

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the principals as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let principals = try options.connect().principals()
            if json { return Console.line(JSON.array(principals.map(MeshJSON.principal)).rendered()) }
            let width = principals.map(\.name.count).max() ?? 0
            for p in principals {
                Console.line(p.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  roles: \(p.roles.map(\.rawValue).sorted().joined(separator: ", "))"
                             + (p.team.map { "  team: \($0)" } ?? ""))
            }
        }
    }
}
