import ArgumentParser
import Foundation
import Iceberg

/// `mesh iceberg`: look inside, print and append to Iceberg tables.
struct IcebergCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iceberg",
        abstract: "Inspect, print and append to Iceberg tables.",
        subcommands: [IcebergInspectCommand.self, IcebergCatCommand.self, IcebergAppendCommand.self]
    )

    /// Opens TABLE: a `.metadata.json` file, or a table directory (its committed metadata, else
    /// the `version-hint.text` or highest-numbered metadata file other writers leave).
    static func openTable(_ path: String) throws -> Table {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw CommandError("no such file or directory: \(path)")
        }
        let everywhere = try LocalFileStore(root: "/")
        if !isDirectory.boolValue {
            return try Table.open(metadataLocation: URL(fileURLWithPath: absolute).standardizedFileURL.path, store: everywhere)
        }
        let store = try LocalFileStore(root: absolute)
        if let table = try? Table.load(store: store) { return table }
        var candidates = try store.list(prefix: "metadata/").filter { $0.hasSuffix(".metadata.json") }
        if let hint = try? store.read("metadata/version-hint.text"),
           let n = Int(String(decoding: hint, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) {
            let hinted = candidates.filter { Self.version(of: $0) == n }
            if !hinted.isEmpty { candidates = hinted }
        }
        guard let latest = candidates.max(by: { (Self.version(of: $0) ?? -1) < (Self.version(of: $1) ?? -1) }) else {
            throw CommandError("\(path) is not an Iceberg table (no metadata/*.metadata.json)")
        }
        return try Table.open(metadataLocation: store.location(of: latest), store: everywhere)
    }

    /// The version number in `metadata/00003-<uuid>.metadata.json` or `metadata/v3.metadata.json`.
    static func version(of key: String) -> Int? {
        let name = key.split(separator: "/").last.map(String.init) ?? key
        return name.hasPrefix("v") ? Int(name.dropFirst().prefix { $0.isNumber }) : Int(name.prefix { $0.isNumber })
    }
}
