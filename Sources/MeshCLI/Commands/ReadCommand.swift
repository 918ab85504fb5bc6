import ArgumentParser
import Columnar
import Foundation
import Mesh
import MeshRemote
import Parquet
import TextFormats

/// The output formats of `mesh read`.
enum ReadFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, jsonl, parquet
}

/// `mesh read DOMAIN.PRODUCT[@VERSION|@TAG|@TIMESTAMP] [--columns] [--where] [--limit] [--format] [--out] [--purpose]`.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read a version of a product, with the access policy applied.",
        discussion: """
            @VERSION is a number (@3), a tag (@v3) or an ISO-8601 time (@2026-11-22T06:00:00Z: the \
            version current then); the default is the latest version. Consumers need a grant for \
            the product and --purpose; columns above their clearance, and personal data not \
            allowed for the purpose, are masked or dropped per the policy bundle. The product's \
            owning team and administrators read everything. Every read is audited. \
            --where takes the mesh filter language (as `mesh parquet cat`); jsonl and csv follow \
            the `mesh parquet cat` conventions; parquet needs --out.
            """
    )

    @Argument(help: ArgumentHelp("The product and optional version: DOMAIN.PRODUCT[@VERSION].", valueName: "product"))
    var reference: String

    @Option(help: "Comma-separated column names (default: all the caller may see).")
    var columns: String?

    @Option(name: .customLong("where"), help: ArgumentHelp("Keep only rows matching this filter expression.", valueName: "expr"))
    var filter: String?

    @Option(help: "Stop after this many rows.")
    var limit: Int?

    @Option(help: "Output format.")
    var format: ReadFormat = .jsonl

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Option(help: "Why the data is read (must be allowed by a grant).")
    var purpose: String?

    @Option(help: "The output table, for products with several.")
    var table: String?

    @OptionGroup var options: MeshOptions

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be zero or more") }
        if format == .parquet, out == nil { throw ValidationError("--format parquet writes a file: give --out FILE") }
    }

    func run() throws {
        try Console.reportingMeshErrors {
            let mesh = try options.connect()
            let (productID, spec) = try VersionSpec.split(reference)
            if let remote = mesh as? RemoteMesh { return try readRemote(remote, productID: productID, spec: spec) }
            let (service, caller) = try ((mesh as? LocalMesh)?.service ?? options.open(), mesh.whoami())
            var read = try service.read(productID: productID, at: spec, table: table, columns: Formatting.list(columns), filter: filter,
                                        limit: limit, purpose: purpose, by: caller)
            if read.version.status == .revoked {
                Console.error("warning: \(read.version.ref) is revoked (\(read.version.revokedReason ?? "no reason recorded")); read it only to investigate, not to train or derive")
            }
            let schema = read.reader.schema
            if format == .parquet, let out {
                let temporary = out + ".\(UUID().uuidString).tmp"
                do {
                    let writer = try ParquetWriter(schema: schema, sink: FileSink(path: temporary))
                    while let batch = try read.reader.next() { try writer.write(batch) }
                    _ = try writer.close()
                    if FileManager.default.fileExists(atPath: out) { try FileManager.default.removeItem(atPath: out) }
                    try FileManager.default.moveItem(atPath: temporary, toPath: out)
                } catch {
                    try? FileManager.default.removeItem(atPath: temporary)
                    throw error
                }
                return
            }
            let rowFormat: RowFormat = switch format {
            case .table: .table
            case .csv: .csv
            default: .jsonl
            }
            let output = try out.map { path throws(TextFormatError) in try FileOutput(path: path) } ?? FileOutput(FileHandle.standardOutput)
            var printer = RowPrinter(format: rowFormat, schema: schema, output: output)
            while let batch = try read.reader.next() { try printer.write(batch) }
            try printer.finish()
        }
    }
}

extension ReadCommand {
    /// The read against a server: the rows come as Parquet into a temporary file (streamed to
    /// disk), which is moved to `--out` for `--format parquet` and otherwise printed like a local read.
    func readRemote(_ remote: RemoteMesh, productID: String, spec: VersionSpec) throws {
        let temporary = URL(fileURLWithPath: (out.map { ($0 as NSString).deletingLastPathComponent } ?? NSTemporaryDirectory()))
            .appendingPathComponent(".mesh-read-\(UUID().uuidString).parquet")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let answer = try remote.read(productID: productID, at: spec, table: table, columns: Formatting.list(columns), filter: filter,
                                     limit: limit, purpose: purpose, into: temporary)
        if let number = answer.version, let version = try remote.versions(productID).first(where: { $0.version == number }), version.status == .revoked {
            Console.error("warning: \(version.ref) is revoked (\(version.revokedReason ?? "no reason recorded")); read it only to investigate, not to train or derive")
        }
        if format == .parquet, let out {
            if FileManager.default.fileExists(atPath: out) { try FileManager.default.removeItem(atPath: out) }
            try FileManager.default.moveItem(at: temporary, to: URL(fileURLWithPath: out))
            return
        }
        let reader = try ParquetFileReader(path: temporary.path)
        let rowFormat: RowFormat = switch format {
        case .table: .table
        case .csv: .csv
        default: .jsonl
        }
        let output = try out.map { path throws(TextFormatError) in try FileOutput(path: path) } ?? FileOutput(FileHandle.standardOutput)
        var printer = RowPrinter(format: rowFormat, schema: reader.schema, output: output)
        var batches = try reader.batches(columns: nil, where: nil)
        while let batch = try batches.next() { try printer.write(batch) }
        try printer.finish()
    }
}
