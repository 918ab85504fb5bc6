import ArgumentParser
import Foundation
import Iceberg

/// `mesh iceberg inspect TABLE [--json]`.
struct IcebergInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show an Iceberg table's schemas, partition spec, snapshots, branches, tags and file counts."
    )

    @Argument(help: "The table directory or metadata.json file.")
    var table: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        try Console.reportingErrors {
            let table = try IcebergCommand.openTable(self.table)
            let files = try TableScan(table: table).planFiles()
            Console.line(json ? Self.json(table, files).rendered() : Self.text(table, files))
        }
    }

    static func typeText(_ type: IcebergType) -> String { type.json.serialized() .replacingOccurrences(of: "\"", with: "") }

    static func time(_ ms: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }

    static func text(_ table: Table, _ files: [DataFile]) -> String {
        let m = table.metadata
        var lines = [
            "metadata:  \(table.metadataLocation)",
            "location:  \(m.location)",
            "uuid:      \(m.tableUUID)",
            "format:    v\(m.formatVersion)",
            "updated:   \(time(m.lastUpdatedMs))",
            "current:   \(m.currentSnapshotID.map(String.init) ?? "none") (\(Formatting.count(files.count)) data files, \(Formatting.count(files.reduce(0) { $0 + $1.recordCount })) rows, \(Formatting.bytes(files.reduce(0) { $0 + $1.fileSizeInBytes })))",
        ]
        for schema in m.schemas {
            lines.append("")
            lines.append("schema \(schema.schemaID)\(schema.schemaID == m.currentSchemaID ? " (current)" : ""):")
            for f in schema.fields {
                lines.append("  \(f.id)  \(f.name): \(typeText(f.type))\(f.required ? " required" : "")")
            }
        }
        for spec in m.partitionSpecs {
            lines.append("")
            lines.append("partition spec \(spec.specID)\(spec.specID == m.defaultSpecID ? " (default)" : ""):" + (spec.fields.isEmpty ? " unpartitioned" : ""))
            for f in spec.fields {
                let source = m.currentSchema?.field(id: f.sourceID)?.name ?? "#\(f.sourceID)"
                lines.append("  \(f.fieldID)  \(f.name) = \(f.transform.name)(\(source))")
            }
        }
        lines.append("")
        lines.append("refs:" + (m.refs.isEmpty ? " none" : ""))
        for name in m.refs.keys.sorted() {
            let r = m.refs[name]!
            lines.append("  \(name)  \(r.kind.rawValue) -> \(r.snapshotID)")
        }
        lines.append("")
        lines.append("snapshots:" + (m.snapshots.isEmpty ? " none" : ""))
        for s in m.snapshots {
            let added = s.summary["added-records"].map { " +\($0) rows" } ?? ""
            let deleted = s.summary["deleted-records"].map { " -\($0) rows" } ?? ""
            let total = s.summary["total-records"].map { ", \($0) total" } ?? ""
            lines.append("  \(s.snapshotID)  seq \(s.sequenceNumber)  \(time(s.timestampMs))  \(s.operation.rawValue)\(added)\(deleted)\(total)"
                         + (s.parentSnapshotID.map { "  parent \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ table: Table, _ files: [DataFile]) -> JSON {
        let m = table.metadata
        return .object([
            ("metadata", .string(table.metadataLocation)),
            ("location", .string(m.location)),
            ("uuid", .string(m.tableUUID)),
            ("formatVersion", .int(Int64(m.formatVersion))),
            ("lastUpdatedMs", .int(m.lastUpdatedMs)),
            ("currentSnapshotId", JSON.optional(m.currentSnapshotID)),
            ("currentSchemaId", .int(Int64(m.currentSchemaID))),
            ("schemas", .array(m.schemas.map { s in
                .object([("schemaId", .int(Int64(s.schemaID))), ("fields", .array(s.fields.map { f in
                    .object([("id", .int(Int64(f.id))), ("name", .string(f.name)), ("type", .raw(f.type.json.serialized())), ("required", .bool(f.required))])
                }))])
            })),
            ("defaultSpecId", .int(Int64(m.defaultSpecID))),
            ("partitionSpecs", .array(m.partitionSpecs.map { spec in
                .object([("specId", .int(Int64(spec.specID))), ("fields", .array(spec.fields.map { f in
                    .object([("fieldId", .int(Int64(f.fieldID))), ("name", .string(f.name)), ("sourceId", .int(Int64(f.sourceID))),
                             ("transform", .string(f.transform.name))])
                }))])
            })),
            ("refs", .object(m.refs.keys.sorted().map { name in
                (name, .object([("type", .string(m.refs[name]!.kind.rawValue)), ("snapshotId", .int(m.refs[name]!.snapshotID))]))
            })),
            ("snapshots", .array(m.snapshots.map { s in
                .object([("snapshotId", .int(s.snapshotID)), ("parentSnapshotId", JSON.optional(s.parentSnapshotID)),
                         ("sequenceNumber", .int(s.sequenceNumber)), ("timestampMs", .int(s.timestampMs)),
                         ("operation", .string(s.operation.rawValue)),
                         ("summary", .object(s.summary.keys.sorted().map { ($0, .string(s.summary[$0]!)) }))])
            })),
            ("currentFiles", .object([
                ("dataFiles", .int(Int64(files.count))),
                ("records", .int(files.reduce(0) { $0 + $1.recordCount })),
                ("bytes", .int(files.reduce(0) { $0 + $1.fileSizeInBytes })),
            ])),
        ])
    }
}
