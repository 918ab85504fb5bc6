import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Mesh

extension RemoteMesh {
    /// An upload's answer, `{"id", "bytes"}`.
    struct Upload: Decodable {
        let id: String
        let bytes: Int64
    }

    /// Publishes files by streaming them to the server: one file as the publish request's body,
    /// several as `/uploads` first and then one publish naming them.
    public func publish(productID: String, files: [String], format: InputFormat?, mode: PublishMode, from: [String], table: String?,
                        progress: (@Sendable (Int64) -> Void)?) throws(MeshError) -> PublishResult {
        guard !files.isEmpty else { throw MeshError(.invalidInput, "give at least one input file to publish", context: productID) }
        var sent: Int64 = 0
        for path in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw MeshError(.invalidInput, "no such file", context: path)
            }
        }
        let path = ["products", productID, "publish"]
        if files.count == 1 {
            let file = URL(fileURLWithPath: files[0])
            var query: [(String, String?)] = [("format", format?.rawValue), ("mode", mode.rawValue)]
            query += from.map { ("from", $0) }
            query += [("table", table), ("name", file.lastPathComponent)]
            var request = request("POST", path, query: query)
            request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
            let answer = try exchange.upload(request, file: file)
            progress?(Self.size(of: files[0]))
            return try decode(request, answer)
        }
        var ids: [String] = []
        for file in files {
            var request = request("POST", ["uploads"], query: [("name", URL(fileURLWithPath: file).lastPathComponent)])
            request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
            let upload: Upload = try decode(request, try exchange.upload(request, file: URL(fileURLWithPath: file)))
            ids.append(upload.id)
            sent += upload.bytes
            progress?(sent)
        }
        return try call("POST", path, body: WireValue.object([
            ("uploads", .strings(ids)), ("format", format.map { .string($0.rawValue) }), ("mode", .string(mode.rawValue)),
            ("from", from.isEmpty ? nil : .strings(from)), ("table", table.map(WireValue.string)),
        ]))
    }

    /// A file's size in bytes (0 when unknown).
    static func size(of path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? 0
    }
}
