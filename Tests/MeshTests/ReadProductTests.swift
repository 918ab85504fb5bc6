import Columnar
import Foundation
import Governance
import Iceberg
import Testing
@testable import Mesh

@Suite("ProductReader")
struct ReadProductTests {
    /// A table with two versions: v1 = rows 0..<100, v2 = v1 + rows 100..<250.
    static func table() throws -> (table: Table, v1: Int64, v2: Int64) {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        let pipeline = PublishPipeline(targetFileSize: 8 << 10, batchSize: 40)
        let v1 = try pipeline.run(try PublishFixture.request([try PublishFixture.write(PublishFixture.csv(0..<100), "a.csv", in: dir)], tag: "v1"), table: &table)
        let v2 = try pipeline.run(try PublishFixture.request([try PublishFixture.write(PublishFixture.csv(100..<250), "b.csv", in: dir)], tag: "v2"), table: &table)
        return (table, try #require(v1.snapshotID), try #require(v2.snapshotID))
    }

    static func ids(_ batches: [RecordBatch], _ column: String = "id") -> [Int64] {
        batches.flatMap { $0.column(named: column)!.allValues }.map { if case .int64(let v) = $0 { v } else { -1 } }
    }

    @Test("all columns of the current version by default")
    func everything() throws {
        let (table, _, v2) = try Self.table()
        var reader = try ProductReader.open(ReadRequest(), table: table)
        #expect(reader.schema.names == ["id", "amount", "country", "email", "ts"])
        #expect(reader.snapshotID == v2)
        #expect(Self.ids(try reader.readAll()).sorted() == Array(0..<250))
    }

    @Test("projection keeps the requested order; the filter's columns are read but not returned")
    func projectionAndFilter() throws {
        let (table, _, _) = try Self.table()
        var reader = try ProductReader.open(ReadRequest(columns: ["email", "id"], filter: "country = 'FR' and id >= 200"), table: table)
        #expect(reader.schema.names == ["email", "id"])
        let batches = try reader.readAll()
        #expect(batches.allSatisfy { $0.schema.names == ["email", "id"] })
        let expected = (200..<250).filter { $0 % 3 == 1 }.map(Int64.init)
        #expect(Self.ids(batches).sorted() == expected)
        let emails = batches.flatMap { $0.column(named: "email")!.allValues }
        #expect(emails.contains(.string("user202@example.com")))
    }

    @Test("limit stops early, across batches")
    func limit() throws {
        let (table, _, _) = try Self.table()
        var reader = try ProductReader.open(ReadRequest(columns: ["id"], limit: 57), table: table)
        let batches = try reader.readAll()
        #expect(batches.reduce(0) { $0 + $1.count } == 57)
        #expect(try reader.next() == nil)
        var none = try ProductReader.open(ReadRequest(limit: 0), table: table)
        #expect(try none.next() == nil)
        var filtered = try ProductReader.open(ReadRequest(filter: "country = 'US'", limit: 5), table: table)
        let rows = try filtered.readAll()
        #expect(rows.reduce(0) { $0 + $1.count } == 5)
        #expect(rows.flatMap { $0.column(named: "country")!.allValues }.allSatisfy { $0 == .string("US") })
    }

    @Test("time travel reads an earlier snapshot")
    func timeTravel() throws {
        let (table, v1, _) = try Self.table()
        var reader = try ProductReader.open(ReadRequest(snapshotID: v1, columns: ["id"]), table: table)
        #expect(reader.snapshotID == v1)
        #expect(Self.ids(try reader.readAll()).sorted() == Array(0..<100))
        let missing = #expect(throws: MeshError.self) { try ProductReader.open(ReadRequest(snapshotID: 42), table: table) }
        #expect(missing?.kind == .notFound)
    }

    @Test("masked columns: strings keep a suffix only when long, other types become null; dropped columns vanish")
    func maskAndDrop() throws {
        let (table, _, _) = try Self.table()
        let access = [try PublishFixture.access("email", "mask"), try PublishFixture.access("amount", "mask"), try PublishFixture.access("ts", "drop")]
        var reader = try ProductReader.open(ReadRequest(filter: "id < 3", access: access), table: table)
        #expect(reader.schema.names == ["id", "amount", "country", "email"])
        #expect(reader.schema.field(named: "amount")?.nullable == true)
        #expect(reader.schema.field(named: "amount")?.type == .decimal(precision: 10, scale: 2))
        #expect(reader.schema.field(named: "email")?.metadata["mesh.access"] == "mask")
        let batches = try reader.readAll()
        let emails = batches.flatMap { $0.column(named: "email")!.allValues }
        #expect(emails.count == 3)
        #expect(emails.allSatisfy { $0 == .string("***.com") }, "user0@example.com keeps '.com': \(emails)")
        #expect(batches.flatMap { $0.column(named: "amount")!.allValues }.allSatisfy { $0 == .null })
        #expect(batches.allSatisfy { $0.column(named: "ts") == nil })
        #expect(ColumnMask.masked("short@a.io") == "***")
        #expect(ColumnMask.masked("4111111111111111") == "***1111")
        #expect(ColumnMask.masked("") == "***")

        let dropped = #expect(throws: MeshError.self) { try ProductReader.open(ReadRequest(columns: ["id", "ts"], access: access), table: table) }
        #expect(dropped?.kind == .forbidden)
        let filtered = #expect(throws: MeshError.self) { try ProductReader.open(ReadRequest(filter: "email = 'user1@example.com'", access: access), table: table) }
        #expect(filtered?.kind == .forbidden)
    }

    @Test("masking binary and fixed columns keeps their type")
    func maskBinary() throws {
        var bytes = ColumnBuilder(.binary)
        bytes.append(bytes: [1, 2, 3, 4])
        try bytes.appendNull()
        let masked = ColumnMask.apply(bytes.finish())
        #expect(masked.type == .binary)
        #expect(masked.allValues == [.binary(Array("***".utf8)), .null])
        let fixed = Column(type: .fixedBinary(width: 2), values: .fixed(width: 2, [9, 9, 8, 8]))
        #expect(ColumnMask.apply(fixed).allValues == [.binary([42, 42]), .binary([42, 42])])
        let flags = Column(type: .boolean, values: .boolean([true, false]))
        #expect(ColumnMask.apply(flags).allValues == [.null, .null])
    }

    @Test("unknown columns in the projection or the filter name the column and list the available ones")
    func unknownColumns() throws {
        let (table, _, _) = try Self.table()
        let access = [try PublishFixture.access("ts", "drop")]
        let projection = #expect(throws: MeshError.self) { try ProductReader.open(ReadRequest(columns: ["id", "colour"], access: access), table: table) }
        #expect(projection?.kind == .invalidInput)
        #expect(projection?.description.contains("colour") == true)
        #expect(projection?.description.contains("id, amount, country, email") == true)
        #expect(projection?.description.contains("ts") == false, "a dropped column is not advertised")
        let filter = #expect(throws: MeshError.self) { try ProductReader.open(ReadRequest(filter: "colour = 'red'"), table: table) }
        #expect(filter?.kind == .invalidInput)
        #expect(filter?.description.contains("colour") == true)
        #expect(filter?.description.contains("amount") == true)
        let negative = #expect(throws: MeshError.self) { try ProductReader.open(ReadRequest(limit: -1), table: table) }
        #expect(negative?.kind == .invalidInput)
    }

    @Test("an empty product reads as no batches")
    func emptyProduct() throws {
        let table = try PublishFixture.table()
        var reader = try ProductReader.open(ReadRequest(columns: ["id", "email"]), table: table)
        #expect(reader.snapshotID == nil)
        #expect(reader.schema.names == ["id", "email"])
        #expect(try reader.next() == nil)
    }
}
