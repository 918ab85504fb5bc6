/// Wire types of the Thrift compact protocol (the low nibble of a field header).
enum CompactType: UInt8, Sendable {
    case stop = 0
    case boolTrue = 1
    case boolFalse = 2
    case byte = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case structure = 12

    /// True for the two boolean encodings.
    var isBool: Bool { self == .boolTrue || self == .boolFalse }
    /// True for the zigzag-varint integer types (which may be widened on read).
    var isInteger: Bool { self == .byte || self == .i16 || self == .i32 || self == .i64 }
}
