import Avro

extension Manifest {
    /// Reads a manifest Avro file (v1 or v2). The partition tuple is decoded with the types the
    /// header's `schema` and `partition-spec` give (falling back to the Avro types). Entries are
    /// decoded straight from the bytes (see ``ManifestEntryReader``); ``init(readingGeneric:)``
    /// goes through the generic ``AvroValue`` tree instead and gives the same result.
    public init(reading bytes: [UInt8]) throws(IcebergError) {
        let header: AvroContainer
        do { header = try AvroContainer(headerOf: bytes) } catch {
            throw IcebergError(.avro, "manifest is not a valid Avro file: \(error)")
        }
        let (spec, types, schema, content) = try Manifest.headerContext(header)
        let reader = ManifestEntryReader(spec: spec, partitionTypes: types)
        let entries: [ManifestEntry]
        do {
            entries = try AvroContainer.decode(bytes) { (d: inout AvroDecoder, schema: AvroSchema) throws -> ManifestEntry in
                try reader.entry(&d, schema)
            }.items
        } catch let error as AvroError {
            throw IcebergError(error.kind == .typeMismatch ? .invalidMetadata : .avro, "manifest does not decode: \(error)")
        } catch {
            throw IcebergError(.avro, "manifest does not decode: \(error)")
        }
        self.init(schema: schema, spec: spec, content: content, entries: entries)
    }

    /// Reads a manifest through the generic ``AvroValue`` tree (slower; the reference the fast
    /// path is tested against).
    public init(readingGeneric bytes: [UInt8]) throws(IcebergError) {
        let file: AvroContainer
        do { file = try AvroContainer(reading: bytes) } catch {
            throw IcebergError(.avro, "manifest is not a valid Avro file: \(error)")
        }
        let (spec, partitionTypes, schema, content) = try Manifest.headerContext(file)
        var entries: [ManifestEntry] = []
        for (i, v) in file.values.enumerated() {
            do { entries.append(try Manifest.entry(v, spec: spec, types: partitionTypes)) } catch {
                throw IcebergError(error.kind, error.message, context: "manifest entry \(i)" + (error.context.map { ".\($0)" } ?? ""))
            }
        }
        self.init(schema: schema, spec: spec, content: content, entries: entries)
    }

    /// The spec, partition value types, schema and content a manifest header declares.
    static func headerContext(_ file: AvroContainer) throws(IcebergError) -> (PartitionSpec, [IcebergType?], IcebergSchema, ManifestContent) {
        guard let schemaText = file.metadataString("schema") else {
            throw IcebergError(.invalidMetadata, "manifest header has no 'schema'")
        }
        let schema = try IcebergSchema(jsonText: schemaText)
        guard let specText = file.metadataString("partition-spec") else {
            throw IcebergError(.invalidMetadata, "manifest header has no 'partition-spec'")
        }
        let specJSON: JSONValue
        do { specJSON = try JSONValue.parse(specText) } catch {
            throw IcebergError(.invalidMetadata, "manifest header 'partition-spec' is not JSON: \(error.message)")
        }
        let specID = file.metadataString("partition-spec-id").flatMap { Int($0) } ?? 0
        let spec = try PartitionSpec(json: specJSON, specID: specID)
        let content: ManifestContent = file.metadataString("content") == "deletes" ? .deletes : .data
        var partitionTypes: [IcebergType?] = []
        for f in spec.fields {
            partitionTypes.append(schema.field(id: f.sourceID).flatMap { try? f.transform.resultType(for: $0.type) })
        }
        return (spec, partitionTypes, schema, content)
    }

