import Catalog
import Foundation
import Hummingbird
import Mesh

/// `POST /api/v1/products/{id}/publish` and `POST /api/v1/uploads`: publishing a version
/// from files streamed to the server.
struct PublishRoutes: Sendable {
    let service: MeshService
    let uploads: UploadStore

    /// `POST /uploads`' answer.
    struct UploadAnswer: Encodable, Sendable {
        let id: String
        let bytes: Int64
    }

    /// The JSON body naming earlier uploads.
    struct PublishBody: Decodable {
        let uploads: [String]
        let format: String?
        let mode: String?
        let from: [String]?
        let table: String?
    }

    func add(to api: RouterGroup<MeshRequestContext>) {
        api.post("uploads") { request, context in
            let caller = try context.caller()
            let upload = try await uploads.receive(request, name: APIHandler.query(request, "name"), owner: caller.name)
            return try APIHandler.json(UploadAnswer(id: upload.id, bytes: upload.bytes), status: .created)
        }
        api.post("products/{id}/publish") { request, context in try await publish(request, context) }
    }

    func publish(_ request: Request, _ context: MeshRequestContext) async throws -> Response {
        let caller = try context.caller()
        let id = try APIHandler.path("id", context)
        let query = request.uri.queryParameters
        let files: [UploadStore.Upload]
        var formatText = APIHandler.query(request, "format"), modeText = APIHandler.query(request, "mode")
        var from = query.getAll("from").filter { !$0.isEmpty }
        var table = APIHandler.query(request, "table")
        if request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true {
            let body = try await APIHandler.decode(PublishBody.self, request)
            guard !body.uploads.isEmpty else { throw MeshError(.invalidInput, "name at least one upload id in uploads", context: "uploads") }
            files = try uploads.take(body.uploads, owner: caller.name)
            formatText = body.format ?? formatText
            modeText = body.mode ?? modeText
            from = body.from ?? from
            table = body.table ?? table
        } else {
            // Refuse an unknown product or a caller who may not publish before streaming the body.
            try await APIHandler.run { try service.requirePublisher(productID: id, by: caller) }
            files = [try await uploads.receive(request, name: APIHandler.query(request, "name") ?? formatText.map { "upload.\($0)" }, owner: caller.name)]
        }
        defer { uploads.delete(files) }
        var format: InputFormat?
        if let formatText {
            guard let parsed = InputFormat(rawValue: formatText) else {
                throw MeshError(.invalidInput, "format must be \(InputFormat.allCases.map(\.rawValue).joined(separator: ", ")), not \(formatText)", context: "format")
            }
            format = parsed
        }
        var mode = PublishMode.append
        if let modeText {
            guard let parsed = PublishMode(rawValue: modeText) else {
                throw MeshError(.invalidInput, "mode must be \(PublishMode.allCases.map(\.rawValue).joined(separator: ", ")), not \(modeText)", context: "mode")
            }
            mode = parsed
        }
        let inputs = files.map { PublishInput(path: $0.path, format: format) }
        let (sources, target, inputFormat, publishMode) = (from, table, format, mode)
        return try await APIHandler.respond(status: .created) {
            try service.publish(productID: id, inputs: inputs, format: inputFormat, mode: publishMode, from: sources, table: target, by: caller)
        }
    }
}
