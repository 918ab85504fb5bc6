import Foundation
import Testing
@testable import Mesh

/// `Timestamp.iso` formats arithmetically; it must print what Foundation's ISO 8601 formatter
/// prints, across centuries, leap days, negative instants and millisecond fractions.
@Suite struct TimestampTests {
    static func reference(_ date: Date, fractional: Bool) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.string(from: date)
    }

    @Test func wholeSecondsMatchFoundation() {
        var state: UInt64 = 0x5EED
        for _ in 0..<5_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            // 1600-01-01 ... 2400-01-01
            let seconds = Double(Int64(bitPattern: state >> 1) % 25_245_000_000) - 11_676_096_000
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.iso(date) == Self.reference(date, fractional: false), "\(seconds)")
        }
    }

    @Test func millisecondsAndEdgesMatchFoundation() {
        let instants: [Double] = [0, -1, 86_399, 86_400, 951_782_400 /* 2000-02-29 */, 4_107_542_399 /* 2100-02-28T23:59:59 */,
                                  1_795_334_400.5, 1_795_334_400.25, 1_795_334_400.125, -0.5, 253_402_300_799]
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            let fractional = seconds.rounded(.down) != seconds
            #expect(Timestamp.iso(date) == Self.reference(date, fractional: fractional), "\(seconds)")
        }
        #expect(Timestamp.iso(Date(timeIntervalSince1970: 1_795_334_400)) == "2026-11-22T08:00:00Z")
    }
}
