import ArgumentParser
import Contracts

/// `mesh contract diff OLD.yaml NEW.yaml [--json]`.
struct ContractDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Classify every change between two contract versions as breaking or compatible.",
        discussion: "Exits 1 when a breaking change lacks a major version bump (or the version does not fit the changes)."
    )

    @Argument(help: "The old contract version.")
    var old: String

    @Argument(help: "The new contract version.")
    var new: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        let diff: ContractDiff
        do {
            diff = ContractDiff(old: try DataContract(yaml: try CommandSupport.read(old)), new: try DataContract(yaml: try CommandSupport.read(new)))
        } catch let error as ContractError {
            CommandSupport.fail("\(error)")
            throw ExitCode(1)
        }
        print(json ? try diff.json() : diff.text())
        if !diff.isAccepted { throw ExitCode(1) }
    }
}
