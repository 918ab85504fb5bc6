import Columnar
import Foundation
import Testing
@testable import Parquet

/// Reads the committed files made by pyarrow, polars and DuckDB (no Python needed).
@Suite("Golden fixtures from pyarrow, polars and DuckDB")
struct GoldenFixtureTests {
    static let names = ["pyarrow_snappy", "pyarrow_zstd", "pyarrow_gzip_plain", "pyarrow_v2_dict", "pyarrow_v2_delta",
                        "pyarrow_v1_delta_uncompressed", "pyarrow_int96", "pyarrow_decimal_integers", "pyarrow_small_pages",
                        "polars_zstd", "duckdb_default"]

    static func url(_ name: String, _ ext: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: ext))
    }

    @Test("each fixture reads to the values pyarrow reads", arguments: names)
    func fixture(_ name: String) throws {
        let reader = try ParquetFileReader(path: try Self.url(name, "parquet").path)
        let batch = try reader.read()
        #expect(batch.count == 40)
        let ours = try JSONSerialization.jsonObject(with: JSONSerialization.data(withJSONObject: Canonical.batch(batch))) as! NSDictionary
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: try Self.url(name, "json"))) as! NSDictionary
        #expect(Set(ours.allKeys as! [String]) == Set(expected.allKeys as! [String]))
        for case let key as String in expected.allKeys {
            let e = expected[key] as! NSArray, o = ours[key] as? NSArray
            guard let o, o.count == e.count else {
                Issue.record("\(name): column \(key) missing or of the wrong length")
                continue
            }
            for row in 0..<e.count where !(e[row] as! NSObject).isEqual(o[row]) {
                Issue.record("\(name): column \(key) differs at row \(row): expected \(e[row]), got \(o[row])")
                break
            }
        }
    }

    @Test("schema mapping of a pyarrow file: types, nullability, list elements, decimals, timestamps")
    func schema() throws {
        let reader = try ParquetFileReader(path: try Self.url("pyarrow_snappy", "parquet").path)
        let s = reader.schema
        #expect(s.field(named: "s")?.type == .string)
        #expect(s.field(named: "bin")?.type == .binary)
        #expect(s.field(named: "d")?.type == .date)
        #expect(s.field(named: "ts_us")?.type == .timestamp(unit: .microseconds, utc: true))
        #expect(s.field(named: "ts_ms")?.type == .timestamp(unit: .milliseconds, utc: false))
        #expect(s.field(named: "dec38")?.type == .decimal(precision: 38, scale: 10))
        #expect(s.field(named: "fix")?.type == .fixedBinary(width: 4))
        #expect(s.field(named: "u")?.type == .uuid)
        #expect(s.field(named: "l")?.type == .list(element: Field("element", .int64, nullable: true)))
        #expect(s.fields.allSatisfy { $0.nullable })
        #expect(reader.rowGroupCount == 4)
        #expect(reader.schema.metadata["ARROW:schema"] == nil)
        #expect(reader.metadata.keyValueMetadata?.contains { $0.key == "ARROW:schema" } == true) // 40 rows, row_group_size=13
        let int96 = try ParquetFileReader(path: try Self.url("pyarrow_int96", "parquet").path)
        #expect(int96.leaves.first { $0.path == ["ts_us"] }?.physicalType == .int96)
        #expect(int96.schema.field(named: "ts_us")?.type == .timestamp(unit: .nanoseconds, utc: false))
    }
}
