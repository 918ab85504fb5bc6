/// The comparison of two versions of a contract: every change, classified as breaking or
/// not, and the verdict on the new version number.
///
/// Breaking: a table or column removed or renamed, a type narrowed, a column became
/// required, a constraint or quality rule tightened, a classification or glossary term
/// changed, allowed purposes narrowed, an SLA weakened, the product identity changed.
/// Compatible: additions of optional columns and tables, widened types, loosened
/// constraints, documentation, tightened SLAs, metadata.
///
/// A breaking change needs a major version bump (for `0.y.z`, a minor bump, as semantic
/// versioning allows anything to change before 1.0.0).
public struct ContractDiff: Sendable {
    /// The version bump a set of changes needs, or a pair of versions shows.
    public enum Bump: String, Sendable, Hashable, Codable, Comparable {
        /// Same version.
        case none
        /// Patch bump.
        case patch
        /// Minor bump.
        case minor
        /// Major bump.
        case major

        private var rank: Int { [.none: 0, .patch: 1, .minor: 2, .major: 3][self]! }
        public static func < (a: Bump, b: Bump) -> Bool { a.rank < b.rank }
    }

    /// The older contract.
    public let old: DataContract
    /// The newer contract.
    public let new: DataContract
    /// Every change found, in document order.
    public let changes: [ContractChange]

    /// Compares two versions of a contract.
    public init(old: DataContract, new: DataContract) {
        self.old = old
        self.new = new
        var collector = ChangeCollector()
        collector.compareIdentity(old, new)
        collector.compareTables(old, new)
        collector.compareServiceLevels(old, new)
        collector.compareMetadata(old, new)
        changes = collector.changes
    }

    /// The breaking changes.
    public var breakingChanges: [ContractChange] { changes.filter { $0.impact == .breaking } }

    /// True when any change is breaking.
    public var isBreaking: Bool { changes.contains { $0.impact == .breaking } }

    /// The smallest bump the changes need.
    public var requiredBump: Bump {
        if isBreaking {
            if let v = old.semanticVersion, v.major == 0 { return .minor }
            return .major
        }
        return changes.isEmpty ? .none : .patch
    }

    /// The bump from the old version to the new one, nil when either is not a semantic
    /// version or the version went down.
    public var actualBump: Bump? {
        guard let a = old.semanticVersion, let b = new.semanticVersion, a <= b else { return nil }
        if b.major != a.major { return .major }
        if b.minor != a.minor { return .minor }
        if b.patch != a.patch || b.prerelease != a.prerelease { return .patch }
        return Bump.none
    }

    /// Why the new version is rejected; empty when it is accepted.
    public var rejectionReasons: [String] {
        var reasons: [String] = []
        guard let a = old.semanticVersion else {
            return ["the old version '\(old.version ?? "")' is not a semantic version"]
        }
        guard let b = new.semanticVersion else {
            return ["the new version '\(new.version ?? "")' is not a semantic version"]
        }
        if b < a {
            return ["the version went down from \(a) to \(b)"]
        }
        let bump = actualBump ?? Bump.none
        if isBreaking, bump < requiredBump {
            let need = requiredBump == .major ? "\(a.major + 1).0.0" : "\(a.major).\(a.minor + 1).0"
            reasons.append("\(breakingChanges.count) breaking change(s) need a \(requiredBump.rawValue) version bump (to \(need) or later), but the version went from \(a) to \(b)")
        }
        if !changes.isEmpty, bump == Bump.none {
            reasons.append("the contract changed but its version stayed \(a)")
        }
        return reasons
    }

    /// True when the new version number fits the changes.
    public var isAccepted: Bool { rejectionReasons.isEmpty }
}
