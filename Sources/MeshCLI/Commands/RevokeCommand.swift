import ArgumentParser
import Mesh

/// `mesh revoke GRANT_ID`.
struct RevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a grant (the product's domain owners); the grantee is told.",
        discussion: "`mesh grants` lists the ids."
    )

    @Argument(help: "The grant id.")
    var grantID: Int64

    @OptionGroup var options: MeshOptions

    func run() throws {
        try Console.reportingMeshErrors {
            let (service, caller) = try options.session()
            let g = try service.revokeGrant(id: grantID, by: caller)
            Console.line("Revoked grant \(g.id): \(g.principal) may no longer read \(g.productID) for \(g.purpose).")
        }
    }
}
