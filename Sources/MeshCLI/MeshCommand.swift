import ArgumentParser

/// The `mesh` command: the root holds configuration only; each subcommand is its own type.
@main
struct MeshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mesh",
        abstract: "Meshwork: a data mesh for AI training pipelines.",
        subcommands: [
            DemoCommand.self, InitCommand.self, DomainCommand.self, PrincipalCommand.self, PolicyCommand.self, GlossaryCommand.self, ProductCommand.self,
            PublishCommand.self, VersionsCommand.self, VersionCommand.self, ShowCommand.self, SearchCommand.self, ReadCommand.self,
            SubscribeCommand.self, UnsubscribeCommand.self, SubscriptionsCommand.self, EventsCommand.self, CheckCommand.self,
            RequestAccessCommand.self, AccessRequestsCommand.self, ApproveCommand.self, DenyCommand.self, GrantCommand.self, GrantsCommand.self, RevokeCommand.self,
            TrainsetCommand.self, LineageCommand.self, ModelCommand.self, StatsCommand.self,
            TokenCommand.self, ServeCommand.self,
            ParquetCommand.self, IcebergCommand.self, ContractCommand.self,
        ]
    )
}
