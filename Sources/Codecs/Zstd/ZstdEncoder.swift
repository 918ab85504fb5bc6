enum ZstdEncoder {
    static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        output += [0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x58]  // temporary
        var p = 0
        repeat {
            let n = min(input.count - p, Zstd.maxBlockSize)
            let last = p + n == input.count ? 1 : 0
            let h = (n << 3) | last
            output += [UInt8(h & 255), UInt8((h >> 8) & 255), UInt8(h >> 16)]
            output += input[p..<(p + n)]
            p += n
        } while p < input.count
    }
}
