import Catalog
import Foundation
import Hummingbird
import HummingbirdTesting
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
        table.append(pa.Table.from_pylist([{"txn_id": "t6", "customer_id": "c4", "amount": 3.0}], schema=schema))
        print(len(catalog.load_table("payments.transactions").scan().to_arrow()))

        # A required column null and a negative amount: the gate refuses, the table is unchanged.
        bad = pa.Table.from_pylist([{"txn_id": "t7", "customer_id": None, "amount": -5.0}], schema=schema)
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
        #expect(lines[0] == "6")
        // pyiceberg raises RESTError for 422, with the server's error type and message.
        #expect(lines[1].hasPrefix("RESTError | CommitFailedException: publish to payments.transactions rejected"), "\(lines[1])")
        #expect(lines[1].contains("customer_id"), "\(lines[1])")
        #expect(lines[1].contains("amount"), "\(lines[1])")
        #expect(lines[2] == "6")

        let versions = try fixture.service.versions("payments.transactions")
        #expect(versions.map(\.version) == [1, 2, 3])
        #expect(versions.last?.tag == "v3")
        #expect(versions.last?.publishedBy == "paula")
        #expect(versions.last?.addedRows == 1)
        #expect(versions.last?.rowCount == 6)
        let after = try fixture.service.catalogTable(namespace: ["payments"], name: "transactions").table
        #expect(after.metadata.refs["v3"]?.snapshotID == after.metadata.currentSnapshotID)
        #expect(after.metadata.currentSnapshotID != before.metadata.currentSnapshotID)
        let rejections = try fixture.service.rejections("payments.transactions")
        #expect(rejections.count == 1)
        #expect(rejections.first?.attemptedBy == "paula")
    }
}