    /// The manifest as a v2 Avro file with Iceberg's header keys (deflate by default).
    ///
    /// Entries are encoded straight into Avro bytes in the field order of ``avroSchema()``
    /// (the fast path); ``avroValue(_:partitionType:)`` is the equivalent generic form.
    public func encoded(codec: AvroCodec = .deflate, syncMarker: [UInt8]? = nil) throws(IcebergError) -> [UInt8] {
        let avro = try avroSchema()
        let ptype = try spec.partitionType(schema: schema)
        var partitionSchemas: [AvroSchema] = []
        for f in ptype.fields { partitionSchemas.append(try f.type.avroSchema()) }
        var file = AvroContainer(schema: avro, codec: codec)
        file.setMetadata("schema", schema.json.serialized())
        file.setMetadata("schema-id", String(schema.schemaID))
        file.setMetadata("partition-spec", spec.fieldsJSON.serialized())
        file.setMetadata("partition-spec-id", String(spec.specID))
        file.setMetadata("format-version", "2")
        file.setMetadata("content", content.headerName)
        let entries = self.entries
        do {
            return try AvroContainer.encode(schema: avro, codec: codec, metadata: file.metadata, count: entries.count,
                                            syncMarker: syncMarker) { (i: Int, e: inout AvroEncoder) throws in
                do throws(IcebergError) {
                    try Manifest.write(entries[i], partitionType: ptype, partitionSchemas: partitionSchemas, into: &e)
                } catch {
                    throw IcebergError(error.kind, error.message, context: "manifest entry \(i)" + (error.context.map { ".\($0)" } ?? ""))
                }
            }
        } catch let error as IcebergError {
            throw error
        } catch {
            throw IcebergError(.avro, "manifest could not be encoded: \(error)")
        }
    }

    /// Appends one `manifest_entry` datum, in the field order of ``entrySchema(partition:)``.
    static func write(_ e: ManifestEntry, partitionType: StructType, partitionSchemas: [AvroSchema],
                      into enc: inout AvroEncoder) throws(IcebergError) {
        func optionalLong(_ v: Int64?) {
            if let v { enc.writeLong(1); enc.writeLong(v) } else { enc.writeLong(0) }
        }
        func int(_ v: Int, _ name: String) throws(IcebergError) {
            guard let i = Int32(exactly: v) else {
                throw IcebergError(.typeMismatch, "\(name) \(v) does not fit a 32-bit Avro int", context: name)
            }
            enc.writeInt(i)
        }
        func counts(_ m: [Int: Int64]?, _ name: String) throws(IcebergError) {
            guard let m else { enc.writeLong(0); return }
            enc.writeLong(1)
            if !m.isEmpty {
                enc.writeLong(Int64(m.count))
                for k in m.keys.sorted() {
                    try int(k, "\(name) key")
                    enc.writeLong(m[k]!)
                }
            }
            enc.writeLong(0)
        }
        func bounds(_ m: [Int: [UInt8]]?, _ name: String) throws(IcebergError) {
            guard let m else { enc.writeLong(0); return }
            enc.writeLong(1)
            if !m.isEmpty {
                enc.writeLong(Int64(m.count))
                for k in m.keys.sorted() {
                    try int(k, "\(name) key")
                    enc.writeBytes(m[k]!)
                }
            }
            enc.writeLong(0)
        }
        let df = e.dataFile
        guard df.partition.count == partitionType.fields.count else {
            throw IcebergError(.typeMismatch, "partition tuple has \(df.partition.count) values, the spec has \(partitionType.fields.count) fields",
                               context: df.filePath)
        }
        enc.writeInt(Int32(e.status.rawValue))
        optionalLong(e.snapshotID)
        optionalLong(e.sequenceNumber)
        optionalLong(e.fileSequenceNumber)
        enc.writeInt(Int32(df.content.rawValue))
        enc.writeString(df.filePath)
        enc.writeString(df.fileFormat)
        for (i, f) in partitionType.fields.enumerated() {
            guard let v = df.partition[i] else { enc.writeLong(0); continue }
            enc.writeLong(1)
            do {
                try enc.write(try v.avroValue(as: f.type), as: partitionSchemas[i])
            } catch let error as IcebergError {
                throw IcebergError(error.kind, error.message, context: "partition.\(f.name)")
            } catch {
                throw IcebergError(.typeMismatch, "\(error)", context: "partition.\(f.name)")
            }
        }
        enc.writeLong(df.recordCount)
        enc.writeLong(df.fileSizeInBytes)
        try counts(df.columnSizes, "column_sizes")
        try counts(df.valueCounts, "value_counts")
        try counts(df.nullValueCounts, "null_value_counts")
        try counts(df.nanValueCounts, "nan_value_counts")
        try bounds(df.lowerBounds, "lower_bounds")
        try bounds(df.upperBounds, "upper_bounds")
        if let k = df.keyMetadata { enc.writeLong(1); enc.writeBytes(k) } else { enc.writeLong(0) }
        if let offsets = df.splitOffsets {
            enc.writeLong(1)
            if !offsets.isEmpty {
                enc.writeLong(Int64(offsets.count))
                for o in offsets { enc.writeLong(o) }
            }
            enc.writeLong(0)
        } else {
            enc.writeLong(0)
        }
        if let ids = df.equalityIDs {
            enc.writeLong(1)
            if !ids.isEmpty {
                enc.writeLong(Int64(ids.count))
                for id in ids { try int(id, "equality_ids") }
            }
            enc.writeLong(0)
        } else {
            enc.writeLong(0)
        }
        if let id = df.sortOrderID { enc.writeLong(1); try int(id, "sort_order_id") } else { enc.writeLong(0) }
    }

