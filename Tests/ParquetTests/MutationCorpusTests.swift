import Codecs
import Columnar
import Foundation
import Testing
@testable import Parquet

/// Thousands of seeded mutations of valid files (bit flips in footers, page headers and data,
/// truncations, huge length fields, spliced ranges): each must read or throw ``ParquetError``,
/// never crash, hang or allocate without bound.
@Suite("Mutation corpus")
struct MutationCorpusTests {
    static let mutationsPerFile = Int(ProcessInfo.processInfo.environment["MESH_PARQUET_MUTATIONS"] ?? "") ?? 850

    static func corpus() throws -> [(String, [UInt8])] {
        var files: [(String, [UInt8])] = []
        let full = TestData.schema(nullable: true)
        let required = TestData.schema(nullable: false)
        let lists = Schema([Field("l", .list(element: Field("element", .int32, nullable: true)), nullable: true),
                            Field("m", .list(element: Field("element", .string, nullable: false)), nullable: false)])
        let configs: [(String, Schema, ParquetWriterOptions, Int?)] = [
            ("all-snappy-dict", full, .init(codec: .snappy, pageSize: 1024), 8),
            ("all-required-plain", required, .init(codec: .uncompressed, pageSize: 1024, dictionaryEnabled: false), nil),
            ("all-gzip-dict", full, .init(codec: .gzip, rowGroupSize: 8 << 10), 5),
            ("all-zstd-plain", full, .init(codec: .zstd, dictionaryEnabled: false), nil),
            ("lists-uncompressed", lists, .init(codec: .uncompressed, pageSize: 512), 4),
            ("all-v2-delta", full, .init(codec: .snappy, pageSize: 1024, dataPageVersion: .v2, columnEncodings: RoundTripTests.deltaEncodings), nil),
        ]
        for (name, schema, options, cardinality) in configs {
            let batch = TestData.batch(schema, rows: 80, seed: 21, cardinality: cardinality)
            files.append((name, try ParquetWriter.write([batch], schema: schema, options: options)))
        }
        // Many small pages of a nullable number column: a lone column read decodes them concurrently.
        let numbers = Schema([Field("x", .double, nullable: true), Field("y", .int32, nullable: false)])
        files.append(("numbers-many-pages", try ParquetWriter.write([TestData.batch(numbers, rows: 600, seed: 3)], schema: numbers,
                                                                 options: .init(codec: .snappy, pageSize: 256, dictionaryEnabled: false))))
        for name in ["pyarrow_v2_delta", "pyarrow_v1_delta_uncompressed", "duckdb_default", "polars_zstd", "pyarrow_int96", "pyarrow_v2_dict"] {
            let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "parquet"))
            files.append((name, Array(try Data(contentsOf: url))))
        }
        return files
    }

    /// One seeded mutation of `bytes`; `hotspots` are offsets of page headers and the footer.
    static func mutate(_ bytes: [UInt8], hotspots: [Int], footer: Range<Int>, rng: inout SeededGenerator) -> [UInt8] {
        var b = bytes
        let n = b.count
        func anywhere() -> Int { Int.random(in: 0..<n, using: &rng) }
        func inFooter() -> Int { Int.random(in: footer, using: &rng) }
        func nearHotspot() -> Int {
            let h = hotspots.randomElement(using: &rng) ?? 0
            return min(n - 1, h + Int.random(in: 0..<24, using: &rng))
        }
        let kind = Int.random(in: 0..<100, using: &rng)
        switch kind {
        case 0..<25: // bit flips anywhere
            for _ in 0..<Int.random(in: 1...4, using: &rng) { b[anywhere()] ^= 1 << UInt8.random(in: 0..<8, using: &rng) }
        case 25..<45: // bit flips in the footer
            for _ in 0..<Int.random(in: 1...3, using: &rng) { b[inFooter()] ^= 1 << UInt8.random(in: 0..<8, using: &rng) }
        case 45..<65: // bit flips in page headers
            for _ in 0..<Int.random(in: 1...3, using: &rng) { b[nearHotspot()] ^= 1 << UInt8.random(in: 0..<8, using: &rng) }
        case 65..<80: // a varint-sized length field set to a huge value
            let at = Bool.random(using: &rng) ? inFooter() : nearHotspot()
            let huge: [UInt8] = [[0xFF, 0xFF, 0xFF, 0xFF, 0x0F], [0xFE, 0xFF, 0xFF, 0xFF, 0x07], [0x80, 0x80, 0x80, 0x80, 0x08],
                                 [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]].randomElement(using: &rng)!
            for (k, v) in huge.enumerated() where at + k < n { b[at + k] = v }
        case 80..<88: // bytes overwritten with constants or noise
            let at = anywhere()
            let fill = [UInt8(0), 0xFF, UInt8.random(in: 0...255, using: &rng)].randomElement(using: &rng)!
            for k in 0..<Int.random(in: 1...16, using: &rng) where at + k < n { b[at + k] = fill }
        case 88..<94: // truncation
            b = Array(b[0..<Int.random(in: 0..<n, using: &rng)])
        default: // a range copied over another
            let len = Int.random(in: 1...64, using: &rng)
            let from = Int.random(in: 0..<max(1, n - len), using: &rng), to = Int.random(in: 0..<max(1, n - len), using: &rng)
            for k in 0..<len where from + k < n && to + k < n { b[to + k] = bytes[from + k] }
        }
        return b
    }

    @Test("seeded mutations of valid files read or throw ParquetError")
    func mutations() throws {
        var tried = 0, readOK = 0, rejected = 0
        var kinds: [String: Int] = [:]
        let corpus = try Self.corpus()
        for (index, (name, bytes)) in corpus.enumerated() {
            let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
            _ = try reader.read() // the original is valid
            var hotspots: [Int] = []
            for g in reader.metadata.rowGroups {
                for c in g.columns { if let m = c.metaData { hotspots.append(Int(m.startOffset)); hotspots.append(Int(m.dataPageOffset)) } }
            }
            let footer = reader.footerOffset..<(bytes.count - 8)
            var rng = SeededGenerator(seed: 0xC0FFEE &+ UInt64(index))
            for _ in 0..<Self.mutationsPerFile {
                let mutated = Self.mutate(bytes, hotspots: hotspots, footer: footer, rng: &rng)
                tried += 1
                do {
                    let r = try ParquetFileReader(source: MemorySource(bytes: mutated))
                    var it = try r.batches()
                    while try it.next() != nil {}
                    // A lone column takes the concurrent page path (for number columns); it must be as safe.
                    for field in r.schema.fields { _ = try r.read(columns: [field.name]) }
                    readOK += 1
                } catch {
                    rejected += 1
                    kinds[error.kind.description, default: 0] += 1
                    #expect(!error.message.isEmpty, "\(name): empty error message")
                }
            }
        }
        print("mutation corpus: \(tried) inputs, \(readOK) read, \(rejected) rejected with ParquetError \(kinds.sorted { $0.key < $1.key })")
        #expect(corpus.count == 13 && tried == corpus.count * Self.mutationsPerFile)
        #expect(rejected > tried / 4)
    }
}
