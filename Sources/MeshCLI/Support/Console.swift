import ArgumentParser
import Foundation

/// Writing to the terminal, and turning errors into one-line messages and exit codes.
enum Console {
    /// Writes `text` to standard output.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes a line to standard output.
    static func line(_ text: String = "") { out(text + "\n") }

    /// Writes a line to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Whether standard error is a terminal (progress bars are drawn only then).
    static var stderrIsTerminal: Bool { isatty(2) != 0 }

    /// Runs `body`; any error other than an exit code is printed as `error: <message>` and exits 1.
    static func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}

/// An error found by a command itself (not by a library), printed as one line.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
