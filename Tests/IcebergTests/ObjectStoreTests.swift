import Foundation
import Testing
@testable import Iceberg

/// A fresh, empty temporary directory for one test.
func temporaryDirectory(_ name: String = "store") -> String {
    let path = NSTemporaryDirectory() + "meshwork-iceberg-\(name)-" + UUID().uuidString.lowercased()
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The stores every conformance test runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory, local
    var testDescription: String { rawValue }
    func make() throws -> any ObjectStore {
        switch self {
        case .memory: MemoryStore()
        case .local: try LocalFileStore(root: temporaryDirectory())
        }
    }
}

@Suite("ObjectStore conformance")
struct ObjectStoreTests {
    @Test(arguments: StoreKind.allCases)
    func writeReadSizeAndRanges(_ kind: StoreKind) throws {
        let store = try kind.make()
        let bytes = (0..<300).map { UInt8($0 % 251) }
        try store.write("data/a/b.parquet", bytes, mode: .createOnly)
        #expect(try store.read("data/a/b.parquet") == bytes)
        #expect(try store.size("data/a/b.parquet") == 300)
        #expect(try store.read("data/a/b.parquet", range: 10..<20) == Array(bytes[10..<20]))
        #expect(try store.read("data/a/b.parquet", range: 300..<300) == [])
        #expect(throws: IcebergError.self) { try store.read("data/a/b.parquet", range: 290..<301) }
        #expect(store.exists("data/a/b.parquet"))
        #expect(!store.exists("data/a/c.parquet"))
    }

    @Test(arguments: StoreKind.allCases)
    func createOnlyRefusesAnExistingObjectAndKeepsIt(_ kind: StoreKind) throws {
        let store = try kind.make()
        try store.write("metadata/v1", [1, 2, 3], mode: .createOnly)
        let error = #expect(throws: IcebergError.self) { try store.write("metadata/v1", [9], mode: .createOnly) }
        #expect(error?.kind == .alreadyExists)
        #expect(try store.read("metadata/v1") == [1, 2, 3])
        try store.write("metadata/v1", [7], mode: .overwrite)
        #expect(try store.read("metadata/v1") == [7])
    }

    @Test(arguments: StoreKind.allCases)
    func listIsSortedAndFilteredByPrefix(_ kind: StoreKind) throws {
        let store = try kind.make()
        for key in ["metadata/b.json", "metadata/a.json", "data/x/1.parquet", "data/y/2.parquet", "metadata2/z"] {
            try store.write(key, [0], mode: .overwrite)
        }
        #expect(try store.list(prefix: "metadata/") == ["metadata/a.json", "metadata/b.json"])
        #expect(try store.list(prefix: "data/") == ["data/x/1.parquet", "data/y/2.parquet"])
        #expect(try store.list(prefix: "metadata") == ["metadata/a.json", "metadata/b.json", "metadata2/z"])
        #expect(try store.list(prefix: "nothing/") == [])
        #expect(try store.list(prefix: "").count == 5)
    }

    @Test(arguments: StoreKind.allCases)
    func deleteRemovesAndToleratesMissing(_ kind: StoreKind) throws {
        let store = try kind.make()
        try store.write("a/b", [1], mode: .createOnly)
        try store.delete("a/b")
        #expect(!store.exists("a/b"))
        try store.delete("a/b")
        let error = #expect(throws: IcebergError.self) { try store.read("a/b") }
        #expect(error?.kind == .notFound)
    }

    @Test(arguments: StoreKind.allCases)
    func escapingKeysAreRejected(_ kind: StoreKind) throws {
        let store = try kind.make()
        for key in ["../outside", "/etc/passwd", "a/../../b", "a//b", "", "./a"] {
            #expect(throws: IcebergError.self) { try store.write(key, [1], mode: .overwrite) }
            #expect(throws: IcebergError.self) { try store.read(key) }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func locationsRoundTripToKeys(_ kind: StoreKind) throws {
        let store = try kind.make()
        let location = store.location(of: "data/part=1/f.parquet")
        #expect(store.key(of: location) == "data/part=1/f.parquet")
        #expect(store.key(of: "s3://elsewhere/x") == nil)
    }

    @Test func localStoreAcceptsFileURIsAndRejectsOutsidePaths() throws {
        let root = temporaryDirectory()
        let store = try LocalFileStore(root: root)
        #expect(store.key(of: "file://" + store.root + "/metadata/x.json") == "metadata/x.json")
        #expect(store.key(of: store.root + "-other/x") == nil)
        #expect(store.key(of: store.root + "/../x") == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentCreateOnlyHasExactlyOneWinner(_ kind: StoreKind) async throws {
        let store = try kind.make()
        let winners = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<8 {
                group.addTask { (try? store.write("claim", [UInt8(i)], mode: .createOnly)) != nil }
            }
            var n = 0
            for await won in group where won { n += 1 }
            return n
        }
        #expect(winners == 1)
        #expect(try store.read("claim").count == 1)
    }
}
