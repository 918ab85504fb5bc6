import Catalog
import Foundation
import Hummingbird
import Mesh

/// `/api/v1/access-requests` and `/api/v1/grants`: asking for, approving, denying and
/// granting access to a product for a purpose.
struct AccessRoutes: Sendable {
    let service: MeshService

    struct NewRequest: Decodable {
        let product: String
        let purpose: String
        let justification: String?
        let expires: Date?
    }

    struct Approval: Decodable {
        let clearance: String?
        let expires: Date?
    }

    struct Denial: Decodable {
        let reason: String
    }

    struct NewGrant: Decodable {
        let product: String
        let principal: String
        let purpose: String
        let clearance: String?
        let expires: Date?
    }

    func add(to api: RouterGroup<MeshRequestContext>) {
        api.post("access-requests") { request, context in
            let caller = try context.caller()
            let body = try await APIHandler.decode(NewRequest.self, request)
            return try await APIHandler.respond(status: .created) {
                try service.requestAccess(productID: body.product, purpose: body.purpose, justification: body.justification ?? "",
                                          expires: body.expires, by: caller)
            }
        }
        api.get("access-requests") { request, context in
            let caller = try context.caller()
            let statusText = APIHandler.query(request, "status")
            let status = try statusText.map { text throws(MeshError) in
                guard let parsed = AccessRequestRecord.Status(rawValue: text) else {
                    throw MeshError(.invalidInput, "unknown status \(text)", context: "status")
                }
                return parsed
            }
            return try await APIHandler.respond { try service.accessRequests(status: status, visibleTo: caller) }
        }
        api.post("access-requests/{id}/approve") { request, context in
            let caller = try context.caller()
            let id = try APIHandler.pathNumber("id", context)
            let body = try await APIHandler.decode(Approval.self, request)
            return try await APIHandler.respond { try service.approve(requestID: id, clearance: body.clearance, expires: body.expires, by: caller) }
        }
        api.post("access-requests/{id}/deny") { request, context in
            let caller = try context.caller()
            let id = try APIHandler.pathNumber("id", context)
            let body = try await APIHandler.decode(Denial.self, request)
            return try await APIHandler.respond { try service.deny(requestID: id, reason: body.reason, by: caller) }
        }
        api.get("grants") { request, context in
            let caller = try context.caller()
            let product = APIHandler.query(request, "product")
            let principal = APIHandler.query(request, "principal")
            let includeExpired = try APIHandler.flag(request, "includeExpired") ?? false
            return try await APIHandler.respond {
                try service.grants(productID: product, principal: principal, includeExpired: includeExpired, visibleTo: caller)
            }
        }
        api.post("grants") { request, context in
            let caller = try context.caller()
            let body = try await APIHandler.decode(NewGrant.self, request)
            return try await APIHandler.respond(status: .created) {
                try service.grant(productID: body.product, principal: body.principal, purpose: body.purpose, clearance: body.clearance,
                                  expires: body.expires, by: caller)
            }
        }
        api.delete("grants/{id}") { _, context in
            let caller = try context.caller()
            let id = try APIHandler.pathNumber("id", context)
            return try await APIHandler.respond { try service.revokeGrant(id: id, by: caller) }
        }
    }
}
