import Catalog
import Foundation
import Hummingbird
import Mesh

/// `/api/v1/lineage`: the lineage graph around a version, training set or model, and the
/// OpenLineage export.
struct LineageRoutes: Sendable {
    let service: MeshService

    func add(to api: RouterGroup<MeshRequestContext>) {
        api.get("lineage") { request, context in
            _ = try context.caller()
            let reference = try LineageReference(parsing: try APIHandler.requiredQuery(request, "ref", "the version, training set or model (DOMAIN.PRODUCT[@V], trainset:NAME, model:NAME)"))
            let directionText = APIHandler.query(request, "direction") ?? LineageDirection.upstream.rawValue
            guard let direction = LineageDirection(rawValue: directionText) else {
                throw MeshError(.invalidInput, "direction must be \(LineageDirection.allCases.map(\.rawValue).joined(separator: " or ")), not \(directionText)",
                                context: "direction")
            }
            let depth = try APIHandler.number(request, "depth")
            return try await APIHandler.respond { try service.lineage(of: reference, direction: direction, depth: depth) }
        }
        api.get("lineage/openlineage") { request, context in
            _ = try context.caller()
            let since = try APIHandler.number(request, "since").map(Int64.init)
            let runs = try await APIHandler.run { try service.openLineageEvents(since: since) }
            var headers: HTTPFields = [.contentType: "application/json"]
            if let last = runs.last { headers[.init("Mesh-Last-Event")!] = String(last.eventID) }
            return try APIHandler.json(runs.map(\.event)).with(headers: headers)
        }
    }
}

extension Response {
    /// The response with `headers` added (replacing any of the same name).
    func with(headers added: HTTPFields) -> Response {
        var response = self
        for field in added { response.headers[field.name] = field.value }
        return response
    }
}
