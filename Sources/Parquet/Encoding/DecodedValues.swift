/// Dense (non-null) values of one leaf column as decoded from pages, in the physical type's
/// natural Swift representation. Exactly one storage array is in use, chosen by the physical type.
struct DecodedValues {
    let physical: PhysicalType
    /// The byte width of FIXED_LEN_BYTE_ARRAY values.
    let width: Int
    var bools: [Bool] = []
    var ints32: [Int32] = []
    /// INT64, and INT96 converted to nanoseconds since the epoch.
    var ints64: [Int64] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    /// BYTE_ARRAY: `count + 1` offsets into ``data``.
    var offsets: [Int] = [0]
    /// BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY bytes.
    var data: [UInt8] = []

    init(physical: PhysicalType, width: Int) {
        self.physical = physical
        self.width = width
    }

    /// The number of values.
    var count: Int {
        switch physical {
        case .boolean: bools.count
        case .int32: ints32.count
        case .int64, .int96: ints64.count
        case .float: floats.count
        case .double: doubles.count
        case .byteArray: offsets.count - 1
        case .fixedLenByteArray: width == 0 ? 0 : data.count / width
        }
    }

    /// Appends value `index` of `dictionary` (same physical type); the caller checked the index.
    @inline(__always)
    mutating func append(from dictionary: DecodedValues, _ index: Int) {
        switch physical {
        case .boolean: bools.append(dictionary.bools[index])
        case .int32: ints32.append(dictionary.ints32[index])
        case .int64, .int96: ints64.append(dictionary.ints64[index])
        case .float: floats.append(dictionary.floats[index])
        case .double: doubles.append(dictionary.doubles[index])
        case .byteArray:
            data.append(contentsOf: dictionary.data[dictionary.offsets[index]..<dictionary.offsets[index + 1]])
            offsets.append(data.count)
        case .fixedLenByteArray:
            data.append(contentsOf: dictionary.data[(index * width)..<((index + 1) * width)])
        }
    }

    /// Appends one byte-array value.
    @inline(__always)
    mutating func appendBytes(_ bytes: UnsafeRawBufferPointer) {
        data.append(contentsOf: bytes)
        if physical == .byteArray { offsets.append(data.count) }
    }
}
