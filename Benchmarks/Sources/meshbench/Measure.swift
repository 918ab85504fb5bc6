import Foundation

/// Timing and memory helpers for benchmarks.
enum Measure {
    /// Runs `body` `repeats` times and returns the fastest wall time in seconds.
    static func best(_ repeats: Int = 3, _ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            let t = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = min(best, t)
        }
        return best
    }

    /// A field of /proc/self/status in bytes (`VmRSS`, `VmHWM`); 0 where unavailable.
    static func procStatus(_ key: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count >= 2, let kb = Int(parts[1]) { return kb * 1024 }
        }
        return 0
    }

    /// Resets the peak-RSS counter (Linux: writes 5 to /proc/self/clear_refs).
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    static func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
    static func secs(_ s: Double) -> String { String(format: "%.3f s", s) }
    static func ratio(_ ours: Double, _ peer: Double) -> String { String(format: "%.2fx", ours / peer) }

    /// Runs a Python script with the interpreter from `$MESH_PYTHON` (else `.venv/bin/python`,
    /// else `python3`) and returns its stdout.
    static func python(_ script: String, _ args: [String]) throws -> String {
        let env = ProcessInfo.processInfo.environment
        var py = env["MESH_PYTHON"] ?? ""
        if py.isEmpty {
            let local = FileManager.default.currentDirectoryPath + "/.venv/bin/python"
            py = FileManager.default.isExecutableFile(atPath: local) ? local : "/usr/bin/python3"
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: py)
        p.arguments = [script] + args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw BenchError("python \(script) exited \(p.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
