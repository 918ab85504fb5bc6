import ArgumentParser
import Mesh

/// `mesh domain list`.
struct DomainListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the domains.")

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the domains as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let domains = try options.connect().domains()
            if json { return Console.line(JSON.array(domains.map(MeshJSON.domain)).rendered()) }
            if domains.isEmpty { return Console.line("No domains yet; create one with `mesh domain create NAME --owner TEAM`.") }
            let width = domains.map(\.name.count).max() ?? 0
            for d in domains {
                Console.line(d.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  owner: \(d.owner)" + (d.description.isEmpty ? "" : "  \(d.description)"))
            }
        }
    }
}
