import Contracts
import Foundation

/// Number and condition text for check results.
enum Format {
    static func number(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        let text = String(format: "%.6g", v)
        return text
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "0 %" : number((Double(part) / Double(whole) * 100 * 1000).rounded() / 1000) + " %"
    }

    static func condition(_ c: QualityCondition, unit: String = "") -> String {
        let suffix = unit.isEmpty ? "" : " " + unit
        switch c {
        case .mustBe(let v): return "= \(number(v))\(suffix)"
        case .mustNotBe(let v): return "≠ \(number(v))\(suffix)"
        case .mustBeGreaterThan(let v): return "> \(number(v))\(suffix)"
        case .mustBeGreaterOrEqualTo(let v): return "≥ \(number(v))\(suffix)"
        case .mustBeLessThan(let v): return "< \(number(v))\(suffix)"
        case .mustBeLessOrEqualTo(let v): return "≤ \(number(v))\(suffix)"
        case .mustBeBetween(let a, let b): return "between \(number(a)) and \(number(b))\(suffix)"
        case .mustNotBeBetween(let a, let b): return "not between \(number(a)) and \(number(b))\(suffix)"
        }
    }

    static func examples(_ values: [String]) -> String {
        values.isEmpty ? "" : " (e.g. " + values.map { "'\($0)'" }.joined(separator: ", ") + ")"
    }
}
