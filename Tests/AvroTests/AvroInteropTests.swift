import Foundation
import Testing
import TestSupport
@testable import Avro

/// fastavro reads what we write, and we read what fastavro writes.
@Suite(.enabled(if: Interop.enabled(["fastavro"])))
struct AvroInteropTests {
    /// A Python script printing every record of an Avro file as canonical JSON (bytes as hex).
    static let dump = """
    import fastavro, json, sys
    def norm(v):
        if isinstance(v, bytes): return {"hex": v.hex()}
        if isinstance(v, dict): return {k: norm(x) for k, x in v.items()}
        if isinstance(v, list): return [norm(x) for x in v]
        return v
    with open(sys.argv[1], "rb") as f:
        r = fastavro.reader(f)
        print(json.dumps({"codec": r.codec, "meta": {k: (v if isinstance(v, str) else v.decode()) for k, v in r.metadata.items() if not k.startswith("avro.")},
                          "records": [norm(x) for x in r]}, sort_keys=True))
    """

    static func json(_ v: AvroValue) -> JSONValue {
        switch v {
        case .null: .null
        case .boolean(let b): .bool(b)
        case .int(let i): .int(Int64(i))
        case .long(let l): .int(l)
        case .float(let f): .double(Double(f))
        case .double(let d): .double(d)
        case .bytes(let b), .fixed(let b): .object([JSONMember("hex", .string(b.map { String(format: "%02x", $0) }.joined()))])
        case .string(let s), .enumeration(let s): .string(s)
        case .array(let a): .array(a.map(json))
        case .map(let m): .object(m.map { JSONMember($0.key, json($0.value)) })
        case .record(let r): .object(r.keys.sorted().map { JSONMember($0, json(r[$0]!)) })
        }
    }

    static func sameNumbers(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.double(let x), _): return b.doubleValue.map { abs($0 - x) <= 1e-12 * max(1, abs(x)) } ?? false
        case (.int(let x), .double(let y)): return Double(x) == y
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { sameNumbers($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { m in y.first { $0.key == m.key }.map { sameNumbers(m.value, $0.value) } ?? false }
        default: return a == b
        }
    }

    @Test(arguments: AvroCodec.allCases)
    func fastavroReadsOurFiles(_ codec: AvroCodec) throws {
        let dir = Interop.temporaryDirectory("avro-interop")
        defer { try? FileManager.default.removeItem(at: dir) }
        let values = Sample.values(500)
        var file = AvroContainer(schema: Sample.schema, codec: codec, values: values)
        file.setMetadata("schema-id", "3")
        let path = dir.appendingPathComponent("ours.avro").path
        try Data(try file.encoded(blockSize: 2048)).write(to: URL(fileURLWithPath: path))
        let out = try JSONValue.parse(try Interop.runPython(Self.dump, [path]))
        #expect(out["codec"]?.stringValue == codec.rawValue)
        #expect(out["meta"]?["schema-id"]?.stringValue == "3")
        let records = try #require(out["records"]?.arrayValue)
        #expect(records.count == values.count)
        for (theirs, ours) in zip(records, values) {
            #expect(Self.sameNumbers(Self.json(ours), theirs))
        }
    }

    @Test(arguments: ["null", "deflate"])
    func weReadFastavroFiles(_ codec: String) throws {
        let dir = Interop.temporaryDirectory("avro-interop")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("theirs.avro").path
        let write = """
        import fastavro, sys
        schema = {"type": "record", "name": "manifest_entry", "fields": [
          {"name": "status", "type": "int", "field-id": 0},
          {"name": "snapshot_id", "type": ["null", "long"], "default": None, "field-id": 1},
          {"name": "day", "type": {"type": "int", "logicalType": "date"}},
          {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-micros"}},
          {"name": "price", "type": {"type": "fixed", "name": "d92", "size": 4, "logicalType": "decimal", "precision": 9, "scale": 2}},
          {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
          {"name": "f", "type": "float"}, {"name": "d", "type": "double"}, {"name": "b", "type": "boolean"},
          {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B"]}},
          {"name": "bounds", "type": ["null", {"type": "array", "logicalType": "map", "items": {"type": "record", "name": "k126_v127",
             "fields": [{"name": "key", "type": "int", "field-id": 126}, {"name": "value", "type": "bytes", "field-id": 127}]}}]},
          {"name": "m", "type": {"type": "map", "values": "long"}}]}
        import datetime, decimal, uuid
        records = [{"status": i % 3, "snapshot_id": None if i % 2 else i * 10**12, "day": datetime.date(2026, 1, 1) + datetime.timedelta(days=i),
                    "ts": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(microseconds=i * 1234567),
                    "price": decimal.Decimal(i * 37 - 500) / 100, "id": str(uuid.UUID(int=i * 99991)),
                    "f": i / 4, "d": -i / 3, "b": i % 2 == 0, "e": "AB"[i % 2],
                    "bounds": None if i % 4 == 0 else [{"key": k, "value": bytes([k, i % 256])} for k in range(i % 5)],
                    "m": {"k%d" % k: k * i for k in range(i % 3)}} for i in range(300)]
        with open(sys.argv[1], "wb") as f:
            fastavro.writer(f, fastavro.parse_schema(schema), records, codec=sys.argv[2], metadata={"format-version": "2"}, sync_interval=1000)
        """
        try Interop.runPython(write, [path, codec])
        let file = try AvroContainer(reading: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(file.codec.rawValue == codec)
        #expect(file.metadataString("format-version") == "2")
        #expect(file.values.count == 300)
        for (i, v) in file.values.enumerated() {
            #expect(v["status"] == .int(Int32(i % 3)))
            #expect(v["snapshot_id"] == (i % 2 == 1 ? .null : .long(Int64(i) * 1_000_000_000_000)))
            #expect(v["day"] == .int(Int32(20454 + i)))
            #expect(v["ts"] == .long(1_767_225_600_000_000 + Int64(i) * 1_234_567))
            let unscaled = Int32(i * 37 - 500)
            #expect(v["price"] == .fixed(withUnsafeBytes(of: unscaled.bigEndian) { Array($0) }))
            #expect(v["f"] == .float(Float(i) / 4))
            #expect(v["d"] == .double(-Double(i) / 3))
            #expect(v["b"] == .boolean(i % 2 == 0))
            #expect(v["e"] == .enumeration(i % 2 == 0 ? "A" : "B"))
            let bounds: AvroValue = i % 4 == 0 ? .null : .array((0..<(i % 5)).map { k in
                .record(["key": .int(Int32(k)), "value": .bytes([UInt8(k), UInt8(i % 256)])])
            })
            #expect(v["bounds"] == bounds)
            #expect(v["m"] == .map((0..<(i % 3)).map { AvroMapEntry("k\($0)", .long(Int64($0 * i))) }))
            let uuidText = try #require(v["id"]?.stringValue)
            #expect(UUID(uuidString: uuidText) != nil)
        }
    }
}
