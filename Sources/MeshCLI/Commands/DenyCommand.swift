import ArgumentParser
import Mesh

/// `mesh deny REQUEST_ID --reason TEXT`.
struct DenyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deny",
        abstract: "Deny an access request with a reason the requester sees (the product's domain owners)."
    )

    @Argument(help: "The access request id.")
    var requestID: Int64

    @Option(help: "Why; shown to the requester.")
    var reason: String

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the request as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let mesh = try options.connect()
            let r = try mesh.deny(requestID: requestID, reason: reason)
            if json { return Console.line(MeshJSON.accessRequest(r).rendered()) }
            Console.line("Denied request \(r.id): \(r.principal) may not read \(r.productID) for \(r.purpose).")
        }
    }
}
