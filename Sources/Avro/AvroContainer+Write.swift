import Codecs

extension AvroContainer {
    /// The container file as bytes.
    ///
    /// Items are grouped into blocks of about `blockSize` encoded bytes. `syncMarker` must be
    /// 16 bytes; by default a random one is used (pass one for reproducible output).
    public func encoded(syncMarker: [UInt8]? = nil, blockSize: Int = 64 << 10, deflateLevel: Int = Deflate.defaultLevel) throws(AvroError) -> [UInt8] {
        let values = self.values, schema = self.schema
        do {
            return try AvroContainer.encode(schema: schema, codec: codec, metadata: metadata, count: values.count, syncMarker: syncMarker,
                                            blockSize: blockSize, deflateLevel: deflateLevel) { (i: Int, e: inout AvroEncoder) throws in
                try e.write(values[i], as: schema)
            }
        } catch let error as AvroError {
            throw error
        } catch {
            throw AvroError(.typeMismatch, "\(error)")
        }
    }

    /// Writes a container file whose `count` items are encoded by `item` (the fast path for
    /// callers that encode their own types directly): `item(i, &encoder)` must append exactly
    /// one datum of `schema` for item `i`.
    ///
    /// Throws ``AvroError`` (an `AvroError` from `item` gets the item index added to its path),
    /// or whatever else `item` throws.
    public static func encode(schema: AvroSchema, codec: AvroCodec, metadata: [String: [UInt8]], count: Int,
                              syncMarker: [UInt8]? = nil, blockSize: Int = 64 << 10, deflateLevel: Int = Deflate.defaultLevel,
                              item: (Int, inout AvroEncoder) throws -> Void) throws -> [UInt8] {
        let sync = syncMarker ?? (0..<16).map { _ in UInt8.random(in: 0...255) }
        guard sync.count == 16 else { throw AvroError(.typeMismatch, "a sync marker has 16 bytes, got \(sync.count)") }
        var out = AvroEncoder()
        out.writeRaw(AvroContainer.magic)
        var header: [AvroMapEntry] = [
            AvroMapEntry("avro.schema", .bytes(Array(schema.jsonText.utf8))),
            AvroMapEntry("avro.codec", .bytes(Array(codec.rawValue.utf8))),
        ]
        for key in metadata.keys.sorted() where key != "avro.schema" && key != "avro.codec" {
            header.append(AvroMapEntry(key, .bytes(metadata[key]!)))
        }
        try out.write(.map(header), as: .map(AvroMap(values: .bytes)))
        out.writeRaw(sync)

        var block = AvroEncoder()
        var inBlock = 0
        func flush(_ out: inout AvroEncoder, _ block: inout AvroEncoder, _ inBlock: inout Int) {
            guard inBlock > 0 else { return }
            let data = codec == .deflate ? Deflate.compress(block.bytes, level: deflateLevel) : block.bytes
            out.writeLong(Int64(inBlock))
            out.writeLong(Int64(data.count))
            out.writeRaw(data)
            out.writeRaw(sync)
            block = AvroEncoder()
            inBlock = 0
        }
        for i in 0..<count {
            do { try item(i, &block) } catch let error as AvroError {
                throw AvroError(error.kind, error.message, path: "item \(i)" + (error.path.map { ".\($0)" } ?? ""))
            }
            inBlock += 1
            if block.bytes.count >= blockSize { flush(&out, &block, &inBlock) }
        }
        flush(&out, &block, &inBlock)
        return out.bytes
    }
}
