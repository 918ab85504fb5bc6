/// A physical column type reduced to what widening decisions need (`int` < `bigint`,
/// `varchar(18)` < `varchar(36)`, `decimal(10,2)` < `decimal(12,2)`).
struct PhysicalType: Equatable {
    enum Family: Equatable { case integer, floating, text, decimal, other(String) }

    let family: Family
    /// Bits for integer/floating, length for text (Int.max when unbounded), precision for decimal.
    let size: Int
    /// Scale for decimals.
    let scale: Int

    init(_ text: String) {
        let t = text.lowercased().replacingOccurrences(of: " ", with: "")
        let base = t.split(separator: "(").first.map(String.init) ?? t
        let args = t.split(separator: "(").dropFirst().first.map { $0.dropLast().split(separator: ",").compactMap { Int($0) } } ?? []
        switch base {
        case "tinyint", "int8", "byte": self.init(.integer, 8)
        case "smallint", "int16", "short": self.init(.integer, 16)
        case "int", "integer", "int32", "int4": self.init(.integer, 32)
        case "bigint", "int64", "long", "int8b": self.init(.integer, 64)
        case "hugeint", "int128": self.init(.integer, 128)
        case "real", "float", "float32", "float4": self.init(.floating, 32)
        case "double", "float64", "float8", "doubleprecision": self.init(.floating, 64)
        case "varchar", "char", "character", "nvarchar", "nchar", "charactervarying":
            self.init(.text, args.first ?? Int.max)
        case "string", "text", "utf8", "largeutf8": self.init(.text, Int.max)
        case "decimal", "numeric":
            self.init(.decimal, args.first ?? 38, args.count > 1 ? args[1] : 0)
        default: self.init(.other(base), 0)
        }
    }

    private init(_ family: Family, _ size: Int, _ scale: Int = 0) {
        self.family = family
        self.size = size
        self.scale = scale
    }

    /// True when every value of `old` fits in this type.
    func widens(_ old: PhysicalType) -> Bool {
        switch (old.family, family) {
        case (.integer, .integer), (.floating, .floating), (.text, .text): return size >= old.size
        case (.integer, .floating): return (old.size <= 16 && size >= 32) || (old.size <= 32 && size >= 64)
        case (.integer, .decimal): return size - scale >= (old.size == 64 ? 19 : old.size == 32 ? 10 : 5)
        case (.decimal, .decimal): return scale >= old.scale && size - scale >= old.size - old.scale
        default: return false
        }
    }
}

import Foundation
