import Testing
@testable import Avro

@Suite struct AvroSchemaTests {
    @Test func icebergStyleSchemaRoundTrips() throws {
        let text = """
        {"type": "record", "name": "manifest_entry", "fields": [
          {"name": "status", "type": "int", "field-id": 0},
          {"name": "snapshot_id", "type": ["null", "long"], "default": null, "field-id": 1},
          {"name": "bounds", "type": ["null", {"type": "array", "logicalType": "map", "items": {"type": "record", "name": "k126_v127",
              "fields": [{"name": "key", "type": "int", "field-id": 126}, {"name": "value", "type": "bytes", "field-id": 127}]}}],
           "default": null, "field-id": 125},
          {"name": "tags", "type": {"type": "map", "values": "string", "key-id": 10, "value-id": 11}},
          {"name": "ids", "type": {"type": "array", "items": "long", "element-id": 133}},
          {"name": "day", "type": {"type": "int", "logicalType": "date"}},
          {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-micros", "adjust-to-utc": true}},
          {"name": "price", "type": {"type": "fixed", "name": "decimal_9_2", "size": 4, "logicalType": "decimal", "precision": 9, "scale": 2}},
          {"name": "id", "type": {"type": "fixed", "name": "uuid_fixed", "size": 16, "logicalType": "uuid"}},
          {"name": "again", "type": "k126_v127"}
        ]}
        """
        let schema = try AvroSchema.parse(json: text)
        guard case .record(let r) = schema else { Issue.record("not a record"); return }
        #expect(r.name == "manifest_entry")
        #expect(r.fields.map(\.fieldID) == [0, 1, 125, nil, nil, nil, nil, nil, nil, nil])
        #expect(r.field(named: "snapshot_id")?.defaultValue == .null)
        #expect(r.field(named: "bounds")?.type.nonNullBranch?.logicalType == "map")
        #expect(r.field(named: "day")?.type.logicalType == "date")
        guard case .map(let m) = r.field(named: "tags")!.type, case .array(let a) = r.field(named: "ids")!.type else {
            Issue.record("wrong nested types"); return
        }
        #expect(m.properties["key-id"] == 10 && m.properties["value-id"] == 11)
        #expect(a.properties["element-id"] == 133)
        // The named record referenced by name resolves to its definition.
        guard case .record(let again) = r.field(named: "again")!.type else { Issue.record("reference not resolved"); return }
        #expect(again.name == "k126_v127")
        // Writing and re-parsing gives the same schema; the second use is written by name.
        let written = schema.jsonText
        #expect(written.contains("\"type\": \"k126_v127\""))
        #expect(try AvroSchema.parse(json: written) == schema)
    }

    @Test func namespacesQualifyNames() throws {
        let schema = try AvroSchema.parse(json: """
            {"type": "record", "name": "Outer", "namespace": "org.mesh", "fields": [
              {"name": "a", "type": {"type": "fixed", "name": "Hash", "size": 2}},
              {"name": "b", "type": "Hash"}, {"name": "c", "type": "org.mesh.Hash"}]}
            """)
        guard case .record(let r) = schema else { Issue.record("not a record"); return }
        #expect(r.name == "org.mesh.Outer")
        #expect(r.fields.allSatisfy { $0.type == .fixed(AvroFixed(name: "org.mesh.Hash", size: 2)) })
    }

    @Test(arguments: [
        "\"nope\"", "{\"type\": \"record\", \"name\": \"r\"}", "{\"type\": \"array\"}", "[\"null\", [\"int\"]]",
        "{\"type\": \"fixed\", \"name\": \"f\", \"size\": -1}", "{\"type\": \"record\", \"name\": \"r\", \"fields\": [{\"name\": \"a\", \"type\": \"int\"}, {\"name\": \"a\", \"type\": \"int\"}]}",
        "{", "42",
    ])
    func invalidSchemasAreRejected(_ text: String) throws {
        let error = try #require(throws: AvroError.self) { try AvroSchema.parse(json: text) }
        #expect(error.kind == .invalidSchema || error.kind == .invalidJSON)
    }
}

@Suite struct JSONValueTests {
    @Test func parsesAndKeepsOrderAndExactIntegers() throws {
        let v = try JSONValue.parse(#"{"z": 1, "a": [true, null, 2.5, -0.5e1], "id": 6952020617514971575, "s": "\u00e9\n\"\ud83d\ude00"}"#)
        #expect(v.objectValue?.map(\.key) == ["z", "a", "id", "s"])
        #expect(v["id"]?.intValue == 6952020617514971575)
        #expect(v["a"] == [true, nil, 2.5, -5.0])
        #expect(v["s"]?.stringValue == "é\n\"😀")
        let again = try JSONValue.parse(v.serialized())
        #expect(again == v)
        #expect(try JSONValue.parse(v.serialized(pretty: true)) == v)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "01x", "1 2", "\"\\ud800\"", "{\"a\":1,}"])
    func malformedJSONIsRejected(_ text: String) throws {
        let error = try #require(throws: AvroError.self) { try JSONValue.parse(text) }
        #expect(error.kind == .invalidJSON)
    }

    @Test func deepNestingIsBounded() throws {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = try #require(throws: AvroError.self) { try JSONValue.parse(text) }
        #expect(error.message.contains("deeper"))
    }
}
