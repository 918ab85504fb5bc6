import Columnar
import Foundation
import Testing
@testable import TextFormats

@Suite struct ScalarParserTests {
    @Test func integers() {
        #expect(withText("0") { ScalarParser.int64($0) } == 0)
        #expect(withText("-42") { ScalarParser.int64($0) } == -42)
        #expect(withText("+7") { ScalarParser.int64($0) } == 7)
        #expect(withText("9223372036854775807") { ScalarParser.int64($0) } == Int64.max)
        #expect(withText("-9223372036854775808") { ScalarParser.int64($0) } == Int64.min)
        #expect(withText("9223372036854775808") { ScalarParser.int64($0) } == nil)
        #expect(withText("12a") { ScalarParser.int64($0) } == nil)
        #expect(withText("-") { ScalarParser.int64($0) } == nil)
        #expect(withText("") { ScalarParser.int64($0) } == nil)
        #expect(withText("1.0") { ScalarParser.int64($0) } == nil)
        #expect(withText("2147483647") { ScalarParser.int32($0) } == Int32.max)
        #expect(withText("1099511627776") { ScalarParser.int32($0) } == nil)
    }

    @Test func doublesRoundTripExactly() {
        // A deterministic spread of values: every text must parse to the same Double as Swift's parser.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var checked = 0
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let bits = state
            let d = Double(bitPattern: bits)
            guard d.isFinite else { continue }
            for text in [d.description, String(format: "%.17g", d), String(format: "%.6f", d), String(format: "%.3e", d)] {
                let expected = Double(text)
                #expect(withText(text) { ScalarParser.double($0) } == expected, "\(text)")
                checked += 1
            }
        }
        #expect(checked > 40_000)
        for text in ["0.1", "1.5", "-2e-3", ".5", "5.", "1e308", "2.2250738585072014e-308", "123456789012345678901234567890",
                     "0.000000000000000000000000001", "9007199254740993", "3.141592653589793238462643383279"] {
            #expect(withText(text) { ScalarParser.double($0) } == Double(text), "\(text)")
        }
    }

    @Test func doubleSpecialsAndRejects() {
        #expect(withText("NaN") { ScalarParser.double($0) }?.isNaN == true)
        #expect(withText("-Infinity") { ScalarParser.double($0) } == -.infinity)
        #expect(withText("inf") { ScalarParser.double($0) } == .infinity)
        for bad in ["", "-", ".", "1e", "1e+", "abc", "1.2.3", "0x10", "1,5", " 1"] {
            #expect(withText(bad) { ScalarParser.double($0) } == nil, "\(bad)")
        }
    }

    @Test func dates() {
        #expect(withText("1970-01-01") { ScalarParser.date($0) } == 0)
        #expect(withText("2000-03-01") { ScalarParser.date($0) } == 11_017)
        #expect(withText("1969-12-31") { ScalarParser.date($0) } == -1)
        #expect(withText("2024-02-29") { ScalarParser.date($0) } != nil)
        #expect(withText("2023-02-29") { ScalarParser.date($0) } == nil)
        #expect(withText("2026-13-01") { ScalarParser.date($0) } == nil)
        #expect(withText("2026-1-01") { ScalarParser.date($0) } == nil)
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = ScalarParser.civilFromDays(days)
            #expect(ScalarParser.daysFromCivil(y, m, d) == days)
        }
    }

    @Test func timestamps() throws {
        let unit = TimeUnitScale(.microseconds)
        func us(_ s: String) -> Int64? { withText(s) { ScalarParser.timestamp($0, unit: unit) } }
        #expect(us("2026-01-02T03:04:05Z") == micros(2026, 1, 2, 3, 4, 5))
        #expect(us("2026-01-02 03:04:05") == micros(2026, 1, 2, 3, 4, 5))
        #expect(us("2026-01-02T03:04:05.123456Z") == micros(2026, 1, 2, 3, 4, 5, 123_456))
        #expect(us("2026-01-02T03:04:05.1Z") == micros(2026, 1, 2, 3, 4, 5, 100_000))
        #expect(us("2026-01-02T03:04:05.123456789Z") == micros(2026, 1, 2, 3, 4, 5, 123_456))
        #expect(us("2026-01-02T05:04:05+02:00") == micros(2026, 1, 2, 3, 4, 5))
        #expect(us("2026-01-02T01:04:05-0200") == micros(2026, 1, 2, 3, 4, 5))
        #expect(us("2026-01-02T03:04") == micros(2026, 1, 2, 3, 4, 0))
        #expect(us("2026-01-02") == micros(2026, 1, 2))
        #expect(us("1969-12-31T23:59:59.5Z") == -500_000)
        let ns = try #require(withText("2026-01-02T03:04:05.123456789Z") { ScalarParser.timestamp($0, unit: TimeUnitScale(.nanoseconds)) })
        #expect(ns == micros(2026, 1, 2, 3, 4, 5) * 1000 + 123_456_789)
        #expect(withText("2026-01-02T03:04:05Z") { ScalarParser.timestamp($0) }?.zoned == true)
        #expect(withText("2026-01-02T03:04:05") { ScalarParser.timestamp($0) }?.zoned == false)
        for bad in ["2026-01-02T25:00:00", "2026-01-02T03:04:05.", "2026-01-02X03:04:05", "2026-01-02T03:04:05Q",
                    "2026-01-02T03:04:05.1234567890Z", "2026-02-30T00:00:00"] {
            #expect(us(bad) == nil, "\(bad)")
        }
        // Out of range for nanoseconds.
        #expect(withText("2500-01-01T00:00:00Z") { ScalarParser.timestamp($0, unit: TimeUnitScale(.nanoseconds)) } == nil)
    }

    @Test func decimals() {
        func dec(_ s: String, _ p: Int = 10, _ sc: Int = 2) -> Int128? { withText(s) { ScalarParser.decimal($0, precision: p, scale: sc) } }
        #expect(dec("123.45") == 12_345)
        #expect(dec("-0.5") == -50)
        #expect(dec("7") == 700)
        #expect(dec("1.50000") == 150)
        #expect(dec("1.2e2") == 12_000)
        #expect(dec("12345678.99") == 1_234_567_899)
        #expect(dec("123456789.99") == nil)          // 11 digits > precision 10
        #expect(dec("1.234") == nil)                 // more decimals than the scale
        #expect(dec("abc") == nil)
        #expect(dec("") == nil)
        #expect(dec("99999999999999999999999999999999999999", 38, 0) == Int128("99999999999999999999999999999999999999"))
        #expect(dec("0.00") == 0)
    }

    @Test func uuidsBase64Booleans() {
        let u = withText("123E4567-e89b-12d3-a456-426614174000") { ScalarParser.uuid($0) }
        #expect(u == [0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0x00])
        #expect(withText("123e4567e89b12d3a456426614174000") { ScalarParser.uuid($0) } == u)
        #expect(withText("123e4567-e89b-12d3-a456-42661417400") { ScalarParser.uuid($0) } == nil)
        #expect(withText("123e4567-e89b-12d3-a456_426614174000") { ScalarParser.uuid($0) } == nil)
        #expect(withText("aGVsbG8=") { ScalarParser.base64($0) } == Array("hello".utf8))
        #expect(withText("aGVsbG8") { ScalarParser.base64($0) } == Array("hello".utf8))
        #expect(withText("") { ScalarParser.base64($0) } == [])
        #expect(withText("a$==") { ScalarParser.base64($0) } == nil)
        #expect(withText("TRUE") { ScalarParser.boolean($0) } == true)
        #expect(withText("0") { ScalarParser.boolean($0) } == false)
        #expect(withText("yes!") { ScalarParser.boolean($0) } == nil)
        #expect(withText("1") { ScalarParser.strictBoolean($0) } == nil)
    }

    @Test func utf8Validation() {
        #expect(withText("plain ascii and ünïcødé 😀") { ScalarParser.invalidUTF8Index($0) } == nil)
        #expect([0x61, 0x62, 0xFF, 0x63].withUnsafeBufferPointer { ScalarParser.invalidUTF8Index($0) } == 2)
        #expect([0x61, 0xC3].withUnsafeBufferPointer { ScalarParser.invalidUTF8Index($0) } == 1)        // truncated
        #expect([0xED, 0xA0, 0x80].withUnsafeBufferPointer { ScalarParser.invalidUTF8Index($0) } == 0)  // surrogate
        #expect([0xC0, 0x80].withUnsafeBufferPointer { ScalarParser.invalidUTF8Index($0) } == 0)        // overlong
        let long = Array(repeating: UInt8(0x41), count: 37) + [0x80]
        #expect(long.withUnsafeBufferPointer { ScalarParser.invalidUTF8Index($0) } == 37)
    }
}
