import Foundation

extension QualityReport {
    /// A plain-text rendering for terminals and alerts: per-column statistics, then every check
    /// (`PASS`, `FAIL`, `WARN`, `SKIP`) with what was observed and expected, then a summary.
    public func text(statistics: Bool = true) -> String {
        var lines: [String] = []
        if statistics {
            lines.append("Statistics (\(profile.rowCount) rows)")
            let header = ["column", "type", "nulls", "min", "max", "mean", "stddev", "distinct", "p50", "top"]
            var rows: [[String]] = [header]
            for c in profile.columns {
                let top = c.frequent?.top(3).map { "\($0.value)×\($0.count)" }.joined(separator: " ") ?? ""
                rows.append([c.name, c.type, "\(c.nullCount)", c.minimum.map { Self.clip(c.display($0)) } ?? "", c.maximum.map { Self.clip(c.display($0)) } ?? "",
                             c.mean.map { Self.clip(c.display($0)) } ?? "", c.standardDeviation.map(Format.number) ?? "",
                             "≈\(c.distinctCount)", c.quantile(0.5).map { Self.clip(c.display($0)) } ?? "", Self.clip(top)])
            }
            lines += Self.table(rows)
            lines.append("")
        }
        lines.append("Checks" + (contract.map { " (contract \($0)" + (object.map { ", object \($0)" } ?? "") + ")" } ?? ""))
        for r in results {
            let status = r.skipped ? "SKIP" : r.passed ? "PASS" : r.severity == .error ? "FAIL" : "WARN"
            lines.append("\(status)  \(r.id)  [\(r.kind.rawValue)\(r.column.map { ", \($0)" } ?? "")]  \(r.message)")
            if !r.passed && !r.skipped { lines.append("      observed: \(r.observed); expected: \(r.expected)") }
        }
        let s = summary
        lines.append("")
        lines.append("\(s.passed) passed, \(s.errors) failed, \(s.warnings) warnings, \(s.skipped) skipped"
                     + (blocking ? " — BLOCKING: an error-severity check failed" : ""))
        return lines.joined(separator: "\n") + "\n"
    }

    static func clip(_ s: String, _ width: Int = 24) -> String { s.count <= width ? s : String(s.prefix(width - 1)) + "…" }

    static func table(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        var widths = [Int](repeating: 0, count: first.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - cell.count) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}
