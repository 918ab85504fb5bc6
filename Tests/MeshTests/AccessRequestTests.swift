import Catalog
import Foundation
import Testing
@testable import Mesh

@Suite("Access requests and grants")
struct AccessRequestTests {
    @Test("request → the owning team hears of it → approve → grant, and the requester is told")
    func requestApprove() throws {
        let mesh = try AlertMesh()
        _ = try mesh.service.subscribe(productID: mesh.productID, consumer: "bi-team", purpose: "analytics", by: mesh.carol)
        let expiry = AlertFixture.t0.addingTimeInterval(30 * 86_400)
        let request = try mesh.service.requestAccess(productID: mesh.productID, purpose: "training", justification: "fraud model v4", expires: expiry, by: mesh.bob)
        #expect(request.status == .pending && request.principal == "bob" && request.expiresAt == expiry)
        let asked = try #require(try mesh.feed("payments-team").last)
        #expect(asked.kind == "access.requested" && asked.message.contains("bob asks for access to payments.transactions for training: fraud model v4"))
        // Subscribers do not see who asks for what.
        #expect(try mesh.feed("bi-team").isEmpty)
        #expect(try mesh.service.accessRequests(status: .pending).map(\.id) == [request.id])
        #expect(try #require(throws: MeshError.self) {
            try mesh.service.requestAccess(productID: mesh.productID, purpose: "training", by: mesh.bob)
        }.kind == .conflict)

        // Only the owning domain's owners (or an administrator) decide.
        #expect(try #require(throws: MeshError.self) { try mesh.service.approve(requestID: request.id, by: mesh.carol) }.kind == .forbidden)
        #expect(try #require(throws: MeshError.self) { try mesh.service.approve(requestID: request.id, by: mesh.bob) }.kind == .forbidden)

        let grant = try mesh.service.approve(requestID: request.id, clearance: "confidential", by: mesh.alice)
        #expect(grant.principal == "bob" && grant.purpose == "training" && grant.clearance == "confidential" && grant.expiresAt == expiry
                && grant.requestID == request.id && grant.grantedBy == "alice")
        #expect(try mesh.service.grants(productID: mesh.productID) == [grant])
        #expect(try mesh.service.accessRequests(status: .approved).first?.decidedBy == "alice")
        #expect(try mesh.feed("bob").map(\.kind) == ["access.approved"])
        #expect(try #require(throws: MeshError.self) { try mesh.service.approve(requestID: request.id, by: mesh.alice) }.kind == .conflict)
        // A grant in force makes a new request pointless.
        #expect(try #require(throws: MeshError.self) {
            try mesh.service.requestAccess(productID: mesh.productID, purpose: "training", by: mesh.bob)
        }.kind == .conflict)

        let audit = try mesh.service.store.read { t throws(CatalogError) in try t.audit(principal: nil, target: mesh.productID, limit: nil) }.map(\.action)
        #expect(audit.suffix(2) == ["access.request", "access.approve"])

        // The grant expires.
        mesh.clock.advance(hours: 31 * 24)
        #expect(try mesh.service.grants(productID: mesh.productID).isEmpty)
        #expect(try mesh.service.grants(productID: mesh.productID, includeExpired: true).count == 1)
    }

    @Test("deny needs a reason, which the requester sees")
    func deny() throws {
        let mesh = try AlertMesh()
        let request = try mesh.service.requestAccess(productID: mesh.productID, purpose: "marketing", by: mesh.carol)
        #expect(try #require(throws: MeshError.self) { try mesh.service.deny(requestID: request.id, reason: "  ", by: mesh.alice) }.kind == .invalidInput)
        let denied = try mesh.service.deny(requestID: request.id, reason: "PII may not be used for marketing", by: mesh.alice)
        #expect(denied.status == .denied && denied.decidedBy == "alice")
        let told = try #require(try mesh.feed("carol").last)
        #expect(told.kind == "access.denied" && told.message.hasSuffix("PII may not be used for marketing"))
        #expect(try mesh.service.grants().isEmpty)
        #expect(try #require(throws: MeshError.self) { try mesh.service.approve(requestID: request.id, by: mesh.alice) }.kind == .conflict)
        #expect(try #require(throws: MeshError.self) { try mesh.service.deny(requestID: 999, reason: "x", by: mesh.alice) }.kind == .notFound)
    }

    @Test("direct grants: known grantees, valid expiry; revocation tells the grantee")
    func directGrant() throws {
        let mesh = try AlertMesh()
        #expect(try #require(throws: MeshError.self) {
            try mesh.service.grant(productID: mesh.productID, principal: "nobody", purpose: "training", by: mesh.alice)
        }.kind == .notFound)
        #expect(try #require(throws: MeshError.self) {
            try mesh.service.grant(productID: mesh.productID, principal: "ml-team", purpose: "training", expires: AlertFixture.t0.addingTimeInterval(-1), by: mesh.alice)
        }.kind == .invalidInput)
        #expect(try #require(throws: MeshError.self) {
            try mesh.service.grant(productID: mesh.productID, principal: "ml-team", purpose: "training", by: mesh.bob)
        }.kind == .forbidden)
        let grant = try mesh.service.grant(productID: mesh.productID, principal: "ml-team", purpose: "training", by: mesh.admin)
        #expect(grant.principal == "ml-team" && grant.requestID == nil)
        #expect(try mesh.feed("ml-team").map(\.kind) == ["access.granted"])
        try mesh.service.revokeGrant(id: grant.id, by: mesh.alice)
        #expect(try mesh.service.grants().isEmpty)
        #expect(try mesh.feed("ml-team").map(\.kind) == ["access.granted", "access.revoked"])
    }
}
