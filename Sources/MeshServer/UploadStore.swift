import Catalog
import Foundation
import Hummingbird
import Mesh
import Synchronization

/// Request bodies streamed to temporary files under the mesh directory (`DIR/uploads/`), for
/// publishing: written chunk by chunk as they arrive, never held whole, refused past the
/// configured limit, and deleted after the publish that uses them or after an hour unused.
final class UploadStore: Sendable {
    /// One stored upload.
    struct Upload: Sendable {
        let id: String
        let path: String
        let owner: String
        let bytes: Int64
        let created: Date
    }

    /// Where uploads are written.
    let directory: String
    /// The most bytes one upload may hold.
    let maxBytes: Int64
    /// How long an unused upload is kept.
    let lifetime: TimeInterval
    private let uploads = Mutex<[String: Upload]>([:])

    init(directory: String, maxBytes: Int64, lifetime: TimeInterval = 3600) {
        self.directory = directory
        self.maxBytes = maxBytes
        self.lifetime = lifetime
    }

    /// The uploads directory of `service`'s mesh (a temporary one for an in-memory mesh).
    static func directory(for service: MeshService) -> String {
        if let base = service.directory { return URL(fileURLWithPath: base).appendingPathComponent("uploads").path }
        return FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-uploads-\(ProcessInfo.processInfo.processIdentifier)").path
    }

    /// Streams `request`'s body to a new file named after `name` (its extension tells the
    /// format); the file is deleted when the body is larger than ``maxBytes`` (413) or fails.
    func receive(_ request: Request, name: String?, owner: String) async throws -> Upload {
        sweep()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let id = UUID().uuidString.lowercased()
        let safeName = (name ?? "upload").split(separator: "/").last.map(String.init)?
            .filter { $0.isLetter || $0.isNumber || "._-".contains($0) } ?? "upload"
        let path = URL(fileURLWithPath: directory).appendingPathComponent("\(id)-\(safeName.isEmpty ? "upload" : safeName)").path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw MeshError(.storage, "cannot create the upload file \(path)", context: path)
        }
        var written: Int64 = 0
        do {
            for try await chunk in request.body {
                written += Int64(chunk.readableBytes)
                if written > maxBytes {
                    throw MeshError(.tooLarge, "the upload is larger than the server's limit of \(maxBytes) bytes (mesh serve --max-upload)",
                                    context: name ?? "body")
                }
                let data = Data(chunk.readableBytesView)
                try await APIHandler.run { try handle.write(contentsOf: data) }
            }
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        let upload = Upload(id: id, path: path, owner: owner, bytes: written, created: Date())
        uploads.withLock { $0[id] = upload }
        return upload
    }

    /// Takes the uploads `ids` of `owner` out of the store (the caller deletes their files
    /// after the publish).
    ///
    /// - Throws: ``MeshError/Kind/notFound`` for an id that does not exist or is not `owner`'s
    ///   (nothing is taken then).
    func take(_ ids: [String], owner: String) throws(MeshError) -> [Upload] {
        sweep()
        let result: Result<[Upload], MeshError> = uploads.withLock { all in
            var taken: [Upload] = []
            for id in ids {
                guard let upload = all[id], upload.owner == owner else {
                    return .failure(MeshError(.notFound, "no upload \(id) of \(owner); upload the file first with POST /api/v1/uploads", context: "uploads"))
                }
                taken.append(upload)
            }
            for id in ids { all[id] = nil }
            return .success(taken)
        }
        return try result.get()
    }

    /// Deletes the files of `uploads`.
    func delete(_ uploads: [Upload]) {
        for upload in uploads { try? FileManager.default.removeItem(atPath: upload.path) }
    }

    /// Deletes uploads unused for longer than ``lifetime``, and files in ``directory`` older
    /// than that which no upload holds (left by a server that stopped mid-request).
    func sweep(now: Date = Date()) {
        let (expired, held) = uploads.withLock { all in
            let old = all.values.filter { now.timeIntervalSince($0.created) > lifetime }
            for upload in old { all[upload.id] = nil }
            return (old, Set(all.values.map { URL(fileURLWithPath: $0.path).lastPathComponent }))
        }
        delete(expired)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in files where !held.contains(file) {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(file).path
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                  now.timeIntervalSince(modified) > lifetime else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
