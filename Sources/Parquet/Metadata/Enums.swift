import Codecs

/// A Parquet physical (storage) type.
public enum PhysicalType: Int32, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// BOOLEAN (0), INT32 (1), INT64 (2), INT96 (3, deprecated timestamps), FLOAT (4), DOUBLE (5),
    /// BYTE_ARRAY (6), FIXED_LEN_BYTE_ARRAY (7).
    case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLenByteArray = 7

    /// The name used by the Parquet specification.
    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .int96: "INT96"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .byteArray: "BYTE_ARRAY"
        case .fixedLenByteArray: "FIXED_LEN_BYTE_ARRAY"
        }
    }
}

/// Whether a schema element is required, optional or repeated.
public enum Repetition: Int32, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Exactly one value (0), zero or one (1), zero or more (2).
    case required = 0, optional = 1, repeated = 2

    /// The name used by the Parquet specification.
    public var description: String {
        switch self {
        case .required: "REQUIRED"
        case .optional: "OPTIONAL"
        case .repeated: "REPEATED"
        }
    }
}

/// A value encoding; unknown codes from newer writers are kept as their raw value.
public struct Encoding: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The Thrift enum value.
    public let rawValue: Int32
    /// Creates an encoding from its Thrift value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `plain` (Thrift value 0).
    public static let plain = Encoding(rawValue: 0)
    /// `plainDictionary` (Thrift value 2).
    public static let plainDictionary = Encoding(rawValue: 2)
    /// `rle` (Thrift value 3).
    public static let rle = Encoding(rawValue: 3)
    /// `bitPacked` (Thrift value 4).
    public static let bitPacked = Encoding(rawValue: 4)
    /// `deltaBinaryPacked` (Thrift value 5).
    public static let deltaBinaryPacked = Encoding(rawValue: 5)
    /// `deltaLengthByteArray` (Thrift value 6).
    public static let deltaLengthByteArray = Encoding(rawValue: 6)
    /// `deltaByteArray` (Thrift value 7).
    public static let deltaByteArray = Encoding(rawValue: 7)
    /// `rleDictionary` (Thrift value 8).
    public static let rleDictionary = Encoding(rawValue: 8)
    /// `byteStreamSplit` (Thrift value 9).
    public static let byteStreamSplit = Encoding(rawValue: 9)

    /// The name used by the Parquet specification.
    public var description: String {
        switch rawValue {
        case 0: "PLAIN"
        case 2: "PLAIN_DICTIONARY"
        case 3: "RLE"
        case 4: "BIT_PACKED"
        case 5: "DELTA_BINARY_PACKED"
        case 6: "DELTA_LENGTH_BYTE_ARRAY"
        case 7: "DELTA_BYTE_ARRAY"
        case 8: "RLE_DICTIONARY"
        case 9: "BYTE_STREAM_SPLIT"
        default: "ENCODING(\(rawValue))"
        }
    }
}

/// A column-chunk compression codec as recorded in the file; unknown codes are kept raw.
public struct CompressionKind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The Thrift enum value.
    public let rawValue: Int32
    /// Creates a codec kind from its Thrift value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `uncompressed` (Thrift value 0).
    public static let uncompressed = CompressionKind(rawValue: 0)
    /// `snappy` (Thrift value 1).
    public static let snappy = CompressionKind(rawValue: 1)
    /// `gzip` (Thrift value 2).
    public static let gzip = CompressionKind(rawValue: 2)
    /// `lzo` (Thrift value 3).
    public static let lzo = CompressionKind(rawValue: 3)
    /// `brotli` (Thrift value 4).
    public static let brotli = CompressionKind(rawValue: 4)
    /// `lz4` (Thrift value 5).
    public static let lz4 = CompressionKind(rawValue: 5)
    /// `zstd` (Thrift value 6).
    public static let zstd = CompressionKind(rawValue: 6)
    /// `lz4Raw` (Thrift value 7).
    public static let lz4Raw = CompressionKind(rawValue: 7)

    /// The codec implementation, when Meshwork supports this kind.
    public var codec: CompressionCodec? {
        switch rawValue {
        case 0: .uncompressed
        case 1: .snappy
        case 2: .gzip
        case 6: .zstd
        default: nil
        }
    }

    /// The kind recorded for `codec`.
    public init(_ codec: CompressionCodec) {
        switch codec {
        case .uncompressed: self = .uncompressed
        case .snappy: self = .snappy
        case .gzip: self = .gzip
        case .zstd: self = .zstd
        }
    }

    /// The name used by the Parquet specification.
    public var description: String {
        ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"].indices.contains(Int(rawValue))
            ? ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"][Int(rawValue)]
            : "CODEC(\(rawValue))"
    }
}

