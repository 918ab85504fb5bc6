extension DecodedValues {
    /// Appends the dictionary entries named by `indices` (a dictionary-encoded page), checking
    /// every index against the dictionary first and then copying with one typed loop.
    mutating func appendGathering(from dictionary: DecodedValues, indices: [UInt32]) throws(ParquetError) {
        let size = dictionary.count
        var largest: UInt32 = 0
        indices.withUnsafeBufferPointer { p in
            for i in p where i > largest { largest = i }
        }
        guard indices.isEmpty || Int(largest) < size else {
            throw ParquetError(.corruptData, "dictionary index \(largest) out of range (dictionary has \(size) entries)")
        }
        switch physical {
        case .boolean: Self.gather(dictionary.bools, indices, into: &bools)
        case .int32: Self.gather(dictionary.ints32, indices, into: &ints32)
        case .int64, .int96: Self.gather(dictionary.ints64, indices, into: &ints64)
        case .float: Self.gather(dictionary.floats, indices, into: &floats)
        case .double: Self.gather(dictionary.doubles, indices, into: &doubles)
        case .byteArray: gatherBytes(dictionary, indices)
        case .fixedLenByteArray: gatherFixed(dictionary, indices)
        }
    }

    /// Appends `source[i]` for every index (all checked by the caller).
    private static func gather<T: BitwiseCopyable>(_ source: [T], _ indices: [UInt32], into out: inout [T]) {
        let n = indices.count
        let gathered = source.withUnsafeBufferPointer { src in
            indices.withUnsafeBufferPointer { idx in
                [T](unsafeUninitializedCapacity: n) { buffer, initialized in
                    for k in 0..<n { (buffer.baseAddress! + k).initialize(to: src[Int(idx[k])]) }
                    initialized = n
                }
            }
        }
        if out.isEmpty { out = gathered } else { out.append(contentsOf: gathered) }
    }

    /// Appends byte-array entries: sizes the data once, then copies each entry's bytes.
    private mutating func gatherBytes(_ dictionary: DecodedValues, _ indices: [UInt32]) {
        var total = 0
        dictionary.offsets.withUnsafeBufferPointer { off in
            indices.withUnsafeBufferPointer { idx in
                for i in idx { total += off[Int(i) + 1] - off[Int(i)] }
            }
        }
        let dataStart = data.count
        let offsetStart = offsets.count
        data.append(contentsOf: repeatElement(0, count: total))
        offsets.append(contentsOf: repeatElement(0, count: indices.count))
        dictionary.offsets.withUnsafeBufferPointer { off in
            dictionary.data.withUnsafeBufferPointer { src in
                indices.withUnsafeBufferPointer { idx in
                    data.withUnsafeMutableBufferPointer { dst in
                        offsets.withUnsafeMutableBufferPointer { outOffsets in
                            var position = dataStart
                            var k = offsetStart
                            for i in idx {
                                let from = off[Int(i)], length = off[Int(i) + 1] - from
                                if length > 0 {
                                    (dst.baseAddress! + position).update(from: src.baseAddress! + from, count: length)
                                }
                                position += length
                                outOffsets[k] = position
                                k += 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// Appends fixed-width entries.
    private mutating func gatherFixed(_ dictionary: DecodedValues, _ indices: [UInt32]) {
        let w = width
        guard w > 0 else { return }
        let dataStart = data.count
        data.append(contentsOf: repeatElement(0, count: indices.count * w))
        dictionary.data.withUnsafeBufferPointer { src in
            indices.withUnsafeBufferPointer { idx in
                data.withUnsafeMutableBufferPointer { dst in
                    var position = dataStart
                    for i in idx {
                        (dst.baseAddress! + position).update(from: src.baseAddress! + Int(i) * w, count: w)
                        position += w
                    }
                }
            }
        }
    }
}
