extension Array where Element == UInt8 {
    /// Appends bytes that `body` writes through a raw pointer to room for `maxCount` bytes;
    /// `body` returns how many it wrote (at most `maxCount`).
    ///
    /// Lets encoders write with raw pointers straight into the caller's output, with no
    /// bounds check per byte and no intermediate buffer.
    mutating func appendWriting(maxCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        precondition(maxCount > 0, "appendWriting needs room for at least one byte")
        if isEmpty && capacity < maxCount {
            self = [UInt8](unsafeUninitializedCapacity: maxCount) { buffer, initialized in
                let written = body(buffer.baseAddress!)
                precondition(written >= 0 && written <= maxCount, "encoder overran its output bound")
                initialized = written
            }
            return
        }
        let start = count
        append(contentsOf: repeatElement(0, count: maxCount))
        let written = withUnsafeMutableBufferPointer { body($0.baseAddress! + start) }
        precondition(written >= 0 && written <= maxCount, "encoder overran its output bound")
        removeLast(maxCount - written)
    }
}
