import Catalog
import Foundation
import Testing
import TestSupport
@testable import Mesh

/// What the service lets each caller see and do before reading input: the event feed, grants
/// and access requests narrowed per caller (the server's lists), and the publish pre-check.
@Suite struct ServiceVisibilityTests {
    static func mesh() throws -> (MeshService, admin: Principal, owner: Principal, carla: Principal, dave: Principal, gia: Principal) {
        let (service, admin) = try ServiceMesh.mesh()
        let owner = try service.createPrincipal(name: "olga", roles: [.owner, .producer], team: "payments-team", by: admin)
        let carla = try service.createPrincipal(name: "carla", roles: [.consumer], team: "fraud-team", by: admin)
        let dave = try service.createPrincipal(name: "dave", roles: [.consumer], by: admin)
        let gia = try service.createPrincipal(name: "gia", roles: [.governance], by: admin)
        _ = try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: try ServiceMesh.csv(ServiceMesh.goodRows))], by: owner)
        _ = try service.grant(productID: "payments.transactions", principal: "carla", purpose: "fraud-detection", by: owner)
        _ = try service.requestAccess(productID: "payments.transactions", purpose: "analytics", by: dave)
        return (service, admin, owner, carla, dave, gia)
    }

    @Test func eventFeedPerCaller() throws {
        let (service, admin, owner, carla, dave, gia) = try Self.mesh()
        let all = try service.eventDeliveries().map(\.event.id)
        #expect(all.count >= 2)
        #expect(try service.eventDeliveries(visibleTo: admin).map(\.event.id) == all)
        #expect(try service.eventDeliveries(visibleTo: gia).map(\.event.id) == all)
        #expect(try service.eventDeliveries(visibleTo: owner).map(\.event.id) == all)
        let carlas = try service.eventDeliveries(visibleTo: carla)
        #expect(!carlas.isEmpty)
        #expect(carlas.allSatisfy { $0.deliveries.allSatisfy { $0.recipient == "carla" || $0.recipient == "fraud-team" } && !$0.deliveries.isEmpty })
        #expect(try service.eventDeliveries(limit: 1, visibleTo: carla).count == 1)
        let davesIDs = Set(try service.eventDeliveries(visibleTo: dave).map(\.event.id))
        #expect(davesIDs.isDisjoint(with: carlas.map(\.event.id)))
        let carlaEvent = try #require(carlas.first?.event.id)
        expectMeshError(.notFound) { try service.deliveries(eventID: carlaEvent, visibleTo: dave) }
        #expect(try service.deliveries(eventID: carlaEvent, visibleTo: owner) == (try service.deliveries(eventID: carlaEvent)))
    }

    @Test func grantsAndRequestsPerCaller() throws {
        let (service, _, owner, carla, dave, gia) = try Self.mesh()
        #expect(try service.grants(visibleTo: owner).map(\.principal) == ["carla"])
        #expect(try service.grants(visibleTo: gia).map(\.principal) == ["carla"])
        #expect(try service.grants(visibleTo: carla).map(\.principal) == ["carla"])
        #expect(try service.grants(visibleTo: dave).isEmpty)
        #expect(try service.accessRequests(visibleTo: owner).map(\.principal) == ["dave"])
        #expect(try service.accessRequests(visibleTo: dave).map(\.principal) == ["dave"])
        #expect(try service.accessRequests(visibleTo: carla).isEmpty)
    }

    @Test func publishPreCheck() throws {
        let (service, admin, owner, carla, _, gia) = try Self.mesh()
        try service.requirePublisher(productID: "payments.transactions", by: owner)
        try service.requirePublisher(productID: "payments.transactions", by: admin)
        expectMeshError(.forbidden) { try service.requirePublisher(productID: "payments.transactions", by: carla) }
        expectMeshError(.forbidden) { try service.requirePublisher(productID: "payments.transactions", by: gia) }
        expectMeshError(.notFound) { try service.requirePublisher(productID: "payments.nothing", by: admin) }
    }
}
