import ArgumentParser
import Columnar

/// The `mesh` command: the root holds configuration only; each subcommand is its own type.
@main
struct MeshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mesh",
        abstract: "Meshwork: a data mesh for AI training pipelines.",
        subcommands: [
            DemoCommand.self, InitCommand.self, DomainCommand.self, PrincipalCommand.self, PolicyCommand.self, GlossaryCommand.self, ProductCommand.self,
            PublishCommand.self, VersionsCommand.self, VersionCommand.self, ShowCommand.self, SearchCommand.self, ReadCommand.self,
            SubscribeCommand.self, UnsubscribeCommand.self, SubscriptionsCommand.self, EventsCommand.self, CheckCommand.self, RetentionCommand.self, AuditCommand.self,
            RequestAccessCommand.self, AccessRequestsCommand.self, ApproveCommand.self, DenyCommand.self, GrantCommand.self, GrantsCommand.self, RevokeCommand.self,
            TrainsetCommand.self, LineageCommand.self, ModelCommand.self, StatsCommand.self,
            TokenCommand.self, ServeCommand.self,
            ParquetCommand.self, IcebergCommand.self, ContractCommand.self,
        ]
    )

    /// Sets the process's allocator policy (see ``MemoryPolicy``), then parses and runs the
    /// command as ArgumentParser's own entry point does.
    static func main() async {
        MemoryPolicy.retainFreedBuffers()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