    /// One entry as a generic Avro record (the reference form of ``write(_:partitionType:partitionSchemas:into:)``).
    static func avroValue(_ e: ManifestEntry, partitionType: StructType) throws(IcebergError) -> AvroValue {
        let df = e.dataFile
        guard df.partition.count == partitionType.fields.count else {
            throw IcebergError(.typeMismatch, "partition tuple has \(df.partition.count) values, the spec has \(partitionType.fields.count) fields",
                               context: df.filePath)
        }
        var partition: [String: AvroValue] = [:]
        for (f, v) in zip(partitionType.fields, df.partition) {
            do { partition[f.name] = try v?.avroValue(as: f.type) ?? .null } catch {
                throw IcebergError(error.kind, error.message, context: "partition.\(f.name)")
            }
        }
        func counts(_ m: [Int: Int64]?, _ name: String) throws(IcebergError) -> AvroValue {
            guard let m else { return .null }
            var out: [AvroValue] = []
            for k in m.keys.sorted() { out.append(.record(["key": try avroInt(k, "\(name) key"), "value": .long(m[k]!)])) }
            return .array(out)
        }
        func bounds(_ m: [Int: [UInt8]]?, _ name: String) throws(IcebergError) -> AvroValue {
            guard let m else { return .null }
            var out: [AvroValue] = []
            for k in m.keys.sorted() { out.append(.record(["key": try avroInt(k, "\(name) key"), "value": .bytes(m[k]!)])) }
            return .array(out)
        }
        var equalityIDs: AvroValue = .null
        if let ids = df.equalityIDs {
            var out: [AvroValue] = []
            for id in ids { out.append(try avroInt(id, "equality_ids")) }
            equalityIDs = .array(out)
        }
        let sortOrderID: AvroValue = try df.sortOrderID.map { (id: Int) throws(IcebergError) -> AvroValue in try avroInt(id, "sort_order_id") } ?? .null
        let dataFile: AvroValue = .record([
            "content": .int(Int32(df.content.rawValue)),
            "file_path": .string(df.filePath),
            "file_format": .string(df.fileFormat),
            "partition": .record(partition),
            "record_count": .long(df.recordCount),
            "file_size_in_bytes": .long(df.fileSizeInBytes),
            "column_sizes": try counts(df.columnSizes, "column_sizes"),
            "value_counts": try counts(df.valueCounts, "value_counts"),
            "null_value_counts": try counts(df.nullValueCounts, "null_value_counts"),
            "nan_value_counts": try counts(df.nanValueCounts, "nan_value_counts"),
            "lower_bounds": try bounds(df.lowerBounds, "lower_bounds"),
            "upper_bounds": try bounds(df.upperBounds, "upper_bounds"),
            "key_metadata": df.keyMetadata.map { .bytes($0) } ?? .null,
            "split_offsets": df.splitOffsets.map { .array($0.map { .long($0) }) } ?? .null,
            "equality_ids": equalityIDs,
            "sort_order_id": sortOrderID,
        ])
        return .record([
            "status": .int(Int32(e.status.rawValue)),
            "snapshot_id": e.snapshotID.map { .long($0) } ?? .null,
            "sequence_number": e.sequenceNumber.map { .long($0) } ?? .null,
            "file_sequence_number": e.fileSequenceNumber.map { .long($0) } ?? .null,
            "data_file": dataFile,
        ])
    }

