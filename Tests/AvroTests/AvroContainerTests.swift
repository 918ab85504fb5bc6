import Testing
@testable import Avro

/// A record schema and values shared by container tests.
enum Sample {
    static let schema = AvroSchema.record(AvroRecord(name: "event", fields: [
        AvroField("id", .long, fieldID: 1),
        AvroField("name", .optional(.string), fieldID: 2, defaultValue: .null),
        AvroField("score", .double, fieldID: 3),
        AvroField("tags", .array(AvroArray(items: .string, properties: ["element-id": 4]))),
        AvroField("blob", .optional(.bytes), fieldID: 5, defaultValue: .null),
    ]))

    static func values(_ n: Int) -> [AvroValue] {
        (0..<n).map(value)
    }

    static func value(_ i: Int) -> AvroValue {
        let id: Int64 = Int64(i) * 1_000_003 - 500
        let name: AvroValue = i % 3 == 0 ? .null : .string("name-\(i)")
        let tags: [AvroValue] = (0..<(i % 4)).map { (t: Int) -> AvroValue in .string("t\(t)") }
        let blobBytes: [UInt8] = (0..<(i % 17)).map { (b: Int) -> UInt8 in UInt8(b) }
        let blob: AvroValue = i % 5 == 0 ? .bytes(blobBytes) : .null
        let fields: [String: AvroValue] = [
            "id": .long(id), "name": name, "score": .double(Double(i) / 7), "tags": .array(tags), "blob": blob,
        ]
        return .record(fields)
    }
}

@Suite struct AvroContainerTests {
    @Test(arguments: AvroCodec.allCases)
    func roundTripsWithEveryCodec(_ codec: AvroCodec) throws {
        var file = AvroContainer(schema: Sample.schema, codec: codec, values: Sample.values(2_000))
        file.setMetadata("format-version", "2")
        file.setMetadata("partition-spec", "[]")
        let bytes = try file.encoded(blockSize: 4096)
        #expect(Array(bytes.prefix(4)) == AvroContainer.magic)
        let read = try AvroContainer(reading: bytes)
        #expect(read.codec == codec)
        #expect(read.schema == Sample.schema)
        #expect(read.metadataString("format-version") == "2")
        #expect(read.metadataString("partition-spec") == "[]")
        #expect(read.metadata["avro.schema"] == nil)
        #expect(read.values == file.values)
    }

    @Test func deflateIsSmallerForRepetitiveData() throws {
        let values = Sample.values(3_000)
        let plain = try AvroContainer(schema: Sample.schema, codec: .null, values: values).encoded()
        let deflated = try AvroContainer(schema: Sample.schema, codec: .deflate, values: values).encoded()
        #expect(deflated.count * 2 < plain.count)
    }

    @Test func syncMarkerIsUsedAndOutputIsReproducible() throws {
        let sync = [UInt8](repeating: 0xAB, count: 16)
        let file = AvroContainer(schema: Sample.schema, values: Sample.values(10))
        let a = try file.encoded(syncMarker: sync)
        let b = try file.encoded(syncMarker: sync)
        #expect(a == b)
        #expect(Array(a.suffix(16)) == sync)
        #expect(throws: AvroError.self) { try file.encoded(syncMarker: [1, 2, 3]) }
    }

    @Test func emptyFileHasHeaderOnly() throws {
        let bytes = try AvroContainer(schema: .long).encoded()
        let read = try AvroContainer(reading: bytes)
        #expect(read.values.isEmpty)
        #expect(read.schema == .long)
    }

    @Test func unknownCodecIsUnsupported() throws {
        var bytes = try AvroContainer(schema: .long, values: [.long(1)]).encoded()
        // Replace the codec name "null" in the header with "zzzz".
        let null = Array("null".utf8)
        let at = try #require((0..<bytes.count - 4).first { Array(bytes[$0..<$0 + 4]) == null })
        bytes.replaceSubrange(at..<at + 4, with: Array("zzzz".utf8))
        let error = try #require(throws: AvroError.self) { try AvroContainer(reading: bytes) }
        #expect(error.kind == .unsupported)
    }
}
