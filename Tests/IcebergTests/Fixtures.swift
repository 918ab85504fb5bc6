import Foundation
import Avro

/// Access to the pyiceberg-generated fixtures (see Fixtures/README.md).
enum Fixtures {
    static let directory: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    /// The values pyiceberg reported when it wrote the fixtures (`expected.json`).
    static func expected() throws -> JSONValue {
        try JSONValue.parse(try bytes("expected.json"))
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
