import Catalog
import Foundation
import Hummingbird
import Mesh

/// `/api/v1/domains` and the product routes that change or describe a product: register,
/// details, contract, rejections, revoke.
struct DomainRoutes: Sendable {
    let service: MeshService

    struct NewDomain: Decodable {
        let name: String
        let owner: String
        let description: String?
    }

    struct RevokeBody: Decodable {
        let reason: String
    }

    /// `GET /products/{id}/contract`: the record and the YAML text.
    struct ContractAnswer: Encodable, Sendable {
        let record: ContractRecord
        let yaml: String
    }

    func add(to api: RouterGroup<MeshRequestContext>) {
        api.get("domains") { _, context in
            _ = try context.caller()
            return try await APIHandler.respond { try service.domains() }
        }
        api.get("domains/{name}") { _, context in
            _ = try context.caller()
            let name = try APIHandler.path("name", context)
            return try await APIHandler.respond { try service.domain(name) }
        }
        api.post("domains") { request, context in
            let caller = try context.caller()
            let body = try await APIHandler.decode(NewDomain.self, request)
            return try await APIHandler.respond(status: .created) {
                try service.createDomain(name: body.name, owner: body.owner, description: body.description ?? "", by: caller)
            }
        }
        api.post("products") { request, context in
            let caller = try context.caller()
            let yaml = try await APIHandler.text(request, what: "contract YAML")
            let source = APIHandler.query(request, "source") ?? "contract"
            return try await APIHandler.respond { try service.registerProduct(contractYAML: yaml, source: source, by: caller) }
        }
        api.get("products/{id}/details") { _, context in
            _ = try context.caller()
            let id = try APIHandler.path("id", context)
            return try await APIHandler.respond { try service.show(id) }
        }
        api.get("products/{id}/contract") { request, context in
            _ = try context.caller()
            let id = try APIHandler.path("id", context)
            let version = APIHandler.query(request, "version")
            return try await APIHandler.respond {
                let (record, _) = try service.contract(of: id, version: version)
                return ContractAnswer(record: record, yaml: record.yaml)
            }
        }
        api.get("products/{id}/rejections") { _, context in
            _ = try context.caller()
            let id = try APIHandler.path("id", context)
            return try await APIHandler.respond { try service.rejections(id) }
        }
        api.post("products/{id}/versions/{version}/revoke") { request, context in
            let caller = try context.caller()
            let id = try APIHandler.path("id", context)
            let version = try APIHandler.path("version", context)
            let body = try await APIHandler.decode(RevokeBody.self, request)
            return try await APIHandler.respond { try service.revokeVersion("\(id)@\(version)", reason: body.reason, by: caller) }
        }
    }
}
