import ArgumentParser
import Mesh

/// `mesh unsubscribe ID`.
struct UnsubscribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unsubscribe",
        abstract: "Remove a subscription (its pending webhooks are not sent).",
        discussion: "`mesh subscriptions` lists the ids. Only the consumer, its team or an administrator may remove it."
    )

    @Argument(help: "The subscription id.")
    var id: Int64

    @OptionGroup var options: MeshOptions

    func run() throws {
        try Console.reportingMeshErrors {
            let mesh = try options.connect()
            let s = try mesh.unsubscribe(id: id)
            Console.line("Removed subscription \(s.id): \(s.consumer) no longer follows \(s.productID) for \(s.purpose).")
        }
    }
}
