extension Array where Element == UInt8 {
    /// Appends bytes that `body` writes through a raw pointer to room for `maxCount` bytes;
    /// `body` returns how many it wrote (at most `maxCount`).
    ///
    /// Lets encoders write with raw pointers, with no bounds check per byte. An empty array is
    /// replaced by the written buffer when that wastes little memory (compressed pages may be
    /// held for a while, so a buffer sized for the worst case is not kept around); otherwise
    /// the bytes are appended with a single copy.
    mutating func appendWriting(maxCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        precondition(maxCount > 0, "appendWriting needs room for at least one byte")
        let written = [UInt8](unsafeUninitializedCapacity: maxCount) { buffer, initialized in
            let count = body(buffer.baseAddress!)
            precondition(count >= 0 && count <= maxCount, "encoder overran its output bound")
            initialized = count
        }
        let wasteful = maxCount > 4096 && written.count < maxCount / 4 * 3
        if isEmpty && capacity < written.count && !wasteful {
            self = written
        } else {
            append(contentsOf: written)
        }
    }
}
