import Foundation

extension ContractDiff {
    /// The diff as a serialisable report (the `--json` output of `mesh contract diff`).
    public struct Report: Sendable, Hashable, Codable {
        /// The old contract's version.
        public var oldVersion: String?
        /// The new contract's version.
        public var newVersion: String?
        /// The bump the changes need.
        public var requiredBump: Bump
        /// The bump the versions show, nil when the versions are not comparable.
        public var actualBump: Bump?
        /// True when the new version number fits the changes.
        public var accepted: Bool
        /// Why it is rejected.
        public var reasons: [String]
        /// Number of breaking changes.
        public var breakingCount: Int
        /// Every change.
        public var changes: [ContractChange]
    }

    /// The serialisable report.
    public var report: Report {
        Report(oldVersion: old.version, newVersion: new.version, requiredBump: requiredBump, actualBump: actualBump,
               accepted: isAccepted, reasons: rejectionReasons, breakingCount: breakingChanges.count, changes: changes)
    }

    /// The report as pretty-printed JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    /// A report a person can read: one line per change, breaking ones first, then the verdict.
    public func text() -> String {
        let product = new.productID ?? new.id ?? "contract"
        var lines = ["\(product): \(old.version ?? "?") → \(new.version ?? "?")"]
        if changes.isEmpty { lines.append("  no changes") }
        let breaking = changes.filter { $0.impact == .breaking }, compatible = changes.filter { $0.impact == .nonBreaking }
        if !breaking.isEmpty {
            lines.append("Breaking changes (\(breaking.count)):")
            lines += breaking.map { "  ✗ \($0.message)  [\($0.kind) at \($0.path)]" }
        }
        if !compatible.isEmpty {
            lines.append("Compatible changes (\(compatible.count)):")
            lines += compatible.map { "  ✓ \($0.message)  [\($0.kind) at \($0.path)]" }
        }
        lines.append("Needs at least a \(requiredBump.rawValue) version bump; got \(actualBump?.rawValue ?? "no valid bump").")
        if isAccepted {
            lines.append("Verdict: accepted")
        } else {
            lines.append("Verdict: rejected")
            lines += rejectionReasons.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
