import Foundation

extension Literal {
    /// Orders two literals of the same type (strings and bytes by unsigned byte order, UUIDs
    /// big-endian, floats by IEEE total order with -0 before +0). Literals of different types
    /// compare by their integer value when both are int-like, else as the same.
    public static func compare(_ a: Literal, _ b: Literal) -> ComparisonResult {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> ComparisonResult { x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame }
        func bytes(_ x: [UInt8], _ y: [UInt8]) -> ComparisonResult {
            for (p, q) in zip(x, y) where p != q { return p < q ? .orderedAscending : .orderedDescending }
            return cmp(x.count, y.count)
        }
        func total(_ x: Double, _ y: Double) -> ComparisonResult {
            if x.isTotallyOrdered(belowOrEqualTo: y) { return y.isTotallyOrdered(belowOrEqualTo: x) ? .orderedSame : .orderedAscending }
            return .orderedDescending
        }
        switch (a, b) {
        case (.boolean(let x), .boolean(let y)): return cmp(x ? 1 : 0, y ? 1 : 0)
        case (.float(let x), .float(let y)): return total(Double(x), Double(y))
        case (.double(let x), .double(let y)): return total(x, y)
        case (.decimal(let x, _), .decimal(let y, _)): return cmp(x, y)
        case (.string(let x), .string(let y)): return bytes(Array(x.utf8), Array(y.utf8))
        case (.uuid(let x), .uuid(let y)), (.fixed(let x), .fixed(let y)), (.binary(let x), .binary(let y)): return bytes(x, y)
        default:
            if let x = a.integerValue, let y = b.integerValue { return cmp(x, y) }
            return .orderedSame
        }
    }
}
