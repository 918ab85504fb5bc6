import Foundation

/// Writes the sequences section of a compressed block: repeat offsets where they apply, and
/// per code kind the cheapest of the predefined, RLE or a block-specific FSE table.
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

    /// The offset code for `offset` after `literalLength` literals, using the repeat offsets
    /// when possible and updating them exactly as the decoder will.
    static func offsetCode(_ offset: Int, literalLength: Int, repeats: inout (Int, Int, Int)) -> Coded {
        var value: Int
        if literalLength > 0 {
            value = offset == repeats.0 ? 1 : offset == repeats.1 ? 2 : offset == repeats.2 ? 3 : offset + 3
        } else {
            value = offset == repeats.1 ? 1 : offset == repeats.2 ? 2 : offset == repeats.0 - 1 ? 3 : offset + 3
        }
        switch (value, literalLength > 0) {
        case (1, true): break
        case (2, true), (1, false): repeats = (offset, repeats.0, repeats.2)
        default: repeats = (offset, repeats.0, repeats.1)
        }
        let code = highBit(value)
        return Coded(code: code, extra: value - (1 << code), extraBits: code)
    }

    /// A table choice for one code kind: its mode (0 predefined, 1 RLE, 2 FSE), encoder and description.
    struct TableChoice {
        var mode: Int
        var encoder: FSEEncoder
        var description: [UInt8]
    }

    /// Picks the cheapest of predefined, RLE and a block-specific FSE table for `codes`.
    static func chooseTable(_ codes: [Coded], kind: SequenceCode, predefined: FSEEncoder) -> TableChoice {
        var histogram = [Int](repeating: 0, count: kind.maxSymbol + 1)
        for c in codes { histogram[c.code] += 1 }
        let present = histogram.indices.filter { histogram[$0] > 0 }
        if present.count == 1 && codes.count > 2 {
            var counts = [Int16](repeating: 0, count: present[0] + 1)
            counts[present[0]] = 1
            return TableChoice(mode: 1, encoder: FSEEncoder(counts: counts, accuracyLog: 0), description: [UInt8(present[0])])
        }
        let (defaultCounts, defaultLog) = kind.defaultDistribution
        var predefinedBits = 0.0
        for s in present {
            guard s < defaultCounts.count else { predefinedBits = .infinity; break }
            let c = max(1, Int(defaultCounts[s]))
            predefinedBits += Double(histogram[s]) * (Double(defaultLog) - log2(Double(c)))
        }
        let minimumLog = kind == .offset ? 5 : 6
        let log = min(kind.maxAccuracyLog, max(minimumLog, highBit(max(codes.count, 1)) + 1))
        let last = present.last!
        let counts = FSEEncoder.normalize(Array(histogram[...last]), accuracyLog: log)
        var customBits = 0.0
        for s in present { customBits += Double(histogram[s]) * (Double(log) - log2(Double(counts[s]))) }
        let description = FSEEncoder.writeCounts(counts, accuracyLog: log)
        customBits += Double(8 * description.count)
        if predefinedBits <= customBits {
            return TableChoice(mode: 0, encoder: predefined, description: [])
        }
        return TableChoice(mode: 2, encoder: FSEEncoder(counts: counts, accuracyLog: log), description: description)
    }

    /// The sequences section for `sequences`; `repeats` are the frame's repeat offsets.
    static func section(_ sequences: [ZstdMatcher.Sequence], repeats: inout (Int, Int, Int)) -> [UInt8] {
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
        let ll = sequences.map { literalLengthCode($0.literalLength) }
        let ml = sequences.map { matchLengthCode($0.matchLength) }
        let of = sequences.map { offsetCode($0.offset, literalLength: $0.literalLength, repeats: &repeats) }
        let llChoice = chooseTable(ll, kind: .literalLength, predefined: literalLengthEncoder)
        let ofChoice = chooseTable(of, kind: .offset, predefined: offsetEncoder)
        let mlChoice = chooseTable(ml, kind: .matchLength, predefined: matchLengthEncoder)
        out.append(UInt8(llChoice.mode << 6 | ofChoice.mode << 4 | mlChoice.mode << 2))
        out += llChoice.description + ofChoice.description + mlChoice.description
        let llEncoder = llChoice.encoder, mlEncoder = mlChoice.encoder, ofEncoder = ofChoice.encoder
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
