import ArgumentParser
import Foundation
import Governance

/// File reading and error reporting shared by the commands.
enum CommandSupport {
    /// Reads a text file, or reports `error: ...` on stderr and fails with exit code 1.
    static func read(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            fail("cannot read \(path): \(error.localizedDescription)")
        }
        throw ExitCode(1)
    }

    /// Prints `error: message` on stderr.
    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    /// Builds the policy engine from a global bundle and domain bundles, reporting problems.
    static func engine(global path: String, domains: [String]) throws -> PolicyEngine {
        do {
            let global = try PolicyBundle(yaml: try read(path))
            let domainBundles = try domains.map { try PolicyBundle(yaml: try read($0)) }
            return try PolicyEngine(global: global, domains: domainBundles)
        } catch let error as GovernanceError {
            fail("\(path): \(error)")
            throw ExitCode(1)
        }
    }
}
