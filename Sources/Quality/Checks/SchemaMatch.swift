import Columnar
import Contracts

/// Whether a data column's type can hold what a contract property declares.
enum SchemaMatch {
    /// Why `type` does not fit `property` (nil when it fits). `profile` lets integer formats be
    /// checked against the observed range when the column is wider than the format.
    static func problem(_ property: SchemaProperty, _ type: DataType, _ profile: ColumnProfile?) -> String? {
        if let name = property.logicalTypeName {
            guard let logical = property.logicalType else { return nil }
            if let problem = logicalProblem(logical, name, property, type, profile) { return problem }
        }
        if let physical = property.physicalType, let family = physicalFamily(physical), !family.accepts(type) {
            return "physicalType '\(physical)' needs \(family.description) but the data column is \(type)"
        }
        return nil
    }

    static func logicalProblem(_ logical: LogicalType, _ name: String, _ property: SchemaProperty,
                               _ type: DataType, _ profile: ColumnProfile?) -> String? {
        let fits: Bool
        switch logical {
        case .string: fits = type == .string || type == .uuid
        case .integer: fits = type == .int32 || type == .int64
        case .number:
            switch type {
            case .float, .double, .decimal, .int32, .int64: fits = true
            default: fits = false
            }
        case .boolean: fits = type == .boolean
        case .date: fits = type == .date
        case .timestamp: if case .timestamp = type { fits = true } else { fits = false }
        case .time: fits = type == .string || type == .int32 || type == .int64
        case .array:
            guard case .list(let element) = type else { fits = false; break }
            if let item = property.items.first, let problem = problem(item, element.type, profile?.elementProfile) {
                return "array items: " + problem
            }
            fits = true
        case .object:
            return "logicalType object needs a nested (struct) column, which Meshwork's columnar model does not support; flatten it into columns"
        }
        if !fits { return "logicalType \(name) cannot be held by a \(type) column" }
        if logical == .integer, let format = property.numericFormat, !format.isFloatingPoint,
           let lo = profile?.minimum?.doubleValue, let hi = profile?.maximum?.doubleValue {
            let bits = Double(format.bits)
            let (minimum, maximum) = format.isSigned ? (-pow2(bits - 1), pow2(bits - 1) - 1) : (0, pow2(bits) - 1)
            if lo < minimum || hi > maximum {
                return "format \(format.name) holds \(Format.number(minimum))…\(Format.number(maximum)) but the data ranges \(Format.number(lo))…\(Format.number(hi))"
            }
        }
        return nil
    }

    static func pow2(_ n: Double) -> Double { Double(sign: .plus, exponent: Int(n), significand: 1) }

    /// Broad families of SQL/engine physical type names.
    enum Family: String, CustomStringConvertible {
        case integer, floating, decimal, string, boolean, date, timestamp, binary, uuid, list
        var description: String { rawValue == "floating" ? "a floating-point column" : "a \(rawValue) column" }

        func accepts(_ type: DataType) -> Bool {
            switch (self, type) {
            case (.integer, .int32), (.integer, .int64): true
            case (.floating, .float), (.floating, .double): true
            case (.decimal, .decimal), (.decimal, .int32), (.decimal, .int64): true
            case (.string, .string), (.string, .uuid): true
            case (.boolean, .boolean), (.date, .date), (.uuid, .uuid), (.uuid, .fixedBinary(16)): true
            case (.timestamp, .timestamp): true
            case (.binary, .binary), (.binary, .fixedBinary): true
            case (.list, .list): true
            default: false
            }
        }
    }

    /// The family of a physical type name (`varchar(18)` → string); nil when not recognised.
    static func physicalFamily(_ name: String) -> Family? {
        let base = name.lowercased().split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        if base.hasPrefix("array") || base.hasPrefix("list") { return .list }
        switch base {
        case "bigint", "int64", "long", "int", "integer", "int32", "int4", "smallint", "int16", "int2", "tinyint", "byteint": return .integer
        case "double", "float8", "double precision", "float64", "float", "real", "float4", "float32": return .floating
        case "decimal", "numeric", "number", "bignumeric": return .decimal
        case "varchar", "text", "string", "char", "character varying", "character", "nvarchar", "nchar", "clob": return .string
        case "boolean", "bool": return .boolean
        case "date": return .date
        case "timestamp", "timestamptz", "timestamp_ntz", "timestamp_ltz", "timestamp_tz", "datetime", "datetime2",
             "timestamp with time zone", "timestamp without time zone": return .timestamp
        case "binary", "bytea", "blob", "varbinary", "bytes": return .binary
        case "uuid", "uniqueidentifier": return .uuid
        default: return nil
        }
    }
}

import Foundation
