import ArgumentParser
import Foundation
import Mesh
import Quality

extension Mesh.InputFormat: ExpressibleByArgument {}
extension PublishMode: ExpressibleByArgument {}

/// `mesh publish DOMAIN.PRODUCT FILE... [--format] [--mode] [--from ...] [--table] [--json]`.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish files as a product's next version, through its contract's checks.",
        discussion: """
            The rows are streamed into a staged Iceberg branch, coerced to the contract's types, \
            profiled and checked (every quality rule, the policies, drift against the previous \
            version). When every check passes, main moves to the new snapshot, tagged vN; \
            otherwise the branch and its files are dropped, the product is left exactly as it was, \
            the producer and every subscriber are alerted, every failed check is printed and the \
            command exits 1. append (the default) adds the rows to the previous version's; \
            overwrite replaces them. Publishes of one product run one after the other.
            """
    )

    @Argument(help: "The product (DOMAIN.PRODUCT).")
    var product: String

    @Argument(help: "The input files (CSV/TSV, JSON lines or Parquet).")
    var files: [String] = []

    @Option(help: "The input format (default: from each file's extension).")
    var format: Mesh.InputFormat?

    @Option(help: "append: add to the previous version's rows; overwrite: replace them.")
    var mode: PublishMode = .append

    @Option(help: ArgumentHelp("A version this one is derived from, DOMAIN.PRODUCT@VERSION (repeatable; recorded as lineage).", valueName: "ref"))
    var from: [String] = []

    @Option(help: "The output table, for products with several.")
    var table: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to publish") }
    }

    func run() throws {
        MemoryTuning.keepFreedMemoryForReuse()
        try Console.reportingMeshErrors {
            let service = try options.connect()
            // Alerts this command raised (a rejection, a breaking change) go out by webhook before it ends
            // (a server sends them itself).
            defer { if let local = service as? LocalMesh { WebhookSending.afterCommand(local.service, quiet: json) } }
            let total = files.reduce(Int64(0)) { $0 + Int64((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
            let bar = ProgressReporter(ProgressBar(total: total, label: "publishing"))
            defer { bar.finish() }
            let result = try service.publish(productID: product, files: files, format: format, mode: mode, from: from, table: table,
                                             progress: { bar.update($0) })
            bar.finish()
            let v = result.version, summary = result.outcome.report.summary
            if json {
                return Console.line(JSON.object([
                    ("version", MeshJSON.version(v)), ("table", .string(result.table)),
                    ("checks", .object([("passed", .int(Int64(summary.passed))), ("warnings", .int(Int64(summary.warnings))), ("skipped", .int(Int64(summary.skipped)))])),
                    ("data_files", MeshJSON.strings(result.outcome.dataFiles)),
                ]).rendered())
            }
            Console.line("Published \(product) version \(v.version) (tag \(v.tag)): \(Formatting.count(v.addedRows)) row(s) \(mode == .append ? "appended" : "written"), \(Formatting.count(v.rowCount)) in total.")
            Console.line("  checks: \(summary.passed) passed, \(summary.warnings) warning(s), \(summary.skipped) skipped")
            for w in result.outcome.report.failures where !w.isBlocking {
                Console.line("  warning: " + (w.column.map { "\($0): " } ?? "") + "\(w.name): observed \(w.observed), expected \(w.expected)")
            }
            if let newest = v.newestEventTime { Console.line("  newest event: \(MeshJSON.text(newest))") }
        }
    }
}

/// A progress bar updated from the publish pipeline's progress callback.
///
/// `@unchecked Sendable`: the bar is only touched with `lock` held.
final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private var bar: ProgressBar
    private var finished = false

    init(_ bar: ProgressBar) { self.bar = bar }

    func update(_ done: Int64) {
        lock.lock()
        defer { lock.unlock() }
        if !finished { bar.update(done) }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if !finished { bar.finish() }
        finished = true
    }
}
