import Testing
@testable import Avro
@testable import Iceberg

/// Corrupt or inconsistent metadata and manifests give typed errors, never a crash.
@Suite struct IcebergHostileInputTests {
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 17
        }
    }

    @Test func mutatedManifestsNeverCrash() throws {
        let bytes = try Fixtures.bytes("parts-manifest0.avro")
        let plain = try Manifest(reading: bytes).encoded(codec: .null)
        var rng = Rng(state: 7)
        for original in [bytes, plain] {
            for _ in 0..<150 {
                var mutated = original
                let i = Int(rng.next() % UInt64(mutated.count))
                mutated[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
                _ = try? Manifest(reading: mutated)
                _ = try? ManifestList(reading: mutated)
            }
            // A cut either throws or, exactly at a block boundary, yields a prefix of the entries.
            let full = try Manifest(reading: original).entries
            for cut in stride(from: 0, to: original.count, by: 7) {
                if let read = try? Manifest(reading: Array(original[0..<cut])) {
                    #expect(Array(full.prefix(read.entries.count)) == read.entries)
                    #expect(read.entries.count < full.count)
                }
            }
        }
    }

    @Test func mutatedMetadataJSONNeverCrashes() throws {
        let text = Array(try Fixtures.text("events-v4.metadata.json").utf8)
        var rng = Rng(state: 11)
        for _ in 0..<300 {
            var mutated = text
            let i = Int(rng.next() % UInt64(mutated.count))
            mutated[i] = UInt8(truncatingIfNeeded: rng.next())
            _ = try? TableMetadata(jsonBytes: mutated)
        }
        for cut in stride(from: 0, to: text.count - 1, by: 13) {
            #expect(throws: IcebergError.self) { try TableMetadata(jsonBytes: Array(text[0..<cut])) }
        }
    }

    @Test func danglingReferencesAreRejected() throws {
        var md = try TableMetadata(jsonText: try Fixtures.text("events-v4.metadata.json"))
        md.refs["old"] = SnapshotRef(snapshotID: 12345, kind: .tag)
        let dangling = try #require(throws: IcebergError.self) { try TableMetadata(jsonText: md.jsonText) }
        #expect(dangling.context == "refs.old")
        md.refs["old"] = nil
        md.defaultSpecID = 9
        #expect(throws: IcebergError.self) { try TableMetadata(jsonText: md.jsonText) }
        md.defaultSpecID = 0
        md.refs["main"] = SnapshotRef(snapshotID: md.snapshots[0].snapshotID, kind: .branch)
        let main = try #require(throws: IcebergError.self) { try TableMetadata(jsonText: md.jsonText) }
        #expect(main.context == "refs.main")
    }

    @Test func outOfRangeIdsAreTypeMismatchesWhenWriting() throws {
        var manifest = try Manifest(reading: try Fixtures.bytes("parts-manifest0.avro"))
        manifest.entries[0].dataFile.valueCounts = [Int(Int32.max) + 1: 3]
        let error = try #require(throws: IcebergError.self) { try manifest.encoded() }
        #expect(error.kind == .typeMismatch)
        var list = try ManifestList(reading: try Fixtures.bytes("parts-snap0-manifest-list.avro"))
        list.manifests[0].partitionSpecID = Int(Int32.min) - 1
        #expect(throws: IcebergError.self) { try list.encoded() }
    }

    @Test func extremeValuesDoNotTrap() throws {
        #expect(try Transform.truncate(10).apply(.int(Int32.min)) != nil)
        #expect(try Transform.truncate(10).apply(.long(Int64.min)) != nil)
        #expect(!Literal.timestampNs(Int64.min).description.isEmpty)
        #expect(!Literal.timestamp(Int64.max).description.isEmpty)
        #expect(try Transform.year.apply(.timestampNs(Int64.min)) != nil)
    }
}
