import Columnar
import Contracts

/// The columnar types a contract's properties call for, so text inputs (CSV, JSON Lines) can be
/// read with the contract's types rather than guessed ones.
public enum ContractSchema {
    /// The column type for `property`: integers by `format` (i32 → int32, else int64), numbers as
    /// double or the `physicalType`'s decimal(p,s), timestamps in microseconds UTC, arrays from
    /// `items`; nil for objects and unknown types.
    public static func dataType(for property: SchemaProperty) -> DataType? {
        if let physical = property.physicalType?.lowercased(), let decimal = decimalType(physical) { return decimal }
        switch property.logicalType {
        case .string?: return .string
        case .integer?:
            if let format = property.numericFormat, !format.isFloatingPoint, format.bits <= 32,
               format.isSigned || format.bits < 32 { return .int32 }
            return .int64
        case .number?:
            if let format = property.numericFormat, format.name == "f32" { return .float }
            return .double
        case .boolean?: return .boolean
        case .date?: return .date
        case .timestamp?: return .timestamp(unit: .microseconds, utc: true)
        case .time?: return .string
        case .array?:
            guard let item = property.items.first, let element = dataType(for: item) else { return nil }
            return .list(element: Field("element", element))
        case .object?, nil: return nil
        }
    }

    /// `decimal(p,s)` / `numeric(p,s)` as a decimal type (precision at most 38).
    static func decimalType(_ physical: String) -> DataType? {
        guard physical.hasPrefix("decimal(") || physical.hasPrefix("numeric("), physical.hasSuffix(")") else { return nil }
        let inner = physical.drop { $0 != "(" }.dropFirst().dropLast()
        let parts = inner.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let p = parts[0], let s = parts[1], (1...38).contains(p), (0...p).contains(s) else { return nil }
        return .decimal(precision: p, scale: s)
    }

    /// `inferred` with each column the contract declares retyped to the contract's type (columns
    /// stay nullable so the required-column check, not the reader, reports nulls).
    public static func coercionSchema(_ inferred: Schema, object: SchemaObject) -> Schema {
        Schema(inferred.fields.map { field in
            guard let property = object.property(named: field.name), let type = dataType(for: property) else { return field }
            return Field(field.name, type, nullable: true, id: field.id, metadata: field.metadata)
        }, metadata: inferred.metadata)
    }
}

import Foundation
