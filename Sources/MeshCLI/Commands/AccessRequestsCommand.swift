import ArgumentParser
import Catalog
import Mesh

extension AccessRequestRecord.Status: ExpressibleByArgument {}

/// `mesh access-requests [--status S] [--json]`.
struct AccessRequestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "access-requests", abstract: "List access requests (pending ones by default).")

    @Option(help: "pending, approved or denied.")
    var status: AccessRequestRecord.Status = .pending

    @Flag(help: "List requests in every status.")
    var all = false

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the requests as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let list = try options.connect().accessRequests(status: all ? nil : status)
            if json { return Console.line(JSON.array(list.map(MeshJSON.accessRequest)).rendered()) }
            if list.isEmpty { return Console.line(all ? "No access requests." : "No \(status.rawValue) access requests.") }
            Console.line("ID    PRODUCT                         PRINCIPAL         PURPOSE           STATUS    REQUESTED             REASON")
            for r in list {
                let cells = [String(r.id).padded(4), r.productID.padded(30), r.principal.padded(16), r.purpose.padded(16), r.status.rawValue.padded(8),
                             MeshJSON.text(r.requestedAt).padded(20), r.justification.isEmpty ? "-" : r.justification]
                Console.line(cells.joined(separator: "  ") + (r.decidedBy.map { "  (decided by \($0))" } ?? ""))
            }
        }
    }
}
