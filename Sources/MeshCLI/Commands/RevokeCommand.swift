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
            let mesh = try options.connect()
            let g = try mesh.revokeGrant(id: grantID)
            Console.line("Revoked grant \(g.id): \(g.principal) may no longer read \(g.productID) for \(g.purpose).")
        }
    }
}
