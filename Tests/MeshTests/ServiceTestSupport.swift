import Catalog
import Columnar
import Foundation
import Mesh
import Synchronization
import Testing
import TestSupport

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
    var function: @Sendable () -> Date { { [self] in self.now } }
}

/// The service tests' fixtures and a ready mesh: domain `payments` (team `payments-team`),
/// the test policy bundle, the transactions contract registered.
enum ServiceMesh {
    static let directory: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The transactions contract with its version replaced and `edit` applied to the text.
    static func contract(version: String = "1.0.0", _ edit: (String) -> String = { $0 }) throws -> String {
        edit(try text("service-transactions-1.0.0.yaml").replacingOccurrences(of: "version: 1.0.0", with: "version: \(version)"))
    }

    /// Writes `rows` (CSV lines after the header) to a temporary CSV file.
    static func csv(_ rows: [String], header: String = "txn_id,customer_id,amount,currency,event_time") throws -> String {
        let dir = Interop.temporaryDirectory("mesh-service")
        let url = dir.appendingPathComponent("input-\(UUID().uuidString).csv")
        try ([header] + rows).joined(separator: "\n").appending("\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The rows of the good fixture file.
    static let goodRows = [
        "t1,c1,12.5,EUR,2026-11-21T10:00:00Z", "t2,c2,99.0,USD,2026-11-21T11:00:00Z", "t3,c1,3.25,EUR,2026-11-21T12:00:00Z",
    ]

    /// An in-memory mesh with the payments domain, the policy and the transactions product.
    static func mesh(clock: ManualClock = ManualClock()) throws -> (MeshService, Principal) {
        let service = try MeshService.inMemory(now: clock.function)
        let admin = try service.resolveCaller(nil, environment: [:])
        try service.createDomain(name: "payments", owner: "payments-team", description: "Card payments", by: admin)
        _ = try service.applyPolicy(yaml: try text("service-policy.yaml"), source: "service-policy.yaml", by: admin)
        _ = try service.registerProduct(contractYAML: try contract(), source: "transactions.yaml", by: admin)
        return (service, admin)
    }

    /// Every batch of a read, as rows of JSON-like text values.
    static func rows(_ read: inout ProductRead) throws -> [[String: String]] {
        var out: [[String: String]] = []
        while let batch = try read.reader.next() {
            for row in 0..<batch.count {
                var values: [String: String] = [:]
                for (i, field) in batch.schema.fields.enumerated() {
                    let column = batch.columns[i]
                    values[field.name] = cellText(column.value(at: row))
                }
                out.append(values)
            }
        }
        return out
    }
}

/// A cell as plain text (`null` for null).
func cellText(_ value: Value) -> String {
    switch value {
    case .null: "null"
    case .string(let s): s
    case .double(let d): "\(d)"
    case .int64(let i): "\(i)"
    case .int32(let i): "\(i)"
    case .boolean(let b): "\(b)"
    default: "\(value)"
    }
}

/// Expects `body` to throw a ``MeshError`` of `kind` and returns it.
@discardableResult
func expectMeshError<T>(_ kind: MeshError.Kind, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T) -> MeshError? {
    do {
        _ = try body()
        Issue.record("expected a \(kind) error, got success", sourceLocation: sourceLocation)
    } catch let error as MeshError {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected a MeshError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
