import Columnar
import Testing
@testable import Avro
@testable import Iceberg

@Suite struct IcebergSchemaTests {
    static let nested = IcebergSchema(schemaID: 3, fields: [
        NestedField(id: 1, name: "id", type: .long, required: true),
        NestedField(id: 2, name: "price", type: .decimal(precision: 9, scale: 2), doc: "in EUR"),
        NestedField(id: 3, name: "tags", type: .list(ListType(elementID: 6, element: .string, elementRequired: true))),
        NestedField(id: 4, name: "attrs", type: .map(MapType(keyID: 7, key: .string, valueID: 8, value: .double))),
        NestedField(id: 5, name: "loc", type: .struct(StructType([
            NestedField(id: 9, name: "lat", type: .float, required: true), NestedField(id: 10, name: "lon", type: .float, required: true),
        ]))),
    ], identifierFieldIDs: [1])

    @Test func typeStringsParseLeniently() throws {
        #expect(try IcebergType.primitive(named: "decimal(9, 2)") == .decimal(precision: 9, scale: 2))
        #expect(try IcebergType.primitive(named: "fixed[16]") == .fixed(16))
        #expect(try IcebergType.primitive(named: "timestamptz_ns") == .timestamptzNs)
        #expect(IcebergType.decimal(precision: 9, scale: 2).name == "decimal(9,2)")
        for bad in ["decimal(39,0)", "decimal(5,6)", "fixed[x]", "varchar", "struct"] {
            #expect(throws: IcebergError.self) { try IcebergType.primitive(named: bad) }
        }
    }

    @Test func jsonRoundTripsNestedTypes() throws {
        let json = Self.nested.json
        #expect(json["schema-id"] == 3)
        #expect(json["identifier-field-ids"] == [1])
        let text = json.serialized()
        #expect(text.contains(#""type": "decimal(9,2)""#))
        #expect(text.contains(#""element-id": 6"#) && text.contains(#""key-id": 7"#) && text.contains(#""value-required": false"#))
        #expect(try IcebergSchema(jsonText: text) == Self.nested)
    }

    @Test func lookupsFindNestedFields() throws {
        #expect(Self.nested.field(id: 9)?.name == "lat")
        #expect(Self.nested.field(id: 8)?.type == .double)
        #expect(Self.nested.field(path: "loc.lon")?.id == 10)
        #expect(Self.nested.field(path: "loc.alt") == nil)
        #expect(Self.nested.highestFieldID == 10)
        try Self.nested.validate()
    }

    @Test func validationRejectsBadIdentifiersAndDuplicateIDs() throws {
        var s = Self.nested
        s.identifierFieldIDs = [2]  // optional
        #expect(throws: IcebergError.self) { try s.validate() }
        s.identifierFieldIDs = [42]
        #expect(throws: IcebergError.self) { try s.validate() }
        s.identifierFieldIDs = []
        s.fields.append(NestedField(id: 9, name: "dup", type: .int))
        #expect(throws: IcebergError.self) { try s.validate() }
    }

    @Test func convertsToColumnar() throws {
        let schema = IcebergSchema(fields: [
            NestedField(id: 1, name: "id", type: .long, required: true),
            NestedField(id: 2, name: "ts", type: .timestamptz),
            NestedField(id: 3, name: "d", type: .decimal(precision: 20, scale: 4), doc: "money"),
            NestedField(id: 4, name: "u", type: .uuid),
            NestedField(id: 5, name: "xs", type: .list(ListType(elementID: 6, element: .int, elementRequired: true))),
        ])
        let columnar = try schema.columnarSchema()
        #expect(columnar.fields.map(\.name) == ["id", "ts", "d", "u", "xs"])
        #expect(columnar.fields[0] == Field("id", .int64, nullable: false, id: 1))
        #expect(columnar.fields[1].type == .timestamp(unit: .microseconds, utc: true))
        #expect(columnar.fields[2].metadata["doc"] == "money")
        #expect(columnar.fields[4].type == .list(element: Field("element", .int32, nullable: false, id: 6)))
        // And back, keeping ids.
        #expect(try IcebergSchema(columnar) == schema)
        // Unsupported types name the column.
        let error = try #require(throws: IcebergError.self) { try Self.nested.columnarSchema() }
        #expect(error.context == "attrs")
    }

    @Test func columnarFieldsWithoutIDsGetFreshOnes() throws {
        let columnar = Schema([
            Field("a", .string, id: 5), Field("b", .date, nullable: false), Field("c", .list(element: Field("item", .double))),
        ])
        let schema = try IcebergSchema(columnar, identifierFieldNames: ["b"])
        #expect(schema.fields.map(\.id) == [5, 6, 7])
        guard case .list(let l) = schema.fields[2].type else { Issue.record("not a list"); return }
        #expect(l.elementID == 8 && l.element == .double && !l.elementRequired)
        #expect(schema.identifierFieldIDs == [6])
        #expect(throws: IcebergError.self) { try IcebergSchema(Schema([Field("t", .timestamp(unit: .milliseconds, utc: true))])) }
    }

    @Test func avroTypesFollowAppendixA() throws {
        #expect(try IcebergType.decimal(precision: 9, scale: 2).avroSchema()
            == .fixed(AvroFixed(name: "decimal_9_2", size: 4, properties: ["logicalType": "decimal", "precision": 9, "scale": 2])))
        #expect([1, 2, 3, 4, 9, 10, 18, 19, 38].map { IcebergType.decimalBytes(precision: $0) } == [1, 1, 2, 2, 4, 5, 8, 9, 16])
        #expect(try IcebergType.timestamptz.avroSchema().logicalType == "timestamp-micros")
        #expect(try IcebergType.uuid.avroSchema().logicalType == "uuid")
    }
}
