import Codecs

extension AvroContainer {
    /// Reads a whole object container file.
    ///
    /// Every length, count and offset is checked against the input and `limits`; malformed input
    /// throws ``AvroError`` naming the byte offset, never traps.
    public init(reading bytes: [UInt8], limits: AvroReadLimits = AvroReadLimits()) throws(AvroError) {
        var header = AvroContainer(schema: .null)
        var values: [AvroValue] = []
        do {
            (header, values) = try AvroContainer.decode(bytes, limits: limits) { (d: inout AvroDecoder, schema: AvroSchema) throws(AvroError) -> AvroValue in
                try d.read(schema)
            }
        } catch let error as AvroError {
            throw error
        } catch {
            throw AvroError(.corrupt, "\(error)")
        }
        header.values = values
        self = header
    }

    /// Reads a container file, decoding each item with `item` instead of into ``AvroValue``s:
    /// the fast path for callers that map items straight into their own types.
    ///
    /// `item` receives a decoder positioned at the item and the writer schema, and must consume
    /// exactly one item. Returns the header (with empty ``values``) and the decoded items.
    /// Throws ``AvroError`` for container problems, or whatever `item` throws (an `AvroError`
    /// from `item` gets the item index added to its path).
    public static func decode<T>(_ bytes: [UInt8], limits: AvroReadLimits = AvroReadLimits(),
                                 item: (inout AvroDecoder, AvroSchema) throws -> T) throws -> (header: AvroContainer, items: [T]) {
        var d = AvroDecoder(bytes)
        let (file, sync) = try readHeader(&d)
        let schema = file.schema, codec = file.codec
        var items: [T] = []
        let canBeEmpty = schema.canBeEmpty
        while !d.isAtEnd {
            let blockStart = d.position
            let count = try d.readLong()
            let size = try d.readLong()
            guard count >= 0, size >= 0 else { throw AvroError(.corrupt, "negative block count or size", offset: blockStart) }
            guard size <= d.remaining else {
                throw AvroError(.truncated, "block of \(size) bytes exceeds the \(d.remaining) bytes left", offset: blockStart)
            }
            guard count <= Int64(limits.maxItems - items.count) else {
                throw AvroError(.limitExceeded, "more than \(limits.maxItems) items", offset: blockStart)
            }
            let dataStart = d.position
            let dataEnd = dataStart + Int(size)
            var block: AvroDecoder
            switch codec {
            case .null:
                block = AvroDecoder(bytes, range: dataStart..<dataEnd)
            case .deflate:
                block = AvroDecoder(try AvroContainer.inflate(Array(bytes[dataStart..<dataEnd]), limit: limits.maxBlockBytes, at: dataStart))
            }
            if canBeEmpty {
                block.maxEmptyItems = limits.maxItems
            } else if count > Int64(block.remaining) {
                throw AvroError(.corrupt, "block declares \(count) items in \(block.remaining) bytes", offset: blockStart)
            }
            items.reserveCapacity(items.count + Int(count))
            for _ in 0..<Int(count) {
                do {
                    items.append(try item(&block, schema))
                } catch let error as AvroError {
                    let off = codec == .null ? error.offset : dataStart
                    throw AvroError(error.kind, error.message + (codec == .null ? "" : " (inside a deflate block)"),
                                    offset: off, path: "item \(items.count)" + (error.path.map { ".\($0)" } ?? ""))
                }
            }
            guard block.isAtEnd else {
                throw AvroError(.corrupt, "block has \(block.remaining) bytes after its \(count) items", offset: dataStart)
            }
            d.position = dataEnd
            let markerAt = d.position
            guard try d.readFixed(16) == sync else { throw AvroError(.corrupt, "sync marker mismatch", offset: markerAt) }
        }
        return (file, items)
    }

    /// Reads only the header of a container file: schema, codec and metadata (no values).
    public init(headerOf bytes: [UInt8]) throws(AvroError) {
        var d = AvroDecoder(bytes)
        self = try AvroContainer.readHeader(&d).0
    }

    /// Reads the magic, metadata map and sync marker; returns the header and the marker.
    static func readHeader(_ d: inout AvroDecoder) throws(AvroError) -> (AvroContainer, [UInt8]) {
        guard d.remaining >= 4, Array(d.bytes[0..<4]) == AvroContainer.magic else {
            throw AvroError(.corrupt, "not an Avro object container file (bad magic)", offset: 0)
        }
        d.position = 4
        let header = try d.read(.map(AvroMap(values: .bytes)))
        guard case .map(let entries) = header else { throw AvroError(.corrupt, "bad header", offset: 4) }
        var metadata: [String: [UInt8]] = [:]
        for e in entries {
            if case .bytes(let b) = e.value { metadata[e.key] = b }
        }
        guard let schemaBytes = metadata.removeValue(forKey: "avro.schema"),
            let schemaText = String(validating: schemaBytes, as: UTF8.self)
        else { throw AvroError(.corrupt, "header has no 'avro.schema'", offset: 4) }
        let schema = try AvroSchema.parse(json: schemaText)
        var codec = AvroCodec.null
        if let c = metadata.removeValue(forKey: "avro.codec") {
            let name = String(decoding: c, as: UTF8.self)
            guard let parsed = AvroCodec(rawValue: name) else {
                throw AvroError(.unsupported, "codec '\(name)' is not supported (null and deflate are)")
            }
            codec = parsed
        }
        let sync = try d.readFixed(16)
        return (AvroContainer(schema: schema, codec: codec, metadata: metadata), sync)
    }

    /// Inflates one raw-deflate block.
    ///
    /// fastavro and Python writers produce blocks as `zlib.compress(data)[2:-1]`, which leaves
    /// three bytes of the zlib Adler-32 trailer after the end of the raw stream; Java's Inflater
    /// ignores them, so do we: when the stream ends before the block does, the stream's own
    /// length (reported as the error offset) is decoded alone.
    static func inflate(_ data: [UInt8], limit: Int, at blockOffset: Int) throws(AvroError) -> [UInt8] {
        do {
            return try Deflate.decompress(data, limit: limit)
        } catch let first {
            if first.kind == .corrupt, let end = first.offset, end > 0, end < data.count, data.count - end <= 4 {
                if let raw = try? Deflate.decompress(Array(data[0..<end]), limit: limit) { return raw }
            }
            throw AvroError(.codec, "deflate block does not decompress: \(first.message)", offset: blockOffset + (first.offset ?? 0))
        }
    }
}
