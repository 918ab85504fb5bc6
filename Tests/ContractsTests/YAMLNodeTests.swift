import Testing
@testable import Contracts

@Suite("YAML node tree")
struct YAMLNodeTests {
    @Test("scalars resolve to their YAML core types")
    func scalarKinds() throws {
        let node = try YAMLNode.parse("s: text\nq: '12'\ni: 12\nf: 1.5\nb: true\nn: null\nt: ~\nd: 2024-01-31\n")
        #expect(node["s"]?.string == "text")
        #expect(node["q"]?.string == "12")
        #expect(node["i"]?.int == 12)
        #expect(node["f"]?.double == 1.5)
        #expect(node["b"]?.bool == true)
        #expect(node["n"]?.isNull == true)
        #expect(node["t"]?.isNull == true)
        #expect(node["d"]?.string == "2024-01-31")
    }

    @Test("nodes carry 1-based source lines")
    func lines() throws {
        let node = try YAMLNode.parse("a: 1\nlist:\n  - x: 2\n  - y: 3\n")
        #expect(node["a"]?.line == 1)
        #expect(node[path: YAMLPath("list[1].y")]?.line == 4)
    }

    @Test("paths print and parse in ODCS notation")
    func paths() {
        let path = YAMLPath.root.appending("schema").appending(0).appending("properties").appending(2).appending("logicalType")
        #expect(path.description == "schema[0].properties[2].logicalType")
        #expect(YAMLPath("schema[0].properties[2].logicalType") == path)
        #expect(YAMLPath.root.description == "(root)")
        #expect(path.parent.description == "schema[0].properties[2]")
    }

    @Test("set keeps key order and replaces in place; nil removes")
    func setKeepsOrder() throws {
        var node = try YAMLNode.parse("a: 1\nb: 2\nc: 3\n")
        node.set("b", .integer(20))
        node.set("d", .integer(4))
        node.set("a", nil)
        #expect(node.entries?.map(\.key) == ["b", "c", "d"])
        #expect(node["b"]?.int == 20)
    }

    @Test("set(at:) creates intermediate mappings and edits list items")
    func setAtPath() throws {
        var node = try YAMLNode.parse("schema:\n  - name: t\n")
        try node.set(at: YAMLPath("schema[0].description"), .string("d"))
        try node.set(at: YAMLPath("customProperties"), .sequence([]))
        try node.set(at: YAMLPath("a.b.c"), .integer(1))
        #expect(node[path: YAMLPath("schema[0].description")]?.string == "d")
        #expect(node[path: YAMLPath("a.b.c")]?.int == 1)
        #expect(throws: ContractError.self) { try node.set(at: YAMLPath("schema[5].name"), .string("x")) }
        try node.set(at: YAMLPath("schema[0]"), nil)
        #expect(node["schema"]?.items?.isEmpty == true)
    }

    @Test("a parse error names its line")
    func parseErrorLine() {
        do {
            _ = try YAMLNode.parse("a: 1\nb: [\n")
            Issue.record("expected an error")
        } catch let error as ContractError {
            #expect(error.kind == .malformedYAML)
            #expect(error.line != nil)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("equality ignores source positions")
    func equalityIgnoresLines() throws {
        let a = try YAMLNode.parse("x: 1\n")
        let b = try YAMLNode.parse("\n\nx: 1\n")
        #expect(a == b)
        #expect(a["x"]?.line != b["x"]?.line)
    }
}
