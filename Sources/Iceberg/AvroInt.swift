import Avro

/// An Avro `int` for a value that must fit 32 bits; `name` names it in the error otherwise.
func avroInt(_ value: Int, _ name: String) throws(IcebergError) -> AvroValue {
    guard let v = Int32(exactly: value) else {
        throw IcebergError(.typeMismatch, "\(name) \(value) does not fit a 32-bit Avro int", context: name)
    }
    return .int(v)
}
