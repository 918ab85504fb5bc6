/// A contiguous, zero-indexed, immutable view over typed storage.
///
/// `Buffer` is the storage unit of every ``Column``: values sit next to each other in
/// memory, slicing is O(1) (the slice shares storage with its parent), and the elements
/// can be visited through an `UnsafeBufferPointer` for tight loops.
public struct Buffer<Element: Sendable>: Sendable {
    @usableFromInline let storage: [Element]
    @usableFromInline let start: Int
    /// The number of elements visible through this view.
    public let count: Int

    /// Wraps an array without copying it.
    @inlinable
    public init(_ array: [Element]) {
        self.storage = array
        self.start = 0
        self.count = array.count
    }

    @inlinable
    init(storage: [Element], start: Int, count: Int) {
        self.storage = storage
        self.start = start
        self.count = count
    }

    /// An empty buffer.
    @inlinable
    public init() { self.init([]) }

    /// The element at `index` (zero-based within this view).
    @inlinable
    public subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count, "Buffer index \(index) out of range 0..<\(count)")
        return storage[start &+ index]
    }

    /// A view of `range` of this buffer that shares its storage (O(1)).
    @inlinable
    public func slice(_ range: Range<Int>) -> Buffer {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "Buffer slice \(range) out of range 0..<\(count)")
        return Buffer(storage: storage, start: start + range.lowerBound, count: range.count)
    }

    /// Calls `body` with a pointer to the visible elements.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[start..<(start + count)]))
        }
    }

    /// The visible elements as an array (copies unless the view covers its whole storage).
    @inlinable
    public var array: [Element] {
        if start == 0 && count == storage.count { return storage }
        return Array(storage[start..<(start + count)])
    }
}

extension Buffer: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
}

extension Buffer: Equatable where Element: Equatable {
    public static func == (lhs: Buffer, rhs: Buffer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for i in 0..<lhs.count where lhs[i] != rhs[i] { return false }
        return true
    }
}

extension Buffer: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}
