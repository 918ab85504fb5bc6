import Avro

/// Decodes `manifest_entry` items straight from Avro bytes into ``ManifestEntry`` values,
/// following the writer schema field by field (the fast path; no ``AvroValue`` tree).
///
/// Fields it does not know are decoded generically and dropped, so manifests written with
/// extra or reordered fields, or v1 manifests, read the same as through the generic path.
struct ManifestEntryReader {
    let spec: PartitionSpec
    let partitionTypes: [IcebergType?]

    func fail(_ message: String, _ d: AvroDecoder) -> AvroError { AvroError(.typeMismatch, message, offset: d.position) }

    /// Resolves a union branch (reading its index) until a non-union schema is reached.
    func resolve(_ schema: AvroSchema, _ d: inout AvroDecoder) throws(AvroError) -> AvroSchema {
        var s = schema
        while case .union(let branches) = s {
            let at = d.position
            let i = try d.readLong()
            guard i >= 0, i < branches.count else {
                throw AvroError(.corrupt, "union branch \(i) out of range (\(branches.count) branches)", offset: at)
            }
            s = branches[Int(i)]
        }
        return s
    }

    func integer(_ schema: AvroSchema, _ d: inout AvroDecoder, _ name: String) throws(AvroError) -> Int64? {
        switch try resolve(schema, &d) {
        case .primitive(.null, _): return nil
        case .primitive(.int, _): return Int64(try d.readInt())
        case .primitive(.long, _): return try d.readLong()
        default: throw fail("'\(name)' is not an int or long", d)
        }
    }

    func string(_ schema: AvroSchema, _ d: inout AvroDecoder, _ name: String) throws(AvroError) -> String? {
        switch try resolve(schema, &d) {
        case .primitive(.null, _): return nil
        case .primitive(.string, _): return try d.readString()
        default: throw fail("'\(name)' is not a string", d)
        }
    }

    func bytes(_ schema: AvroSchema, _ d: inout AvroDecoder, _ name: String) throws(AvroError) -> [UInt8]? {
        switch try resolve(schema, &d) {
        case .primitive(.null, _): return nil
        case .primitive(.bytes, _): return try d.readBytes()
        case .fixed(let f): return try d.readFixed(f.size)
        default: throw fail("'\(name)' is not bytes", d)
        }
    }

    /// A metric map stored as an array of `{key: int, value: long|bytes}` records (or an Avro map
    /// with numeric string keys).
    func metricMap<V>(_ schema: AvroSchema, _ d: inout AvroDecoder, _ name: String,
                      value: (AvroSchema, inout AvroDecoder) throws(AvroError) -> V?) throws(AvroError) -> [Int: V]? {
        let resolved = try resolve(schema, &d)
        switch resolved {
        case .primitive(.null, _): return nil
        case .array(let a):
            guard case .record(let item) = a.items else { throw fail("'\(name)' items are not key/value records", d) }
            var out: [Int: V] = [:]
            var count = 0
            while true {
                let n = try d.readBlockCount(itemsCanBeEmpty: false, soFar: count)
                if n == 0 { break }
                for _ in 0..<n {
                    var key: Int64? = nil
                    var v: V? = nil
                    for i in item.fields.indices {
                        switch item.fields[i].name {
                        case "key": key = try integer(item.fields[i].type, &d, "key")
                        case "value": v = try value(item.fields[i].type, &d)
                        default: _ = try d.read(item.fields[i].type)
                        }
                    }
                    guard let key, let v else { throw fail("'\(name)' entry without key or value", d) }
                    out[Int(key)] = v
                }
                count += n
            }
            return out
        case .map(let m):
            var out: [Int: V] = [:]
            var count = 0
            while true {
                let n = try d.readBlockCount(itemsCanBeEmpty: false, soFar: count)
                if n == 0 { break }
                for _ in 0..<n {
                    let key = try d.readString()
                    guard let k = Int(key), let v = try value(m.values, &d) else { throw fail("'\(name)' has a bad entry '\(key)'", d) }
                    out[k] = v
                }
                count += n
            }
            return out
        default:
            throw fail("'\(name)' is not a map", d)
        }
    }

    func partition(_ schema: AvroSchema, _ d: inout AvroDecoder) throws(AvroError) -> [Literal?] {
        guard case .record(let r) = try resolve(schema, &d) else { throw fail("'partition' is not a record", d) }
        var out = [Literal?](repeating: nil, count: spec.fields.count)
        for f in r.fields {
            let value = try d.read(f.type)
            guard let i = spec.fields.firstIndex(where: { $0.name == f.name }) else { continue }
            if let type = partitionTypes[i] {
                do { out[i] = try Literal.from(avro: value, type: type) } catch {
                    throw AvroError(.typeMismatch, error.message, offset: d.position, path: "partition.\(f.name)")
                }
            } else {
                out[i] = Manifest.untypedLiteral(value)
            }
        }
        return out
    }

