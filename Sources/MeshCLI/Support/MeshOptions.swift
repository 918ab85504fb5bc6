import ArgumentParser
import Catalog
import Foundation
import Mesh

/// The options every command working on a mesh takes: which mesh, and who acts.
struct MeshOptions: ParsableArguments {
    @Option(name: .customLong("mesh"), help: ArgumentHelp("The mesh directory (default: $MESH_DIR, else ./mesh).", valueName: "dir"))
    var mesh: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this principal (default: $MESH_PRINCIPAL, else the mesh's administrator).", valueName: "principal"))
    var principal: String?

    /// The mesh directory: `--mesh`, else `$MESH_DIR`, else `./mesh`.
    var directory: String {
        if let mesh { return mesh }
        if let variable = ProcessInfo.processInfo.environment["MESH_DIR"], !variable.isEmpty { return variable }
        return "mesh"
    }

    /// Opens the mesh.
    func open() throws(MeshError) -> MeshService { try MeshService.open(directory: directory) }

    /// Opens the mesh and resolves the acting principal.
    func session() throws(MeshError) -> (MeshService, Principal) {
        let service = try open()
        return (service, try service.resolveCaller(principal))
    }
}

extension Console {
    /// Runs `body`; a ``MeshError`` is printed as one `error:` line (plus one indented line per
    /// failed check or decision) and exits 1, like any other error.
    static func reportingMeshErrors(_ body: () throws -> Void) throws {
        try reportingErrors {
            do {
                try body()
            } catch let error as MeshError {
                Console.error("error: \(error)")
                for line in error.details { Console.error("  - \(line)") }
                throw ExitCode.failure
            }
        }
    }
}
