/// An Avro object container file held in memory: schema, header metadata and the data items.
public struct AvroContainer: Sendable, Hashable {
    /// The four magic bytes `Obj\u{1}` opening every container file.
    public static let magic: [UInt8] = [0x4F, 0x62, 0x6A, 0x01]

    /// The writer schema (`avro.schema`).
    public var schema: AvroSchema
    /// The block codec (`avro.codec`).
    public var codec: AvroCodec
    /// User metadata from the header, excluding the reserved `avro.schema` and `avro.codec`
    /// (Iceberg stores `schema`, `partition-spec`, `format-version`... here).
    public var metadata: [String: [UInt8]]
    /// The data items, in file order.
    public var values: [AvroValue]

    /// Creates a container.
    public init(schema: AvroSchema, codec: AvroCodec = .null, metadata: [String: [UInt8]] = [:], values: [AvroValue] = []) {
        self.schema = schema
        self.codec = codec
        self.metadata = metadata
        self.values = values
    }

    /// The metadata value for `key` as UTF-8 text.
    public func metadataString(_ key: String) -> String? {
        metadata[key].flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// Sets the metadata value for `key` to UTF-8 text.
    public mutating func setMetadata(_ key: String, _ text: String) {
        metadata[key] = Array(text.utf8)
    }
}

/// Limits applied while reading a container file, so hostile input cannot exhaust memory.
public struct AvroReadLimits: Sendable, Hashable {
    /// The largest decompressed block accepted.
    public var maxBlockBytes: Int
    /// The most items accepted in the whole file.
    public var maxItems: Int

    /// Creates limits.
    public init(maxBlockBytes: Int = 256 << 20, maxItems: Int = 50_000_000) {
        self.maxBlockBytes = maxBlockBytes
        self.maxItems = maxItems
    }
}
