import Foundation

/// Runs the built `mesh` executable, for end-to-end tests of the command line.
public enum MeshBinary {
    /// The `mesh` binary next to the test bundle (`.build/<config>/mesh`).
    public static var url: URL {
        if let override = ProcessInfo.processInfo.environment["MESH_BINARY"] { return URL(fileURLWithPath: override) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // xctest bundles nest the executable in Contents/MacOS on Darwin and sit in the products dir on Linux.
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("mesh").path), dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("mesh")
    }

    /// Runs `mesh arguments...` in `directory` with extra environment; never throws on a non-zero exit.
    public static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
                           input: Data? = nil) throws -> ChildProcess.Result {
        var env = environment
        env["COLUMNS"] = env["COLUMNS"] ?? "80"
        return try ChildProcess.run(url, arguments, in: directory, environment: env, input: input)
    }
}

/// Stored text snapshots (e.g. `--help` output) compared by tests.
///
/// Set `MESH_UPDATE_SNAPSHOTS=1` to rewrite them after an intended change.
public enum Snapshot {
    /// Compares `actual` with the snapshot file `name` in `directory`; returns a description of
    /// the difference, or nil when equal (or when updating).
    public static func compare(_ actual: String, named name: String, in directory: URL) -> String? {
        let file = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["MESH_UPDATE_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            return "missing snapshot \(file.path); run with MESH_UPDATE_SNAPSHOTS=1 to create it"
        }
        if expected == actual { return nil }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, e.count) {
            let x = i < a.count ? String(a[i]) : "<end>"
            let y = i < e.count ? String(e[i]) : "<end>"
            if x != y { return "snapshot \(name) differs at line \(i + 1):\n  expected: \(y)\n  actual:   \(x)" }
        }
        return "snapshot \(name) differs"
    }
}
