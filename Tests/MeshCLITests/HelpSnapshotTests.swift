import Foundation
import Testing
import TestSupport

/// `--help` is part of the interface: every command's help is compared with a stored snapshot.
/// After an intended change, rerun with `MESH_UPDATE_SNAPSHOTS=1 swift test --filter HelpSnapshot`.
@Suite struct HelpSnapshotTests {
    static let commands: [[String]] = [
        [],
        ["parquet"], ["parquet", "inspect"], ["parquet", "cat"], ["parquet", "convert"],
        ["contract"], ["contract", "lint"], ["contract", "diff"], ["contract", "test"],
        ["policy"], ["policy", "dry-run"],
        ["iceberg"], ["iceberg", "inspect"], ["iceberg", "cat"], ["iceberg", "append"],
        ["init"], ["domain"], ["domain", "create"], ["domain", "list"], ["principal"], ["principal", "create"], ["principal", "list"],
        ["policy", "apply"], ["glossary"], ["product"], ["product", "register"], ["product", "list"],
        ["publish"], ["versions"], ["show"], ["search"], ["read"],
        ["subscribe"], ["unsubscribe"], ["subscriptions"], ["events"], ["check"], ["retention"], ["audit"],
        ["request-access"], ["access-requests"], ["approve"], ["deny"], ["grant"], ["grants"], ["revoke"],
        ["demo"],
        ["lineage"], ["lineage", "show"], ["lineage", "export"],
        ["model"], ["model", "register"], ["model", "list"], ["model", "show"],
        ["version"], ["version", "revoke"], ["stats"],
        ["trainset"], ["trainset", "build"], ["trainset", "replay"], ["trainset", "list"],
        ["serve"], ["token"], ["token", "create"],
    ]
    let snapshots = Interop.repositoryRoot.appendingPathComponent("Tests/MeshCLITests/Snapshots")

    @Test(arguments: commands)
    func helpMatchesSnapshot(_ command: [String]) throws {
        let result = try MeshBinary.run(command + ["--help"])
        #expect(result.status == 0)
        let name = (["mesh"] + command).joined(separator: "-") + ".txt"
        if let difference = Snapshot.compare(result.stdout, named: name, in: snapshots) {
            Issue.record(Comment(rawValue: difference))
        }
    }
}
