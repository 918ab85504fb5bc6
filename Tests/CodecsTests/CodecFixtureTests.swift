import Foundation
import Testing
import Codecs

/// Streams written by reference implementations (see Fixtures/README.md) decode to the
/// original bytes.
@Suite("Reference-tool fixtures")
struct CodecFixtureTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try Array(Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The `lines` original, rebuilt from the formula in generate.py.
    static let lines: [UInt8] = Array((0..<4000).map { i in
        "line \(i % 50 < 10 ? "0" : "")\(i % 50) of the mesh\n"
    }.joined().utf8)

    static func original(_ name: String) throws -> [UInt8] {
        switch name {
        case "text": try fixture("text.txt")
        case "binary": try fixture("binary.bin")
        default: lines
        }
    }

    @Test("Snappy blocks from cramjam and from Arrow's C++ snappy", arguments: ["text", "binary", "lines"])
    func snappy(_ name: String) throws {
        let original = try Self.original(name)
        for file in ["\(name).snappy", "\(name).arrow.snappy"] {
            let compressed = try Self.fixture(file)
            #expect(try Snappy.decompress(compressed, limit: original.count) == original, "\(file)")
            // Our compressor finds about as many matches as the reference ones.
            let ours = Snappy.compress(original)
            #expect(Double(ours.count) <= Double(compressed.count) * 1.15 + 16, "\(file): ours \(ours.count), reference \(compressed.count)")
        }
    }

    @Test("gzip members from CPython and Arrow", arguments: ["text.gz", "binary.gz", "lines.gz", "text.arrow.gz"])
    func gzip(_ file: String) throws {
        let original = try Self.original(String(file.prefix { $0 != "." }))
        #expect(try Gzip.decompress(try Self.fixture(file), limit: original.count) == original)
    }

    @Test("concatenated gzip members")
    func members() throws {
        let expected = try Self.fixture("text.txt") + Self.fixture("binary.bin")
        #expect(try Gzip.decompress(try Self.fixture("members.gz"), limit: expected.count) == expected)
    }

    @Test("zlib and raw deflate from CPython")
    func zlibAndDeflate() throws {
        let text = try Self.fixture("text.txt")
        #expect(try Zlib.decompress(try Self.fixture("text.zlib"), limit: text.count) == text)
        #expect(try Deflate.decompress(try Self.fixture("text.deflate"), limit: text.count) == text)
        // Gzip also accepts zlib data; raw deflate is not mistaken for a zlib stream.
        #expect(try Gzip.decompress(try Self.fixture("text.zlib"), limit: text.count) == text)
        #expect(throws: CodecError.self) { try Zlib.decompress(try Self.fixture("text.deflate"), limit: text.count) }
    }
}
