import Catalog
import Foundation
import Mesh
import Synchronization
import Testing

@Suite("API tokens")
struct TokenTests {
    @Test("a token is mesh_ + 32 random bytes in base64url, stored only as its SHA-256, and authenticates its principal")
    func createAndAuthenticate() throws {
        let service = try MeshService.inMemory()
        let admin = try service.resolveCaller("admin", environment: [:])
        try service.createPrincipal(name: "bob", roles: [.consumer], by: admin)
        let issued = try service.createToken(for: "bob", by: admin)
        #expect(issued.token.hasPrefix("mesh_"))
        #expect(issued.token.count == 5 + 43)
        #expect(issued.token.dropFirst(5).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(issued.record.hash == MeshService.tokenHash(issued.token))
        #expect(issued.record.hash.count == 64 && issued.record.hash != issued.token)
        let stored = try service.store.read { t throws(CatalogError) in try t.token(hash: issued.record.hash) }
        #expect(stored?.principal == "bob")
        #expect(try service.authenticate(token: issued.token).name == "bob")
        let second = try service.createToken(for: "bob", by: admin)
        #expect(second.token != issued.token)
        // SHA-256("abc"), the FIPS 180-2 test vector.
        #expect(MeshService.tokenHash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("unknown, malformed and expired tokens are unauthenticated")
    func badTokens() throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let service = try MeshService.inMemory(now: clock.now)
        let admin = try service.resolveCaller("admin", environment: [:])
        for token in ["", "mesh_", "abc", "mesh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] {
            let error = #expect(throws: MeshError.self) { try service.authenticate(token: token) }
            #expect(error?.kind == .unauthenticated)
        }
        let issued = try service.createToken(for: "admin", expires: clock.date.addingTimeInterval(60), by: admin)
        #expect(try service.authenticate(token: issued.token).name == "admin")
        clock.date = clock.date.addingTimeInterval(61)
        let expired = #expect(throws: MeshError.self) { try service.authenticate(token: issued.token) }
        #expect(expired?.kind == .unauthenticated)
        #expect(expired?.message.contains("expired") == true)
    }

    @Test("only administrators create tokens for others; a principal may create its own; --role creates the principal")
    func authorization() throws {
        let service = try MeshService.inMemory()
        let admin = try service.resolveCaller("admin", environment: [:])
        let bob = try service.createPrincipal(name: "bob", roles: [.consumer], by: admin)
        try service.createPrincipal(name: "carol", roles: [.producer], by: admin)
        let refused = #expect(throws: MeshError.self) { try service.createToken(for: "carol", by: bob) }
        #expect(refused?.kind == .forbidden)
        #expect(try service.authenticate(token: try service.createToken(for: "bob", by: bob).token).name == "bob")
        let unknown = #expect(throws: MeshError.self) { try service.createToken(for: "dave", by: admin) }
        #expect(unknown?.kind == .notFound)
        let created = try service.createToken(for: "dave", roles: [.consumer], by: admin)
        #expect(try service.authenticate(token: created.token).roles == [.consumer])
        let audit = try service.store.read { t throws(CatalogError) in try t.audit(principal: nil, target: nil, limit: nil) }
        #expect(audit.filter { $0.action == "token.create" }.count == 2)
    }
}

/// A settable clock for expiry tests.
final class ManualClock: Sendable {
    private let value: Mutex<Date>
    init(_ date: Date) { value = Mutex(date) }
    var date: Date {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
    var now: @Sendable () -> Date { { [self] in date } }
}
