import Columnar

/// How a column whose access is `mask` is shown (the rules are listed in docs/governance.md).
///
/// Nulls stay null. Every non-null value is replaced:
/// - `string`: `***` followed by the value's last 4 characters when it has at least 12
///   characters (card and account numbers stay recognisable by their suffix, as on a receipt),
///   otherwise exactly `***`. The column stays a string.
/// - `binary`: the 3 bytes `***`; `fixedBinary(n)`: `n` bytes `*`. The type is kept.
/// - every other type (numbers, decimals, booleans, dates, timestamps, uuids, lists): null;
///   the field becomes nullable, as a masked number has no safe stand-in.
/// Masked fields carry the metadata `mesh.access = mask`.
enum ColumnMask {
    /// Characters a long string keeps at its end.
    static let keptSuffix = 4
    /// The shortest string that keeps its suffix.
    static let suffixMinimumLength = 12
    /// The replacement text.
    static let mask = "***"

    /// The field of a masked column.
    static func field(_ field: Field) -> Field {
        var out = field
        switch field.type {
        case .string, .binary, .fixedBinary: break
        default: out.nullable = true
        }
        out.metadata["mesh.access"] = "mask"
        return out
    }

    /// The masked form of `column`.
    static func apply(_ column: Column) -> Column {
        switch column.type {
        case .string:
            guard case .bytes(let values) = column.values else { return nulls(like: column) }
            var builder = ColumnBuilder(.string, nullable: true)
            builder.reserveCapacity(column.count)
            for i in 0..<column.count {
                if column.isNull(i) { try? builder.appendNull(); continue }
                builder.append(string: masked(values.string(i)))
            }
            return builder.finish()
        case .binary:
            var builder = ColumnBuilder(.binary, nullable: true)
            builder.reserveCapacity(column.count)
            let stars = Array(mask.utf8)
            for i in 0..<column.count {
                if column.isNull(i) { try? builder.appendNull() } else { builder.append(bytes: stars) }
            }
            return builder.finish()
        case .fixedBinary(let width):
            let stars = Buffer([UInt8](repeating: UInt8(ascii: "*"), count: width * column.count))
            return Column(type: column.type, values: .fixed(width: width, stars), validity: column.validity)
        default:
            return nulls(like: column)
        }
    }

    /// The masked text of one string value.
    static func masked(_ text: String) -> String {
        guard text.count >= suffixMinimumLength else { return mask }
        return mask + String(text.suffix(keptSuffix))
    }

    /// A column of `column.count` nulls of the same type.
    static func nulls(like column: Column) -> Column {
        var builder = ColumnBuilder(column.type, nullable: true)
        for _ in 0..<column.count { try? builder.appendNull() }
        return builder.finish()
    }
}
