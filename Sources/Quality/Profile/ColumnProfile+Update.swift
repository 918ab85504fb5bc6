import Columnar
import Foundation

/// Rows are processed in chunks so scratch space stays in cache and is allocated once per call.
let profileChunk = 8192

extension ColumnProfile {
    /// Adds every row of `column` (which must have this profile's type) in one pass.
    public mutating func update(_ column: Column) {
        count += column.count
        nullCount += column.nullCount
        let validity = column.validity
        switch column.values {
        case .int32(let b): b.withUnsafeBufferPointer { updateIntegers($0, validity) }
        case .int64(let b): b.withUnsafeBufferPointer { updateIntegers($0, validity) }
        case .float(let b): b.withUnsafeBufferPointer { updateFloats($0, validity) }
        case .double(let b): b.withUnsafeBufferPointer { updateFloats($0, validity) }
        case .decimal(let b):
            var scale = 0
            if case .decimal(_, let s) = column.type { scale = s }
            b.withUnsafeBufferPointer { updateDecimals($0, scale: scale, validity) }
        case .boolean(let b): b.withUnsafeBufferPointer { updateBooleans($0, validity) }
        case .bytes(let v): updateBytes(v, validity)
        case .fixed(let width, let b): updateFixed(width: width, b, validity)
        case .list(let offsets, let child): updateLists(offsets, child, validity)
        }
    }

    /// Calls `body(start, end, valid)` for each chunk of `n` rows.
    @inline(__always)
    func chunks(_ n: Int, _ validity: Buffer<Bool>?, _ body: (Int, Int, UnsafeBufferPointer<Bool>?) -> Void) {
        if let validity {
            validity.withUnsafeBufferPointer { valid in
                var start = 0
                while start < n {
                    body(start, Swift.min(start + profileChunk, n), valid)
                    start += profileChunk
                }
            }
        } else {
            var start = 0
            while start < n {
                body(start, Swift.min(start + profileChunk, n), nil)
                start += profileChunk
            }
        }
    }

    mutating func updateIntegers<T: FixedWidthInteger & SignedInteger>(_ values: UnsafeBufferPointer<T>, _ validity: Buffer<Bool>?) {
        var numbers = [Double](repeating: 0, count: Swift.min(profileChunk, values.count))
        var hashes = [UInt64](repeating: 0, count: numbers.count)
        var lo = Int64.max, hi = Int64.min
        chunks(values.count, validity) { start, end, valid in
            var n = 0
            numbers.withUnsafeMutableBufferPointer { out in
                hashes.withUnsafeMutableBufferPointer { hashOut in
                    for i in start..<end {
                        if let valid, !valid[i] { continue }
                        let v = Int64(values[i])
                        if v < lo { lo = v }
                        if v > hi { hi = v }
                        hashOut[n] = Hash64.hash(v)
                        out[n] = Double(v)
                        n += 1
                    }
                }
            }
            record(numbers: numbers, hashes: hashes, n)
        }
        if lo <= hi { recordExtremes(.integer(lo), .integer(hi)) }
    }

    mutating func updateFloats<T: BinaryFloatingPoint>(_ values: UnsafeBufferPointer<T>, _ validity: Buffer<Bool>?) {
        var numbers = [Double](repeating: 0, count: Swift.min(profileChunk, values.count))
        var hashes = [UInt64](repeating: 0, count: numbers.count)
        var lo = Double.infinity, hi = -Double.infinity
        var nans = 0
        var infinities: [Double] = []
        chunks(values.count, validity) { start, end, valid in
            var n = 0
            numbers.withUnsafeMutableBufferPointer { out in
                hashes.withUnsafeMutableBufferPointer { hashOut in
                    for i in start..<end {
                        if let valid, !valid[i] { continue }
                        let v = Double(values[i])
                        if v.isNaN { nans += 1; continue }
                        lo = Swift.min(lo, v)
                        hi = Swift.max(hi, v)
                        if v.isInfinite { infinities.append(v); continue }
                        hashOut[n] = Hash64.hash(v)
                        out[n] = v
                        n += 1
                    }
                }
            }
            record(numbers: numbers, hashes: hashes, n)
        }
        nanCount += nans
        // Infinities count as distinct values and extremes but stay out of moments and quantiles.
        for v in infinities { distinct.insert(hash: Hash64.hash(v)) }
        if lo <= hi { recordExtremes(.double(lo), .double(hi)) }
    }

