import Testing
@testable import Avro
@testable import Iceberg

@Suite struct ManifestTests {
    static func hexMap(_ m: [Int: [UInt8]]?) -> JSONValue {
        .object((m ?? [:]).keys.sorted().map { JSONMember(String($0), .string(Fixtures.hex(m![$0]!))) })
    }

    static func countMap(_ m: [Int: Int64]?) -> JSONValue {
        .object((m ?? [:]).keys.sorted().map { JSONMember(String($0), .int(m![$0]!)) })
    }

    /// Compares a JSON object ignoring member order.
    static func sameObject(_ a: JSONValue, _ b: JSONValue?) -> Bool {
        guard let x = a.objectValue, let y = b?.objectValue, x.count == y.count else { return false }
        return x.allSatisfy { m in y.first { $0.key == m.key }?.value == m.value }
    }

    @Test(arguments: ["events", "parts"])
    func readsPyicebergManifestListsAndManifests(_ table: String) throws {
        let expected = try Fixtures.expected()[table]!
        let md = try TableMetadata(jsonText: try Fixtures.text("\(table)-v\(expected["metadata_files"]!.intValue! - 1).metadata.json"))
        for snap in try #require(expected["snapshots"]?.arrayValue) {
            let list = try ManifestList(reading: try Fixtures.bytes(snap["manifest_list_file"]!.stringValue!))
            #expect(list.snapshotID == snap["snapshot_id"]?.intValue)
            #expect(list.parentSnapshotID == snap["parent_snapshot_id"]?.intValue)
            #expect(list.sequenceNumber == snap["sequence_number"]?.intValue)
            let manifests = try #require(snap["manifests"]?.arrayValue)
            #expect(list.manifests.count == manifests.count)
            for (file, m) in zip(list.manifests, manifests) {
                #expect(file.manifestPath == m["manifest_path"]?.stringValue)
                #expect(file.manifestLength == m["manifest_length"]?.intValue)
                #expect(Int64(file.partitionSpecID) == m["partition_spec_id"]?.intValue)
                #expect(file.sequenceNumber == m["sequence_number"]?.intValue)
                #expect(file.minSequenceNumber == m["min_sequence_number"]?.intValue)
                #expect(file.addedSnapshotID == m["added_snapshot_id"]?.intValue)
                #expect(Int64(file.addedFilesCount) == m["added_files_count"]?.intValue)
                #expect(file.addedRowsCount == m["added_rows_count"]?.intValue)
                #expect(file.content == .data)

                let manifest = try Manifest(reading: try Fixtures.bytes(m["file"]!.stringValue!))
                #expect(manifest.spec == md.spec(id: file.partitionSpecID))
                let entries = manifest.inheriting(from: file)
                let expectedEntries = try #require(m["entries"]?.arrayValue)
                #expect(entries.count == expectedEntries.count)
                for (e, x) in zip(entries, expectedEntries) {
                    #expect(Int64(e.status.rawValue) == x["status"]?.intValue)
                    #expect(e.snapshotID == x["snapshot_id"]?.intValue)
                    #expect(e.sequenceNumber == x["sequence_number"]?.intValue)
                    #expect(e.dataFile.filePath == x["file_path"]?.stringValue)
                    #expect(e.dataFile.fileFormat == "PARQUET")
                    #expect(e.dataFile.recordCount == x["record_count"]?.intValue)
                    #expect(e.dataFile.fileSizeInBytes == x["file_size_in_bytes"]?.intValue)
                    #expect(Self.sameObject(Self.countMap(e.dataFile.valueCounts), x["value_counts"]))
                    #expect(Self.sameObject(Self.countMap(e.dataFile.nullValueCounts), x["null_value_counts"]))
                    #expect(Self.sameObject(Self.hexMap(e.dataFile.lowerBounds), x["lower_bounds_hex"]))
                    #expect(Self.sameObject(Self.hexMap(e.dataFile.upperBounds), x["upper_bounds_hex"]))
                    let partition = e.dataFile.partition.map { (v: Literal?) -> JSONValue in
                        guard let v else { return .null }
                        if case .date(let d) = v { return .string(String(d)) }
                        return .string(v.description)
                    }
                    #expect(JSONValue.array(partition) == x["partition"])
                }
            }
        }
    }

    @Test(arguments: ["events-manifest0.avro", "events-manifest1.avro", "events-manifest2.avro", "parts-manifest0.avro"])
    func fastPathMatchesTheGenericPath(_ name: String) throws {
        let bytes = try Fixtures.bytes(name)
        let fast = try Manifest(reading: bytes)
        #expect(fast == (try Manifest(readingGeneric: bytes)))
        #expect(!fast.entries.isEmpty)
        let plain = try fast.encoded(codec: .null)
        #expect(try Manifest(reading: plain) == (try Manifest(readingGeneric: plain)))
        // A writer schema with the fields in another order and an extra field reads the same.
        let container = try AvroContainer(reading: plain)
        guard case .record(var entry) = container.schema, case .record(var dataFile) = entry.fields[4].type else {
            Issue.record("unexpected manifest schema"); return
        }
        dataFile.fields.reverse()
        dataFile.fields.append(AvroField("extra", .optional(.string), fieldID: 9999, defaultValue: .null))
        entry.fields[4].type = .record(dataFile)
        entry.fields.swapAt(0, 4)
        var reordered = container
        reordered.schema = .record(entry)
        let reorderedBytes = try reordered.encoded()
        #expect(try Manifest(reading: reorderedBytes) == fast)
        #expect(try Manifest(readingGeneric: reorderedBytes) == fast)
    }

    @Test func fastWriterMatchesTheGenericEncoding() throws {
        for name in ["events-manifest0.avro", "parts-manifest0.avro"] {
            let manifest = try Manifest(reading: try Fixtures.bytes(name))
            let sync = [UInt8](repeating: 3, count: 16)
            let fast = try manifest.encoded(codec: .null, syncMarker: sync)
            let ptype = try manifest.spec.partitionType(schema: manifest.schema)
            var generic = try AvroContainer(headerOf: fast)
            generic.values = try manifest.entries.map { try Manifest.avroValue($0, partitionType: ptype) }
            #expect(try generic.encoded(syncMarker: sync) == fast)
        }
    }

    @Test func boundsDecodeToValues() throws {
        let manifest = try Manifest(reading: try Fixtures.bytes("events-manifest2.avro"))
        let schema = manifest.schema
        let df = try #require(manifest.entries.first?.dataFile)
        func type(_ id: Int) -> IcebergType { schema.field(id: id)!.type }
        #expect(try df.lowerBound(1, type: type(1)) == .long(100))
        #expect(try df.lowerBound(2, type: type(2)) == .string("epsilon"))
        #expect(try df.lowerBound(3, type: type(3))?.description == "3.14")
        #expect(try df.lowerBound(4, type: type(4))?.description == "2026-02-01")
        #expect(try df.upperBound(5, type: type(5)) == .double(0.5))
        #expect(schema.fields.count == 5)

        let earlier = try Manifest(reading: try Fixtures.bytes("events-manifest0.avro"))
        let first = try #require(earlier.entries.first?.dataFile)
        #expect(try first.lowerBound(3, type: .decimal(precision: 9, scale: 2))?.description == "-2.25")
        #expect(try first.upperBound(3, type: .decimal(precision: 9, scale: 2))?.description == "10.00")
        #expect(first.nullValueCounts?[2] == 1)
    }

    @Test func partitionedManifestDecodesTypedPartitionValues() throws {
        let manifest = try Manifest(reading: try Fixtures.bytes("parts-manifest0.avro"))
        #expect(manifest.entries.map(\.dataFile.partition) == [
            [.string("a"), .date(20513), .int(0)], [.string("b"), .date(20514), .int(3)],
        ])
        // Our transforms reproduce pyiceberg's partition values from the file bounds.
        for e in manifest.entries {
            let df = e.dataFile
            let row: [Int: Literal] = [1: try df.lowerBound(1, type: .long)!, 2: try df.lowerBound(2, type: .string)!,
                                       3: try df.lowerBound(3, type: .timestamptz)!]
            #expect(try manifest.spec.partition(of: row) == df.partition)
        }
        // The manifest-list summaries we compute match the ones pyiceberg wrote.
        let list = try ManifestList(reading: try Fixtures.bytes("parts-snap0-manifest-list.avro"))
        #expect(try manifest.partitionSummaries() == list.manifests[0].partitions)
    }

    @Test func writtenManifestsRoundTrip() throws {
        let original = try Manifest(reading: try Fixtures.bytes("parts-manifest0.avro"))
        for codec in AvroCodec.allCases {
            let bytes = try original.encoded(codec: codec)
            let again = try Manifest(reading: bytes)
            #expect(again == original)
            let file = try AvroContainer(reading: bytes)
            #expect(file.metadataString("format-version") == "2")
            #expect(file.metadataString("content") == "data")
            #expect(file.metadataString("partition-spec-id") == "0")
            #expect(file.metadataString("schema-id") == "0")
            #expect(file.schema == (try original.avroSchema()))
        }
        let list = try ManifestList(reading: try Fixtures.bytes("events-snap2-manifest-list.avro"))
        #expect(try ManifestList(reading: try list.encoded()) == list)
    }

    @Test func manifestFileCountsAreComputed() throws {
        let manifest = try Manifest(reading: try Fixtures.bytes("parts-manifest0.avro"))
        let list = try ManifestList(reading: try Fixtures.bytes("parts-snap0-manifest-list.avro"))
        let pyiceberg = list.manifests[0]
        let ours = try manifest.manifestFile(path: pyiceberg.manifestPath, length: pyiceberg.manifestLength,
                                             snapshotID: pyiceberg.addedSnapshotID, sequenceNumber: pyiceberg.sequenceNumber)
        #expect(ours == pyiceberg)
    }

    @Test func mismatchedPartitionTupleIsRejected() throws {
        var manifest = try Manifest(reading: try Fixtures.bytes("parts-manifest0.avro"))
        manifest.entries[0].dataFile.partition = [.string("a")]
        let error = try #require(throws: IcebergError.self) { try manifest.encoded() }
        #expect(error.kind == .typeMismatch)
        manifest.entries[0].dataFile.partition = [.int(1), .date(1), .int(1)]
        #expect(throws: IcebergError.self) { try manifest.encoded() }
    }

    @Test func corruptManifestsAreTypedErrors() throws {
        var bytes = try Fixtures.bytes("parts-manifest0.avro")
        bytes.removeLast(40)
        let error = try #require(throws: IcebergError.self) { try Manifest(reading: bytes) }
        #expect(error.kind == .avro)
        let notManifest = try AvroContainer(schema: .long, values: [.long(1)]).encoded()
        #expect(throws: IcebergError.self) { try Manifest(reading: notManifest) }
        #expect(throws: IcebergError.self) { try ManifestList(reading: notManifest) }
    }
}
