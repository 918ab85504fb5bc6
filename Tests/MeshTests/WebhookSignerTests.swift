import Foundation
import Testing
import TestSupport
@testable import Mesh

@Suite("Webhook signatures")
struct WebhookSignerTests {
    /// RFC 4231 HMAC-SHA256 test cases 1, 2, 3 and 6 (key bytes, data, expected MAC).
    static let rfc4231: [(key: [UInt8], data: [UInt8], mac: String)] = [
        (Array(repeating: 0x0b, count: 20), Array("Hi There".utf8), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (Array(repeating: 0xaa, count: 20), Array(repeating: 0xdd, count: 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    ]

    @Test("RFC 4231 known answers")
    func knownAnswers() {
        for vector in Self.rfc4231 {
            let signer = WebhookSigner(key: vector.key)
            #expect(signer.signature(for: vector.data) == "sha256=" + vector.mac)
            #expect(signer.verify(body: vector.data, signature: "sha256=" + vector.mac))
        }
        // A string secret keys with its UTF-8 bytes.
        #expect(WebhookSigner(secret: "Jefe").signature(for: Array("what do ya want for nothing?".utf8)) == "sha256=" + Self.rfc4231[1].mac)
    }

    @Test("verify rejects a changed body, another secret and malformed values")
    func verifyRejects() {
        let signer = WebhookSigner(secret: "whsec_test")
        let body = Data(#"{"kind":"publish.rejected"}"#.utf8)
        let signature = signer.signature(for: body)
        #expect(signer.verify(body: body, signature: signature))
        #expect(signer.verify(body: body, signature: signature.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256=")))
        #expect(!signer.verify(body: Data(#"{"kind":"publish.accepted"}"#.utf8), signature: signature))
        #expect(!WebhookSigner(secret: "whsec_other").verify(body: body, signature: signature))
        #expect(!signer.verify(body: body, signature: String(signature.dropFirst("sha256=".count))))
        #expect(!signer.verify(body: body, signature: "sha256=zz" + signature.dropFirst("sha256=zz".count)))
        #expect(!signer.verify(body: body, signature: String(signature.dropLast(2))))
        #expect(!signer.verify(body: body, signature: "sha1=" + signature.dropFirst("sha256=".count)))
        #expect(!signer.verify(body: body, signature: ""))
    }

    @Test("headers carry signature, kind, delivery id and timestamp")
    func headers() {
        let signer = WebhookSigner(secret: "s3cret")
        let body = Data("{}".utf8)
        let headers = signer.headers(for: body, kind: "freshness.breach", deliveryID: 42, at: Date(timeIntervalSince1970: 1_790_000_000.75))
        #expect(headers["X-Mesh-Signature"] == signer.signature(for: body))
        #expect(headers["X-Mesh-Event"] == "freshness.breach")
        #expect(headers["X-Mesh-Delivery"] == "42")
        #expect(headers["X-Mesh-Timestamp"] == "1790000000")
        #expect(headers["Content-Type"] == "application/json")
    }

    @Test("generated secrets are 256 random bits")
    func secrets() {
        let a = WebhookSigner.generateSecret(), b = WebhookSigner.generateSecret()
        #expect(a != b)
        #expect(a.hasPrefix("whsec_"))
        #expect(a.count == 6 + 64)
        #expect(WebhookSigner.bytes(hex: String(a.dropFirst(6)))?.count == 32)
    }

    @Test("the Python receiver snippet in docs/alerts.md accepts our signatures and rejects forgeries",
          .enabled(if: Interop.enabled(["hmac", "hashlib"])))
    func pythonSnippet() throws {
        let doc = try String(contentsOf: Interop.repositoryRoot.appendingPathComponent("docs/alerts.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "```python\n"))
        let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        let snippet = String(doc[start.upperBound..<end.lowerBound])
        let secret = WebhookSigner.generateSecret()
        let body = Data(#"{"id":7,"kind":"publish.rejected","message":"fico_score out of range ✗"}"#.utf8)
        let signature = WebhookSigner(secret: secret).signature(for: body)
        let script = snippet + """

        import sys
        body = bytes.fromhex(sys.argv[3])
        print(verify(sys.argv[1], body, sys.argv[2]), verify(sys.argv[1], body + b" ", sys.argv[2]), verify("wrong", body, sys.argv[2]))
        """
        let hex = body.map { String(format: "%02x", $0) }.joined()
        let out = try Interop.runPython(script, [secret, signature, hex])
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "True False False")
    }
}