    static func entry(_ v: AvroValue, spec: PartitionSpec, types: [IcebergType?]) throws(IcebergError) -> ManifestEntry {
        guard let statusRaw = v["status"]?.int64Value, let status = ManifestEntryStatus(rawValue: Int(statusRaw)) else {
            throw IcebergError(.invalidMetadata, "manifest entry has no valid 'status'")
        }
        guard let df = v["data_file"], case .record = df else {
            throw IcebergError(.invalidMetadata, "manifest entry has no 'data_file'")
        }
        func need<T>(_ name: String, _ x: T?) throws(IcebergError) -> T {
            guard let x else { throw IcebergError(.invalidMetadata, "data_file misses '\(name)'", context: "data_file.\(name)") }
            return x
        }
        func counts(_ name: String) throws(IcebergError) -> [Int: Int64]? {
            guard let m = df[name], !m.isNull else { return nil }
            var out: [Int: Int64] = [:]
            for e in try need(name, m.arrayValue) {
                out[Int(try need("\(name).key", e["key"]?.int64Value))] = try need("\(name).value", e["value"]?.int64Value)
            }
            return out
        }
        func bounds(_ name: String) throws(IcebergError) -> [Int: [UInt8]]? {
            guard let m = df[name], !m.isNull else { return nil }
            var out: [Int: [UInt8]] = [:]
            for e in try need(name, m.arrayValue) {
                out[Int(try need("\(name).key", e["key"]?.int64Value))] = try need("\(name).value", e["value"]?.bytesValue)
            }
            return out
        }
        var partition: [Literal?] = []
        let pvalue = df["partition"]
        for (f, type) in zip(spec.fields, types) {
            let raw = pvalue?[f.name] ?? .null
            if let type {
                do { partition.append(try Literal.from(avro: raw, type: type)) } catch {
                    throw IcebergError(error.kind, error.message, context: "data_file.partition.\(f.name)")
                }
            } else {
                partition.append(Manifest.untypedLiteral(raw))
            }
        }
        let contentRaw = df["content"]?.int64Value ?? 0
        guard let content = DataFileContent(rawValue: Int(contentRaw)) else {
            throw IcebergError(.invalidMetadata, "data_file content \(contentRaw) is not 0, 1 or 2", context: "data_file.content")
        }
        let dataFile = DataFile(
            content: content, filePath: try need("file_path", df["file_path"]?.stringValue),
            fileFormat: try need("file_format", df["file_format"]?.stringValue), partition: partition,
            recordCount: try need("record_count", df["record_count"]?.int64Value),
            fileSizeInBytes: try need("file_size_in_bytes", df["file_size_in_bytes"]?.int64Value),
            columnSizes: try counts("column_sizes"), valueCounts: try counts("value_counts"),
            nullValueCounts: try counts("null_value_counts"), nanValueCounts: try counts("nan_value_counts"),
            lowerBounds: try bounds("lower_bounds"), upperBounds: try bounds("upper_bounds"),
            keyMetadata: df["key_metadata"]?.bytesValue, splitOffsets: df["split_offsets"]?.arrayValue?.compactMap(\.int64Value),
            equalityIDs: df["equality_ids"]?.arrayValue?.compactMap { $0.int64Value.map { Int($0) } },
            sortOrderID: df["sort_order_id"]?.int64Value.map { Int($0) })
        return ManifestEntry(status: status, snapshotID: v["snapshot_id"]?.int64Value, sequenceNumber: v["sequence_number"]?.int64Value,
                             fileSequenceNumber: v["file_sequence_number"]?.int64Value, dataFile: dataFile)
    }

    /// A best-effort literal for a partition value whose Iceberg type is unknown (unknown transform).
    static func untypedLiteral(_ v: AvroValue) -> Literal? {
        switch v {
        case .boolean(let b): .boolean(b)
        case .int(let i): .int(i)
        case .long(let l): .long(l)
        case .float(let f): .float(f)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .bytes(let b): .binary(b)
        case .fixed(let b): .fixed(b)
        default: nil
        }
    }
}
