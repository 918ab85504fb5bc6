/// Compressed blocks: the sequences section and sequence execution (RFC 8878 §3.1.1.3.2, §3.1.1.4).
extension ZstdDecoder {
    /// Decodes the compressed block `src[start..<end]`, appending its content to the output.
    mutating func decodeCompressedBlock(start: Int, end: Int) throws(CodecError) {
        let literals = try readLiterals(start: start, end: end)
        var position = start + literals.sectionSize
        guard position < end else { throw Zstd.truncated("missing sequences section", at: position) }
        let available = min(blockMaximum, frameLimit - outputCount)
        try reserve(available, at: start)

        let b0 = Int(src[position])
        var count: Int
        if b0 < 128 {
            count = b0
            position += 1
        } else if b0 < 255 {
            guard end - position >= 2 else { throw Zstd.truncated("sequence count is cut short", at: position) }
            count = ((b0 - 128) << 8) + Int(src[position + 1])
            position += 2
        } else {
            guard end - position >= 3 else { throw Zstd.truncated("sequence count is cut short", at: position) }
            count = Int(src[position + 1]) + (Int(src[position + 2]) << 8) + 0x7F00
            position += 3
        }
        if count == 0 {
            features.insert(.noSequences)
            guard position == end else { throw Zstd.corrupt("bytes follow an empty sequences section", at: position) }
            guard literals.count <= available else { throw blockOverrun(at: start) }
            (output + outputCount).update(from: literals.bytes, count: literals.count)
            outputCount += literals.count
            return
        }
        guard position < end else { throw Zstd.truncated("missing symbol compression modes", at: position) }
        let modes = Int(src[position])
        guard modes & 3 == 0 else { throw Zstd.corrupt("reserved bits set in symbol compression modes", at: position) }
        position += 1
        for shift in [6, 4, 2] {
            features.insert([.predefinedTable, .rleTable, .compressedTable, .repeatTable][(modes >> shift) & 3])
        }
        let ll = try readSequenceTable(.literalLength, mode: modes >> 6, position: &position, end: end, previous: literalLengthTable)
        literalLengthTable = ll
        let of = try readSequenceTable(.offset, mode: (modes >> 4) & 3, position: &position, end: end, previous: offsetTable)
        offsetTable = of
        let ml = try readSequenceTable(.matchLength, mode: (modes >> 2) & 3, position: &position, end: end, previous: matchLengthTable)
        matchLengthTable = ml
        guard position < end else { throw Zstd.truncated("missing sequences bitstream", at: position) }
        let reader = try ReverseBitReader(src + position, count: end - position, offset: position)

        let produced = try ll.entries.withUnsafeBufferPointer { llp throws(CodecError) -> Int in
            try of.entries.withUnsafeBufferPointer { ofp throws(CodecError) -> Int in
                try ml.entries.withUnsafeBufferPointer { mlp throws(CodecError) -> Int in
                    try execute(count: count, reader: reader, ll: (llp.baseAddress!, ll.accuracyLog),
                                of: (ofp.baseAddress!, of.accuracyLog), ml: (mlp.baseAddress!, ml.accuracyLog),
                                literals: literals, available: available, streamOffset: position)
                }
            }
        }
        outputCount += produced
    }

    /// The error for a block that regenerates more than it may.
    func blockOverrun(at offset: Int) -> CodecError {
        if outputCount + blockMaximum <= frameLimit {
            return Zstd.corrupt("block regenerates more than \(blockMaximum) bytes", at: offset)
        }
        return overrunError(at: offset)
    }

    /// Reads one of the three table descriptions according to its compression mode.
    private func readSequenceTable(
        _ code: SequenceCode, mode: Int, position: inout Int, end: Int, previous: SequenceCode.Table?
    ) throws(CodecError) -> SequenceCode.Table {
        switch mode {
        case 0:
            return code.predefined
        case 1:
            guard position < end else { throw Zstd.truncated("missing \(code.name) RLE symbol", at: position) }
            let symbol = src[position]
            guard Int(symbol) <= code.maxSymbol else {
                throw Zstd.corrupt("\(code.name) RLE symbol \(symbol) exceeds \(code.maxSymbol)", at: position)
            }
            position += 1
            return code.table(FSE.rleTable(symbol: symbol))
        case 2:
            let (counts, log, size) = try FSE.readCounts(src, start: position, end: end, maxSymbol: code.maxSymbol,
                                                         maxAccuracyLog: code.maxAccuracyLog, what: code.name)
            position += size
            return code.table(FSE.decodingTable(counts: counts, accuracyLog: log))
        default:
            guard let previous else {
                throw Zstd.corrupt("\(code.name) table repeat mode but no earlier table in this frame", at: position)
            }
            return previous
        }
    }

