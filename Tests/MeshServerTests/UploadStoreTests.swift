import Foundation
import Testing
import TestSupport
@testable import MeshServer

/// The uploads directory is swept: files no upload holds are removed once older than the lifetime.
@Suite("Upload store")
struct UploadStoreTests {
    @Test("a sweep removes stale orphan files and keeps recent ones")
    func sweepsOrphans() throws {
        let directory = Interop.temporaryDirectory("uploads")
        defer { try? FileManager.default.removeItem(at: directory) }
        let stale = directory.appendingPathComponent("stale-a.csv"), recent = directory.appendingPathComponent("recent-b.csv")
        try Data("x".utf8).write(to: stale)
        try Data("y".utf8).write(to: recent)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: stale.path)
        let store = UploadStore(directory: directory.path, maxBytes: 10)
        store.sweep()
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: recent.path))
        #expect(throws: Error.self) { try store.take(["nope"], owner: "paula") }
    }
}
