import Codecs

extension AvroContainer {
    /// The container file as bytes.
    ///
    /// Items are grouped into blocks of about `blockSize` encoded bytes. `syncMarker` must be
    /// 16 bytes; by default a random one is used (pass one for reproducible output).
    public func encoded(syncMarker: [UInt8]? = nil, blockSize: Int = 64 << 10, deflateLevel: Int = Deflate.defaultLevel) throws(AvroError) -> [UInt8] {
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
        var count = 0
        func flush(_ out: inout AvroEncoder, _ block: inout AvroEncoder, _ count: inout Int) {
            guard count > 0 else { return }
            let data = codec == .deflate ? Deflate.compress(block.bytes, level: deflateLevel) : block.bytes
            out.writeLong(Int64(count))
            out.writeLong(Int64(data.count))
            out.writeRaw(data)
            out.writeRaw(sync)
            block = AvroEncoder()
            count = 0
        }
        for (i, v) in values.enumerated() {
            do { try block.write(v, as: schema) } catch {
                throw AvroError(error.kind, error.message, path: "item \(i)" + (error.path.map { ".\($0)" } ?? ""))
            }
            count += 1
            if block.bytes.count >= blockSize { flush(&out, &block, &count) }
        }
        flush(&out, &block, &count)
        return out.bytes
    }
}
