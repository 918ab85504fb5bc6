import Columnar
import Contracts
import Foundation
import Governance
import Iceberg
import Quality
import Testing
@testable import Mesh

/// Contracts, tables and input files shared by the publish and read tests.
enum PublishFixture {
    /// A payments contract: a primary key, a decimal with a minimum, a country with allowed
    /// values, a PII e-mail and a required event time.
    static let contractYAML = """
    apiVersion: v3.1.0
    kind: DataContract
    id: payments.transactions
    name: Transactions
    version: 1.0.0
    status: active
    domain: payments
    dataProduct: transactions
    schema:
      - name: transactions
        quality:
          - id: some_rows
            metric: rowCount
            mustBeGreaterThan: 0
        properties:
          - name: id
            logicalType: integer
            primaryKey: true
          - name: amount
            logicalType: number
            physicalType: decimal(10,2)
            logicalTypeOptions: { minimum: 0 }
          - name: country
            logicalType: string
            quality:
              - id: country_valid
                metric: invalidValues
                arguments: { validValues: [DE, FR, US] }
                mustBe: 0
          - name: email
            logicalType: string
            classification: confidential
          - name: ts
            logicalType: timestamp
            required: true
    """

    static let objectName = "transactions"

    static func contract() throws -> DataContract { try DataContract(yaml: contractYAML) }

    /// A fresh table for the contract in memory (`partitioned`: identity on `country`).
    static func table(partitioned: Bool = false, store: any ObjectStore = MemoryStore(), committer: (any CatalogCommitter)? = MemoryCommitter(),
                      properties: [String: String] = [:]) throws -> Table {
        let contract = try contract()
        let schema = try PublishPipeline.tableSchema(for: try #require(contract.object(named: objectName)))
        var table = try Table.create(store: store, committer: committer, schema: schema, properties: properties)
        if partitioned {
            let iceberg = try #require(table.metadata.currentSchema)
            let countryID = try #require(iceberg.fields.first { $0.name == "country" }?.id)
            table = try Table.create(name: "partitioned", store: store, committer: committer, schema: iceberg,
                                     partitionSpec: PartitionSpec(specID: 0, fields: [PartitionField(sourceID: countryID, fieldID: 1000, name: "country", transform: .identity)]),
                                     properties: properties)
        }
        return table
    }

    /// A fresh temporary folder.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mesh-publish-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` in `folder` and returns its path.
    @discardableResult
    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        try write(Array(text.utf8), name, in: folder)
    }

    /// Writes `bytes` to `name` in `folder` and returns its path.
    @discardableResult
    static func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// CSV rows `ids` with valid values (countries DE, FR, US in turn; ts one minute apart from 2026-01-01).
    static func csv(_ ids: Range<Int>, country: (Int) -> String = { ["DE", "FR", "US"][$0 % 3] }) -> String {
        var text = "id,amount,country,email,ts\n"
        for i in ids {
            text += "\(i),\(i % 1000).\(String(format: "%02d", i % 100)),\(country(i)),user\(i)@example.com,\(timestamp(i))\n"
        }
        return text
    }

    /// The event time of row `i` as ISO text.
    static func timestamp(_ i: Int) -> String {
        let date = Date(timeIntervalSince1970: 1_767_225_600 + Double(i) * 60)
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    /// A request for `inputs` with `mode` and `tag`, quality measured at a fixed instant.
    static func request(_ inputs: [String], mode: PublishMode = .append, tag: String,
                        progress: (@Sendable (PublishProgress) -> Void)? = nil) throws -> PublishRequest {
        PublishRequest(contract: try contract(), objectName: objectName, inputs: inputs.map { PublishInput(path: $0) }, mode: mode, tag: tag,
                       options: QualityOptions(now: Date(timeIntervalSince1970: 1_767_300_000)), progress: progress)
    }

    /// Every key in the store and the table's metadata location: what must not change on a rejection.
    static func state(_ table: Table) throws -> (keys: [String], metadata: String, pointer: String?) {
        (try table.store.list(prefix: ""), table.metadataLocation, try table.committer.current(table: table.name))
    }

    /// Rows of the table's current snapshot.
    static func rowCount(_ table: Table, version: TableScan.Version = .current) throws -> Int {
        try TableScan(table: table, version: version).readAll().reduce(0) { $0 + $1.count }
    }

    /// A column access decision, as the governance layer makes them.
    static func access(_ column: String, _ action: String) throws -> ColumnAccess {
        let json = #"{"object":"transactions","column":"\#(column)","action":"\#(action)","ruleID":"pii-\#(action)","reason":"PII for this purpose"}"#
        return try JSONDecoder().decode(ColumnAccess.self, from: Data(json.utf8))
    }
}

@Suite("Publish fixture")
struct PublishFixtureTests {
    @Test("the contract's table schema has its types and required columns")
    func tableSchema() throws {
        let schema = try PublishPipeline.tableSchema(for: try #require(try PublishFixture.contract().object(named: "transactions")))
        #expect(schema.names == ["id", "amount", "country", "email", "ts"])
        #expect(schema.field(named: "amount")?.type == .decimal(precision: 10, scale: 2))
        #expect(schema.field(named: "id")?.nullable == false)
        #expect(schema.field(named: "ts")?.nullable == false)
        #expect(schema.field(named: "email")?.nullable == true)
    }
}
