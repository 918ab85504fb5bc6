import ArgumentParser
import Foundation
import Mesh

/// `mesh versions DOMAIN.PRODUCT [--json]`.
struct VersionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions",
        abstract: "List a product's published versions, oldest first.",
        discussion: "Each version is an Iceberg tag (vN) on the product's tables; read one with `mesh read PRODUCT@N`."
    )

    @Argument(help: "The product (DOMAIN.PRODUCT).")
    var product: String

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the versions as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let versions = try options.connect().versions(product)
            if json { return Console.line(JSON.array(versions.map(MeshJSON.version)).rendered()) }
            if versions.isEmpty { return Console.line("\(product) has no published version yet.") }
            Console.line("VERSION  PUBLISHED             BY            MODE       ROWS        ADDED       CONTRACT")
            for v in versions {
                let time = MeshJSON.text(v.publishedAt)
                let cells = ["v\(v.version)".padded(7), time.padded(20), v.publishedBy.padded(12), v.mode.padded(9),
                             Formatting.count(v.rowCount).padded(10), "+" + Formatting.count(v.addedRows).padded(9), v.contractVersion]
                Console.line(cells.joined(separator: "  ") + (v.status == .published ? "" : "  (\(v.status.rawValue))") + (v.inputs.isEmpty ? "" : "  from " + v.inputs.map(\.description).joined(separator: ", ")))
            }
        }
    }
}

extension String {
    /// The string padded with spaces to `width` characters (never cut).
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
