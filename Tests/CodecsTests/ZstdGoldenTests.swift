import Foundation
import Testing
@testable import Codecs

/// Decodes frames written by the reference libzstd (see Fixtures/zstd/README.md).
@Suite("Zstd golden fixtures")
struct ZstdGoldenTests {
    struct Expected: Decodable {
        let size: Int
        let xxh64: String
    }

    static let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/zstd")

    static let manifest: [String: Expected] = {
        let data = try! Data(contentsOf: directory.appendingPathComponent("manifest.json"))
        return try! JSONDecoder().decode([String: Expected].self, from: data)
    }()

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name + ".zst")))
    }

    /// Decodes fixture `name`, checks length and XXH64 against the manifest; returns the features met.
    static func decode(_ name: String) throws -> ZstdFeatures {
        let expected = try #require(manifest[name], "fixture \(name) missing from manifest")
        let frame = try fixture(name)
        let (output, features) = try frame.withUnsafeBytes { try Zstd.decompressReportingFeatures($0, limit: expected.size) }
        #expect(output.count == expected.size)
        let hash = output.withUnsafeBytes { XXHash64.hash($0) }
        #expect(String(hash, radix: 16).leftPadded(16) == expected.xxh64, "\(name): decoded bytes differ")
        return features
    }

    @Test("every fixture decodes to the original bytes", arguments: manifest.keys.sorted())
    func decodesFixture(name: String) throws {
        _ = try Self.decode(name)
    }

    @Test("fixtures exercise every part of the format")
    func coverage() throws {
        var all: ZstdFeatures = []
        for name in Self.manifest.keys { all.formUnion(try Self.decode(name)) }
        let required: [(ZstdFeatures, String)] = [
            (.skippableFrame, "skippable frame"), (.contentChecksum, "content checksum"),
            (.noContentSize, "absent content size"), (.windowDescriptor, "window descriptor"),
            (.rawBlock, "raw block"), (.rleBlock, "RLE block"), (.compressedBlock, "compressed block"),
            (.rawLiterals, "raw literals"), (.rleLiterals, "RLE literals"),
            (.huffmanOneStream, "1-stream Huffman"), (.huffmanFourStreams, "4-stream Huffman"),
            (.treelessLiterals, "treeless literals"), (.compressedWeights, "FSE-compressed weights"),
            (.directWeights, "direct weights"),
            (.predefinedTable, "predefined tables"), (.rleTable, "RLE tables"),
            (.compressedTable, "FSE tables"), (.repeatTable, "repeat tables"), (.repeatOffset, "repeat offsets"),
        ]
        for (feature, label) in required {
            #expect(all.contains(feature), "no fixture exercises \(label)")
        }
    }

    @Test("multi-frame input concatenates frames and skips skippable frames")
    func multiFrame() throws {
        let features = try Self.decode("multi-frame")
        #expect(features.contains(.skippableFrame))
    }

    @Test("a frame without content size still decodes")
    func noContentSize() throws {
        let features = try Self.decode("text-no-content-size")
        #expect(features.contains(.noContentSize))
    }

    @Test("long-distance matches beyond 1 MiB resolve")
    func longDistance() throws {
        let features = try Self.decode("long-distance")
        #expect(features.contains(.compressedBlock))
    }

    @Test("the output limit is enforced: one byte less than the content fails")
    func limitOneShort() throws {
        let expected = try #require(Self.manifest["text-level1"])
        let frame = try Self.fixture("text-level1")
        #expect(throws: CodecError.self) {
            try frame.withUnsafeBytes { try Zstd.decompress($0, limit: expected.size - 1) }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
