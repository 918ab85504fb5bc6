import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Mesh

extension RemoteMesh {
    /// What a remote read answered besides its rows.
    public struct ReadAnswer: Sendable {
        /// The version read (`Mesh-Version`).
        public let version: Int?
        /// The access decisions (`Mesh-Read-Decisions`, a JSON array), if the server sent any.
        public let decisions: String?
    }

    /// Reads a product version from the server as Parquet into the file at `destination`
    /// (streamed to disk, never held whole), with the same selection as ``MeshService/read``.
    public func read(productID: String, at spec: VersionSpec, table: String?, columns: [String]?, filter: String?, limit: Int?,
                     purpose: String?, into destination: URL) throws(MeshError) -> ReadAnswer {
        let query: [(String, String?)] = [
            ("version", spec == .latest ? nil : spec.description), ("table", table), ("columns", columns?.joined(separator: ",")),
            ("where", filter), ("limit", limit.map { String($0) }), ("purpose", purpose), ("format", "parquet"),
        ]
        let request = request("GET", ["products", productID, "read"], query: query)
        let answer = try exchange.download(request, to: destination)
        guard (200..<300).contains(answer.status) else {
            throw ErrorAnswer.decode(answer, method: "GET", path: request.url?.path ?? "")
        }
        return ReadAnswer(version: answer.headers["mesh-version"].flatMap { Int($0) }, decisions: answer.headers["mesh-read-decisions"])
    }
}
