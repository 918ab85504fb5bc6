import ArgumentParser
import Mesh

/// `mesh approve REQUEST_ID [--clearance L] [--expires DATE]`.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve an access request and record the grant (the product's domain owners).",
        discussion: "`mesh access-requests` lists pending requests. The requester is told in its feed."
    )

    @Argument(help: "The access request id.")
    var requestID: Int64

    @Option(help: "The classification level the grantee may see unmasked (one of the policy bundle's levels; default: the least sensitive).")
    var clearance: String?

    @Option(help: ArgumentHelp(ExpiryOption.help + " Default: the expiry asked for, if any.", valueName: "date"))
    var expires: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the grant as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let mesh = try options.connect()
            let expiry = try expires.map { try ExpiryOption.parse($0) }
            let g = try mesh.approve(requestID: requestID, clearance: clearance, expires: expiry)
            if json { return Console.line(MeshJSON.grant(g).rendered()) }
            Console.line("Approved request \(requestID): grant \(g.id) lets \(g.principal) read \(g.productID) for \(g.purpose)"
                         + (g.clearance.map { " (clearance \($0))" } ?? "") + (g.expiresAt.map { " until \(MeshJSON.text($0))" } ?? "") + ".")
        }
    }
}
