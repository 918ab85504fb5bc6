import Columnar
import Parquet

extension FileInspection {
    /// The `--json` form of `mesh parquet inspect`.
    var json: JSON {
        .object([
            ("file_size", .int(Int64(fileSize))),
            ("created_by", .optional(createdBy)),
            ("format_version", .int(Int64(version))),
            ("rows", .int(rows)),
            ("schema", .array(schema.fields.map { f in
                .object([("name", .string(f.name)), ("type", .string(f.type.description)),
                         ("nullable", .bool(f.nullable)), ("field_id", .optional(f.id))])
            })),
            ("columns", .array(columns.map { c in
                .object([("path", .string(c.path)), ("physical_type", .string(c.physicalType.description)),
                         ("repetition", .optional(c.repetition?.description)),
                         ("logical_type", .optional(c.logicalType?.description)),
                         ("converted_type", .optional(c.convertedType?.description)),
                         ("field_id", .optional(c.fieldId)), ("type", .optional(c.mappedType?.description))])
            })),
            ("key_value_metadata", .object(keyValueMetadata.map { ($0.key, .optional($0.value)) })),
            ("row_groups", .array(rowGroups.map { g in
                .object([("index", .int(Int64(g.index))), ("rows", .int(g.rows)),
                         ("total_byte_size", .int(g.totalByteSize)), ("compressed_size", .int(g.compressedSize)),
                         ("columns", .array(g.chunks.map(\.json)))])
            })),
            ("unsupported_columns", .array(unsupportedColumns.map(JSON.string))),
        ])
    }

    /// The human-readable form of `mesh parquet inspect`.
    var text: String {
        var out = "file: \(Formatting.bytes(fileSize)), \(Formatting.count(rows)) rows, \(rowGroups.count) row group(s), format version \(version)\n"
        if let createdBy { out += "created by: \(createdBy)\n" }
        out += "\nschema:\n"
        for c in columns {
            var line = "  \(c.path): \(c.physicalType)"
            if let r = c.repetition { line += " \(r)" }
            if let l = c.logicalType { line += " logical=\(l)" }
            if let ct = c.convertedType { line += " converted=\(ct)" }
            line += c.fieldId.map { " field_id=\($0)" } ?? " (no field_id)"
            line += c.mappedType.map { " -> \($0)" } ?? " -> unsupported"
            out += line + "\n"
        }
        if !keyValueMetadata.isEmpty {
            out += "\nkey-value metadata:\n"
            for (k, v) in keyValueMetadata {
                let value = v ?? "null"
                out += "  \(k) = \(value.count > 120 ? String(value.prefix(117)) + "..." : value)\n"
            }
        }
        for g in rowGroups {
            out += "\nrow group \(g.index): \(Formatting.count(g.rows)) rows, \(Formatting.bytes(g.compressedSize)) compressed, \(Formatting.bytes(g.totalByteSize)) uncompressed\n"
            for c in g.chunks {
                out += "  \(c.path): \(c.codec) [\(c.encodings.map(\.description).joined(separator: ","))] "
                out += "\(Formatting.bytes(c.compressedSize)) / \(Formatting.bytes(c.uncompressedSize)), \(Formatting.count(c.valueCount)) values"
                if let s = c.statistics, let t = c.valueType {
                    out += ", nulls=\(s.nullCount.map(String.init) ?? "?")"
                    if let min = s.min { out += ", min=\(Formatting.text(min, type: t))" }
                    if let max = s.max { out += ", max=\(Formatting.text(max, type: t))" }
                }
                out += "\n"
            }
        }
        if !unsupportedColumns.isEmpty {
            out += "\nnot mapped (unsupported shape): \(unsupportedColumns.joined(separator: ", "))\n"
        }
        return out
    }
}

extension FileInspection.Chunk {
    var json: JSON {
        var pairs: [(String, JSON)] = [
            ("path", .string(path)), ("codec", .string(codec.description)),
            ("encodings", .array(encodings.map { .string($0.description) })),
            ("compressed_size", .int(compressedSize)), ("uncompressed_size", .int(uncompressedSize)),
            ("values", .int(valueCount)),
        ]
        if let s = statistics {
            var stats: [(String, JSON)] = [("null_count", .optional(s.nullCount))]
            if let t = valueType {
                stats.append(("min", s.min.map { .raw(Formatting.json($0, type: t)) } ?? .null))
                stats.append(("max", s.max.map { .raw(Formatting.json($0, type: t)) } ?? .null))
            }
            if let d = s.distinctCount { stats.append(("distinct_count", .int(d))) }
            pairs.append(("statistics", .object(stats)))
        } else {
            pairs.append(("statistics", .null))
        }
        return .object(pairs)
    }
}
