import Columnar
import Foundation
import Parquet

/// Decides from partition values whether rows can match a predicate: per data file (its
/// partition tuple) or per manifest (the manifest list's partition summaries), so whole
/// manifests are skipped without being read.
///
/// Equality and `IN` work through every transform (the value is transformed and compared);
/// range comparisons through the order-preserving ones (identity, truncate, year, month, day,
/// hour), never through bucket.
struct PartitionPruning {
    let schema: IcebergSchema
    let spec: PartitionSpec

    /// What is known of one partition field's values.
    struct Range {
        var lower: Literal?
        var upper: Literal?
        var containsNull: Bool
    }

    /// The ranges of a data file's partition tuple.
    static func ranges(of file: DataFile) -> [Range?] {
        file.partition.map { Range(lower: $0, upper: $0, containsNull: $0 == nil) }
    }

    /// The ranges a manifest's partition summaries give, or `nil` entries where unknown.
    func ranges(of manifest: ManifestFile) -> [Range?] {
        guard let summaries = manifest.partitions, let type = try? spec.partitionType(schema: schema) else { return [] }
        return zip(type.fields, summaries).map { field, s in
            Range(lower: s.lowerBound.flatMap { try? Literal(binary: $0, type: field.type) },
                  upper: s.upperBound.flatMap { try? Literal(binary: $0, type: field.type) }, containsNull: s.containsNull)
        }
    }

    /// False only when the partition ranges prove that no row matches.
    func mightMatch(_ predicate: FilterPredicate, _ ranges: [Range?]) -> Bool {
        func fields(_ column: String) -> [(PartitionField, Range, IcebergType)] {
            guard let source = schema.fields.first(where: { $0.name == column }) else { return [] }
            return spec.fields.enumerated().compactMap { i, f in
                guard f.sourceID == source.id, i < ranges.count, let r = ranges[i] else { return nil }
                return (f, r, source.type)
            }
        }
        func monotone(_ t: Transform) -> Bool {
            switch t {
            case .identity, .truncate, .year, .month, .day, .hour: true
            default: false
            }
        }
        func check(_ column: String, _ value: Value, _ test: (Transform, Range, Literal) -> Bool) -> Bool {
            for (f, r, type) in fields(column) {
                guard let lit = Literal(value, type: type), let t = try? f.transform.apply(lit) else { continue }
                if !test(f.transform, r, t) { return false }
            }
            return true
        }
        func above(_ a: Literal?, _ b: Literal) -> Bool { a.map { Literal.compare($0, b) == .orderedDescending } ?? false }
        func below(_ a: Literal?, _ b: Literal) -> Bool { a.map { Literal.compare($0, b) == .orderedAscending } ?? false }
        switch predicate {
        case .equal(let c, let v):
            return check(c, v) { _, r, t in !(above(r.lower, t) || below(r.upper, t)) && !(r.lower == nil && r.upper == nil && r.containsNull) }
        case .lessThan(let c, let v), .lessThanOrEqual(let c, let v):
            return check(c, v) { tr, r, t in !monotone(tr) || !above(r.lower, t) }
        case .greaterThan(let c, let v), .greaterThanOrEqual(let c, let v):
            return check(c, v) { tr, r, t in !monotone(tr) || !below(r.upper, t) }
        case .between(let c, let lo, let hi):
            return mightMatch(.greaterThanOrEqual(c, lo), ranges) && mightMatch(.lessThanOrEqual(c, hi), ranges)
        case .isIn(let c, let values):
            return values.contains { mightMatch(.equal(c, $0), ranges) }
        case .isNull(let c):
            return fields(c).allSatisfy { f, r, _ in f.transform == .void || r.containsNull }
        case .isNotNull(let c):
            return fields(c).allSatisfy { f, r, _ in f.transform == .void || !(r.lower == nil && r.upper == nil && r.containsNull) }
        case .and(let a, let b):
            return mightMatch(a, ranges) && mightMatch(b, ranges)
        case .or(let a, let b):
            return mightMatch(a, ranges) || mightMatch(b, ranges)
        case .not, .notEqual:
            return true
        }
    }
}
