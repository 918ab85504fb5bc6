extension ScalarParser {
    @inline(__always) static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }

    /// A UUID as `8-4-4-4-12` hex digits (any case, optionally in braces) or 32 bare hex digits.
    static func uuid(_ t: Text) -> [UInt8]? {
        var start = 0, end = t.count
        if end == 38, t[0] == UInt8(ascii: "{"), t[37] == UInt8(ascii: "}") { start = 1; end = 37 }
        let length = end - start
        guard length == 36 || length == 32 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(16)
        var i = start
        var high: UInt8? = nil
        while i < end {
            let c = t[i]
            if length == 36 && (i - start == 8 || i - start == 13 || i - start == 18 || i - start == 23) {
                guard c == UInt8(ascii: "-") else { return nil }
            } else {
                guard let h = hexValue(c) else { return nil }
                if let hi = high { out.append(hi << 4 | h); high = nil } else { high = h }
            }
            i += 1
        }
        return out.count == 16 ? out : nil
    }

    /// Standard or URL-safe base64, padding optional.
    static func base64(_ t: Text) -> [UInt8]? {
        var out = [UInt8]()
        out.reserveCapacity(t.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        for c in t {
            let v: UInt32
            switch c {
            case 65...90: v = UInt32(c - 65)
            case 97...122: v = UInt32(c - 71)
            case 48...57: v = UInt32(c + 4)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): v = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): v = 63
            case UInt8(ascii: "="): padding += 1; continue
            default: return nil
            }
            guard padding == 0 else { return nil }
            accumulator = accumulator << 6 | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        guard bits < 6, padding <= 2, (t.count % 4 == 0 || padding == 0) else { return nil }
        return out
    }

    /// Whether `t` is valid UTF-8; otherwise the index of the first bad byte.
    static func invalidUTF8Index(_ t: Text) -> Int? {
        let n = t.count
        guard let base = t.baseAddress else { return nil }
        var i = 0
        while i < n {
            // ASCII fast path, eight bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { return nil }
            let c = base[i]
            if c < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            let second = base[i + 1]
            guard second >= lower && second <= upper else { return i }
            for k in 2..<length where base[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}
