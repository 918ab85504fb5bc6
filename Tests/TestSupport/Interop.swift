import Foundation

/// Helpers for interop tests that drive real Python clients (pyarrow, polars, DuckDB,
/// datacontract-cli, pyiceberg).
///
/// Locally an interop test is skipped when its Python modules are missing. CI sets
/// `MESH_REQUIRE_INTEROP=1`, which turns every such skip into a failure.
public enum Interop {
    /// The repository root (derived from this file's location).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// True when CI demands that interop tests run.
    public static var required: Bool { ProcessInfo.processInfo.environment["MESH_REQUIRE_INTEROP"] == "1" }

    /// The Python interpreter: `$MESH_PYTHON`, else `<repo>/.venv/bin/python`, else `python3`.
    public static var python: String {
        if let p = ProcessInfo.processInfo.environment["MESH_PYTHON"], !p.isEmpty { return p }
        let venv = repositoryRoot.appendingPathComponent(".venv/bin/python").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        return "/usr/bin/env python3"
    }

    /// Whether the interop test needing `modules` should run: always under CI, otherwise
    /// only when every module imports.
    public static func enabled(_ modules: [String]) -> Bool {
        if required { return true }
        let code = modules.map { "import \($0)" }.joined(separator: "; ")
        return (try? runPython(code)) != nil
    }

    /// The path of an executable next to the Python interpreter (e.g. `datacontract`).
    public static func tool(_ name: String) -> String {
        let py = python
        if py.hasPrefix("/usr/bin/env") { return name }
        return URL(fileURLWithPath: py).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Runs Python source `code` with `arguments` (`sys.argv[1...]`); returns stdout.
    /// Throws ``ProcessFailure`` with stderr when the script exits non-zero.
    @discardableResult
    public static func runPython(_ code: String, _ arguments: [String] = []) throws -> String {
        var command = python.split(separator: " ").map(String.init)
        command += ["-c", code] + arguments
        return try run(command)
    }

    /// Runs a command (argv form, resolved through `/usr/bin/env`); returns stdout or throws with stderr.
    @discardableResult
    public static func run(_ command: [String], environment: [String: String] = [:], input: Data? = nil) throws -> String {
        let result = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), command, environment: environment, input: input)
        guard result.status == 0 else {
            throw ProcessFailure(command: command, status: result.status, stdout: result.stdout, stderr: result.stderr)
        }
        return result.stdout
    }

    /// A fresh temporary directory, removed by the caller if desired.
    public static func temporaryDirectory(_ prefix: String = "meshwork") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A child process that exited non-zero.
public struct ProcessFailure: Error, CustomStringConvertible {
    public let command: [String]
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public var description: String {
        "\(command.prefix(3).joined(separator: " ")) … exited \(status)\nstdout: \(stdout.suffix(2000))\nstderr: \(stderr.suffix(4000))"
    }
}
