import Crypto
import Foundation

/// Signs webhook bodies so receivers can tell a mesh's alerts from forgeries.
///
/// The signature is HMAC-SHA256 over the exact bytes of the request body, keyed with the
/// subscription's secret (its UTF-8 bytes), sent as `X-Mesh-Signature: sha256=<lowercase hex>`.
/// Each request also carries `X-Mesh-Event` (the event kind), `X-Mesh-Delivery` (the delivery id,
/// the same on every retry, for de-duplication) and `X-Mesh-Timestamp` (Unix seconds of the
/// attempt). docs/alerts.md describes the scheme for receivers.
public struct WebhookSigner: Sendable {
    /// The header carrying `sha256=<hex>`.
    public static let signatureHeader = "X-Mesh-Signature"
    /// The header carrying the event kind (`publish.rejected`...).
    public static let eventHeader = "X-Mesh-Event"
    /// The header carrying the delivery id.
    public static let deliveryHeader = "X-Mesh-Delivery"
    /// The header carrying the attempt time in Unix seconds.
    public static let timestampHeader = "X-Mesh-Timestamp"
    /// The scheme prefix of a signature value.
    public static let scheme = "sha256="

    /// The key's bytes (`SymmetricKey` is not `Sendable`, so it is made per use).
    private let keyBytes: Data

    /// A signer keyed with a subscription's secret (its UTF-8 bytes).
    public init(secret: String) {
        keyBytes = Data(secret.utf8)
    }

    /// A signer keyed with raw key bytes.
    public init(key bytes: some DataProtocol) {
        keyBytes = Data(bytes)
    }

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// The signature header value for `body`: `sha256=` and the lowercase hex HMAC-SHA256.
    public func signature(for body: some DataProtocol) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(body), using: key)
        return Self.scheme + Self.hex(Data(mac))
    }

    /// The headers of one signed request: content type, signature, event kind, delivery id and timestamp.
    public func headers(for body: some DataProtocol, kind: String, deliveryID: Int64, at time: Date) -> [String: String] {
        [
            "Content-Type": "application/json",
            "User-Agent": "Meshwork-Webhook/1",
            Self.signatureHeader: signature(for: body),
            Self.eventHeader: kind,
            Self.deliveryHeader: String(deliveryID),
            Self.timestampHeader: String(Int64(time.timeIntervalSince1970.rounded(.down))),
        ]
    }

    /// Whether `signature` (an `X-Mesh-Signature` value) is this key's signature of `body`.
    ///
    /// The comparison takes the same time wherever the first difference is, so a forger learns
    /// nothing from timing; a value without the `sha256=` prefix or with malformed hex is rejected.
    public func verify(body: some DataProtocol, signature: String) -> Bool {
        let value = signature.trimmingCharacters(in: .whitespaces)
        guard value.lowercased().hasPrefix(Self.scheme), let mac = Self.bytes(hex: String(value.dropFirst(Self.scheme.count))),
              mac.count == SHA256.byteCount else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(body), using: key)
    }

    /// A new random webhook secret: `whsec_` and 64 hex digits (256 bits from the system's secure generator).
    public static func generateSecret() -> String {
        "whsec_" + hex(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func bytes(hex: String) -> Data? {
        let utf8 = Array(hex.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var out = Data(capacity: utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let high = nibble(utf8[i]), let low = nibble(utf8[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }
}
