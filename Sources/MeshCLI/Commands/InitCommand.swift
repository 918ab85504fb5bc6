import ArgumentParser
import Foundation
import Mesh

/// `mesh init [DIR]`: create an embedded mesh.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a mesh: a directory with a SQLite catalog and an Iceberg warehouse.",
        discussion: """
            DIR defaults to --mesh, else $MESH_DIR, else ./mesh. It must be new or empty. The mesh \
            records a local administrator principal, 'admin', whom commands act as unless --as or \
            $MESH_PRINCIPAL names someone else.
            """
    )

    @Argument(help: "The directory to create the mesh in.")
    var directory: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            if let server = options.server {
                throw MeshError(.invalidInput, "mesh init creates a mesh directory; it does not work against a server (\(server))", context: "--server")
            }
            let dir = directory ?? options.directory
            let service = try MeshService.initialize(directory: dir)
            let admin = try service.administratorName()
            if json {
                Console.line(JSON.object([("mesh", .string(service.directory ?? dir)), ("administrator", .string(admin))]).rendered())
            } else {
                Console.line("Created a mesh at \(service.directory ?? dir) (administrator: \(admin)).")
                Console.line("Next: mesh domain create NAME --owner TEAM --mesh \(dir)   (or export MESH_DIR=\(dir))")
            }
        }
    }
}