    mutating func updateDecimals(_ values: UnsafeBufferPointer<Int128>, scale: Int, _ validity: Buffer<Bool>?) {
        let divisor = pow10(scale)
        var numbers = [Double](repeating: 0, count: Swift.min(profileChunk, values.count))
        var hashes = [UInt64](repeating: 0, count: numbers.count)
        var lo = Int128.max, hi = Int128.min
        chunks(values.count, validity) { start, end, valid in
            var n = 0
            for i in start..<end {
                if let valid, !valid[i] { continue }
                let v = values[i]
                if v < lo { lo = v }
                if v > hi { hi = v }
                hashes[n] = Hash64.hash(Int64(truncatingIfNeeded: v)) ^ Hash64.hash(Int64(truncatingIfNeeded: v >> 64))
                numbers[n] = Double(v) / divisor
                n += 1
            }
            record(numbers: numbers, hashes: hashes, n)
        }
        if lo <= hi { recordExtremes(.decimal(unscaled: lo, scale: scale), .decimal(unscaled: hi, scale: scale)) }
    }

    mutating func updateBooleans(_ values: UnsafeBufferPointer<Bool>, _ validity: Buffer<Bool>?) {
        var trues = 0, falses = 0
        chunks(values.count, validity) { start, end, valid in
            for i in start..<end {
                if let valid, !valid[i] { continue }
                if values[i] { trues += 1 } else { falses += 1 }
            }
        }
        guard trues + falses > 0 else { return }
        moments.merge(Moments(count: trues + falses, mean: Double(trues) / Double(trues + falses),
                              m2: Double(trues) * Double(falses) / Double(trues + falses)))
        if trues > 0 { distinct.insert(hash: Hash64.hash(Int64(1))) }
        if falses > 0 { distinct.insert(hash: Hash64.hash(Int64(0))) }
        var pairs: [(String, Int)] = []
        if trues > 0 { pairs.append(("true", trues)) }
        if falses > 0 { pairs.append(("false", falses)) }
        for (text, n) in pairs { frequent?.insert(text, count: n) }
        recordExtremes(.boolean(falses == 0), .boolean(trues > 0))
    }

    mutating func record(numbers: [Double], hashes: [UInt64], _ n: Int) {
        guard n > 0 else { return }
        numbers.withUnsafeBufferPointer { p in
            let used = UnsafeBufferPointer(rebasing: p[0..<n])
            moments.insert(contentsOf: used)
            quantiles?.insert(contentsOf: used)
        }
        hashes.withUnsafeBufferPointer { distinct.insert(hashes: UnsafeBufferPointer(rebasing: $0[0..<n])) }
    }

    mutating func recordExtremes(_ lo: StatValue, _ hi: StatValue) {
        minimum = minimum.map { Swift.min($0, lo) } ?? lo
        maximum = maximum.map { Swift.max($0, hi) } ?? hi
    }

    mutating func updateFixed(width: Int, _ bytes: Buffer<UInt8>, _ validity: Buffer<Bool>?) {
        guard width > 0 else { return }
        let rows = bytes.count / width
        var hashes = [UInt64](repeating: 0, count: Swift.min(profileChunk, rows))
        bytes.withUnsafeBufferPointer { data in
            let raw = UnsafeRawBufferPointer(data)
            chunks(rows, validity) { start, end, valid in
                var n = 0
                for i in start..<end {
                    if let valid, !valid[i] { continue }
                    hashes[n] = Hash64.hash(UnsafeRawBufferPointer(rebasing: raw[(i * width)..<((i + 1) * width)]))
                    n += 1
                }
                hashes.withUnsafeBufferPointer { distinct.insert(hashes: UnsafeBufferPointer(rebasing: $0[0..<n])) }
            }
        }
    }

    mutating func updateLists(_ offsets: Buffer<Int>, _ child: Column, _ validity: Buffer<Bool>?) {
        let rows = offsets.count - 1
        guard rows > 0 else { return }
        var lengths: [Double] = []
        lengths.reserveCapacity(rows)
        var lo = Int.max, hi = Int.min
        offsets.withUnsafeBufferPointer { o in
            chunks(rows, validity) { start, end, valid in
                for i in start..<end {
                    if let valid, !valid[i] { continue }
                    let n = o[i + 1] - o[i]
                    lo = Swift.min(lo, n)
                    hi = Swift.max(hi, n)
                    lengths.append(Double(n))
                }
            }
        }
        var m = Moments()
        lengths.withUnsafeBufferPointer { m.insert(contentsOf: $0) }
        self.lengths?.record(minimum: lo, maximum: hi, moments: m)
        if !elements.isEmpty {
            elements[0].update(child.slice(offsets[0]..<offsets[rows]))
        }
    }
}
