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
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = command
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let inPipe = Pipe()
        p.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try p.run()
        if let input {
            inPipe.fileHandleForWriting.write(input)
            try? inPipe.fileHandleForWriting.close()
        }
        // Read both pipes concurrently so a chatty child cannot deadlock on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        let stdout = String(decoding: outData, as: UTF8.self)
        guard p.terminationStatus == 0 else {
            throw ProcessFailure(command: command, status: p.terminationStatus,
                                 stdout: stdout, stderr: String(decoding: errData, as: UTF8.self))
        }
        return stdout
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
