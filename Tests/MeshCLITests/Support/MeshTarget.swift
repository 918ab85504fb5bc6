import Foundation
import Testing
import TestSupport

/// Where a scenario's mesh commands go: the mesh directory, or `mesh serve` on it with `--server`.
enum MeshMode: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case local
    case server

    var testDescription: String { rawValue }
}

/// Runs `mesh` for a scenario in one ``MeshMode``.
///
/// In server mode the commands that work on a mesh go to a `mesh serve` child process on the
/// same directory; a step's acting principal (`--as X` or `MESH_PRINCIPAL=X`) becomes
/// `MESH_TOKEN=<X's token>`, created with `mesh token create X` on the directory the first time.
/// Inherently local steps (`init`, `demo`, `parquet`, `iceberg`, `contract`, `serve`, `token`)
/// and the commands that do not work against a server yet run on the directory in both modes.
///
/// `@unchecked Sendable`: the server and the tokens, its only mutable state, are only touched
/// with `lock` held, so concurrent commands of one scenario share them safely.
final class MeshTarget: @unchecked Sendable {
    private let lock = NSLock()
    let mode: MeshMode
    let directory: String
    /// The working directory the commands run in (relative paths), if not the test's.
    let workingDirectory: URL?
    private var server: MeshServerProcess?
    private var tokens: [String: String] = [:]

    /// The first words of the commands that run against the server in server mode.
    static let remoteCommands: Set<[String]> = [
        ["principal", "list"], ["principal", "create"], ["domain", "list"], ["domain", "create"], ["product", "list"],
        ["versions"], ["search"], ["subscribe"], ["unsubscribe"], ["subscriptions"], ["events"],
        ["request-access"], ["access-requests"], ["approve"], ["deny"], ["grant"], ["grants"], ["revoke"],
        ["lineage", "show"], ["trainset", "list"], ["model", "register"], ["model", "list"], ["model", "show"],
        ["publish"], ["read"], ["show"], ["glossary"], ["policy", "apply"], ["product", "register"], ["version", "revoke"],
        ["check"], ["stats"], ["trainset", "build"], ["trainset", "replay"],
    ]

    init(mode: MeshMode, directory: String, workingDirectory: URL? = nil) {
        self.mode = mode
        self.directory = directory
        self.workingDirectory = workingDirectory
    }

    deinit { server?.stop() }

    /// Whether `arguments` go to the server in server mode.
    static func isRemote(_ arguments: [String]) -> Bool {
        if arguments.first == "lineage", arguments.count > 1 { return true }  // `lineage REF` is `lineage show REF`
        return remoteCommands.contains(Array(arguments.prefix(1))) || remoteCommands.contains(Array(arguments.prefix(2)))
    }

    /// Runs `mesh arguments` with `environment`; `MESH_DIR` is the scenario's directory.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ChildProcess.Result {
        var env = ["MESH_DIR": directory, "MESH_PRINCIPAL": "", "MESH_SERVER": "", "MESH_TOKEN": ""]
        for (k, v) in environment { env[k] = v }
        guard mode == .server, Self.isRemote(arguments) else { return try MeshBinary.run(arguments, in: workingDirectory, environment: env) }
        var arguments = arguments
        var principal = env["MESH_PRINCIPAL"].flatMap { $0.isEmpty ? nil : $0 } ?? "admin"
        if let at = arguments.firstIndex(of: "--as"), at + 1 < arguments.count {
            principal = arguments[at + 1]
            arguments.removeSubrange(at...(at + 1))
        }
        env["MESH_PRINCIPAL"] = ""
        if let token = try? token(principal) {
            env["MESH_TOKEN"] = token
        } else {
            // No such principal, so no token: act as the administrator and keep `--as`, which
            // the client must refuse.
            env["MESH_TOKEN"] = try token("admin")
            arguments += ["--as", principal]
        }
        return try MeshBinary.run(arguments + ["--server", try serverURL()], in: workingDirectory, environment: env)
    }

    /// Runs `mesh arguments` (``run(_:environment:)``), so a target reads like the command.
    func callAsFunction(_ arguments: [String], environment: [String: String] = [:]) throws -> ChildProcess.Result {
        try run(arguments, environment: environment)
    }

    /// The running server's address, starting it the first time.
    func serverURL() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let server { return server.url }
        let started = try MeshServerProcess(directory: directory)
        server = started
        return started.url
    }

    /// `principal`'s API token, created on the directory the first time.
    func token(_ principal: String) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let token = tokens[principal] { return token }
        let created = try MeshBinary.run(["token", "create", principal, "--mesh", directory], environment: ["MESH_PRINCIPAL": "", "MESH_SERVER": ""])
        guard created.status == 0 else { throw MeshServerProcessError(message: "mesh token create \(principal): \(created.stderr)") }
        let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        tokens[principal] = token
        return token
    }
}
