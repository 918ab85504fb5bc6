/// Writes the sequences section of a compressed block using the predefined FSE tables.
enum ZstdSequencesWriter {
    static let literalLengthEncoder = makeEncoder(.literalLength)
    static let matchLengthEncoder = makeEncoder(.matchLength)
    static let offsetEncoder = makeEncoder(.offset)

    private static func makeEncoder(_ code: SequenceCode) -> FSEEncoder {
        let (counts, log) = code.defaultDistribution
        return FSEEncoder(counts: counts, accuracyLog: log)
    }

    /// A code and its extra bits.
    struct Coded {
        var code: Int
        var extra: Int
        var extraBits: Int
    }

    @inline(__always)
    private static func highBit(_ v: Int) -> Int { Int.bitWidth - 1 - v.leadingZeroBitCount }

    /// The literal-length code of `length` (0...131071).
    static func literalLengthCode(_ length: Int) -> Coded {
        var code: Int
        if length < 16 {
            code = length
        } else if length < 64 {
            code = 16
            while code + 1 < 25 && SequenceCode.literalLengthBase[code + 1] <= length { code += 1 }
        } else {
            code = highBit(length) + 19
        }
        return Coded(code: code, extra: length - SequenceCode.literalLengthBase[code],
                     extraBits: Int(SequenceCode.literalLengthBits[code]))
    }

    /// The match-length code of `length` (3...131074).
    static func matchLengthCode(_ length: Int) -> Coded {
        let v = length - 3
        var code: Int
        if v < 32 {
            code = v
        } else if v < 128 {
            code = 32
            while code + 1 < 43 && SequenceCode.matchLengthBase[code + 1] <= length { code += 1 }
        } else {
            code = highBit(v) + 36
        }
        return Coded(code: code, extra: length - SequenceCode.matchLengthBase[code],
                     extraBits: Int(SequenceCode.matchLengthBits[code]))
    }

    /// The offset code of a new (non-repeat) `offset`.
    static func offsetCode(_ offset: Int) -> Coded {
        let value = offset + 3
        let code = highBit(value)
        return Coded(code: code, extra: value - (1 << code), extraBits: code)
    }

    /// The sequences section for `sequences`.
    static func section(_ sequences: [ZstdMatcher.Sequence]) -> [UInt8] {
        let n = sequences.count
        var out: [UInt8]
        if n < 128 {
            out = [UInt8(n)]
        } else if n < 0x7F00 {
            out = [UInt8((n >> 8) + 128), UInt8(n & 0xFF)]
        } else {
            out = [255, UInt8((n - 0x7F00) & 0xFF), UInt8((n - 0x7F00) >> 8)]
        }
        guard n > 0 else { return out }
        out.append(0)  // all three tables predefined
        let ll = sequences.map { literalLengthCode($0.literalLength) }
        let ml = sequences.map { matchLengthCode($0.matchLength) }
        let of = sequences.map { offsetCode($0.offset) }
        let llEncoder = literalLengthEncoder, mlEncoder = matchLengthEncoder, ofEncoder = offsetEncoder
        var writer = BitWriter(capacity: n * 4)
        var mlState = mlEncoder.initialState(ml[n - 1].code)
        var ofState = ofEncoder.initialState(of[n - 1].code)
        var llState = llEncoder.initialState(ll[n - 1].code)
        writer.write(ll[n - 1].extra, ll[n - 1].extraBits)
        writer.write(ml[n - 1].extra, ml[n - 1].extraBits)
        writer.write(of[n - 1].extra, of[n - 1].extraBits)
        var i = n - 2
        while i >= 0 {
            ofEncoder.encode(&ofState, of[i].code, into: &writer)
            mlEncoder.encode(&mlState, ml[i].code, into: &writer)
            llEncoder.encode(&llState, ll[i].code, into: &writer)
            writer.write(ll[i].extra, ll[i].extraBits)
            writer.write(ml[i].extra, ml[i].extraBits)
            writer.write(of[i].extra, of[i].extraBits)
            i -= 1
        }
        mlEncoder.flush(mlState, into: &writer)
        ofEncoder.flush(ofState, into: &writer)
        llEncoder.flush(llState, into: &writer)
        out += writer.close()
        return out
    }
}
