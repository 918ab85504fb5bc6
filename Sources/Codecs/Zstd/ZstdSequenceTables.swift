/// Decoding tables for the literal-length, match-length and offset codes (RFC 8878 §3.1.1.3.2).
enum SequenceCode: Sendable {
    case literalLength
    case matchLength
    case offset

    /// One decoding state, with the code's value baseline and extra bit count folded in.
    struct Entry: Sendable {
        var base: UInt32
        var extraBits: UInt8
        var bitCount: UInt8
        var nextState: UInt16
    }

    /// A ready-to-run decoding table for one kind of code.
    struct Table: Sendable {
        var accuracyLog: Int
        var entries: [Entry]
    }

    /// Largest symbol this code allows.
    var maxSymbol: Int {
        switch self {
        case .literalLength: 35
        case .matchLength: 52
        case .offset: 31
        }
    }

    /// Largest accuracy log of a table description.
    var maxAccuracyLog: Int {
        switch self {
        case .literalLength, .matchLength: 9
        case .offset: 8
        }
    }

    /// A name for error messages.
    var name: String {
        switch self {
        case .literalLength: "literal length"
        case .matchLength: "match length"
        case .offset: "offset"
        }
    }

    /// The baseline value and extra bit count of `symbol`.
    func baseline(_ symbol: Int) -> (base: UInt32, extraBits: UInt8) {
        switch self {
        case .literalLength:
            (UInt32(Self.literalLengthBase[symbol]), Self.literalLengthBits[symbol])
        case .matchLength:
            (UInt32(Self.matchLengthBase[symbol]), Self.matchLengthBits[symbol])
        case .offset:
            (UInt32(1) << UInt32(symbol), UInt8(symbol))
        }
    }

    /// Converts an FSE table over this code's symbols into a sequence decoding table.
    func table(_ fse: FSE.DecodingTable) -> Table {
        let entries = fse.entries.map { e -> Entry in
            let (base, extra) = baseline(Int(e.symbol))
            return Entry(base: base, extraBits: extra, bitCount: e.bitCount, nextState: e.baseline)
        }
        return Table(accuracyLog: fse.accuracyLog, entries: entries)
    }

    /// The predefined table (mode 0).
    var predefined: Table {
        switch self {
        case .literalLength: Self.predefinedLiteralLength
        case .matchLength: Self.predefinedMatchLength
        case .offset: Self.predefinedOffset
        }
    }

    /// Predefined distribution (RFC 8878 §3.1.1.3.2.2) and its accuracy log.
    var defaultDistribution: (counts: [Int16], accuracyLog: Int) {
        switch self {
        case .literalLength:
            ([4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
              -1, -1, -1, -1], 6)
        case .matchLength:
            ([1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
              1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1], 6)
        case .offset:
            ([1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1], 5)
        }
    }

    private static func makePredefined(_ code: SequenceCode) -> Table {
        let (counts, log) = code.defaultDistribution
        return code.table(FSE.decodingTable(counts: counts, accuracyLog: log))
    }

    static let predefinedLiteralLength = makePredefined(.literalLength)
    static let predefinedMatchLength = makePredefined(.matchLength)
    static let predefinedOffset = makePredefined(.offset)

    static let literalLengthBase: [Int] = [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096,
        8192, 16384, 32768, 65536,
    ]
    static let literalLengthBits: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12,
        13, 14, 15, 16,
    ]
    static let matchLengthBase: [Int] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
        19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
        35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
        4099, 8195, 16387, 32771, 65539,
    ]
    static let matchLengthBits: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11,
        12, 13, 14, 15, 16,
    ]
}
