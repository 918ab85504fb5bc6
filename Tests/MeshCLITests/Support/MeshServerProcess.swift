import Foundation
import Testing
import TestSupport

/// `mesh serve --mesh DIR --port 0` as a child process of the built binary, for running the
/// CLI with `--server` against it.
final class MeshServerProcess {
    /// The server's base address, `http://127.0.0.1:PORT`.
    let url: String
    let process: Process

    /// Starts the server on `directory` (an initialised mesh) and waits until it listens.
    init(directory: String) throws {
        let process = Process()
        process.executableURL = MeshBinary.url
        process.arguments = ["serve", "--mesh", directory, "--host", "127.0.0.1", "--port", "0"]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MESH_") }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let url = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).first(where: { $0.hasPrefix("http://") }).map(String.init) else {
            process.terminate()
            throw MeshServerProcessError(message: "mesh serve printed no address: \(text)")
        }
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.process = process
    }

    /// Stops the server (SIGTERM) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// A server that would not start.
struct MeshServerProcessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
