extension LeafData {
    /// Spreads the values a flat (non-list) page just appended over its level slots, in place:
    /// the page's `levels.count` slots get the dense values where the level is `maxDefinition`
    /// and a zero/empty placeholder where it is lower (a null), exactly as ``ColumnAssembler``
    /// lays out a nullable column. Done per page, while the page's values are still in cache,
    /// it replaces a pass over the whole column (and a second column-sized allocation).
    mutating func spreadPage(levelStart: Int, valueStart: Int, maxDefinition: UInt8) {
        definitionLevels.withUnsafeBufferPointer { all in
            let levels = UnsafeBufferPointer(rebasing: all[levelStart...])
            values.spread(from: valueStart, levels: levels, present: maxDefinition)
        }
    }
}

extension DecodedValues {
    /// Moves the values from `start` (one per `present` level) to their slots among `levels`,
    /// filling the other slots with placeholders; afterwards there is one value per level.
    mutating func spread(from start: Int, levels: UnsafeBufferPointer<UInt8>, present: UInt8) {
        switch physical {
        case .boolean: Self.spread(&bools, from: start, levels: levels, present: present, zero: false)
        case .int32: Self.spread(&ints32, from: start, levels: levels, present: present, zero: 0)
        case .int64, .int96: Self.spread(&ints64, from: start, levels: levels, present: present, zero: 0)
        case .float: Self.spread(&floats, from: start, levels: levels, present: present, zero: 0)
        case .double: Self.spread(&doubles, from: start, levels: levels, present: present, zero: 0)
        case .byteArray: spreadOffsets(from: start, levels: levels, present: present)
        case .fixedLenByteArray: spreadFixed(from: start, levels: levels, present: present)
        }
    }

    /// Spreads `array[start...]` (one element per present level) over `levels.count` slots,
    /// walking back to front so every element moves at most once and never over one unmoved.
    private static func spread<T: BitwiseCopyable>(_ array: inout [T], from start: Int, levels: UnsafeBufferPointer<UInt8>,
                                                   present: UInt8, zero: T) {
        let slots = levels.count
        let dense = array.count - start
        guard dense < slots else { return }
        array.append(contentsOf: repeatElement(zero, count: slots - dense))
        array.withUnsafeMutableBufferPointer { buffer in
            spreadInPlace(buffer.baseAddress! + start, dense: dense, levels: levels, present: present, zero: zero)
        }
    }

    /// Spreads the `dense` values at the front of `p` over `levels.count` slots, in place,
    /// walking back to front (the storage must hold `levels.count` values).
    static func spreadInPlace<T: BitwiseCopyable>(_ p: UnsafeMutablePointer<T>, dense: Int, levels: UnsafeBufferPointer<UInt8>,
                                                  present: UInt8, zero: T) {
        var dense = dense
        var slot = levels.count
        // Once as many values remain as slots, the rest are already in place.
        while dense < slot {
            slot -= 1
            if levels[slot] == present {
                dense -= 1
                p[slot] = p[dense]
            } else {
                p[slot] = zero
            }
        }
    }

    /// Spreads byte-array offsets: a null slot is an empty value (its end offset repeats the previous one).
    private mutating func spreadOffsets(from start: Int, levels: UnsafeBufferPointer<UInt8>, present: UInt8) {
        let slots = levels.count
        var dense = offsets.count - 1 - start
        guard dense < slots else { return }
        offsets.append(contentsOf: repeatElement(0, count: slots - dense))
        offsets.withUnsafeMutableBufferPointer { buffer in
            // p[k] is the end offset of value k - 1 of the page (p[0] its start).
            let p = buffer.baseAddress! + start
            var slot = slots
            while dense < slot {
                slot -= 1
                p[slot + 1] = p[dense]
                if levels[slot] == present { dense -= 1 }
            }
        }
    }

    /// Spreads fixed-width byte values: a null slot is `width` zero bytes.
    private mutating func spreadFixed(from start: Int, levels: UnsafeBufferPointer<UInt8>, present: UInt8) {
        let w = width
        guard w > 0 else { return }
        let slots = levels.count
        var dense = data.count / w - start
        guard dense < slots else { return }
        data.append(contentsOf: repeatElement(0, count: (slots - dense) * w))
        data.withUnsafeMutableBufferPointer { buffer in
            let p = buffer.baseAddress! + start * w
            var slot = slots
            while dense < slot {
                slot -= 1
                if levels[slot] == present {
                    dense -= 1
                    (p + slot * w).update(from: p + dense * w, count: w)
                } else {
                    (p + slot * w).update(repeating: 0, count: w)
                }
            }
        }
    }
}
