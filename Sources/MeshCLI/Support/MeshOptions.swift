import ArgumentParser
import Catalog
import Foundation
import Mesh
import MeshRemote

/// The options every command working on a mesh takes: which mesh, and who acts.
struct MeshOptions: ParsableArguments {
    @Option(name: .customLong("mesh"), help: ArgumentHelp("The mesh directory (default: $MESH_DIR, else ./mesh).", valueName: "dir"))
    var mesh: String?

    @Option(name: .customLong("server"), help: ArgumentHelp("Work against this mesh server instead of a directory, as the principal of the API token in $MESH_TOKEN (default: $MESH_SERVER). init, demo, serve, parquet, iceberg and contract work on local files only.", valueName: "url"))
    var server: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this principal (default: $MESH_PRINCIPAL, else the mesh's administrator).", valueName: "principal"))
    var principal: String?

    /// The mesh directory: `--mesh`, else `$MESH_DIR`, else `./mesh`.
    var directory: String {
        if let mesh { return mesh }
        if let variable = ProcessInfo.processInfo.environment["MESH_DIR"], !variable.isEmpty { return variable }
        return "mesh"
    }

    /// The mesh server: `--server`, else `$MESH_SERVER`, else none (a directory).
    var serverAddress: String? {
        if let server { return server }
        if let variable = ProcessInfo.processInfo.environment["MESH_SERVER"], !variable.isEmpty { return variable }
        return nil
    }

    /// The mesh the command works on: the server's JSON API with `--server` (acting as
    /// `$MESH_TOKEN`'s principal), else the directory (acting as `--as`).
    ///
    /// - Throws: ``MeshError/Kind/unauthenticated`` when `--server` has no `$MESH_TOKEN`;
    ///   ``MeshError/Kind/forbidden`` when `--as` names another principal than the token's.
    func connect() throws(MeshError) -> any MeshOperations {
        guard let address = serverAddress else { return LocalMesh(service: try open(), principal: principal) }
        let token = ProcessInfo.processInfo.environment["MESH_TOKEN"] ?? ""
        let remote = try RemoteMesh(server: address, token: token)
        if let principal {
            let me = try remote.whoami()
            guard me.name == principal else {
                throw MeshError(.forbidden, "--as \(principal) does not match $MESH_TOKEN, which is \(me.name)'s; against a server you act as the token's principal",
                                context: "--as")
            }
        }
        return remote
    }

    /// Opens the mesh directory (commands that work only on a directory).
    ///
    /// - Throws: ``MeshError/Kind/invalidInput`` with `--server`/`$MESH_SERVER`: this command
    ///   does not work against a server.
    func open() throws(MeshError) -> MeshService {
        if let address = serverAddress {
            throw MeshError(.invalidInput, "this command works on a mesh directory only, not against a server (\(address)); run it where the mesh directory is, with --mesh DIR",
                            context: "--server")
        }
        return try MeshService.open(directory: directory)
    }

    /// Opens the mesh directory and resolves the acting principal.
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