    /// Decodes and executes `count` sequences, writing at `output + outputCount`; returns bytes written.
    private mutating func execute(
        count: Int, reader initialReader: ReverseBitReader,
        ll: (UnsafePointer<SequenceCode.Entry>, Int), of: (UnsafePointer<SequenceCode.Entry>, Int),
        ml: (UnsafePointer<SequenceCode.Entry>, Int), literals: Literals, available: Int, streamOffset: Int
    ) throws(CodecError) -> Int {
        let blockStart = output + outputCount
        var out = blockStart
        let outEnd = blockStart + available
        let frameBegin = output + frameStart
        let window = windowSize
        var lit = literals.bytes
        let litEnd = lit + literals.count
        var (rep0, rep1, rep2) = repeatOffsets
        let llTable = ll.0, ofTable = of.0, mlTable = ml.0
        // A local copy keeps the bit reader in registers.
        var reader = initialReader

        var llState = reader.read(ll.1)
        var ofState = reader.read(of.1)
        var mlState = reader.read(ml.1)
        reader.reload()
        var remaining = count
        var usedRepeat = false
        while remaining > 0 {
            remaining &-= 1
            let lle = llTable[llState], mle = mlTable[mlState], ofe = ofTable[ofState]
            // After a reload at least 57 bits are available: state updates need at most
            // 9 + 9 + 8 = 26, so extra bits totalling 31 or less need no reload in between.
            let ofBits = Int(ofe.extraBits), mlBits = Int(mle.extraBits), llBits = Int(lle.extraBits)
            let longExtras = ofBits &+ mlBits &+ llBits > 31
            var offsetValue = Int(ofe.base) &+ reader.read(ofBits)
            if longExtras { reader.reload() }
            let matchLength = Int(mle.base) &+ reader.read(mlBits)
            let literalLength = Int(lle.base) &+ reader.read(llBits)
            if longExtras { reader.reload() }
            if remaining > 0 {
                llState = Int(lle.nextState) &+ reader.read(Int(lle.bitCount))
                mlState = Int(mle.nextState) &+ reader.read(Int(mle.bitCount))
                ofState = Int(ofe.nextState) &+ reader.read(Int(ofe.bitCount))
            }
            reader.reload()

            let offset: Int
            if offsetValue > 3 {
                offset = offsetValue &- 3
                rep2 = rep1
                rep1 = rep0
                rep0 = offset
            } else {
                usedRepeat = true
                if literalLength == 0 { offsetValue &+= 1 }
                switch offsetValue {
                case 1:
                    offset = rep0
                case 2:
                    offset = rep1
                    rep1 = rep0
                    rep0 = offset
                case 3:
                    offset = rep2
                    rep2 = rep1
                    rep1 = rep0
                    rep0 = offset
                default:
                    offset = rep0 &- 1
                    guard offset > 0 else { throw Zstd.corrupt("repeat offset decrements to zero", at: streamOffset) }
                    rep2 = rep1
                    rep1 = rep0
                    rep0 = offset
                }
            }

            guard literalLength <= litEnd - lit else {
                throw Zstd.corrupt("sequence needs \(literalLength) literals, only \(litEnd - lit) remain", at: streamOffset)
            }
            guard literalLength &+ matchLength <= outEnd - out else { throw blockOverrun(at: streamOffset) }
            if literalLength <= 16 && litEnd - lit >= 16 && outEnd - out >= 16 {
                Self.copy16(to: out, from: lit)
            } else {
                out.update(from: lit, count: literalLength)
            }
            out += literalLength
            lit += literalLength

            guard offset <= out - frameBegin, offset <= window else {
                throw Zstd.corrupt("match offset \(offset) reaches before the frame's window", at: streamOffset)
            }
            let match = UnsafePointer(out - offset)
            if offset >= 16 && matchLength <= 16 && outEnd - out >= 16 {
                Self.copy16(to: out, from: match)
            } else if offset >= 8 && matchLength <= 32 && outEnd - out >= matchLength &+ 8 {
                // Overlap-safe for offsets of 8 or more: every 8-byte source is already written.
                var copied = 0
                while copied < matchLength {
                    UnsafeMutableRawPointer(out + copied).storeBytes(
                        of: UnsafeRawPointer(match + copied).loadUnaligned(as: UInt64.self), as: UInt64.self)
                    copied &+= 8
                }
            } else if offset >= matchLength {
                out.update(from: match, count: matchLength)
            } else if matchLength <= 32 {
                for i in 0..<matchLength { out[i] = match[i] }
            } else {
                var copied = 0
                while copied < matchLength {
                    let n = min(offset &+ copied, matchLength &- copied)
                    (out + copied).update(from: match, count: n)
                    copied &+= n
                }
            }
            out += matchLength
        }
        guard reader.isFinished else {
            throw Zstd.corrupt("sequences bitstream is not consumed exactly", at: streamOffset)
        }
        let rest = litEnd - lit
        guard rest <= outEnd - out else { throw blockOverrun(at: streamOffset) }
        out.update(from: lit, count: rest)
        out += rest
        repeatOffsets = (rep0, rep1, rep2)
        if usedRepeat { features.insert(.repeatOffset) }
        return out - blockStart
    }

    /// Copies 16 bytes (the caller guarantees both ranges are valid and `from` is 16 bytes behind or apart).
    @inline(__always)
    static func copy16(to destination: UnsafeMutablePointer<UInt8>, from source: UnsafePointer<UInt8>) {
        let s = UnsafeRawPointer(source), d = UnsafeMutableRawPointer(destination)
        let a = s.loadUnaligned(as: UInt64.self)
        let b = s.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        d.storeBytes(of: a, as: UInt64.self)
        d.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
    }
}
