import Catalog
import Foundation
import Hummingbird
import HummingbirdTesting
import Iceberg
import Mesh
import MeshServer
import Testing
import TestSupport

@Suite("pyiceberg appends through the catalog's publish gate")
struct PyIcebergAppendTests {
    static let script = """
        import sys
        import pyarrow as pa
        from pyiceberg.catalog.rest import RestCatalog

        uri, token = sys.argv[1:3]
        catalog = RestCatalog("mesh", uri=uri, token=token)
        table = catalog.load_table("payments.transactions")
        schema = table.schema().as_arrow()
        # Rows 200..<300, drawn like the published ones.
        rows = [{"txn_id": f"t{1000 + i}", "customer_id": f"c{i % 7}", "amount": (i % 50) + 0.25} for i in range(200, 300)]
        table.append(pa.Table.from_pylist(rows, schema=schema))
        print(len(catalog.load_table("payments.transactions").scan().to_arrow()))

        # A required column null and a negative amount: the gate refuses, the table is unchanged.
        bad = [dict(r, txn_id=f"x{r['txn_id']}") for r in rows]
        bad[3]["customer_id"] = None
        bad[5]["amount"] = -5.0
        bad = pa.Table.from_pylist(bad, schema=schema)
        try:
            table.append(bad)
            print("appended")
        except Exception as error:
            print(type(error).__name__, "|", str(error).replace("\\n", " "))
        print(len(catalog.load_table("payments.transactions").scan().to_arrow()))
        """

    @Test(.enabled(if: Interop.enabled(["pyiceberg"])))
    func appendRecordsAVersionAndAViolationIsRejected() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let before = try fixture.service.catalogTable(namespace: ["payments"], name: "transactions").table
        let app = MeshApplication.build(service: fixture.service, port: 0)
        let output = try await app.test(.live) { client in
            let port = try #require(client.port)
            return try await PyIcebergInteropTests.python(Self.script, ["http://127.0.0.1:\(port)", fixture.tokens["paula"]!])
        }
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(output)")
        guard lines.count == 3 else { return }
        #expect(lines[0] == "300")
        // pyiceberg raises RESTError for 422, with the server's error type and message.
        #expect(lines[1].hasPrefix("RESTError | CommitFailedException: publish to payments.transactions rejected"), "\(lines[1])")
        #expect(lines[1].contains("customer_id"), "\(lines[1])")
        #expect(lines[1].contains("amount"), "\(lines[1])")
        #expect(lines[2] == "300")

        let versions = try fixture.service.versions("payments.transactions")
        #expect(versions.map(\.version) == [1, 2, 3])
        #expect(versions.last?.tag == "v3")
        #expect(versions.last?.publishedBy == "paula")
        #expect(versions.last?.addedRows == 100)
        #expect(versions.last?.rowCount == 300)
        let after = try fixture.service.catalogTable(namespace: ["payments"], name: "transactions").table
        #expect(after.metadata.refs["v3"]?.snapshotID == after.metadata.currentSnapshotID)
        #expect(after.metadata.currentSnapshotID != before.metadata.currentSnapshotID)
        let rejections = try fixture.service.rejections("payments.transactions")
        #expect(rejections.count == 1)
        #expect(rejections.first?.attemptedBy == "paula")

        // The refused append left no file behind: every manifest list, manifest and data file
        // in the table's folder belongs to a committed snapshot.
        let store = fixture.service.warehouse
        var reachable: Set<String> = []
        for snapshot in after.metadata.snapshots {
            guard let list = snapshot.manifestList, let listKey = store.key(of: list) else { continue }
            reachable.insert(listKey)
            for file in try ManifestList(reading: try store.read(listKey)).manifests {
                let manifestKey = try #require(store.key(of: file.manifestPath))
                reachable.insert(manifestKey)
                for entry in try Manifest(reading: try store.read(manifestKey)).entries {
                    reachable.insert(try #require(store.key(of: entry.dataFile.filePath)))
                }
            }
        }
        let files = try store.list(prefix: "payments/transactions/").filter { !$0.hasSuffix(".metadata.json") }
        #expect(files.count > 0)
        #expect(Set(files).subtracting(reachable).isEmpty, "left behind: \(Set(files).subtracting(reachable).sorted())")
    }
}
