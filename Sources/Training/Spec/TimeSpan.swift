/// A length of time written as `30d`, `12h`, `90m`, `45s`, `2w` or a sum such as `1d12h`.
///
/// Used for feature time-to-live. The text form is kept so a spec round-trips unchanged.
public struct TimeSpan: Sendable, Hashable, CustomStringConvertible {
    /// The length in whole seconds.
    public let seconds: Int64

    /// Creates a span of `seconds`.
    public init(seconds: Int64) {
        precondition(seconds >= 0, "a time span cannot be negative")
        self.seconds = seconds
    }

    /// Parses `30d`, `12h`, `15m`, `45s`, `2w`, `500ms` or a concatenation (`1d12h`); `nil` if malformed.
    public init?(parsing text: String) {
        let units: [(String, Int64)] = [("ms", -1), ("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return nil }
        var total: Int64 = 0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let amount = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let (suffix, factor) = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest = rest.dropFirst(suffix.count)
            if factor < 0 {
                // Milliseconds: only whole seconds are representable.
                guard amount % 1000 == 0 else { return nil }
                total += amount / 1000
            } else {
                let (product, overflow) = amount.multipliedReportingOverflow(by: factor)
                guard !overflow else { return nil }
                let (sum, overflow2) = total.addingReportingOverflow(product)
                guard !overflow2 else { return nil }
                total = sum
            }
        }
        self.seconds = total
    }

    /// The canonical text: the largest units first (`1d12h`, `30d`, `0s`).
    public var description: String {
        if seconds == 0 { return "0s" }
        var rest = seconds
        var text = ""
        for (suffix, factor) in [("w", Int64(604_800)), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= factor {
            // Weeks only when they divide exactly, so `14d` is not rewritten to `2w` needlessly.
            if suffix == "w" && rest % factor != 0 { continue }
            text += "\(rest / factor)\(suffix)"
            rest %= factor
        }
        return text
    }

    /// The span expressed in `unit` ticks (saturating).
    func ticks(per second: Int64) -> Int64 {
        let (value, overflow) = seconds.multipliedReportingOverflow(by: second)
        return overflow ? .max : value
    }
}

import Foundation