/// The legacy converted type annotation of a schema element; unknown codes are kept raw.
public struct ConvertedType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The Thrift enum value.
    public let rawValue: Int32
    /// Creates a converted type from its Thrift value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `utf8` (Thrift value 0).
    public static let utf8 = ConvertedType(rawValue: 0)
    /// `map` (Thrift value 1).
    public static let map = ConvertedType(rawValue: 1)
    /// `mapKeyValue` (Thrift value 2).
    public static let mapKeyValue = ConvertedType(rawValue: 2)
    /// `list` (Thrift value 3).
    public static let list = ConvertedType(rawValue: 3)
    /// `enumeration` (Thrift value 4).
    public static let enumeration = ConvertedType(rawValue: 4)
    /// `decimal` (Thrift value 5).
    public static let decimal = ConvertedType(rawValue: 5)
    /// `date` (Thrift value 6).
    public static let date = ConvertedType(rawValue: 6)
    /// `timeMillis` (Thrift value 7).
    public static let timeMillis = ConvertedType(rawValue: 7)
    /// `timeMicros` (Thrift value 8).
    public static let timeMicros = ConvertedType(rawValue: 8)
    /// `timestampMillis` (Thrift value 9).
    public static let timestampMillis = ConvertedType(rawValue: 9)
    /// `timestampMicros` (Thrift value 10).
    public static let timestampMicros = ConvertedType(rawValue: 10)
    /// `uint8` (Thrift value 11).
    public static let uint8 = ConvertedType(rawValue: 11)
    /// `uint16` (Thrift value 12).
    public static let uint16 = ConvertedType(rawValue: 12)
    /// `uint32` (Thrift value 13).
    public static let uint32 = ConvertedType(rawValue: 13)
    /// `uint64` (Thrift value 14).
    public static let uint64 = ConvertedType(rawValue: 14)
    /// `int8` (Thrift value 15).
    public static let int8 = ConvertedType(rawValue: 15)
    /// `int16` (Thrift value 16).
    public static let int16 = ConvertedType(rawValue: 16)
    /// `int32` (Thrift value 17).
    public static let int32 = ConvertedType(rawValue: 17)
    /// `int64` (Thrift value 18).
    public static let int64 = ConvertedType(rawValue: 18)
    /// `json` (Thrift value 19).
    public static let json = ConvertedType(rawValue: 19)
    /// `bson` (Thrift value 20).
    public static let bson = ConvertedType(rawValue: 20)
    /// `interval` (Thrift value 21).
    public static let interval = ConvertedType(rawValue: 21)

    static let names = ["UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS", "TIME_MICROS",
                        "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8",
                        "INT_16", "INT_32", "INT_64", "JSON", "BSON", "INTERVAL"]

    /// The name used by the Parquet specification.
    public var description: String {
        Self.names.indices.contains(Int(rawValue)) ? Self.names[Int(rawValue)] : "CONVERTED(\(rawValue))"
    }
}

/// The kind of a page.
public struct PageType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The Thrift enum value.
    public let rawValue: Int32
    /// Creates a page type from its Thrift value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `dataPage` (Thrift value 0).
    public static let dataPage = PageType(rawValue: 0)
    /// `indexPage` (Thrift value 1).
    public static let indexPage = PageType(rawValue: 1)
    /// `dictionaryPage` (Thrift value 2).
    public static let dictionaryPage = PageType(rawValue: 2)
    /// `dataPageV2` (Thrift value 3).
    public static let dataPageV2 = PageType(rawValue: 3)

    /// The name used by the Parquet specification.
    public var description: String {
        switch rawValue {
        case 0: "DATA_PAGE"
        case 1: "INDEX_PAGE"
        case 2: "DICTIONARY_PAGE"
        case 3: "DATA_PAGE_V2"
        default: "PAGE(\(rawValue))"
        }
    }
}