    func dataFile(_ schema: AvroSchema, _ d: inout AvroDecoder) throws(AvroError) -> DataFile {
        guard case .record(let r) = try resolve(schema, &d) else { throw fail("'data_file' is not a record", d) }
        var df = DataFile(filePath: "", fileFormat: "", recordCount: -1, fileSizeInBytes: -1)
        var hasPath = false, hasFormat = false, hasPartition = false
        let counts = { (s: AvroSchema, d: inout AvroDecoder) throws(AvroError) -> Int64? in try self.integer(s, &d, "count") }
        let bounds = { (s: AvroSchema, d: inout AvroDecoder) throws(AvroError) -> [UInt8]? in try self.bytes(s, &d, "bound") }
        for f in r.fields {
            do throws(AvroError) {
                switch f.name {
                case "content":
                    let raw = try integer(f.type, &d, f.name) ?? 0
                    guard let c = DataFileContent(rawValue: Int(raw)) else { throw fail("data_file content \(raw) is not 0, 1 or 2", d) }
                    df.content = c
                case "file_path":
                    df.filePath = try string(f.type, &d, f.name) ?? ""
                    hasPath = true
                case "file_format":
                    df.fileFormat = try string(f.type, &d, f.name) ?? ""
                    hasFormat = true
                case "partition":
                    df.partition = try partition(f.type, &d)
                    hasPartition = true
                case "record_count": df.recordCount = try integer(f.type, &d, f.name) ?? -1
                case "file_size_in_bytes": df.fileSizeInBytes = try integer(f.type, &d, f.name) ?? -1
                case "column_sizes": df.columnSizes = try metricMap(f.type, &d, f.name, value: counts)
                case "value_counts": df.valueCounts = try metricMap(f.type, &d, f.name, value: counts)
                case "null_value_counts": df.nullValueCounts = try metricMap(f.type, &d, f.name, value: counts)
                case "nan_value_counts": df.nanValueCounts = try metricMap(f.type, &d, f.name, value: counts)
                case "lower_bounds": df.lowerBounds = try metricMap(f.type, &d, f.name, value: bounds)
                case "upper_bounds": df.upperBounds = try metricMap(f.type, &d, f.name, value: bounds)
                case "key_metadata": df.keyMetadata = try bytes(f.type, &d, f.name)
                case "sort_order_id": df.sortOrderID = try integer(f.type, &d, f.name).map { Int($0) }
                case "split_offsets": df.splitOffsets = try d.read(f.type).arrayValue?.compactMap(\.int64Value)
                case "equality_ids": df.equalityIDs = try d.read(f.type).arrayValue?.compactMap { $0.int64Value.map { Int($0) } }
                default: _ = try d.read(f.type)
                }
            } catch {
                throw error.prefixed("data_file.\(f.name)")
            }
        }
        guard hasPath, hasFormat, df.recordCount >= 0, df.fileSizeInBytes >= 0 else {
            throw fail("data_file misses file_path, file_format, record_count or file_size_in_bytes", d)
        }
        if !hasPartition { df.partition = [Literal?](repeating: nil, count: spec.fields.count) }
        return df
    }

    func entry(_ d: inout AvroDecoder, _ schema: AvroSchema) throws(AvroError) -> ManifestEntry {
        guard case .record(let r) = schema else { throw fail("a manifest item is not a record", d) }
        var status: ManifestEntryStatus? = nil
        var snapshotID: Int64? = nil, sequenceNumber: Int64? = nil, fileSequenceNumber: Int64? = nil
        var dataFile: DataFile? = nil
        for f in r.fields {
            switch f.name {
            case "status":
                let raw = try integer(f.type, &d, f.name) ?? -1
                guard let s = ManifestEntryStatus(rawValue: Int(raw)) else { throw fail("manifest entry status \(raw) is not 0, 1 or 2", d) }
                status = s
            case "snapshot_id": snapshotID = try integer(f.type, &d, f.name)
            case "sequence_number": sequenceNumber = try integer(f.type, &d, f.name)
            case "file_sequence_number": fileSequenceNumber = try integer(f.type, &d, f.name)
            case "data_file": dataFile = try self.dataFile(f.type, &d)
            default: _ = try d.read(f.type)
            }
        }
        guard let status, let dataFile else { throw fail("manifest entry without status or data_file", d) }
        return ManifestEntry(status: status, snapshotID: snapshotID, sequenceNumber: sequenceNumber,
                             fileSequenceNumber: fileSequenceNumber, dataFile: dataFile)
    }
}

extension AvroError {
    /// A copy with `component` prepended to the path.
    func prefixed(_ component: String) -> AvroError {
        AvroError(kind, message, offset: offset, path: path.map { "\(component).\($0)" } ?? component)
    }
}
